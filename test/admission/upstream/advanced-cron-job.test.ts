/**
 * The cases of Kruise's release-1.7 AdvancedCronJob webhook test
 * (pkg/webhook/advancedcronjob/validating/advancedcronjob_create_update_handler_test.go,
 * TestValidateCronJobSpec), as plain objects on the CREATE path.
 */
import { runUpstreamCases, UpstreamCase } from './cases';
import { AdmissionContext } from '../../../src/admission/types';

/** The test's Job pod template: restartPolicy Always and dnsPolicy Default, which the core pod checks accept. */
const podTemplate = {
  spec: {
    containers: [{ name: 'foo', image: 'foo:latest', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
    restartPolicy: 'Always',
    dnsPolicy: 'Default',
  },
};
function acj(timeZone: string | undefined): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'AdvancedCronJob',
    metadata: { name: 'acj', namespace: 'default' },
    spec: { schedule: '0 * * * *', ...(timeZone === undefined ? {} : { timeZone }), concurrencyPolicy: 'Allow', template: { jobTemplate: { spec: { template: podTemplate } } } },
  };
}
/** The test validates the spec as written, as Kruise does with TemplateNoDefaults on. */
const NO_DEFAULTS: AdmissionContext = { version: '1.7', gate: g => (g === 'TemplateNoDefaults' ? true : undefined) };

const cases: UpstreamCase[] = [
  { name: 'TestValidateCronJobSpec no validation because timeZone is nil', verdict: 'allowed', obj: acj(undefined) },
  { name: 'TestValidateCronJobSpec check timeZone is valid (America/New_York)', verdict: 'allowed', obj: acj('America/New_York') },
  { name: 'TestValidateCronJobSpec check timeZone is invalid (broken)', verdict: 'denied', obj: acj('broken') },
  { name: 'TestValidateCronJobSpec no validation because timeZone is nil (TemplateNoDefaults on)', verdict: 'allowed', obj: acj(undefined), ctx: NO_DEFAULTS },
  { name: 'TestValidateCronJobSpec check timeZone is valid (TemplateNoDefaults on)', verdict: 'allowed', obj: acj('America/New_York'), ctx: NO_DEFAULTS },
  { name: 'TestValidateCronJobSpec check timeZone is invalid (TemplateNoDefaults on)', verdict: 'denied', obj: acj('broken'), ctx: NO_DEFAULTS },
];

describe('Kruise 1.7 AdvancedCronJob webhook test cases', () => {
  runUpstreamCases(cases);
});
