import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');

describe('API.md', () => {
  const assembly = path.join(root, '.jsii');
  (fs.existsSync(assembly) ? test : test.skip)('is up to date with the public API (regenerate with `npx projen docgen`)', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api-md-')), 'API.md');
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'jsii-docgen', 'bin', 'jsii-docgen'), '-o', out], { cwd: root, stdio: 'ignore' });
    const fresh = fs.readFileSync(out, 'utf8');
    const committed = fs.readFileSync(path.join(root, 'API.md'), 'utf8');
    expect(committed === fresh).toBe(true);
  });

  test('documents the CRDs, the validator, the install and every L2 construct', () => {
    const api = fs.readFileSync(path.join(root, 'API.md'), 'utf8');
    for (const name of ['KruiseCrds', 'KruiseSchemaValidator', 'Kruise', 'KruiseManager', 'KruiseDaemon', 'KruiseImage', 'FeatureGate',
      'CloneSet', 'AdvancedStatefulSet', 'AdvancedDaemonSet', 'SidecarSet', 'BroadcastJob', 'AdvancedCronJob', 'UnitedDeployment',
      'WorkloadSpread', 'PodUnavailableBudget', 'ContainerRecreateRequest', 'ResourceDistribution', 'PodProbeMarker',
      'PersistentPodState', 'ImagePullJob', 'ImageListPullJob', 'EphemeralJob']) {
      expect({ name, documented: api.includes(`### ${name} <a name=`) }).toEqual({ name, documented: true });
    }
  });
});
