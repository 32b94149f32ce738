import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { at, isJsonObject, JsonObject } from '../base/json';
import { requireUnique } from '../common/value-checks';
import { invalid } from '../validation/errors';

/**
 * A PersistentVolumeClaim template of a CloneSet, Advanced StatefulSet or
 * UnitedDeployment (`spec.volumeClaimTemplates[]`): each pod gets its own claim.
 */
export interface VolumeClaimTemplateOptions {
  /** Requested storage (`spec.resources.requests.storage`). @default - none (the storage class decides) */
  readonly storage?: Size;
  /** Access modes. @default - none (the cluster's default) */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];
  /** Storage class. @default - the cluster's default storage class */
  readonly storageClassName?: string;
  /** Filesystem or block. @default - the cluster's default, Filesystem */
  readonly volumeMode?: kplus.PersistentVolumeMode;
}

/** A size as a Kubernetes quantity in the largest binary unit that keeps it whole (`20Gi`, `512Mi`). */
export function sizeToQuantity(size: Size): string {
  const units: Array<[string, (s: Size) => number]> = [
    ['Pi', s => s.toPebibytes({ rounding: SizeRoundingBehavior.NONE })],
    ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.NONE })],
    ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
    ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ];
  for (const [unit, convert] of units) {
    const v = convert(size);
    if (Number.isInteger(v) && v > 0) return `${v}${unit}`;
  }
  return `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}Ki`;
}

/**
 * The volume claim templates of one workload: the raw ones given as props and
 * the typed ones added with `addVolumeClaimTemplate()`. A typed template comes
 * with a cdk8s-plus `Volume` to mount in containers; the controller creates
 * the pod volume from the claim, so that volume is dropped from the rendered
 * pod spec.
 */
export class VolumeClaimTemplates {
  /** The typed templates by name; made by the first add() (most workloads have none). */
  private typed?: Map<string, VolumeClaimTemplateOptions>;

  public constructor(private readonly scope: Construct, private readonly field: string,
    private readonly raw: ReadonlyArray<{ [key: string]: unknown }> | undefined) {
    requireUnique(scope, field, (raw ?? []).map((t, i) => claimName(t) ?? `#${i}`), 'give each volume claim template its own metadata.name');
  }

  /** Adds a typed template; returns the volume to mount. */
  public add(name: string, options: VolumeClaimTemplateOptions): kplus.Volume {
    const rawNames = (this.raw ?? []).map(claimName);
    if (this.typed?.has(name) || rawNames.includes(name)) {
      throw invalid(this.scope, `${this.field}[].metadata.name`, name, 'a volume claim template with this name already exists', 'give each template its own name');
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      throw invalid(this.scope, `${this.field}[].metadata.name`, name, 'the name must be a DNS label (it names a pod volume)', 'use lower-case letters, digits and dashes, at most 63 characters');
    }
    (this.typed ??= new Map()).set(name, options);
    const claim = kplus.PersistentVolumeClaim.fromClaimName(this.scope, `VolumeClaimTemplate-${name}`, name);
    return kplus.Volume.fromPersistentVolumeClaim(this.scope, `VolumeClaimTemplateVolume-${name}`, claim, { name });
  }

  /** Whether there are templates. */
  public get isEmpty(): boolean {
    return (this.typed?.size ?? 0) === 0 && (this.raw ?? []).length === 0;
  }

  /** `volumeClaimTemplates` as the API takes it, or undefined when there are none. */
  public render(): JsonObject[] | undefined {
    if (this.isEmpty) return undefined;
    const typed = [...this.typed?.entries() ?? []].map(([name, o]) => ({
      metadata: { name },
      spec: {
        accessModes: o.accessModes && [...o.accessModes],
        storageClassName: o.storageClassName,
        volumeMode: o.volumeMode,
        resources: o.storage ? { requests: { storage: sizeToQuantity(o.storage) } } : undefined,
      },
    }));
    return [...(this.raw ?? []), ...typed];
  }

  /** Drops from a rendered pod spec the volumes that the typed templates provide. */
  public stripPodVolumes(podSpec: JsonObject): void {
    if (!Array.isArray(podSpec.volumes)) return;
    const volumes = podSpec.volumes.filter((v: unknown) => !(isJsonObject(v) && typeof v.name === 'string' && this.typed?.has(v.name) === true));
    if (volumes.length > 0) podSpec.volumes = volumes;
    else delete podSpec.volumes;
  }
}

/** The `metadata.name` of a raw claim template, when it is a string. */
function claimName(template: unknown): string | undefined {
  const name = at(template, 'metadata', 'name');
  return typeof name === 'string' ? name : undefined;
}
