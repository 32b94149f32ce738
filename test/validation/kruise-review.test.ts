import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as kruiseApps from '../../src/imports/apps.kruise.io';
import { ExistingKruise } from '../../src/install/existing';
import { KruiseReview } from '../../src/validation/kruise-review';
import * as reviewModule from '../../src/validation/review';
import { FeatureGate } from '../../src/versions/feature-gates';
import { CloneSet } from '../../src/workloads/clone-set';

/** Synthesizes the app of `chart` and returns the error, or '' when synth passes. */
function synthError(app: App): string {
  try {
    app.synthYaml();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

function cloneSetJson(extra: any = {}): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata: { name: 'raw', namespace: 'shop', ...(extra.metadata ?? {}) },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'raw' } },
      template: { metadata: { labels: { app: 'raw' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
      ...(extra.spec ?? {}),
    },
  };
}

describe('KruiseReview: every Kruise object is reviewed at synth', () => {
  test('a plain ApiObject with a field the CRD does not know fails synth naming the object, field and rule', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    new ApiObject(chart, 'raw', cloneSetJson({ spec: { replicaz: 3 } }));
    const error = synthError(app);
    expect(error).toContain('[c/raw] CloneSet shop/raw: spec.replicaz: unknown field "replicaz" would be dropped by the API server');
    expect(error).toContain('[schema/pruned]');
  });

  test('an app without any library construct and without KruiseReview.of() is not reviewed', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'raw', cloneSetJson({ spec: { replicaz: 3 } }));
    expect(synthError(app)).toBe('');
  });

  test('a JSON patch on an L2 that breaks the schema fails synth (the review reads the patched object)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const cs = new CloneSet(chart, 'web', { containers: [{ image: 'nginx:1.25' }], metadata: { name: 'web' } });
    ApiObject.of(cs).addJsonPatch(JsonPatch.add('/spec/replicas', 'three'));
    const error = synthError(app);
    expect(error).toMatch(/\[c\/web\/Resource\] CloneSet web: spec.replicas: must be of type integer, got "three" \[schema\/invalid\]/);
  });

  test('an L1 class object is reviewed when the app holds a library construct', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExistingKruise(chart, 'kruise');
    new kruiseApps.CloneSet(chart, 'l1', {
      metadata: { name: 'l1' },
      spec: {
        selector: { matchLabels: { app: 'l1' } },
        template: { metadata: { labels: { app: 'l1' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
        updateStrategy: { type: 'Sometimes' as any },
      },
    });
    expect(synthError(app)).toMatch(/\[c\/l1\] CloneSet l1: spec.updateStrategy.type: .*"Sometimes".* \[CloneSet\/update-strategy-type\]/);
  });

  test('an Included YAML file with a violation fails synth', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-'));
    const file = path.join(dir, 'cs.yaml');
    fs.writeFileSync(file, JSON.stringify(cloneSetJson({ spec: { updateStrategy: { type: 'Bogus' } } })));
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(chart);
    new Include(chart, 'inc', { url: file });
    expect(synthError(app)).toMatch(/\[c\/inc\/raw-cloneset-shop\] CloneSet shop\/raw: spec.updateStrategy.type: .*"Bogus".* \[CloneSet\/update-strategy-type\]/);
  });

  test('a raw annotation that needs a gate that is off fails synth, naming the install and how to turn the gate on', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExistingKruise(chart, 'kruise');
    new ApiObject(chart, 'raw', cloneSetJson({ metadata: { annotations: { 'apps.kruise.io/image-predownload-parallelism': '5' } } }));
    const error = synthError(app);
    expect(error).toContain('[c/raw] CloneSet shop/raw: metadata.annotations.apps.kruise.io/image-predownload-parallelism: image pre-download needs the feature gate '
      + 'PreDownloadImageForInPlaceUpdate, which is off in the Kruise install at c/kruise (apps.kruise.io/image-predownload-parallelism is "5") [gates/image-predownload]; '
      + 'add FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()');
  });

  test('the same annotation passes with the gate on', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExistingKruise(chart, 'kruise', { featureGates: [FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()] });
    new ApiObject(chart, 'raw', cloneSetJson({ metadata: { annotations: { 'apps.kruise.io/image-predownload-parallelism': '5' } } }));
    expect(synthError(app)).toBe('');
  });

  test('a raw sidecar-terminator env var on a core Job fails synth when SidecarTerminator is off', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExistingKruise(chart, 'kruise');
    const job = new kplus.Job(chart, 'job', { containers: [{ image: 'main:1' }] });
    job.addContainer({ name: 'proxy', image: 'envoy:1', envVariables: { KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT: kplus.EnvValue.fromValue('true') } });
    expect(synthError(app)).toMatch(/\[c\/job\/Resource\] Job c-job-c8[0-9a-f]+: spec.template.spec.containers\[1\].env\[0\]: the job sidecar terminator needs the feature gate SidecarTerminator, which is off in the Kruise install at c\/kruise \(KRUISE_TERMINATE_SIDECAR_WHEN_JOB_EXIT is "true"\) \[gates\/sidecar-terminator\]/);
  });

  test('Testing.synth runs the review too', () => {
    const chart = Testing.chart();
    KruiseReview.of(chart);
    new ApiObject(chart, 'raw', cloneSetJson({ spec: { replicaz: 3 } }));
    expect(() => Testing.synth(chart)).toThrow(/spec.replicaz/);
  });

  test('findings lists what the last review found', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const review = KruiseReview.of(app);
    new ApiObject(chart, 'raw', cloneSetJson({ spec: { replicaz: 3 } }));
    synthError(app);
    expect(review.findings).toEqual([expect.objectContaining({
      constructPath: 'c/raw', kind: 'CloneSet', namespace: 'shop', name: 'raw', path: 'spec.replicaz', rule: 'schema/pruned', severity: 'error',
    })]);
  });
});

