// What an emitted object is to the GitOps constructs: the part of a Kruise
// install it belongs to (for sync waves and protection), whether it is a Kruise
// custom resource, its annotations. Not exported from index.ts.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { apiGroupOf } from '../base/names';
import { KruiseCrds } from '../crds/kruise-crds';
import { KruiseWebhookCertificate } from '../install/cert-manager';
import { CredentialProviderConfig } from '../install/credential-provider';
import { KruiseDaemon } from '../install/daemon';
import { Kruise } from '../install/kruise';
import { KruiseManager } from '../install/manager';
import { KruiseRbac } from '../install/rbac';
import { KruiseWebhooks } from '../install/webhooks';

/** What an emitted object is, for ordering (sync waves) and protection. */
export enum Part {
  NAMESPACE = 'namespace',
  CRD = 'crd',
  CONFIGURATION = 'configuration',
  MANAGER = 'manager',
  DAEMON = 'daemon',
  /** A Kruise custom resource (apps.kruise.io, policy.kruise.io). */
  WORKLOAD = 'workload',
}

const INSTALL_PARTS = [
  Kruise, KruiseCrds, KruiseManager, KruiseDaemon, KruiseRbac, KruiseWebhooks, KruiseWebhookCertificate, CredentialProviderConfig,
];

/** The install construct (Kruise, KruiseCrds, KruiseManager, ...) an object belongs to, if any. */
export function installPartOf(obj: IConstruct): IConstruct | undefined {
  for (const scope of obj.node.scopes.slice().reverse()) {
    if (INSTALL_PARTS.some(c => scope instanceof c)) return scope;
  }
  return undefined;
}

/** Whether the object is a Kruise custom resource. */
export function isKruiseCustomResource(obj: ApiObject): boolean {
  const group = apiGroupOf(obj.apiVersion);
  return group === 'apps.kruise.io' || group === 'policy.kruise.io';
}

/**
 * What part of a Kruise install (or of the workloads) an object is; undefined for
 * objects that belong to neither (the app's own Deployments, Services, ...).
 */
export function partOf(obj: ApiObject): Part | undefined {
  const owner = installPartOf(obj);
  if (owner) {
    if (obj.kind === 'Namespace') return Part.NAMESPACE;
    if (obj.kind === 'CustomResourceDefinition') return Part.CRD;
    const manager = obj.node.scopes.find((s): s is KruiseManager => s instanceof KruiseManager);
    if (manager && obj === manager.deployment) return Part.MANAGER;
    const daemon = obj.node.scopes.find((s): s is KruiseDaemon => s instanceof KruiseDaemon);
    if (daemon && obj === daemon.daemonSet) return Part.DAEMON;
    return Part.CONFIGURATION;
  }
  return isKruiseCustomResource(obj) ? Part.WORKLOAD : undefined;
}

/** The ApiObjects in a scope (the scope itself included). */
export function apiObjectsIn(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

/** An annotation as set on the object (before JSON patches). */
export function annotationOf(obj: ApiObject, key: string): string | undefined {
  return obj.metadata.toJson().annotations?.[key];
}
