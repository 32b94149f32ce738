/**
 * Access to ../shared/reference (upstream facts used by the conformance suite).
 * Tests read it in place; nothing from it is copied into the project.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The reference folder for Kruise 1.7, or undefined when it is not beside the clone. */
export const REFERENCE_DIR: string | undefined = (() => {
  const candidates = [
    process.env.KRUISE_REFERENCE_DIR,
    path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'kruise-1.7'),
  ].filter((p): p is string => !!p);
  return candidates.find(p => fs.existsSync(path.join(p, 'crds')));
})();

/** Why the conformance suite skips, when it does. */
export const SKIP_REASON = 'conformance skipped: ../shared/reference/kruise-1.7 not found beside the project (set KRUISE_REFERENCE_DIR to point at it)';

/** `describe` that runs only when the reference folder is there; says why it skipped otherwise. */
export function describeWithReference(name: string, fn: (dir: string) => void): void {
  if (REFERENCE_DIR) {
    describe(name, () => fn(REFERENCE_DIR!));
  } else {
    describe(name, () => {
      test.skip(SKIP_REASON, () => undefined);
    });
    // eslint-disable-next-line no-console
    console.warn(`${name}: ${SKIP_REASON}`);
  }
}

/** All YAML documents of a file (empty ones dropped). */
export function readYamlDocs(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON()).filter(d => d != null);
}

/** Files of a reference sub-folder, sorted. */
export function listReference(dir: string, sub: string): string[] {
  return fs.readdirSync(path.join(dir, sub)).filter(f => f.endsWith('.yaml')).sort().map(f => path.join(dir, sub, f));
}

/**
 * The reference folder of a Kruise line (`1.7`, `1.8`): `kruise-<line>` beside
 * the 1.7 folder (or KRUISE_REFERENCE_DIR's parent); undefined when absent.
 */
export function referenceDirFor(line: string): string | undefined {
  if (!REFERENCE_DIR) return undefined;
  const dir = path.join(path.dirname(REFERENCE_DIR), `kruise-${line}`);
  return fs.existsSync(path.join(dir, 'crds')) ? dir : undefined;
}

/** `describeWithReference` for the reference folder of a Kruise line. */
export function describeWithReferenceFor(line: string, name: string, fn: (dir: string) => void): void {
  const dir = referenceDirFor(line);
  if (dir) {
    describe(name, () => fn(dir));
  } else {
    describe(name, () => {
      test.skip(`conformance skipped: the reference folder kruise-${line} was not found beside ${REFERENCE_DIR ?? '../shared/reference'}`, () => undefined);
    });
  }
}
