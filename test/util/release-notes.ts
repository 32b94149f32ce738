/**
 * The YAML examples of the Kruise 1.7 release notes (../shared/mission), read in place so
 * that the tests' literal copies of them are checked against the source.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The release notes file, or undefined when it is not beside the clone. */
export const RELEASE_NOTES: string | undefined = [
  process.env.KRUISE_RELEASE_NOTES,
  path.resolve(__dirname, '..', '..', '..', 'shared', 'mission', 'openkruise-1.7-release-notes.txt'),
].filter((p): p is string => !!p).find(p => fs.existsSync(p));

/**
 * The YAML documents of the example that starts with the line `firstLine` and runs to the
 * next blank line; undefined when the notes are absent.
 * @throws when the notes are there but the example is not
 */
export function releaseNotesExample(firstLine: string, secondLine: string): any[] | undefined {
  if (!RELEASE_NOTES) return undefined;
  const lines = fs.readFileSync(RELEASE_NOTES, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l, i) => l === firstLine && lines[i + 1] === secondLine);
  if (start < 0) throw new Error(`example '${firstLine} / ${secondLine}' not found in ${RELEASE_NOTES}`);
  let end = start;
  while (end < lines.length && lines[end].trim() !== '') end++;
  return parseAllDocuments(lines.slice(start, end).join('\n')).map(d => d.toJSON()).filter(d => d != null);
}
