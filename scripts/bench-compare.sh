#!/usr/bin/env bash
# Before/after figures from one command: builds an older commit of this repo in
# a temporary worktree (default: the commit where the current performance work
# started) and runs `npx projen bench` with BENCH_BEFORE pointing at it, so the
# older build is timed in the same interleaved rounds as the current one.
#
#   npx projen bench:compare [ref]      (or: bash scripts/bench-compare.sh [ref])
set -euo pipefail
ref="${1:-c225af4}"
root="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$root" rev-parse --verify --quiet "$ref^{commit}")" || { echo "bench:compare: no commit '$ref' in this repository" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/kruise-bench-before-XXXXXX")"
before="$work/$(git -C "$root" rev-parse --short "$commit")"
cleanup() { git -C "$root" worktree remove --force "$before" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add --detach --quiet "$before" "$commit"
# The same dependencies (hard links: no download, no copy). The older commit's own lockfile
# may differ only in tools it does not use at run time.
cp -al "$root/node_modules" "$before/node_modules"
# The older build needs ../shared beside it exactly as this clone has it (reference data for its build steps).
if [ -e "$root/../shared" ] && [ ! -e "$work/shared" ]; then ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"; fi
echo "bench:compare: building $ref ($commit) in $before"
(cd "$before" && JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=1 npx projen compile >/dev/null)
cd "$root"
BENCH_BEFORE="$before" BENCH_BEFORE_REF="$ref" npx projen bench
