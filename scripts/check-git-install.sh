#!/usr/bin/env bash
# Installs this repository the way `npm install <git url>` does (from a commit,
# running `prepare`, which builds lib/), into a fresh app, then synthesizes the
# install plus a CloneSet and runs the kruise-synth bin. Takes a few minutes
# (npm installs the dev dependencies to build), so it is not part of `npm test`.
#
#   bash scripts/check-git-install.sh [commit]    (default: HEAD; the commit must be committed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$root" rev-parse --verify "${1:-HEAD}^{commit}")"
app="$(mktemp -d "${TMPDIR:-/tmp}/kruise-git-install-XXXXXX")"
trap 'rm -rf "$app"' EXIT
cd "$app"
npm init -y >/dev/null
npm install --no-audit --no-fund "git+file://$root#$commit" cdk8s constructs cdk8s-plus-28 >/dev/null
test -f node_modules/cdk8s-openkruise/lib/index.js || { echo "check-git-install: lib/ was not built by prepare" >&2; exit 1; }
cat > main.js <<'JS'
const { App, Chart } = require('cdk8s');
const { Kruise, CloneSet } = require('cdk8s-openkruise');
const app = new App({ outdir: 'dist' });
new Kruise(new Chart(app, 'kruise'), 'kruise');
new CloneSet(new Chart(app, 'apps'), 'web', { replicas: 2, containers: [{ name: 'web', image: 'nginx:1.25' }] });
app.synth();
JS
node main.js
test "$(ls dist)" = "$(printf '0000-kruise.k8s.yaml\n0001-apps.k8s.yaml')" || { echo "check-git-install: unexpected files: $(ls dist)" >&2; exit 1; }
./node_modules/.bin/kruise-synth --output install.yaml
grep -q 'kind: CustomResourceDefinition' install.yaml
echo "check-git-install: $commit installs from git, synthesizes, and its kruise-synth runs"
