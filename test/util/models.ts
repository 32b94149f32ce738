/**
 * Schema checks of emitted core objects, Argo CD Applications and
 * prometheus-operator ServiceMonitors against the `kubernetes-models` packages:
 *
 * - `new Model(obj).validate()` (the packages' JSON-schema validators: types,
 *   required fields, enums, formats);
 * - "nothing pruned": the validators ignore unknown fields (the OpenAPI schemas do
 *   not forbid them, the API server drops them), so every object is also
 *   type-checked as a fresh object literal against the package's TypeScript
 *   interface, generated from the same schema: the compiler reports every
 *   property the schema does not have, at any depth.
 */
import * as path from 'path';
import * as ts from 'typescript';

interface ModelRef {
  /** Module the model and interface come from. */
  readonly module: string;
  /** The class (validate) and interface (`I<class>`) name. */
  readonly name: string;
}

const MODELS: { [apiVersionKind: string]: ModelRef } = {
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', name: 'Namespace' },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1/ServiceAccount', name: 'ServiceAccount' },
  'v1/Secret': { module: 'kubernetes-models/v1/Secret', name: 'Secret' },
  'v1/Service': { module: 'kubernetes-models/v1/Service', name: 'Service' },
  'v1/ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', name: 'ConfigMap' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', name: 'Deployment' },
  'apps/v1/DaemonSet': { module: 'kubernetes-models/apps/v1/DaemonSet', name: 'DaemonSet' },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1/PodDisruptionBudget', name: 'PodDisruptionBudget' },
  'rbac.authorization.k8s.io/v1/ClusterRole': { module: 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole', name: 'ClusterRole' },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': { module: 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding', name: 'ClusterRoleBinding' },
  'rbac.authorization.k8s.io/v1/Role': { module: 'kubernetes-models/rbac.authorization.k8s.io/v1/Role', name: 'Role' },
  'rbac.authorization.k8s.io/v1/RoleBinding': { module: 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding', name: 'RoleBinding' },
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': { module: 'kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration', name: 'MutatingWebhookConfiguration' },
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': { module: 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', name: 'ValidatingWebhookConfiguration' },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': { module: 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition', name: 'CustomResourceDefinition' },
  'argoproj.io/v1alpha1/Application': { module: '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application', name: 'Application' },
  'monitoring.coreos.com/v1/ServiceMonitor': { module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor', name: 'ServiceMonitor' },
};

/** Whether the object's kind is covered here. */
export function hasModel(obj: any): boolean {
  return MODELS[`${obj.apiVersion}/${obj.kind}`] !== undefined;
}

/** The problems of one object per its package's validator (empty when valid). */
export function validatorProblems(obj: any): string[] {
  const ref = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!ref) return [`no model for ${obj.apiVersion}/${obj.kind}`];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = require(ref.module)[ref.name];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${obj.kind}/${obj.metadata?.name}: ${(e as Error).message}`];
  }
}

/**
 * The fields of the objects that their schema does not have (or types it rejects),
 * found by type-checking each object as an object literal against the package's
 * interface. One compilation for all objects. CRDs are checked down to their
 * `spec.versions[].schema` (an open `JSONSchemaProps` tree on both sides).
 */
export function prunedFields(objects: any[]): string[] {
  const lines: string[] = [];
  const imports = new Set<string>();
  const names: string[] = [];
  objects.forEach((obj, i) => {
    const ref = MODELS[`${obj.apiVersion}/${obj.kind}`];
    if (!ref) throw new Error(`no model for ${obj.apiVersion}/${obj.kind}`);
    imports.add(`import type { I${ref.name} } from '${ref.module}';`);
    // A null on an optional field is what the API server reads as absent (the
    // chart's roles carry `creationTimestamp: null`); the interfaces do not say so.
    lines.push(`export const o${i}: I${ref.name} = ${JSON.stringify(obj, (_k, v) => (v === null ? undefined : v), 1)};`);
    names.push(`${obj.kind}/${obj.metadata?.name}`);
  });
  const source = [...imports, ...lines].join('\n');
  const dir = path.resolve(__dirname, '..', '..');
  const file = path.join(dir, '__schema_check__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => (path.resolve(f) === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, onError));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = f => path.resolve(f) === file || fileExists(f);
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file)!;
  const out: string[] = [];
  for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
    const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const objIndex = lineOwner(source, line);
    out.push(`${objIndex >= 0 ? names[objIndex] : '?'}: ${text.split('\n')[0]}`);
  }
  return out;
}

/** The index of the `export const oN` declaration a line belongs to. */
function lineOwner(source: string, line: number): number {
  const all = source.split('\n');
  for (let l = line; l >= 0; l--) {
    const m = /^export const o(\d+):/.exec(all[l]);
    if (m) return Number(m[1]);
  }
  return -1;
}

/**
 * Every problem of the objects: validator errors and pruned fields. Objects of
 * kinds without a model are returned in `unchecked`.
 */
export function schemaCheck(objects: any[]): { problems: string[]; unchecked: string[] } {
  const checked = objects.filter(hasModel);
  const unchecked = objects.filter(o => !hasModel(o)).map(o => `${o.apiVersion}/${o.kind}/${o.metadata?.name}`);
  return { problems: [...checked.flatMap(validatorProblems), ...prunedFields(checked)], unchecked };
}
