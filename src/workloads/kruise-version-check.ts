import { IConstruct, IValidation } from 'constructs';
import { invalid } from '../validation/errors';
import { findInstall } from '../validation/governance';
import { KruiseVersion } from '../version';

/**
 * The Kruise version a construct is checked against: the version of the
 * install that governs it (see `findInstall`), else the library's default
 * (1.7), which is also what the schema checks use then.
 */
export function governingVersion(scope: IConstruct): { version: KruiseVersion; source: string } {
  const install = findInstall(scope);
  if (install) return { version: install.version, source: `the install at ${install.node.path} is Kruise ${install.version.version}` };
  const version = KruiseVersion.V1_7;
  return { version, source: `no Kruise install governs it, so the default Kruise ${version.version} applies` };
}

/**
 * Makes synthesis fail when `field` is used under an install older than
 * `minimum`. The one check every L2 construct uses for the fields and values
 * that a later Kruise version added. Checked at synth, so the install may be
 * declared after the construct and the value may grow through later calls.
 *
 * `value` gives the field's value at synth, `undefined` when the field is not
 * in use (then nothing is checked). `instead` is the other way out (default:
 * remove the field).
 */
export function requireKruiseVersion(scope: IConstruct, minimum: KruiseVersion, field: string, value: () => unknown,
  instead?: string): void {
  scope.node.addValidation(new VersionRequirement(scope, minimum, field, value, instead));
}

/** The validation of requireKruiseVersion: one small object (a large app has thousands), no closure of its own. */
class VersionRequirement implements IValidation {
  public constructor(private readonly scope: IConstruct, private readonly minimum: KruiseVersion, private readonly field: string,
    private readonly value: () => unknown, private readonly instead: string | undefined) {}

  public validate(): string[] {
    const used = this.value();
    if (used === undefined) return [];
    const { version, source } = governingVersion(this.scope);
    const minimum = this.minimum;
    if (version.atLeast(minimum)) return [];
    const constant = `KruiseVersion.V${minimum.version.replace('.', '_')}`;
    return [invalid(this.scope, this.field, used, `needs Kruise ${minimum.version}, but ${source}`,
      `declare the install with version: ${constant} (Kruise, Kruise.fromExisting or Kruise.fromHelmValues), or ${this.instead ?? `remove ${this.field}`}`).message];
  }
}
