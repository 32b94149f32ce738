import { IConstruct } from 'constructs';
import { findInstall } from './governance';
import { FeatureGate } from '../versions/feature-gates';

/**
 * Makes synthesis fail when the Kruise install this construct targets (see
 * `findInstall`) has `gate` off. `feature` says what needs it. Checked at
 * synth, so the gate may be turned on after the construct was created.
 */
export function requireGate(scope: IConstruct, gate: FeatureGate, feature: string): void {
  scope.node.addValidation({
    validate: () => {
      const install = findInstall(scope);
      if (!install || install.isEnabled(gate)) return [];
      return [`${feature} needs the feature gate ${gate.name}, which is off in the Kruise install at ${install.node.path}; ${install.howToEnable(gate)}`];
    },
  });
}
