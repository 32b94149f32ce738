import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkNamespace } from './checks';
import { goDuration } from '../base/go-duration';
import { isDns1123Subdomain, SUBDOMAIN_RULE } from '../base/names';
import { invalid } from '../validation/errors';
import { registerCertManagerObjects } from '../validation/install-registry';

const DEFAULT_SELF_SIGNED_NAME = 'selfsigned-kruise';
const CERT_MANAGER_API_VERSION = 'cert-manager.io/v1';
const CERT_MANAGER_GROUP = 'cert-manager.io';

/** cert-manager rejects a Certificate whose duration is below 1h (cert-manager webhook, ValidateDuration). */
const MIN_DURATION_MS = 60 * 60 * 1000;
/** cert-manager rejects a renewBefore below 5m. */
const MIN_RENEW_BEFORE_MS = 5 * 60 * 1000;
/** cert-manager's default certificate duration: 90 days. */
const DEFAULT_DURATION_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Who signs the Kruise webhook certificate: the `issuerRef` of the Certificate.
 *
 * `selfSigned()` (the default) also creates the Issuer; the other factories refer to an
 * issuer that already exists.
 *
 * @see https://cert-manager.io/docs/configuration/
 */
export class CertManagerIssuer {
  /**
   * A self-signed Issuer created next to the Certificate, in the Kruise namespace, as in
   * the Kruise 1.7 release notes (`spec.selfSigned: {}`). The certificate is its own CA,
   * which cert-manager's CA injector copies into the webhook configurations.
   *
   * @param name the Issuer's name; default `selfsigned-kruise`
   */
  public static selfSigned(name?: string): CertManagerIssuer {
    return new CertManagerIssuer(name ?? DEFAULT_SELF_SIGNED_NAME, 'Issuer', undefined, true, 'CertManagerIssuer.selfSigned()');
  }

  /**
   * An existing cert-manager `Issuer` in the Kruise namespace (an Issuer is namespaced and
   * can only sign Certificates of its own namespace).
   */
  public static issuer(name: string): CertManagerIssuer {
    return new CertManagerIssuer(name, 'Issuer', undefined, false, 'CertManagerIssuer.issuer()');
  }

  /** An existing cert-manager `ClusterIssuer`. */
  public static clusterIssuer(name: string): CertManagerIssuer {
    return new CertManagerIssuer(name, 'ClusterIssuer', undefined, false, 'CertManagerIssuer.clusterIssuer()');
  }

  /**
   * An existing external issuer (one not built into cert-manager), e.g.
   * `CertManagerIssuer.external('corp-pca', 'AWSPCAClusterIssuer', 'awspca.cert-manager.io')`.
   *
   * @param name the issuer's name
   * @param kind the issuer's kind, e.g. `AWSPCAClusterIssuer`
   * @param group the issuer's API group, e.g. `awspca.cert-manager.io`
   * @see https://cert-manager.io/docs/configuration/issuers/
   */
  public static external(name: string, kind: string, group: string): CertManagerIssuer {
    return new CertManagerIssuer(name, kind, group, false, 'CertManagerIssuer.external()');
  }

  /** The issuer's name (`issuerRef.name`). */
  public readonly name: string;

  /** The issuer's kind (`issuerRef.kind`): `Issuer`, `ClusterIssuer` or an external kind. */
  public readonly kind: string;

  /**
   * The issuer's API group (`issuerRef.group`).
   * @default - cert-manager.io (not rendered)
   */
  public readonly group?: string;

  /** Whether the construct creates this issuer (true for a self-signed Issuer). */
  public readonly createsIssuer: boolean;

  /** The factory, for error messages. */
  private readonly factory: string;

  private constructor(name: string, kind: string, group: string | undefined, createsIssuer: boolean, factory: string) {
    this.name = name;
    this.kind = kind;
    this.group = group;
    this.createsIssuer = createsIssuer;
    this.factory = factory;
  }

  /** @internal validates the factory's arguments for the construct at `scope`. */
  public _validate(scope: Construct): void {
    const prop = `props.issuer (${this.factory})`;
    if (!isDns1123Subdomain(this.name)) {
      throw invalid(scope, `${prop} name`, this.name, 'is not a valid object name', SUBDOMAIN_RULE);
    }
    if (!/^[A-Z][A-Za-z0-9]*$/.test(this.kind)) {
      throw invalid(scope, `${prop} kind`, this.kind, 'is not a valid kind', 'use an UpperCamelCase kind such as \'AWSPCAClusterIssuer\'');
    }
    if (this.group !== undefined && !isDns1123Subdomain(this.group)) {
      throw invalid(scope, `${prop} group`, this.group, 'is not a valid API group', `${SUBDOMAIN_RULE}, e.g. 'awspca.cert-manager.io'`);
    }
  }

