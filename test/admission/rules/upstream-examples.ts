/**
 * Upstream example objects of one kind (the 1.7 and 1.8 user-manual examples,
 * samples and release-note seeds in ../shared/reference), each with the other
 * objects of its file as peers, for "Kruise admits its own examples" tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { listReference, readYamlDocs } from '../../util/reference';

export interface UpstreamExample {
  readonly file: string;
  readonly version: string;
  readonly obj: any;
  readonly peers: any[];
}

/** Every upstream example of `kind`; `dir17` is the kruise-1.7 reference folder. */
export function upstreamExamples(dir17: string, kind: string): UpstreamExample[] {
  const out: UpstreamExample[] = [];
  for (const [version, dir] of [['1.7', dir17], ['1.8', path.join(path.dirname(dir17), 'kruise-1.8')]]) {
    if (!fs.existsSync(dir)) continue;
    const files = ['docs-examples', 'samples'].filter(s => fs.existsSync(path.join(dir, s))).flatMap(s => listReference(dir, s));
    const seed = path.join(dir, 'seed-examples.yaml');
    if (fs.existsSync(seed)) files.push(seed);
    for (const file of files) {
      const docs = readYamlDocs(file);
      for (const obj of docs) {
        if (obj?.kind === kind) out.push({ file: path.relative(path.dirname(dir17), file), version, obj, peers: docs });
      }
    }
  }
  return out;
}