describe('KruiseReview: which install governs an object', () => {
  /** A CloneSet with a raw pre-download annotation: it needs PreDownloadImageForInPlaceUpdate in the governing install. */
  const gated = (scope: Chart, id: string) => new ApiObject(scope, id, cloneSetJson({ metadata: { name: id, annotations: { 'apps.kruise.io/image-predownload-parallelism': '2' } } }));
  const on = [FeatureGate.PRE_DOWNLOAD_IMAGE_FOR_IN_PLACE_UPDATE.enable()];

  test('the install in the object\'s own chart governs it (fleet: one install per chart)', () => {
    const app = Testing.app();
    const east = new Chart(app, 'east');
    const west = new Chart(app, 'west');
    new ExistingKruise(east, 'kruise', { featureGates: on });
    new ExistingKruise(west, 'kruise');
    gated(east, 'a');
    gated(west, 'b');
    const error = synthError(app);
    expect(error).not.toContain('[east/a]');
    expect(error).toContain('[west/b] CloneSet shop/b: metadata.annotations.apps.kruise.io/image-predownload-parallelism: image pre-download needs the feature gate PreDownloadImageForInPlaceUpdate, which is off in the Kruise install at west/kruise');
  });

  test('with no install in the chart, the only install of the app governs', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const apps = new Chart(app, 'apps');
    new ExistingKruise(infra, 'kruise');
    gated(apps, 'a');
    expect(synthError(app)).toContain('[apps/a] CloneSet shop/a: metadata.annotations.apps.kruise.io/image-predownload-parallelism: image pre-download needs the feature gate PreDownloadImageForInPlaceUpdate, which is off in the Kruise install at infra/kruise');
  });

  test('several installs in other charts and none chosen: synth fails once per chart, saying how to choose', () => {
    const app = Testing.app();
    new ExistingKruise(new Chart(app, 'east'), 'kruise');
    new ExistingKruise(new Chart(app, 'west'), 'kruise');
    const apps = new Chart(app, 'apps');
    new ApiObject(apps, 'a', cloneSetJson({ metadata: { name: 'a' } }));
    new ApiObject(apps, 'b', cloneSetJson({ metadata: { name: 'b' } }));
    const error = synthError(app);
    expect(error.match(/review\/ambiguous-install/g)).toHaveLength(1);
    expect(error).toContain('[apps] several Kruise installs could govern the Kruise objects of apps (east/kruise, west/kruise) and none is declared in this chart [review/ambiguous-install]; '
      + 'choose one with KruiseReview.of(app).assignInstall(chart, install), or declare the install in this chart (Kruise.fromExisting() for one managed elsewhere)');
  });

  test('several installs in other charts: a core object without gated knobs needs no choice', () => {
    const app = Testing.app();
    new ExistingKruise(new Chart(app, 'east'), 'kruise');
    new ExistingKruise(new Chart(app, 'west'), 'kruise');
    new kplus.Deployment(new Chart(app, 'apps'), 'web', { containers: [{ image: 'nginx:1.25' }] });
    expect(synthError(app)).toBe('');
  });

  test('assignInstall chooses the install of a chart (or any construct below it)', () => {
    const app = Testing.app();
    const east = new ExistingKruise(new Chart(app, 'east'), 'kruise', { featureGates: on });
    new ExistingKruise(new Chart(app, 'west'), 'kruise');
    const apps = new Chart(app, 'apps');
    gated(apps, 'a');
    KruiseReview.of(app).assignInstall(apps, east);
    expect(synthError(app)).toBe('');
  });

  test('assignInstall refuses an install of another app', () => {
    const other = new ExistingKruise(new Chart(Testing.app(), 'c'), 'kruise');
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    expect(() => KruiseReview.of(app).assignInstall(chart, other)).toThrow(/^c: install "c\/kruise": this Kruise install belongs to another app; assign an install of the same app$/);
  });

  test('no install: objects are reviewed for the default version (1.7) and gate rules are skipped', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    gated(chart, 'a');
    expect(synthError(app)).toBe('');
    // ... while admission and schema still run:
    new ApiObject(chart, 'b', cloneSetJson({ metadata: { name: 'b' }, spec: { replicaz: 1 } }));
    expect(synthError(app)).toContain('[c/b] CloneSet shop/b: spec.replicaz');
  });
});

