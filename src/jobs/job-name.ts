import { IConstruct } from 'constructs';
import { checkObjectMetadata } from '../common/object-meta';
import { invalid } from '../validation/errors';

/**
 * Kruise's name rule for BroadcastJob and AdvancedCronJob: letters, digits and
 * '-', at most 63 characters. Checked when the name is given explicitly.
 * @internal
 */
export function checkJobName(scope: IConstruct, kind: string, name: string | undefined): void {
  if (name === undefined) return;
  if (!/^[a-zA-Z0-9-]+$/.test(name)) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of letters, digits and '-' only`, "rename it, e.g. replace '.' and '_' with '-'");
  }
  if (name.length > 63) {
    throw invalid(scope, 'metadata.name', name, `Kruise accepts ${kind} names of at most 63 characters (this one has ${name.length})`, 'use a shorter name');
  }
  checkObjectMetadata(scope, { name });
}