  /** @internal the Certificate's `spec.issuerRef`. */
  public _toIssuerRef(): { [key: string]: string } {
    return {
      name: this.name,
      kind: this.kind,
      ...(this.group !== undefined && this.group !== CERT_MANAGER_GROUP ? { group: this.group } : {}),
    };
  }
}

/** Props of {@link KruiseWebhookCertificate}. */
export interface KruiseWebhookCertificateProps {
  /**
   * The Kruise namespace (chart value `installation.namespace`). The Certificate, its
   * Secret and a self-signed Issuer live there, and the webhook Service DNS name uses it.
   *
   * @default 'kruise-system'
   */
  readonly namespace?: string;

  /**
   * Who signs the certificate.
   *
   * @default - CertManagerIssuer.selfSigned(): a self-signed Issuer `selfsigned-kruise` is
   * created in the Kruise namespace, as in the Kruise 1.7 release notes
   */
  readonly issuer?: CertManagerIssuer;

  /**
   * Requested lifetime of the certificate (`spec.duration`), at least 1 hour.
   *
   * @default - cert-manager's default, 90 days (not rendered)
   * @see https://cert-manager.io/docs/usage/certificate/#renewal
   */
  readonly duration?: Duration;

  /**
   * How long before expiry cert-manager renews the certificate (`spec.renewBefore`):
   * at least 5 minutes and less than `duration`.
   *
   * @default - cert-manager's default, a third of the duration (not rendered)
   * @see https://cert-manager.io/docs/usage/certificate/#renewal
   */
  readonly renewBefore?: Duration;

  /**
   * DNS names to add to the two Kruise needs (`kruise-webhook-service.<namespace>.svc`
   * and `localhost`), e.g. when the API server reaches the webhook by another name.
   * More can be added with `addDnsName()`.
   *
   * @default - only the two Kruise needs
   */
  readonly dnsNames?: string[];
}

/**
 * The cert-manager `Certificate` (cert-manager.io/v1) that serves the Kruise webhook, and by
 * default the self-signed `Issuer` that signs it: the objects the Kruise 1.7 release notes
 * ask for when the webhook CA comes from cert-manager instead of kruise-manager.
 *
 * cert-manager writes the certificate to the Secret `kruise-webhook-certs` in the Kruise
 * namespace. That name is fixed: kruise-manager reads its webhook certificate from that
 * Secret (the chart hard-codes it), so a Certificate with another `secretName` leaves the
 * webhook without a certificate. The Certificate carries the same name, so `injectCaFrom`
 * is `<namespace>/kruise-webhook-certs`, as in the release notes.
 *
 * To complete the setup the install must: enable the feature gate `EnableExternalCerts`;
 * put the annotation `cert-manager.io/inject-ca-from: <injectCaFrom>` on the mutating and
 * validating webhook configurations and on the StatefulSet CRD (the one with a conversion
 * webhook; without it kruise-manager crash-loops); and not emit its own
 * `kruise-webhook-certs` Secret (chart 1.7.5 drops it when external certs are on).
 * cert-manager and its CA injector must run in the cluster.
 *
 * @see https://openkruise.io/blog/openkruise-1.7
 * @see https://cert-manager.io/docs/usage/certificate/
 * @see https://cert-manager.io/docs/concepts/ca-injector/
 */
export class KruiseWebhookCertificate extends Construct {
  /**
   * The name of the Certificate and of the Secret cert-manager writes. Do not change it:
   * kruise-manager reads its webhook certificate from the Secret of this name.
   */
  public static readonly SECRET_NAME = 'kruise-webhook-certs';

  /** The name of the Service in front of the Kruise webhook (fixed by the chart). */
  public static readonly WEBHOOK_SERVICE_NAME = 'kruise-webhook-service';

  /** The annotation through which cert-manager's CA injector fills `caBundle`. */
  public static readonly INJECT_CA_FROM_ANNOTATION = 'cert-manager.io/inject-ca-from';

  /** The Kruise namespace. */
  public readonly namespace: string;

  /** The Certificate's name (`kruise-webhook-certs`). */
  public readonly certificateName: string;

  /** The Secret cert-manager writes (`kruise-webhook-certs`), which kruise-manager reads. */
  public readonly secretName: string;

  /** The issuer the Certificate refers to. */
  public readonly issuer: CertManagerIssuer;

  /**
   * `<namespace>/<certificate name>`: the value of the `cert-manager.io/inject-ca-from`
   * annotation for the webhook configurations and the StatefulSet CRD.
   */
  public readonly injectCaFrom: string;

  /** The emitted Certificate. */
  public readonly certificate: ApiObject;

  /**
   * The emitted self-signed Issuer.
   * @default - undefined unless the issuer is CertManagerIssuer.selfSigned()
   */
  public readonly selfSignedIssuer?: ApiObject;