describe('KruiseReview: warnings', () => {
  const zeroParallelism = (chart: Chart) => new ApiObject(chart, 'bj', {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'BroadcastJob',
    metadata: { name: 'bj' },
    spec: { parallelism: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36' }] } } },
  });

  test('a warning is recorded as warning metadata on the object, once however often the app is synthesized, and synth passes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    const bj = zeroParallelism(chart);
    expect(synthError(app)).toBe('');
    expect(synthError(app)).toBe('');
    const warnings = bj.node.metadata.filter(m => m.type === 'warning').map(m => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^BroadcastJob bj: spec.parallelism: .*\[BroadcastJob\/parallelism\]/)]);
    expect(KruiseReview.of(app).findings).toEqual([expect.objectContaining({ constructPath: 'c/bj', rule: 'BroadcastJob/parallelism', severity: 'warning' })]);
  });

  test('failOnWarnings() makes warnings fail synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app).failOnWarnings();
    zeroParallelism(chart);
    expect(synthError(app)).toMatch(/\[c\/bj\] BroadcastJob bj: spec.parallelism: .*\[BroadcastJob\/parallelism\]/);
  });
});

describe('KruiseReview: each object is rendered once per synthesis', () => {
  /** Counts the renderings of `obj` (its class's toJson). */
  function countRenderings(obj: ApiObject): { count: number } {
    const counter = { count: 0 };
    const render = Object.getPrototypeOf(obj).toJson;
    Object.defineProperty(obj, 'toJson', {
      configurable: true,
      writable: true,
      value: function counted(this: ApiObject) { counter.count++; return render.call(this); },
    });
    return counter;
  }

  test('synthesis emits the rendering the review checked, and renders each reviewed object once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ExistingKruise(chart, 'kruise');
    const cs = new CloneSet(chart, 'web', { containers: [{ name: 'app', image: 'nginx:1.27' }] });
    const raw = new ApiObject(chart, 'raw', cloneSetJson());
    const fresh = [ApiObject.of(cs), raw].map(o => JSON.stringify(o.toJson()));
    // Our own counter sits on the instance: the review leaves such an object alone, so count through the prototype instead.
    const proto = Object.getPrototypeOf(raw);
    const render = proto.toJson;
    let renderings = 0;
    proto.toJson = function counted(this: ApiObject) { if (this === raw) renderings++; return render.call(this); };
    let synthesized: unknown[];
    try {
      synthesized = Testing.synth(chart); // one validation pass, then the rendering of each object
      expect(renderings).toBe(1);
    } finally {
      proto.toJson = render;
    }
    expect(synthesized.map(o => JSON.stringify(o))).toEqual(expect.arrayContaining(fresh));
    // After the synthesis, toJson renders afresh: a change shows.
    raw.metadata.addLabel('later', 'yes');
    expect(raw.toJson().metadata.labels).toEqual({ later: 'yes' });
  });

  test('an object with a toJson of its own on the instance is left alone', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    const raw = new ApiObject(chart, 'raw', cloneSetJson());
    const counter = countRenderings(raw);
    Testing.synth(chart);
    expect(counter.count).toBe(2); // the review's and the synthesis's
  });

  test('after a synthesis that fails in the review, toJson renders afresh (nothing was handed over)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    const raw = new ApiObject(chart, 'raw', cloneSetJson({ spec: { bogus: 1 } }));
    expect(synthError(app)).toMatch(/schema\/pruned/);
    raw.addJsonPatch(JsonPatch.remove('/spec/bogus'));
    expect(raw.toJson().spec.bogus).toBeUndefined();
    expect(synthError(app)).toBe('');
  });

  test('a rendering the synthesis did not take is dropped once the synthesis is over', async () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    const raw = new ApiObject(chart, 'raw', cloneSetJson());
    new ApiObject(chart, 'other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).node.addValidation({ validate: () => ['fails on its own'] });
    expect(synthError(app)).toMatch(/fails on its own/);
    await Promise.resolve();
    raw.metadata.addLabel('later', 'yes');
    expect(raw.toJson().metadata.labels).toEqual({ later: 'yes' });
  });
});

