import { LazyDocs } from './docs/docs';
import { Schema } from './schema';

/**
 * The shape of one Kruise kind in the API model: everything KruiseCrds needs
 * to write its CustomResourceDefinition. Internal (plain data, not jsii).
 */
export interface KindModel {
  /** API group, e.g. `apps.kruise.io`. */
  readonly group: string;
  /** Kind, e.g. `CloneSet`. */
  readonly kind: string;
  /** List kind; `<kind>List` when absent. */
  readonly listKind?: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames?: string[];
  readonly categories?: string[];
  readonly scope: 'Namespaced' | 'Cluster';
  /** In the order upstream lists them. */
  readonly versions: VersionModel[];
  /**
   * Served by kruise-manager's CRD conversion webhook (only the StatefulSet CRD).
   * KruiseCrds points it at the webhook Service of the install.
   */
  readonly conversionWebhook?: boolean;
  /** Shipped by chart 1.7.5 (EphemeralJob is not). */
  readonly inChart: boolean;
  /**
   * Field descriptions, applied onto each version's schema when the CRD is
   * built (see src/api/docs/docs.ts for the mechanism); made on first use.
   */
  readonly docs?: LazyDocs;
}

/** One version of a kind. */
export interface VersionModel {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  /** The openAPIV3Schema. */
  readonly schema: Schema;
  /** `subresources.status`. */
  readonly statusSubresource?: boolean;
  /** `subresources.scale`. */
  readonly scale?: ScaleModel;
  readonly printerColumns?: PrinterColumn[];
}

/** The scale subresource's paths. */
export interface ScaleModel {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

/** An additionalPrinterColumns entry. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
  readonly format?: string;
}

/** The AGE column every kind prints, pointing at metadata.creationTimestamp. */
export function ageColumn(): PrinterColumn {
  return { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since the object was created.' };
}

/** The CONTAINERS and IMAGES columns (wide output) of the kinds with a pod template at `.spec.template`. */
export function templateContainerColumns(): PrinterColumn[] {
  return [
    { name: 'CONTAINERS', type: 'string', jsonPath: '.spec.template.spec.containers[*].name', priority: 1, description: 'Container names of the template.' },
    { name: 'IMAGES', type: 'string', jsonPath: '.spec.template.spec.containers[*].image', priority: 1, description: 'Container images of the template.' },
  ];
}
