import * as path from 'path';
import { NodeImage } from '../../src/imports/apps.kruise.io';
import { missingFrom, newChart, synthValid } from '../util/l2';
import { describeWithReference, readYamlDocs } from '../util/reference';

// NodeImage has no L2 construct: kruise-manager creates one per node and kruise-daemon
// writes its status. The docs example is such a readout. Its metadata and spec are built
// with the typed L1 class; its status is written by the daemon, never declared.
describeWithReference('docs-examples/imagepulljob.yaml: the NodeImage', (ref) => {
  const example = readYamlDocs(path.join(ref, 'docs-examples', 'imagepulljob.yaml')).find(d => d.kind === 'NodeImage');

  test('metadata and spec are reproduced with the L1 NodeImage class', () => {
    const chart = newChart();
    new NodeImage(chart, 'node', {
      metadata: { name: 'node-xxx', labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux' } },
      spec: {},
    });
    const [emitted] = synthValid(chart);
    const { status, ...declared } = example;
    expect(Object.keys(status)).toEqual(['desired', 'failed', 'pulling', 'succeeded']);
    expect(missingFrom(emitted, declared)).toEqual([]);
  });
});
