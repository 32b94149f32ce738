import { IConstruct, IValidation } from 'constructs';

/**
 * A construct with a check of its own that runs when cdk8s validates the app
 * (at synth), giving its error messages.
 * @internal
 */
export interface ISynthChecked extends IConstruct {
  /** @internal */
  _checkAtSynth(): string[];
}

/**
 * Makes `scope` run its own `_checkAtSynth()` at synth. The validation is one
 * small object that points at the construct, not a closure with a context of
 * its own: a large app has one per construct, thousands of them.
 */
export function addSynthCheck(scope: ISynthChecked): void {
  scope.node.addValidation(new SynthCheck(scope));
}

class SynthCheck implements IValidation {
  public constructor(private readonly scope: ISynthChecked) {}

  public validate(): string[] {
    return this.scope._checkAtSynth();
  }
}
