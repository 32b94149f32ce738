/**
 * The synthesis of an app with the direct YAML writer (src/validation/synth-yaml.ts):
 * what `app.synthYaml()` and `app.synth()` write is byte for byte cdk8s's.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CloneSet, Kruise, SidecarSet } from '../../src';
import { withDirectYaml } from '../../src/validation/synth-yaml';

describe('withDirectYaml: a synthesis writes what cdk8s writes', () => {
  function app(): App {
    const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'direct-yaml-')) });
    const chart = new Chart(a, 'c');
    new Kruise(chart, 'kruise');
    new CloneSet(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27', args: ['--port', '8080'] }] });
    new SidecarSet(chart, 'logs', { selector: kplus.LabelSelector.of({ labels: { app: 'web' } }), containers: [{ name: 'log', image: 'fluent-bit:3', command: ['sh', '-c', 'line one\nline two'] }] });
    new ApiObject(chart, 'odd', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd' }, data: { script: '#!/bin/sh\necho "hi"\n', yes: 'yes', empty: '' } });
    return a;
  }

  test('app.synthYaml(): byte for byte cdk8s', () => {
    const text = app().synthYaml();
    const reference = app();
    const docs = reference.node.children.flatMap(c => (c as Chart).toJson());
    expect(text).toBe(Yaml.stringify(...docs));
  });

  test('app.synth(): the files hold the same bytes', () => {
    const a = app();
    a.synth();
    const written = fs.readFileSync(path.join(a.outdir, 'c.k8s.yaml'), 'utf8');
    expect(written).toBe(app().synthYaml());
  });

  test('cdk8s\'s Yaml.stringify is back after a synthesis, and after one that throws', () => {
    const original = Yaml.stringify;
    app().synthYaml();
    expect(Yaml.stringify).toBe(original);
    expect(() => withDirectYaml(() => {
      expect(Yaml.stringify).not.toBe(original);
      throw new Error('boom');
    })).toThrow('boom');
    expect(Yaml.stringify).toBe(original);
  });

  test('a Yaml.stringify the app replaced itself is used for every document, not bypassed', () => {
    const original = Yaml.stringify;
    const calls: unknown[] = [];
    Yaml.stringify = (...docs: unknown[]) => {
      calls.push(...docs);
      return original.call(Yaml, ...docs);
    };
    try {
      const a = app();
      const text = a.synthYaml();
      expect(calls.length).toBe(a.node.children.flatMap(c => (c as Chart).toJson()).length);
      expect(text).toBe(original.call(Yaml, ...calls));
    } finally {
      Yaml.stringify = original;
    }
  });
});
