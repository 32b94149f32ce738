/**
 * The projen tasks quiet jsii's Node end-of-life banner with the variable
 * jsii reads (`JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION`, a list of
 * Node majors), for the Node this runs on.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('jsii under the tasks environment prints no end-of-life banner', () => {
  const env = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).env as { [k: string]: string };
  expect(env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION).toBeDefined();
  const clean = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('JSII_SILENCE')) delete clean[k];
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--version'], {
    encoding: 'utf8',
    env: { ...clean, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION },
  });
  expect(r.status).toBe(0);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/end-of-life/);
});
