import { ApiObject, App, Chart, Duration, Names, YamlOutputType } from 'cdk8s';
import { goDuration } from '../base/go-duration';
import { at } from '../base/json';
import { isDns1123Label, isDns1123Subdomain, LABEL_RULE, SUBDOMAIN_RULE } from '../base/names';
import { Kruise } from '../install/kruise';
import { KruiseProps } from '../install/props';
import { invalid } from '../validation/errors';

/** The Flux source the Kustomizations read (`spec.sourceRef`). */
export interface FluxSourceReference {
  /**
   * Kind of the source.
   * @default 'GitRepository'
   */
  readonly kind?: string;
  /**
   * Name of the source.
   * @default 'flux-system' (the GitRepository `flux bootstrap` creates)
   */
  readonly name?: string;
  /**
   * Namespace of the source.
   * @default - the Kustomization's namespace
   */
  readonly namespace?: string;
}

/** Properties of {@link KruiseFluxLayout}. */
export interface KruiseFluxLayoutProps {
  /**
   * The path in the Git repository of the App's output directory (`outdir`), e.g.
   * `./dist/flux`. Each unit's Kustomization reads `<path>/<chart folder>`.
   */
  readonly path: string;

  /**
   * The Kruise install. `crdsScope` is set by the layout.
   * @default - the chart's defaults
   */
  readonly kruise?: KruiseProps;

  /**
   * Prefix of the chart ids (so the folder names) and of the Kustomization names:
   * `<prefix>crds`, `<prefix>operator`, `<prefix>workloads`, `<prefix>flux`.
   * @default 'kruise-'
   */
  readonly namePrefix?: string;

  /**
   * Add the `workloads` unit (a Chart for the app's Kruise workloads, and its
   * Kustomization after the operator's).
   * @default true
   */
  readonly workloads?: boolean;

  /**
   * The source the Kustomizations read.
   * @default - GitRepository flux-system
   */
  readonly sourceRef?: FluxSourceReference;

  /**
   * Namespace of the Kustomizations.
   * @default 'flux-system'
   */
  readonly fluxNamespace?: string;

  /**
   * How often Flux reconciles each unit (`spec.interval`).
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;

  /**
   * How long Flux waits for a unit to become healthy (`spec.timeout`); with
   * `wait: true` a unit is Ready only when all its objects are (the operator's
   * Deployment available, the daemon on every node), and the next unit waits for it.
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
}

/**
 * Splits a Kruise install into units that a chain of Flux Kustomizations applies
 * in order, each in its own Chart (so in its own folder of the synth output):
 *
 * 1. `crds`: the Kruise CRDs, `prune: false` and each CRD annotated
 *    `kustomize.toolkit.fluxcd.io/prune: disabled` (Flux never deletes them);
 * 2. `operator`: namespaces, RBAC, webhooks, kruise-manager, kruise-daemon; `dependsOn` crds;
 * 3. `workloads` (optional): a Chart for the app's Kruise workloads; `dependsOn` operator;
 * 4. `flux`: the three `kustomize.toolkit.fluxcd.io/v1` Kustomizations. Point your
 *    cluster's Flux entry (e.g. the Kustomization `flux bootstrap` made) at its folder.
 *
 * Flux needs one directory per Kustomization, so the App must write a folder per
 * chart: `new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE })`.
 * Every unit waits (`wait: true`) until its objects are healthy before the next
 * one starts.
 *
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
export class KruiseFluxLayout {
  /** Annotation that excludes an object from Flux's garbage collection. */
  public static readonly PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';

  /** The Chart with the CRDs. */
  public readonly crdsChart: Chart;
  /** The Chart with the operator. */
  public readonly operatorChart: Chart;
  /**
   * The Chart for the app's Kruise workloads.
   * @default - undefined when workloads is false
   */
  public readonly workloadsChart?: Chart;
  /** The Chart with the Flux Kustomizations. */
  public readonly fluxChart: Chart;
  /** The Kruise install (in the operator Chart; its CRDs in the crds Chart). */
  public readonly kruise: Kruise;
  /** The Kustomization objects, in dependency order. */
  public readonly kustomizations: ApiObject[];

