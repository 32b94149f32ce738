/**
 * Text similarity for the field-docs check: Python difflib's
 * SequenceMatcher ratio (with its default autojunk heuristic), over text
 * normalised to lowercase words separated by single spaces.
 */

/** Lowercase; every run of whitespace or punctuation becomes one space; trimmed. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * difflib.SequenceMatcher(None, a, b).ratio(): 2*M/T, where M is the number of
 * characters in the matching blocks and T the total length of both strings.
 */
export function sequenceRatio(a: string, b: string): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  let matched = 0;
  for (const [, , size] of matchingBlocks(a, b)) matched += size;
  return (2 * matched) / total;
}

/** difflib's quick_ratio(): an upper bound of the ratio from character counts alone. */
export function quickRatio(a: string, b: string): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  const avail = new Map<string, number>();
  for (const c of b) avail.set(c, (avail.get(c) ?? 0) + 1);
  let matches = 0;
  for (const c of a) {
    const n = avail.get(c) ?? 0;
    if (n > 0) matches++;
    avail.set(c, n - 1);
  }
  return (2 * matches) / total;
}

/** Index of each character of `b`, minus the "popular" ones difflib's autojunk drops (b of 200+ characters). */
function indexB(b: string): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  for (let j = 0; j < b.length; j++) {
    const list = b2j.get(b[j]);
    if (list) list.push(j);
    else b2j.set(b[j], [j]);
  }
  if (b.length >= 200) {
    const ntest = Math.floor(b.length / 100) + 1;
    for (const [c, list] of [...b2j]) if (list.length > ntest) b2j.delete(c);
  }
  return b2j;
}

type Index = Map<string, number[]>;

function longestMatch(a: string, b: string, b2j: Index, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let besti = alo;
  let bestj = blo;
  let bestsize = 0;
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
    j2len = next;
  }
  // Popular characters are not junk: extend the match over them on both sides, as difflib does.
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
    besti--;
    bestj--;
    bestsize++;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
  return [besti, bestj, bestsize];
}

/** difflib's get_matching_blocks() without the final sentinel: [i, j, size] triples, sorted, adjacent ones merged. */
export function matchingBlocks(a: string, b: string): Array<[number, number, number]> {
  const b2j = indexB(b);
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  const blocks: Array<[number, number, number]> = [];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
    if (k > 0) {
      blocks.push([i, j, k]);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number, number]> = [];
  for (const blk of blocks) {
    const last = merged[merged.length - 1];
    if (last && last[0] + last[2] === blk[0] && last[1] + last[2] === blk[1]) last[2] += blk[2];
    else merged.push([...blk]);
  }
  return merged;
}

/** The similarity the field-docs check uses: the ratio of the normalised texts. */
export function similarity(ours: string, theirs: string): number {
  return sequenceRatio(normalise(ours), normalise(theirs));
}