describe('KruiseReview: one review per synthesis', () => {
  test('synthYaml validates the app twice (once more per chart), and the objects are checked once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    new ApiObject(chart, 'raw', cloneSetJson());
    const spy = jest.spyOn(reviewModule, 'reviewObjects');
    try {
      app.synthYaml();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  test('within one synthYaml, each reviewed object is rendered once (two charts: three validations), and emitted as reviewed', () => {
    const app = Testing.app();
    const c1 = new Chart(app, 'c1');
    const c2 = new Chart(app, 'c2');
    KruiseReview.of(app);
    const a = new ApiObject(c1, 'a', cloneSetJson());
    const b = new ApiObject(c2, 'b', cloneSetJson({ metadata: { name: 'b', namespace: 'shop' } }));
    const expected = app.synthYaml();
    const proto = Object.getPrototypeOf(a);
    const render = proto.toJson;
    const renderings = new Map<ApiObject, number>();
    proto.toJson = function counted(this: ApiObject) { renderings.set(this, (renderings.get(this) ?? 0) + 1); return render.call(this); };
    try {
      expect(app.synthYaml()).toBe(expected);
      expect([renderings.get(a), renderings.get(b)]).toEqual([1, 1]);
    } finally {
      proto.toJson = render;
    }
    // The next synthesis reviews afresh: a change made in between is checked.
    b.addJsonPatch(JsonPatch.add('/spec/bogus', 1));
    expect(synthError(app)).toMatch(/\[c2\/b\] CloneSet shop\/b: spec.bogus: .*\[schema\/pruned\]/);
  });

  test('an object that changes between two syntheses is checked again', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    KruiseReview.of(app);
    const raw = new ApiObject(chart, 'raw', cloneSetJson());
    expect(synthError(app)).toBe('');
    raw.addJsonPatch(JsonPatch.add('/spec/bogus', 1));
    expect(synthError(app)).toMatch(/\[c\/raw\] CloneSet shop\/raw: spec.bogus: .*\[schema\/pruned\]/);
    raw.addJsonPatch(JsonPatch.remove('/spec/bogus'));
    expect(synthError(app)).toBe('');
  });
});
