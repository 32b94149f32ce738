/**
 * The namespace Kruise runs in unless an install says otherwise: the charts'
 * `installation.namespace`, the same in every Kruise line this library knows.
 * The default of the install's `namespace` props, of the namespace the CRDs'
 * conversion webhook Service is looked up in, and of the GitOps helpers.
 */
export const DEFAULT_KRUISE_NAMESPACE = 'kruise-system';

/**
 * The namespace kruise-daemon reads pull secrets from: fixed by Kruise (the
 * same in every line this library knows), and created by the install unless
 * told it exists.
 */
export const DAEMON_CONFIG_NAMESPACE = 'kruise-daemon-config';
