import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies
import { IKustomization, Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1';
import { App, Duration, Testing, YamlOutputType } from 'cdk8s';
import { KruiseFluxLayout } from '../../src';

const folderApp = () => new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'flux-schema-')), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });

describe('KruiseFluxLayout Kustomizations against Flux\'s schema (@kubernetes-models/flux-cd)', () => {
  test.each([
    ['defaults', {}],
    ['custom source, namespace, interval and timeout', {
      sourceRef: { kind: 'OCIRepository', name: 'platform' },
      fluxNamespace: 'gitops',
      interval: Duration.minutes(5),
      timeout: Duration.minutes(2),
      namePrefix: 'prod-',
    }],
  ])('%s', (_name, extra) => {
    const layout = new KruiseFluxLayout(folderApp(), { path: './clusters/prod', ...(extra as any) });
    const ks = Testing.synth(layout.fluxChart);
    expect(ks).toHaveLength(3);
    for (const k of ks) {
      // Typed as Flux's own interface too: a field Flux does not know fails type-checking,
      // since the package's JSON schema allows unknown fields.
      const typed: IKustomization = k;
      expect(() => new Kustomization(typed).validate()).not.toThrow();
    }
  });

  test('the schema check is not a no-op', () => {
    expect(() => new Kustomization({ metadata: { name: 'x' }, spec: { interval: '10m', prune: 'yes' as any, sourceRef: { kind: 'GitRepository', name: 's' } } } as any).validate()).toThrow();
  });
});
