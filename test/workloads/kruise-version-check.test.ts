import { App, Chart } from 'cdk8s';
import { AdvancedStatefulSet, ExistingKruise, KruiseVersion, VolumeClaimUpdateStrategy } from '../../src';
import { validationErrors } from '../util/l2';

/** An Advanced StatefulSet with a 1.8-only field in `chart`. */
function withNewField(chart: Chart): void {
  new AdvancedStatefulSet(chart, 'sts', { containers: [{ image: 'nginx' }], volumeClaimUpdateStrategy: VolumeClaimUpdateStrategy.onDelete() });
}

const versionErrors = (chart: Chart) => validationErrors(chart).filter(e => e.includes('needs Kruise'));

describe('the Kruise version a workload is checked against', () => {
  test('the only install of the app governs workloads of other charts', () => {
    const app = new App();
    new ExistingKruise(new Chart(app, 'infra'), 'kruise', { version: KruiseVersion.V1_8 });
    const apps = new Chart(app, 'apps');
    withNewField(apps);
    expect(versionErrors(apps)).toEqual([]);
  });

  test('an install in the workload\'s own chart wins over one elsewhere', () => {
    const app = new App();
    new ExistingKruise(new Chart(app, 'old'), 'kruise', { version: KruiseVersion.V1_7 });
    const apps = new Chart(app, 'apps');
    new ExistingKruise(apps, 'kruise', { version: KruiseVersion.V1_8 });
    withNewField(apps);
    expect(versionErrors(apps)).toEqual([]);

    const oldApp = new App();
    new ExistingKruise(new Chart(oldApp, 'new'), 'kruise', { version: KruiseVersion.V1_8 });
    const legacy = new Chart(oldApp, 'legacy');
    new ExistingKruise(legacy, 'kruise', { version: KruiseVersion.V1_7 });
    withNewField(legacy);
    expect(versionErrors(legacy)).toEqual([expect.stringContaining('legacy/sts: spec.volumeClaimUpdateStrategy {"type":"OnDelete"}: needs Kruise 1.8, but the install at legacy/kruise is Kruise 1.7')]);
  });

  test('with several installs in other charts none governs, and the default 1.7 applies', () => {
    const app = new App();
    new ExistingKruise(new Chart(app, 'a'), 'kruise', { version: KruiseVersion.V1_8 });
    new ExistingKruise(new Chart(app, 'b'), 'kruise', { version: KruiseVersion.V1_8 });
    const apps = new Chart(app, 'apps');
    withNewField(apps);
    expect(versionErrors(apps)).toEqual([expect.stringContaining('needs Kruise 1.8, but no Kruise install governs it, so the default Kruise 1.7 applies')]);
  });
});
