/** Corpus table: `kruise-synth` with bad flags and bad values files (run as a child process). */
import * as path from 'path';

/** A values file of this corpus. */
export const valuesFile = (name: string) => path.join(__dirname, 'values', name);

export interface CliBadInput {
  readonly name: string;
  /** The arguments; `$OUT` is replaced with the path of an existing output file, `$DIR` with its directory. */
  readonly args: string[];
  /** The one line on stderr, without the trailing newline. */
  readonly expected: string;
}

export const CLI: CliBadInput[] = [
  { name: 'unknown flag', args: ['--valuez', 'x.yaml', '--output', '$OUT'], expected: "kruise-synth: unknown argument '--valuez'; see kruise-synth --help" },
  { name: 'positional argument', args: ['values.yaml', '--output', '$OUT'], expected: "kruise-synth: unknown argument 'values.yaml'; see kruise-synth --help" },
  { name: '--values without a file', args: ['--output', '$OUT', '--values'], expected: 'kruise-synth: --values needs a value' },
  { name: '-f with a missing file', args: ['-f', '/nonexistent/values.yaml', '--output', '$OUT'], expected: "kruise-synth: cannot read values file '/nonexistent/values.yaml': ENOENT" },
  { name: '--values with a directory', args: ['--values', '$DIR', '--output', '$OUT'], expected: "kruise-synth: cannot read values file '$DIR': EISDIR" },
  { name: '--values with broken YAML', args: ['--values', valuesFile('not-yaml.yaml'), '--output', '$OUT'], expected: "kruise-synth: values file '$VALUES/not-yaml.yaml' is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1" },
  { name: '--values with a list', args: ['--values', valuesFile('list.yaml'), '--output', '$OUT'], expected: "kruise-synth: values file '$VALUES/list.yaml' must hold a map of values, not a list; write key: value lines such as 'manager: {replicas: 3}'" },
  { name: '--values with an unknown key', args: ['--values', valuesFile('unknown-key.yaml'), '--output', '$OUT'], expected: "kruise-synth: values: manager.replica 3: is not a key of the chart's values; did you mean 'manager.replicas'?" },
  { name: '--values with a bad toleration effect', args: ['--values', valuesFile('bad-toleration.yaml'), '--output', '$OUT'], expected: 'kruise-synth: values: manager.tolerations[0].effect "NoSchedul": is not one of NoSchedule, PreferNoSchedule, NoExecute; did you mean \'NoSchedule\'?' },
  { name: '--values with external certs annotations but no gate', args: ['--values', valuesFile('external-certs-without-gate.yaml'), '--output', '$OUT'], expected: 'kruise-synth: values: externalCerts.annotations {"cert-manager.io/inject-ca-from":"kruise-system/kruise-webhook-certs"}: are set, but the EnableExternalCerts gate is off, so kruise-manager writes its own CA into the webhook configurations and fights the tool these annotations call in; add EnableExternalCerts=true to featureGates, or drop the annotations' },
  { name: '--values with a host-network port clash', args: ['--values', valuesFile('host-network-port-clash.yaml'), '--output', '$OUT'], expected: "kruise-synth: values: manager.healthProbe.port 10221: is also kruise-daemon's port (daemon.port), and with host networking kruise-manager shares the node's network with kruise-daemon, which runs on every node; give kruise-manager another port" },
  { name: '--values with requests above limits', args: ['-f', valuesFile('requests-above-limits.yaml'), '--output', '$OUT'], expected: 'kruise-synth: values: daemon.resources.requests.cpu "100m": is more than the limit "50m", which the API server rejects; lower the request or raise the limit' },
  { name: '--kube-version latest', args: ['--kube-version', 'latest', '--output', '$OUT'], expected: "kruise-synth: --kube-version 'latest' is not a Kubernetes version; use X.Y such as 1.28" },
  { name: '--kube-version=1', args: ['--kube-version=1', '--output', '$OUT'], expected: "kruise-synth: --kube-version '1' is not a Kubernetes version; use X.Y such as 1.28" },
  { name: '--set without =', args: ['--set', 'manager.replicas', '--output', '$OUT'], expected: "kruise-synth: --set 'manager.replicas' has the key 'manager.replicas' without a value; write KEY=VALUE" },
  { name: '--set with an empty key part', args: ['--set', 'manager..replicas=3', '--output', '$OUT'], expected: "kruise-synth: --set 'manager..replicas=3' has an empty part in the key 'manager..'; remove the extra '.' or name the key" },
  { name: '--set manager.replicas=-1', args: ['--set', 'manager.replicas=-1', '--output', '$OUT'], expected: 'kruise-synth: values: manager.replicas -1: is negative; use 0 or more, e.g. 2' },
  { name: '--set manager.replicas=two', args: ['--set', 'manager.replicas=two', '--output', '$OUT'], expected: 'kruise-synth: values: manager.replicas "two": is a string; use a whole number, e.g. manager.replicas: 2' },
  { name: '--set a feature gate typo', args: ['--set', 'featureGates=PodWebhok=true', '--output', '$OUT'], expected: "kruise-synth: values: featureGates: unknown feature gate 'PodWebhok'; did you mean 'PodWebhook'?" },
  { name: '--set a feature gate value on', args: ['--set', 'featureGates=PodWebhook=on', '--output', '$OUT'], expected: "kruise-synth: values: featureGates: feature gate 'PodWebhook' has value 'on'; use true or false" },
  { name: '--set webhook timeout 31', args: ['--set', 'webhookConfiguration.timeoutSeconds=31', '--output', '$OUT'], expected: 'kruise-synth: values: webhookConfiguration.timeoutSeconds 31: is out of range; the API server takes 1 to 30 seconds, e.g. 30' },
  { name: '--set image repository with capitals', args: ['--set', 'manager.image.repository=Registry.example.com/Kruise', '--output', '$OUT'], expected: 'kruise-synth: values: manager.image.repository "Registry.example.com/Kruise": is not a valid repository (part \'Kruise\'); use [registry/]path such as \'openkruise/kruise-manager\' or \'registry.example.com/mirror/kruise-manager\', without a tag or digest (set tag or digest separately)' },
  { name: '--set manager.webhook.port=0', args: ['--set', 'manager.webhook.port=0', '--output', '$OUT'], expected: 'kruise-synth: values: manager.webhook.port 0: is not a port number; use 1 to 65535' },
  { name: '--set an unknown section', args: ['--set', 'controller.replicas=2', '--output', '$OUT'], expected: 'kruise-synth: values: controller {"replicas":2}: is not a key of the chart\'s values; use one of the top-level keys: crds, installation, featureGates, externalCerts, enableKubeCacheMutationDetector, imagePullSecrets, manager, webhookConfiguration, daemon, serviceAccount, helmHooks' },
  { name: '--set replicas=0 with the pod webhooks', args: ['--set', 'manager.replicas=0', '--output', '$OUT'], expected: 'kruise-synth: values: manager.replicas 0: leaves the pod webhooks with failurePolicy Fail (mpod.kb.io, vpod.kb.io, vpodeviction.kb.io) without a server, so the API server would reject pod operations in every namespace but kube-system and the Kruise namespace; run at least 1 replica, or turn the pod webhooks off with featureGates: "...,PodWebhook=false"' },
  { name: '--output empty', args: ['--output='], expected: 'kruise-synth: --output needs a file name' },
  { name: '--output in a missing directory', args: ['--output', '$DIR/missing/kruise.yaml', '--set', 'manager.replicas=3'], expected: "kruise-synth: cannot write '$DIR/missing/kruise.yaml': ENOENT" },
  { name: 'bad value after a good file', args: ['-f', valuesFile('host-network-port-clash.yaml'), '--set', 'manager.hostNetwork=false', '--set', 'daemon.port=70000', '--output', '$OUT'], expected: 'kruise-synth: values: daemon.port 70000: is not a port number; use 1 to 65535' },
  // hostile input
  { name: '--set with a list index above helm\'s cap', args: ['--set', 'imagePullSecrets[200000000].name=x', '--output', '$OUT'], expected: "kruise-synth: --set 'imagePullSecrets[200000000].name=x' has the list index 200000000, above 65536 (helm's limit too); use an index from 0 to 65536" },
  { name: '-f /dev/zero', args: ['-f', '/dev/zero', '--output', '$OUT'], expected: "kruise-synth: values file '/dev/zero' is larger than 16 MiB, the input limit; split it or trim it" },
  { name: '--set __proto__.x=1', args: ['--set', '__proto__.x=1', '--output', '$OUT'], expected: 'kruise-synth: values: __proto__ {"x":1}: is not a key of the chart\'s values; use one of the top-level keys: crds, installation, featureGates, externalCerts, enableKubeCacheMutationDetector, imagePullSecrets, manager, webhookConfiguration, daemon, serviceAccount, helmHooks' },
  { name: '--kube-version 1.15', args: ['--kube-version', '1.15', '--output', '$OUT'], expected: "kruise-synth: --kube-version '1.15' is older than 1.18, the oldest Kubernetes chart 1.7.5 installs on (its kubeVersion is >= 1.18.0-0); use 1.18 or later" },
  { name: '--output that is the values file', args: ['-f', '$OUT', '--output', '$OUT'], expected: "kruise-synth: --output '$OUT' is also the input '$OUT'; writing it would destroy the input; write to another file" },
  { name: '--set-json with bad JSON', args: ['--set-json', 'externalCerts.annotations={', '--output', '$OUT'], expected: "kruise-synth: --set-json 'externalCerts.annotations={' has the value '{' for 'externalCerts.annotations', which is not JSON; give a JSON value, e.g. '{\"a\":\"b\"}', [1,2] or \"text\"" },
];
