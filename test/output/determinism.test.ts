/**
 * Determinism: the same input gives byte-identical YAML in other processes,
 * time zones and locales, and on every synthesis. The app (the install plus
 * L2 workloads, with non-ASCII values and keys that sort differently per
 * locale) is in synth-app.js and runs against the compiled library
 * (`npx tsc -p tsconfig.json` writes lib/).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const SCRIPT = path.join(__dirname, 'synth-app.js');
const LIB = path.join(__dirname, '..', '..', 'lib', 'index.js');

function run(env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  if (r.status !== 0) throw new Error(`synth-app.js failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

describe('the same app gives the same bytes', () => {
  beforeAll(() => {
    if (!fs.existsSync(LIB)) throw new Error(`${LIB} is missing; compile first: npx tsc -p tsconfig.json`);
  });

  test('across processes with different time zones and locales', () => {
    const utc = run({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const kolkata = run({ TZ: 'Asia/Kolkata', LANG: 'de_DE.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    const honolulu = run({ TZ: 'Pacific/Honolulu', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' });
    expect(utc.length).toBeGreaterThan(100_000);
    expect(utc).toContain('kind: CloneSet');
    expect(utc).toContain('timeZone: Europe/Istanbul');
    expect(kolkata).toBe(utc);
    expect(honolulu).toBe(utc);
  });

  test('on every synthesis in one process, and the same as in a child process', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { synth } = require('./synth-app.js');
    const first: string = synth();
    expect(synth()).toBe(first);
    expect(run({ TZ: 'Europe/Berlin', LANG: 'en_US.UTF-8' })).toBe(first);
  });
});