  /**
   * @param app the App (written with YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE)
   */
  public constructor(app: App, props: KruiseFluxLayoutProps) {
    const where = 'KruiseFluxLayout';
    if (!(app instanceof App)) {
      throw invalid(where, 'app', at(app, 'node', 'path'), 'not a cdk8s App', 'pass the App: the units must be top-level charts');
    }
    if (app.yamlOutputType !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
      throw invalid(where, 'app.yamlOutputType', YamlOutputType[app.yamlOutputType], 'Flux reads each Kustomization from its own directory, so every unit needs its own folder', 'create the App with yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE');
    }
    const prefix = props.namePrefix ?? 'kruise-';
    if (!isDns1123Label(`${prefix}operator`) || !/^[a-z0-9]/.test(prefix + 'x')) {
      throw invalid(where, 'namePrefix', prefix, 'does not make valid names', `${LABEL_RULE} (the prefix is followed by 'operator' and the like), e.g. 'kruise-'`);
    }
    const path = props.path;
    if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.split('/').includes('..')) {
      throw invalid(where, 'path', path, 'not a path inside the repository', "give the repository path of the App's outdir, e.g. './dist/flux'");
    }
    if (props.kruise?.crdsScope) {
      throw invalid(where, 'kruise.crdsScope', props.kruise.crdsScope.node.path, 'the layout places the CRDs itself', 'drop crdsScope');
    }
    if (props.kruise?.manageCrds === false) {
      throw invalid(where, 'kruise.manageCrds', false, 'the layout has a CRD unit, so the CRDs must be emitted', 'drop manageCrds: false, or do not use KruiseFluxLayout');
    }
    const fluxNamespace = props.fluxNamespace ?? 'flux-system';
    if (!isDns1123Label(fluxNamespace)) throw invalid(where, 'fluxNamespace', fluxNamespace, 'not a namespace name', `${LABEL_RULE}, e.g. 'flux-system'`);
    const source = props.sourceRef ?? {};
    const sourceName = source.name ?? 'flux-system';
    if (!isDns1123Subdomain(sourceName)) throw invalid(where, 'sourceRef.name', sourceName, 'not a source name', `${SUBDOMAIN_RULE}, e.g. 'flux-system'`);
    const sourceKind = source.kind ?? 'GitRepository';
    if (!['GitRepository', 'OCIRepository', 'Bucket'].includes(sourceKind)) {
      throw invalid(where, 'sourceRef.kind', sourceKind, 'not a Flux source kind', 'use GitRepository, OCIRepository or Bucket');
    }
    if (source.namespace !== undefined && !isDns1123Label(source.namespace)) {
      throw invalid(where, 'sourceRef.namespace', source.namespace, 'not a namespace name', `${LABEL_RULE}, e.g. 'flux-system'`);
    }
    const interval = fluxDuration(where, 'interval', props.interval ?? Duration.minutes(10));
    const timeout = fluxDuration(where, 'timeout', props.timeout ?? Duration.minutes(5));

    this.crdsChart = new Chart(app, `${prefix}crds`);
    this.operatorChart = new Chart(app, `${prefix}operator`);
    this.kruise = new Kruise(this.operatorChart, 'kruise', { ...props.kruise, crdsScope: this.crdsChart });
    for (const crd of this.kruise.crds!.crds) crd.metadata.addAnnotation(KruiseFluxLayout.PRUNE_ANNOTATION, 'disabled');
    if (props.workloads ?? true) this.workloadsChart = new Chart(app, `${prefix}workloads`);
    this.fluxChart = new Chart(app, `${prefix}flux`);

    const base = path.replace(/\/+$/, '');
    const units: Array<[Chart, boolean]> = [[this.crdsChart, false], [this.operatorChart, true]];
    if (this.workloadsChart) units.push([this.workloadsChart, true]);
    this.kustomizations = [];
    let previous: string | undefined;
    for (const [chart, prune] of units) {
      const name = chart.node.id;
      this.kustomizations.push(new ApiObject(this.fluxChart, name, {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name, namespace: fluxNamespace },
        spec: {
          dependsOn: previous ? [{ name: previous }] : undefined,
          interval,
          path: `${base}/${Names.toDnsLabel(chart)}`,
          prune,
          sourceRef: { kind: sourceKind, name: sourceName, namespace: source.namespace },
          timeout,
          wait: true,
        },
      }));
      previous = name;
    }
  }
}

function fluxDuration(where: string, prop: string, d: Duration): string {
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms / 1000) || ms < 1000) {
    throw invalid(where, prop, d.toHumanString(), 'not a whole number of seconds of at least 1s', 'use e.g. Duration.minutes(10)');
  }
  return goDuration(d);
}