  private readonly _dnsNames: string[] = [];

  public constructor(scope: Construct, id: string, props: KruiseWebhookCertificateProps = {}) {
    super(scope, id);

    this.namespace = checkNamespace(this, 'props.namespace', props.namespace);

    this.issuer = props.issuer ?? CertManagerIssuer.selfSigned();
    this.issuer._validate(this);

    const durationMs = props.duration?.toMilliseconds({ integral: false });
    if (durationMs !== undefined && durationMs < MIN_DURATION_MS) {
      throw invalid(this, 'props.duration', goDuration(props.duration!), 'is shorter than cert-manager\'s minimum of 1h', 'use Duration.hours(1) or more, e.g. Duration.days(90)');
    }
    const renewMs = props.renewBefore?.toMilliseconds({ integral: false });
    if (renewMs !== undefined) {
      if (renewMs < MIN_RENEW_BEFORE_MS) {
        throw invalid(this, 'props.renewBefore', goDuration(props.renewBefore!), 'is shorter than cert-manager\'s minimum of 5m', 'use Duration.minutes(5) or more, e.g. Duration.days(30)');
      }
      const lifetime = durationMs ?? DEFAULT_DURATION_MS;
      if (renewMs >= lifetime) {
        const of = durationMs === undefined ? 'cert-manager\'s default duration 2160h (90 days)' : `props.duration '${goDuration(props.duration!)}'`;
        throw invalid(this, 'props.renewBefore', goDuration(props.renewBefore!), `is not shorter than ${of}`, 'make renewBefore shorter than the duration, or the duration longer');
      }
    }

    this.certificateName = KruiseWebhookCertificate.SECRET_NAME;
    this.secretName = KruiseWebhookCertificate.SECRET_NAME;
    this.injectCaFrom = `${this.namespace}/${this.certificateName}`;

    this._dnsNames.push(`${KruiseWebhookCertificate.WEBHOOK_SERVICE_NAME}.${this.namespace}.svc`, 'localhost');
    for (const name of props.dnsNames ?? []) {
      this.addDnsName(name);
    }

    if (this.issuer.createsIssuer) {
      this.selfSignedIssuer = new ApiObject(this, 'Issuer', {
        apiVersion: CERT_MANAGER_API_VERSION,
        kind: 'Issuer',
        metadata: { name: this.issuer.name, namespace: this.namespace },
        spec: { selfSigned: {} },
      });
    }

    this.certificate = new ApiObject(this, 'Certificate', {
      apiVersion: CERT_MANAGER_API_VERSION,
      kind: 'Certificate',
      metadata: { name: this.certificateName, namespace: this.namespace },
      spec: {
        secretName: this.secretName,
        ...(props.duration ? { duration: goDuration(props.duration) } : {}),
        ...(props.renewBefore ? { renewBefore: goDuration(props.renewBefore) } : {}),
        dnsNames: Lazy.any({ produce: () => [...this._dnsNames] }),
        issuerRef: this.issuer._toIssuerRef(),
      },
    });
    if (this.selfSignedIssuer) {
      this.certificate.addDependency(this.selfSignedIssuer);
    }
    registerCertManagerObjects(this, this.namespace); // after the Namespace of the install it serves
  }

  /** The DNS names of the certificate: the two Kruise needs first, then the added ones. */
  public get dnsNames(): string[] {
    return [...this._dnsNames];
  }

  /**
   * The annotations to put on the webhook configurations and the StatefulSet CRD:
   * `{ 'cert-manager.io/inject-ca-from': injectCaFrom }`.
   */
  public get injectCaAnnotations(): { [key: string]: string } {
    return { [KruiseWebhookCertificate.INJECT_CA_FROM_ANNOTATION]: this.injectCaFrom };
  }

  /**
   * Adds a DNS name (subject alternative name) to the certificate, e.g. `kruise-webhook.example.com`
   * or `*.example.com`.
   *
   * @throws for a name that is not a lowercase DNS name, or one the certificate already has
   */
  public addDnsName(name: string): void {
    const bare = typeof name === 'string' && name.startsWith('*.') ? name.slice(2) : name;
    if (!isDns1123Subdomain(bare)) {
      throw invalid(this, 'dnsNames entry', name, 'is not a valid DNS name', `${SUBDOMAIN_RULE} (a leading '*.' wildcard is allowed), e.g. 'kruise-webhook.example.com'`);
    }
    if (this._dnsNames.includes(name)) {
      throw invalid(this, 'dnsNames entry', name, 'is already in the certificate', 'add each DNS name once (the certificate always has kruise-webhook-service.<namespace>.svc and localhost)');
    }
    this._dnsNames.push(name);
  }
}
