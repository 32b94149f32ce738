import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Kruise, KruiseCrds } from '../../src';

const ROOT = path.join(__dirname, '..', '..');

/** Loads a second copy of a peer package (a copy of its folder, beside the real constructs). */
function secondCopy(pkg: 'cdk8s' | 'constructs'): any {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-copy-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'node_modules', pkg), path.join(dir, 'node_modules', pkg), { recursive: true });
  if (pkg === 'cdk8s') fs.symlinkSync(path.join(ROOT, 'node_modules', 'constructs'), path.join(dir, 'node_modules', 'constructs'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, 'node_modules', pkg));
}

describe('two copies of a peer are named plainly', () => {
  test('an app from another copy of cdk8s', () => {
    const other = secondCopy('cdk8s');
    const chart = new other.Chart(new other.App(), 'platform');
    expect(() => new Kruise(chart, 'kruise')).toThrow(/the app of platform comes from another copy of cdk8s than cdk8s-openkruise uses \(.*node_modules\/cdk8s\): two copies of cdk8s cannot work together; install cdk8s once \(run `npm ls cdk8s`/);
    expect(() => new KruiseCrds(chart, 'crds')).toThrow(/two copies of cdk8s/);
  });

  test('a scope from another copy of constructs', () => {
    const other = secondCopy('constructs');
    const root = new other.Construct(undefined, '');
    expect(() => new KruiseCrds(root, 'crds')).toThrow(/is a construct of another copy of the constructs package .*two copies of constructs cannot work together/);
  });

  test('one copy of each: no complaint', () => {
    const chart = new Chart(Testing.app(), 'platform');
    expect(chart).toBeInstanceOf(Construct);
    expect(() => new KruiseCrds(chart, 'crds')).not.toThrow();
  });
});
