/**
 * The shape of a Kruise version as data. The first version (1.7) is written in
 * full; every later one is a delta over the version before it: the API model
 * (fields added or changed, printer columns), the feature gates (added gates,
 * changed defaults and stages, extra forcing rules), the chart (changed value
 * defaults) and the install's RBAC. `registry.ts` folds the deltas into the
 * full data of each version.
 *
 * Internal: plain data, not part of the jsii API.
 */
import { KindDocs } from '../api/docs/docs';
import { PrinterColumn } from '../api/model';
import { Extra, Schema } from '../api/schema';

/** Maturity of a gate, as kruise_features.go says it. */
export type GateStage = 'ALPHA' | 'BETA';

/** A gate's default and stage in one version. */
export interface GateData {
  readonly default: boolean;
  readonly stage: GateStage;
}

/** Kruise's gate dependency rules (SetDefaultFeatureGates). */
export interface GateRules {
  /** Parent off forces these children off. */
  readonly forcedOffWhenDisabled: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Parent on forces these children on. */
  readonly forcedOnWhenEnabled: ReadonlyArray<readonly [string, readonly string[]]>;
}

/**
 * One change to a kind's schema, at a path of property names from the root
 * (`spec.topology.scheduleStrategy`); `[]` steps into array items
 * (`spec.reserveOrdinals[]`).
 */
export type SchemaChange =
  /** A new property; its parent must exist and must not have it yet. */
  | { readonly op: 'add'; readonly path: string; readonly schema: Schema }
  /** A property (or array item) whose whole schema is replaced. */
  | { readonly op: 'replace'; readonly path: string; readonly schema: Schema }
  /** Keywords (enum, default, description...) set on an existing schema. */
  | { readonly op: 'set'; readonly path: string; readonly keywords: Extra }
  /** A property that the version no longer has (also dropped from its parent's `required`). */
  | { readonly op: 'remove'; readonly path: string };

/** The changes to one CRD version of one kind. */
export interface KindVersionDelta {
  readonly kind: string;
  /** The CRD version name, e.g. `v1beta1`. */
  readonly version: string;
  readonly schema?: readonly SchemaChange[];
  /** Printer columns inserted at 0-based positions (applied in order). */
  readonly addPrinterColumns?: ReadonlyArray<{ readonly at: number; readonly column: PrinterColumn }>;
}

/** Changes to how a kind is served: versions, storage, conversion (none so far; 1.9 needs them). */
export interface KindServingDelta {
  readonly kind: string;
  /** A new CRD version, written as a copy of an existing one with schema changes. */
  readonly addVersion?: {
    readonly name: string;
    readonly from: string;
    readonly served: boolean;
    readonly storage: boolean;
    readonly schema?: readonly SchemaChange[];
  };
  /** The version stored in etcd (the others become non-storage). */
  readonly storageVersion?: string;
  /** Served by kruise-manager's conversion webhook. */
  readonly conversionWebhook?: boolean;
  /** Shipped by the version's chart (EphemeralJob joins the chart in 1.9). */
  readonly inChart?: boolean;
}

/** A role rule, as RBAC writes it. */
export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** A ClusterRole the install emits in full (name, labels, rules). */
export interface ClusterRoleData {
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
  readonly rules: readonly RbacRule[];
}

/** The install's RBAC additions of a version. */
export interface RbacDelta {
  /** ClusterRoles added after `kruise-certs-role`, in the chart's order. */
  readonly clusterRoles?: readonly ClusterRoleData[];
  /** Rules appended to `kruise-manager-role` while a gate is on. */
  readonly managerRulesWhenGate?: ReadonlyArray<{ readonly gate: string; readonly rules: readonly RbacRule[] }>;
}

/** What one version changes over the one before it. */
export interface VersionDelta {
  /** `major.minor`. */
  readonly version: string;
  /** The version this is a delta over. */
  readonly base: string;
  /** Chart and image. */
  readonly chartVersion: string;
  readonly imageTag: string;
  readonly model: {
    readonly fields: readonly KindVersionDelta[];
    readonly serving?: readonly KindServingDelta[];
    /**
     * Field descriptions new or changed in this version, per kind, laid over the
     * previous version's tables (src/api/docs; never a copy of them), made on
     * first use.
     */
    readonly docs?: { readonly [kind: string]: () => Partial<KindDocs> };
  };
  readonly gates: {
    readonly added?: { readonly [name: string]: GateData };
    readonly changed?: { readonly [name: string]: Partial<GateData> };
    readonly removed?: readonly string[];
    /** Children added to a parent's forced-off list. */
    readonly forcedOffWhenDisabled?: { readonly [parent: string]: readonly string[] };
    readonly forcedOnWhenEnabled?: { readonly [parent: string]: readonly string[] };
    /**
     * What a changed default means for an install that does not set the gate
     * (one sentence each, for the upgrade report and the synth warning).
     */
    readonly defaultChangeNotes?: { readonly [name: string]: string };
  };
  /** Chart values whose default changed, by dotted key. No key was added or removed in 1.8. */
  readonly chartValueDefaults?: { readonly [dottedKey: string]: unknown };
  readonly rbac?: RbacDelta;
}
