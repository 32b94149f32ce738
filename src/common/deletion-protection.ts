/**
 * Deletion protection of `policy.kruise.io/delete-protection`. Shared by the
 * pod knobs (`KruisePodKnobs.protectFromDeletion`) and the install
 * (`KruiseProps.deletionProtection`), so it lives below both.
 */
export enum DeletionProtection {
  /** The object cannot be deleted while the label is there. */
  ALWAYS = 'Always',
  /**
   * The object cannot be deleted while it still has dependants: a workload
   * with replicas > 0, a namespace with active pods, a CRD with custom
   * resources (CRDs need the `DeletionProtectionForCRDCascadingGate` gate).
   */
  CASCADING = 'Cascading',
}
