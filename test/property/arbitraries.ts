/**
 * fast-check arbitraries: valid props of each L2 construct (always accepted),
 * mutations that make them invalid (always rejected), and typed junk
 * (values of the declared types, in or out of range) for fuzzing.
 */
import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import fc from 'fast-check';
import {
  AdvancedCronJob, AdvancedCronJobConcurrencyPolicy, AdvancedCronJobTemplate, AdvancedDaemonSet, AdvancedDaemonSetUpdateStrategy,
  AdvancedStatefulSet, PodUpdatePolicy, AdvancedStatefulSetUpdateStrategy, BroadcastJob, BroadcastJobFailurePolicyType,
  CloneSet, CloneSetUpdateStrategy, ContainerRecreateFailurePolicy, ContainerRecreateRequest, DistributedResource, EphemeralJob,
  ImageListPullJob, ImagePullJob, ImagePullJobImagePullPolicy, ImagePullJobNodeSelector, IntOrPercent, JobCompletionPolicy,
  PersistentPodState, PersistentPodStateRetentionPolicy, PodProbeMarker, PodUnavailableBudget, PodUnavailableBudgetLimit, ProbeMarkerState,
  PubOperation, PvcRetention, ResourceDistribution, SidecarInjectPolicy, SidecarSet, SidecarSetUpdateStrategy, UnitedDeployment,
  UnitedDeploymentTemplate, UpdatePriority, WorkloadSpread, WorkloadSpreadScheduleStrategy, WorkloadTarget,
} from '../../src';

// ---------------------------------------------------------------- building blocks

/** No generated string may contain "undefined" (the tests look for it in the output). */
const clean = (s: string) => !s.includes('undefined');

export const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,12}[a-z0-9])?$/).filter(clean);
export const subdomain = fc.oneof(dnsLabel, fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.${b}`));
export const labelKey = fc.oneof(dnsLabel, fc.tuple(dnsLabel, dnsLabel).map(([p, n]) => `${p}.io/${n}`));
export const labelValue = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/)).filter(clean);
export const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3, noNullPrototype: true });
export const annotations = fc.dictionary(labelKey, fc.string({ maxLength: 24 }).filter(clean), { maxKeys: 3, noNullPrototype: true });
const tag = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
const repository = fc.constantFrom('nginx', 'busybox', 'registry.example.com:5000/team/app', 'ghcr.io/acme/web', 'library/redis', 'localhost/dev/app');
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map(h => `sha256:${h}`);
export const image = fc.tuple(repository, fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }))
  .map(([r, t, d]) => `${r}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`);
const port = fc.integer({ min: 1, max: 65535 });
export const seconds = (min: number, max: number) => fc.integer({ min, max }).map(s => Duration.seconds(s));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const count = (min: number, max: number) => fc.integer({ min, max }).map(n => IntOrPercent.count(n));
const percent = (min: number, max: number) => fc.integer({ min, max }).map(n => IntOrPercent.percent(n));
const intOrPercent = (min: number, max: number) => fc.oneof(count(min, max), percent(min, Math.min(max, 100)));
const selector = fc.dictionary(dnsLabel, fc.stringMatching(/^[a-z0-9]{1,8}$/), {
  minKeys: 1,
  maxKeys: 3,
  noNullPrototype: true,
}).map(l => kplus.LabelSelector.of({ labels: l }));

/** Metadata of a namespaced object; `strictName` for kinds whose names Kruise limits to letters, digits and '-'. */
export const metadata = (namespaced: boolean, strictName = false) => fc.record({
  name: opt(strictName ? dnsLabel : subdomain),
  namespace: namespaced ? opt(dnsLabel) : fc.constant(undefined),
  labels: opt(labels),
  annotations: opt(annotations),
});

/** 1 to `max` containers with unique names (cdk8s-plus container props). */
export const containers = (max = 3) => fc.uniqueArray(
  fc.record({
    name: dnsLabel,
    image,
    portNumber: opt(port),
    env: opt(fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), fc.string({ maxLength: 12 }).filter(clean), {
      maxKeys: 2,
      noNullPrototype: true,
    })),
  })
    .map(c => ({
      name: c.name,
      image: c.image,
      portNumber: c.portNumber,
      envVariables: c.env && Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
    })),
  { minLength: 1, maxLength: max, selector: c => c.name },
);

const workloadProps = (namespaced = true, strictName = false) => fc.record({
  metadata: metadata(namespaced, strictName),
  containers: containers(),
  podMetadata: opt(fc.record({ labels: opt(labels), annotations: opt(annotations) })),
});

// ---------------------------------------------------------------- mutations (always invalid)

/** A name the API server rejects (capital, '_', space, '..', or too long). */
export const badName = fc.oneof(
  fc.tuple(dnsLabel, fc.constantFrom('_', ' ', 'A', '!', '..', '/')).map(([a, b]) => `${a}${b}x`),
  fc.constant('n'.repeat(254)),
  fc.constant(''),
);
/**
 * An image reference no registry serves (the kubelet cannot pull it). Kruise
 * and the API server accept any image string in a pod template, so for the
 * workloads it is a synth warning; the constructs that take an image directly
 * (SidecarSet, EphemeralJob, ImagePullJob) reject it.
 */
export const badImage = fc.oneof(
  fc.tuple(fc.constantFrom('Nginx', 'my app', 'app@sha256:abc', 'app:', ':tag', 'a//b', 'app@md5:00'), fc.constant('')).map(([a]) => a),
  tag.map(t => `Repo${t}`),
);
/** A label value the API server rejects. */
export const badLabelValue = fc.oneof(fc.constant('a b'), fc.constant('-x'), fc.constant('v'.repeat(64)), fc.constant('a/b'));
/** A whole number below `min`, or a fraction. */
export const badCount = (min: number) => fc.oneof(fc.integer({ min: -1000, max: min - 1 }), fc.double({
  min: 0.01,
  max: 1000,
  noNaN: true,
}).filter(x => !Number.isInteger(x)));
/** A Duration that is not a whole number of seconds. */
export const fractionalSeconds = fc.integer({ min: 1, max: 100000 }).filter(ms => ms % 1000 !== 0).map(ms => Duration.millis(ms));

type Mutation<P> = fc.Arbitrary<(p: P) => P>;
const set = <P>(key: keyof P & string, value: fc.Arbitrary<any>): Mutation<P> => value.map(v => (p: P) => ({ ...p, [key]: v }));
const setName = <P extends { metadata?: any }>(): Mutation<P> => badName.map(n => (p: P) => ({ ...p, metadata: { ...p.metadata, name: n } }));
const setNamespace = <P extends { metadata?: any }>(): Mutation<P> => badName.filter(n => n !== '').map(n => (p: P) => ({
  ...p,
  metadata: { ...p.metadata, namespace: n },
}));
const setLabel = <P extends { metadata?: any }>(): Mutation<P> => fc.tuple(labelKey, badLabelValue).map(([k, v]) => (p: P) => ({
  ...p,
  metadata: { ...p.metadata, labels: { ...p.metadata?.labels, [k]: v } },
}));
const setImage = <P extends { containers?: any[] }>(): Mutation<P> => badImage.map(i => (p: P) => ({
  ...p,
  containers: [{ ...p.containers![0], image: i }, ...p.containers!.slice(1)],
}));
const setContainerName = <P extends { containers?: any[] }>(): Mutation<P> => badName.filter(n => n !== '').map(n => (p: P) => ({
  ...p,
  containers: [{ ...p.containers![0], name: n }, ...p.containers!.slice(1)],
}));

// ---------------------------------------------------------------- the 16 kinds

/** How to build one L2 construct, its valid props, and mutations that make them invalid. */
export interface KindSpec {
  readonly kind: string;
  readonly valid: fc.Arbitrary<any>;
  readonly build: (chart: Chart, id: string, props: any) => unknown;
  readonly invalid: Array<Mutation<any>>;
}

const updatePriority = fc.oneof(
  fc.array(fc.record({
    weight: fc.integer({ min: 0, max: 100 }),
    matchLabels: fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2, noNullPrototype: true }),
  }), { minLength: 1, maxLength: 2 }).map(t => UpdatePriority.weighted(t)),
  fc.uniqueArray(labelKey, { minLength: 1, maxLength: 2 }).map(k => UpdatePriority.ordered(k)),
);
const scatter = fc.uniqueArray(fc.record({ key: labelKey, value: labelValue.filter(v => v !== '') }), { maxLength: 2, selector: t => t.key });

const cloneSetStrategy = fc.oneof(
  fc.record({
    partition: opt(intOrPercent(0, 10)),
    maxUnavailable: opt(intOrPercent(1, 5)),
    maxSurge: opt(intOrPercent(0, 5)),
    paused: opt(fc.boolean()),
    priority: opt(updatePriority),
    scatter: opt(scatter),
  })
    .map(o => CloneSetUpdateStrategy.recreate(o)),
  fc.record({
    partition: opt(intOrPercent(0, 10)),
    maxUnavailable: opt(intOrPercent(1, 5)),
    gracePeriod: opt(seconds(0, 60)),
  }).map(o => CloneSetUpdateStrategy.inPlaceIfPossible(o)),
  fc.record({ maxUnavailable: opt(intOrPercent(1, 5)), gracePeriod: opt(seconds(0, 60)) }).map(o => CloneSetUpdateStrategy.inPlaceOnly(o)),
);
const lifecycleHook = fc.record({
  finalizers: opt(fc.uniqueArray(fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.io/${b}`), { maxLength: 2 })),
  labels: opt(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2, noNullPrototype: true })),
  markPodNotReady: opt(fc.boolean()),
});

export const KINDS: KindSpec[] = [
  {
    kind: 'CloneSet',
    valid: fc.tuple(workloadProps(), fc.record({
      replicas: opt(fc.integer({ min: 0, max: 50 })),
      minReady: opt(seconds(0, 300)),
      revisionHistoryLimit: opt(fc.integer({ min: 0, max: 20 })),
      updateStrategy: opt(cloneSetStrategy),
      scaleStrategy: opt(fc.record({
        maxUnavailable: opt(intOrPercent(0, 5)),
        podsToDelete: opt(fc.uniqueArray(subdomain, { maxLength: 3 })),
        disablePvcReuse: opt(fc.boolean()),
      })),
      lifecycle: opt(fc.record({ preDelete: opt(lifecycleHook), inPlaceUpdate: opt(lifecycleHook) })),
    })).map(([w, s]) => ({ ...w, ...s })),
    build: (c, id, p) => new CloneSet(c, id, p),
    invalid: [setName(), setNamespace(), setLabel(), setContainerName(), set('replicas', badCount(0)), set('minReady', fractionalSeconds), set('revisionHistoryLimit', badCount(0))],
  },
  {
    kind: 'AdvancedStatefulSet',
    // StatefulSet names are DNS labels (Kruise's ValidateStatefulSetName).
    valid: fc.tuple(workloadProps(true, true), fc.boolean(), fc.record({
      replicas: opt(fc.integer({ min: 0, max: 20 })),
      serviceName: opt(dnsLabel),
      reserveOrdinals: opt(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 3 })),
      startOrdinal: opt(fc.integer({ min: 0, max: 10 })),
      pvcRetentionPolicy: opt(fc.record({
        whenDeleted: opt(fc.constantFrom(PvcRetention.RETAIN, PvcRetention.DELETE)),
        whenScaled: opt(fc.constantFrom(PvcRetention.RETAIN, PvcRetention.DELETE)),
      })),
      revisionHistoryLimit: opt(fc.integer({ min: 0, max: 20 })),
      lifecycle: opt(fc.record({ preDelete: opt(lifecycleHook) })),
    }), fc.record({
      partition: opt(fc.integer({ min: 0, max: 10 })),
      maxUnavailable: opt(intOrPercent(1, 5)),
      podUpdatePolicy: opt(fc.constantFrom(...Object.values(PodUpdatePolicy))),
      minReady: opt(seconds(0, 300)),
      gracePeriod: opt(seconds(0, 60)),
      unordered: fc.boolean(),
    }), fc.boolean()).map(([w, parallel, s, ru, onDelete]) => ({
      ...w,
      ...s,
      podManagementPolicy: parallel ? kplus.PodManagementPolicy.PARALLEL : undefined,
      updateStrategy: onDelete ? AdvancedStatefulSetUpdateStrategy.onDelete() : AdvancedStatefulSetUpdateStrategy.rollingUpdate({
        partition: ru.partition,
        // values other than 1 need Parallel; so does unorderedUpdate
        maxUnavailable: parallel ? ru.maxUnavailable : undefined,
        podUpdatePolicy: ru.podUpdatePolicy,
        minReady: ru.minReady,
        gracePeriod: ru.gracePeriod,
        unorderedUpdate: parallel && ru.unordered ? {} : undefined,
      }),
    })),
    build: (c, id, p) => new AdvancedStatefulSet(c, id, p),
    invalid: [setName(), setLabel(), set('replicas', badCount(0)), set('startOrdinal', badCount(0)), set('serviceName', badName.filter(n => n !== '')),
      fc.integer({ min: -100, max: -1 }).map(n => (p: any) => ({ ...p, reserveOrdinals: [n] })),
      fc.integer({ min: 301, max: 10000 }).map(s => (p: any) => ({
        ...p,
        updateStrategy: AdvancedStatefulSetUpdateStrategy.rollingUpdate({ minReady: Duration.seconds(s) }),
      }))],
  },
  {
    kind: 'AdvancedDaemonSet',
    valid: fc.tuple(workloadProps(), fc.record({
      burstReplicas: opt(intOrPercent(1, 500)),
      minReady: opt(seconds(0, 300)),
      revisionHistoryLimit: opt(fc.integer({ min: 0, max: 20 })),
      updateStrategy: opt(fc.oneof(
        fc.record({
          maxUnavailable: opt(intOrPercent(1, 10)),
          partition: opt(fc.integer({ min: 0, max: 10 })),
          paused: opt(fc.boolean()),
          nodeSelector: opt(selector),
        }).map(o => AdvancedDaemonSetUpdateStrategy.rollingUpdate(o)),
        fc.tuple(intOrPercent(1, 10), fc.record({
          partition: opt(fc.integer({
            min: 0,
            max: 10,
          })),
        })).map(([s, o]) => AdvancedDaemonSetUpdateStrategy.surge(s, o)),
        fc.record({ maxUnavailable: opt(intOrPercent(1, 10)) }).map(o => AdvancedDaemonSetUpdateStrategy.inPlaceIfPossible(o)),
        fc.constant(AdvancedDaemonSetUpdateStrategy.onDelete()),
      )),
      lifecycle: opt(fc.record({ preDelete: opt(lifecycleHook) })),
    })).map(([w, s]) => ({ ...w, ...s })),
    build: (c, id, p) => new AdvancedDaemonSet(c, id, p),
    invalid: [setName(), setNamespace(), setContainerName(), set('minReady', fractionalSeconds), set('revisionHistoryLimit', badCount(0)),
      fc.integer({ min: -10, max: -1 }).map(n => (p: any) => ({
        ...p,
        updateStrategy: AdvancedDaemonSetUpdateStrategy.rollingUpdate({ partition: n }),
      }))],
  },
  {
    kind: 'SidecarSet',
    valid: fc.record({
      metadata: metadata(false, true),
      selector,
      namespace: opt(dnsLabel),
      containers: containers(2).map(cs => cs.map(c => ({ ...c, name: `sc-${c.name}`.slice(0, 63).replace(/-+$/, '') }))),
      podInjectPolicy: opt(fc.constantFrom(...Object.values(SidecarInjectPolicy))),
      updateStrategy: opt(fc.oneof(
        fc.constant(SidecarSetUpdateStrategy.notUpdate()),
        fc.record({
          partition: opt(intOrPercent(0, 5)),
          maxUnavailable: opt(intOrPercent(1, 5)),
          paused: opt(fc.boolean()),
          scatter: opt(scatter),
        }).map(o => SidecarSetUpdateStrategy.rollingUpdate(o)),
      )),
      revisionHistoryLimit: opt(fc.integer({ min: 0, max: 10 })),
    }).map(p => ({ ...p, containers: p.containers.map((c: any) => ({ ...c, podInjectPolicy: p.podInjectPolicy })), podInjectPolicy: undefined })),
    build: (c, id, p) => new SidecarSet(c, id, p),
    invalid: [setName(), setImage(), setContainerName(), set('namespace', badName.filter(n => n !== '')), set('revisionHistoryLimit', badCount(0))],
  },
  {
    kind: 'BroadcastJob',
    valid: fc.tuple(workloadProps(true, true), fc.record({
      parallelism: opt(intOrPercent(1, 20)),
      completionPolicy: opt(fc.oneof(fc.constant(JobCompletionPolicy.never()), fc.record({
        activeDeadline: opt(seconds(1, 3600)),
        ttlAfterFinished: opt(seconds(0, 3600)),
      }).map(o => JobCompletionPolicy.always(o)))),
      failurePolicy: opt(fc.record({
        type: opt(fc.constantFrom(...Object.values(BroadcastJobFailurePolicyType))),
        restartLimit: opt(fc.integer({ min: 0, max: 5 })),
      })),
      paused: opt(fc.boolean()),
      restartPolicy: opt(fc.constantFrom(kplus.RestartPolicy.NEVER, kplus.RestartPolicy.ON_FAILURE)),
    })).map(([w, s]) => ({ ...w, ...s })),
    build: (c, id, p) => new BroadcastJob(c, id, p),
    invalid: [setName(), setLabel(),
      badCount(0).map(n => (p: any) => ({ ...p, failurePolicy: { restartLimit: n } })),
      fractionalSeconds.map(d => (p: any) => ({ ...p, completionPolicy: JobCompletionPolicy.always({ ttlAfterFinished: d }) }))],
  },
  {
    kind: 'AdvancedCronJob',
    valid: fc.tuple(workloadProps(true, true), fc.record({
      schedule: fc.constantFrom('*/5 * * * *', '0 3 * * 1-5', '@hourly', '@daily', '@every 1h30m', '15,45 * * * *', '0 0 1 jan,jul *'),
      timeZone: opt(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata')),
      concurrencyPolicy: opt(fc.constantFrom(...Object.values(AdvancedCronJobConcurrencyPolicy))),
      startingDeadline: opt(seconds(0, 600)),
      successfulJobsHistoryLimit: opt(fc.integer({ min: 0, max: 10 })),
      failedJobsHistoryLimit: opt(fc.integer({ min: 0, max: 10 })),
      paused: opt(fc.boolean()),
      template: fc.oneof(
        fc.record({ parallelism: opt(intOrPercent(1, 10)) }).map(o => AdvancedCronJobTemplate.broadcastJob(o)),
        fc.record({
          backoffLimit: opt(fc.integer({ min: 0, max: 6 })),
          completions: opt(fc.integer({ min: 1, max: 5 })),
          parallelism: opt(fc.integer({ min: 0, max: 5 })),
          activeDeadline: opt(seconds(1, 3600)),
          labels: opt(labels),
        })
          .map(o => AdvancedCronJobTemplate.job(o)),
      ),
    })).map(([w, s]) => ({ ...w, ...s })),
    build: (c, id, p) => new AdvancedCronJob(c, id, p),
    invalid: [setName(), set('schedule', fc.constantFrom('61 * * * *', '* * * *', '@fortnightly', 'every hour', '')), set('timeZone', fc.constantFrom('Mars/Base', 'europe/berlin', 'Local')),
      set('successfulJobsHistoryLimit', badCount(0)), set('startingDeadline', fractionalSeconds)],
  },
  {
    kind: 'UnitedDeployment',
    valid: fc.tuple(workloadProps(), fc.integer({ min: 0, max: 20 }), fc.uniqueArray(dnsLabel, {
      minLength: 1,
      maxLength: 3,
    }), fc.integer({ min: 0, max: 3 }), fc.array(fc.nat(5), { minLength: 3, maxLength: 3 })).map(([w, total, names, kind, shares]) => {
      const template = [
        UnitedDeploymentTemplate.cloneSet({ minReady: Duration.seconds(5) }),
        UnitedDeploymentTemplate.advancedStatefulSet({ serviceName: 'db' }),
        UnitedDeploymentTemplate.statefulSet({ serviceName: 'db', minReady: Duration.seconds(1) }),
        UnitedDeploymentTemplate.deployment({ revisionHistoryLimit: 3 }),
      ][kind];
      // every subset but the last gets a share that keeps the sum at most the total
      let left = total;
      const subsets = names.map((name, i) => {
        if (i === names.length - 1) return { name };
        const n = Math.min(left, shares[i]);
        left -= n;
        return { name, replicas: IntOrPercent.count(n), partition: shares[i] % 2 === 0 ? shares[i] : undefined };
      });
      return { ...w, replicas: total, template, subsets };
    }),
    build: (c, id, p) => new UnitedDeployment(c, id, p),
    invalid: [setName(), set('replicas', badCount(0)),
      badName.map(n => (p: any) => ({ ...p, subsets: [{ name: n }] })),
      fc.constant((p: any) => ({ ...p, subsets: [{ name: 'a' }, { name: 'a' }] }))],
  },
  {
    kind: 'WorkloadSpread',
    valid: fc.record({
      metadata: metadata(true),
      target: fc.tuple(fc.constantFrom(['apps/v1', 'Deployment'], ['apps.kruise.io/v1alpha1', 'CloneSet'], ['apps/v1', 'ReplicaSet'], ['batch/v1', 'Job']), subdomain).map(([[v, k], n]) => WorkloadTarget.of(v, k, n)),
      subsets: fc.uniqueArray(fc.record({
        name: dnsLabel,
        maxReplicas: opt(fc.integer({ min: 0, max: 10 })),
        podLabels: opt(labels),
        podAnnotations: opt(annotations),
      }), { minLength: 1, maxLength: 3, selector: s => s.name }),
      adaptive: fc.boolean(),
    }).map(p => ({
      metadata: p.metadata,
      target: p.target,
      scheduleStrategy: p.adaptive ? WorkloadSpreadScheduleStrategy.adaptive({ rescheduleCritical: Duration.seconds(30) }) : undefined,
      subsets: p.subsets.map((s, i) => ({
        ...s,
        maxReplicas: s.maxReplicas === undefined || (p.adaptive && i === p.subsets.length - 1) ? undefined : IntOrPercent.count(s.maxReplicas),
      })),
    })),
    build: (c, id, p) => new WorkloadSpread(c, id, p),
    invalid: [setName(), setNamespace(), setLabel(),
      fc.constant((p: any) => ({ ...p, subsets: [...p.subsets, { ...p.subsets[0] }] })),
      fc.integer({ min: -10, max: 0 }).map(w => (p: any) => ({
        ...p,
        subsets: [{ name: 'a', preferredNodeSelectorTerms: [{ weight: w, preference: {} }] }],
      })),
      badLabelValue.map(v => (p: any) => ({ ...p, subsets: [{ name: 'a', podLabels: { zone: v } }] }))],
  },
  {
    kind: 'PodUnavailableBudget',
    valid: fc.record({
      metadata: metadata(true),
      bySelector: fc.boolean(),
      selector,
      target: subdomain.map(n => WorkloadTarget.of('apps.kruise.io/v1alpha1', 'CloneSet', n)),
      budget: fc.oneof(
        intOrPercent(0, 10).map(v => PodUnavailableBudgetLimit.maxUnavailable(v)),
        intOrPercent(0, 10).map(v => PodUnavailableBudgetLimit.minAvailable(v)),
      ),
      protectOperations: opt(fc.subarray(Object.values(PubOperation), { minLength: 1 })),
      protectTotalReplicas: opt(fc.integer({ min: 0, max: 1000 })),
    }).map(({ bySelector, selector: s, target, ...p }) => ({ ...p, selector: bySelector ? s : undefined, target: bySelector ? undefined : target })),
    build: (c, id, p) => new PodUnavailableBudget(c, id, p),
    invalid: [setName(), setLabel(), set('protectTotalReplicas', badCount(0)), set('protectOperations', fc.constant([])),
      fc.constant((p: any) => ({
        ...p,
        selector: kplus.LabelSelector.of({ labels: { a: 'b' } }),
        target: WorkloadTarget.of('apps/v1', 'Deployment', 'web'),
      }))],
  },
  {
    kind: 'ContainerRecreateRequest',
    valid: fc.record({
      metadata: metadata(true),
      podName: subdomain,
      containers: fc.uniqueArray(dnsLabel, { minLength: 1, maxLength: 3 }),
      strategy: opt(fc.record({
        failurePolicy: opt(fc.constantFrom(...Object.values(ContainerRecreateFailurePolicy))),
        orderedRecreate: opt(fc.boolean()),
        forceRecreate: opt(fc.boolean()),
        terminationGracePeriod: opt(seconds(0, 60)),
        unreadyGracePeriod: opt(seconds(0, 60)),
        minStarted: opt(seconds(0, 60)),
      })),
      activeDeadline: opt(seconds(3, 3600)),
      ttlAfterFinished: opt(seconds(0, 3600)),
    }),
    build: (c, id, p) => new ContainerRecreateRequest(c, id, p),
    invalid: [setName(), setNamespace(), set('podName', badName), set('activeDeadline', fc.integer({
      min: 0,
      max: 2,
    }).map(s => Duration.seconds(s))), set('ttlAfterFinished', fractionalSeconds),
    badName.map(n => (p: any) => ({ ...p, containers: [n] }))],
  },
  {
    kind: 'ResourceDistribution',
    valid: fc.record({
      metadata: metadata(false),
      resource: fc.tuple(fc.constantFrom('Secret', 'ConfigMap'), subdomain, fc.dictionary(dnsLabel, fc.string({ maxLength: 10 }).filter(clean), {
        maxKeys: 2,
        noNullPrototype: true,
      }))
        // A Secret's data values are base64 (Kruise decodes them as the API server does).
        .map(([kind, name, data]) => DistributedResource.fromManifest({
          apiVersion: 'v1',
          kind,
          metadata: { name },
          data: kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : data,
        })),
      allNamespaces: fc.boolean(),
      includedNamespaces: fc.uniqueArray(dnsLabel, { minLength: 1, maxLength: 3 }),
      excludedNamespaces: opt(fc.uniqueArray(dnsLabel, { maxLength: 2 })),
    // A namespace both included and excluded is ambiguous: Kruise rejects it.
    }).map(p => ({ ...p, excludedNamespaces: p.excludedNamespaces?.filter(n => !p.includedNamespaces.includes(n)) })),
    build: (c, id, p) => new ResourceDistribution(c, id, p),
    invalid: [setName(), setLabel(), badName.map(n => (p: any) => ({ ...p, includedNamespaces: [n] })),
      fc.constantFrom('Deployment', 'Service').map(k => (p: any) => ({
        ...p,
        resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: k, metadata: { name: 'x' } }),
      })),
      badName.map(n => (p: any) => ({
        ...p,
        resource: DistributedResource.fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } }),
      }))],
  },
  {
    kind: 'PodProbeMarker',
    valid: fc.record({
      metadata: metadata(true),
      selector,
      probes: fc.uniqueArray(fc.record({
        name: dnsLabel,
        containerName: dnsLabel,
        tcp: fc.boolean(),
        port,
        condition: fc.boolean(),
        labels: fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2, noNullPrototype: true }),
      }), { minLength: 1, maxLength: 2, selector: p => p.name })
        .map(ps => ps.map(p => ({
          name: p.name,
          containerName: p.containerName,
          probe: p.tcp ? kplus.Probe.fromTcpSocket({ port: p.port }) : kplus.Probe.fromCommand(['/bin/check', p.name]),
          podConditionType: p.condition ? `game.io/${p.name}` : undefined,
          markerPolicy: p.condition ? undefined : [{ state: ProbeMarkerState.SUCCEEDED, labels: p.labels }],
        }))),
    }),
    build: (c, id, p) => new PodProbeMarker(c, id, p),
    invalid: [setName(), setNamespace(), set('selector', fc.constant(kplus.LabelSelector.of({}))),
      fc.constantFrom('a#b', 'Ready', 'InPlaceUpdateReady').map(n => (p: any) => ({ ...p, probes: [{ ...p.probes[0], name: n }] })),
      badName.map(n => (p: any) => ({ ...p, probes: [{ ...p.probes[0], containerName: n }] }))],
  },
  {
    kind: 'PersistentPodState',
    valid: fc.record({
      metadata: metadata(true),
      target: fc.tuple(fc.constantFrom('apps/v1', 'apps.kruise.io/v1beta1'), subdomain).map(([v, n]) => WorkloadTarget.of(v, 'StatefulSet', n)),
      requiredPersistentTopology: opt(fc.uniqueArray(labelKey, { minLength: 1, maxLength: 2 })),
      preferredPersistentTopology: fc.array(fc.record({
        weight: fc.integer({ min: 1, max: 100 }),
        nodeTopologyKeys: fc.uniqueArray(labelKey, { minLength: 1, maxLength: 2 }),
      }), { minLength: 1, maxLength: 2 }),
      persistentPodAnnotations: opt(fc.uniqueArray(labelKey, { maxLength: 2 })),
      retentionPolicy: opt(fc.constantFrom(...Object.values(PersistentPodStateRetentionPolicy))),
    }),
    build: (c, id, p) => new PersistentPodState(c, id, p),
    invalid: [setName(), setLabel(),
      fc.integer({ min: -5, max: 0 }).map(w => (p: any) => ({ ...p, preferredPersistentTopology: [{ weight: w, nodeTopologyKeys: ['zone'] }] })),
      fc.constant((p: any) => ({ ...p, requiredPersistentTopology: undefined, preferredPersistentTopology: undefined }))],
  },
  {
    kind: 'ImagePullJob',
    valid: fc.record({
      metadata: metadata(true),
      image,
      selectorKind: fc.constantFrom('none', 'names', 'labels', 'pods'),
      names: fc.uniqueArray(subdomain, { minLength: 1, maxLength: 3 }),
      selector,
      parallelism: opt(fc.integer({ min: 1, max: 10 })),
      completionPolicy: opt(fc.oneof(fc.constant(JobCompletionPolicy.never()), fc.record({
        activeDeadline: opt(seconds(1, 3600)),
        ttlAfterFinished: opt(seconds(0, 3600)),
      }).map(o => JobCompletionPolicy.always(o)))),
      pullPolicy: opt(fc.record({ timeout: opt(seconds(1, 600)), backoffLimit: opt(fc.integer({ min: 0, max: 5 })) })),
      imagePullPolicy: opt(fc.constantFrom(...Object.values(ImagePullJobImagePullPolicy))),
      pullSecrets: opt(fc.uniqueArray(subdomain, { maxLength: 2 })),
      sandboxConfig: opt(fc.record({ labels: opt(labels), annotations: opt(annotations) })),
    }).map(({ selectorKind, names, selector: s, ...p }) => ({
      ...p,
      nodeSelector: selectorKind === 'names' ? ImagePullJobNodeSelector.names(names) : selectorKind === 'labels' ? ImagePullJobNodeSelector.labels(s) : undefined,
      podSelector: selectorKind === 'pods' ? s : undefined,
    })),
    build: (c, id, p) => new ImagePullJob(c, id, p),
    invalid: [setName(), setNamespace(), set('image', badImage), set('parallelism', badCount(1)), set('pullSecrets', badName.map(n => [n])),
      fc.constant((p: any) => ({
        ...p,
        nodeSelector: ImagePullJobNodeSelector.names(['n1']),
        podSelector: kplus.LabelSelector.of({ labels: { a: 'b' } }),
      }))],
  },
  {
    kind: 'ImageListPullJob',
    valid: fc.record({
      metadata: metadata(true),
      images: fc.uniqueArray(image, { minLength: 1, maxLength: 5 }),
      parallelism: opt(fc.integer({ min: 1, max: 10 })),
      pullPolicy: opt(fc.record({ timeout: opt(seconds(1, 600)), backoffLimit: opt(fc.integer({ min: 0, max: 5 })) })),
    }),
    build: (c, id, p) => new ImageListPullJob(c, id, p),
    invalid: [setName(), setLabel(), badImage.map(i => (p: any) => ({ ...p, images: [...p.images, i] })), fc.constant((p: any) => ({
      ...p,
      images: [p.images[0], p.images[0]],
    })),
    badCount(0).map(n => (p: any) => ({ ...p, pullPolicy: { backoffLimit: n } }))],
  },
  {
    kind: 'EphemeralJob',
    valid: fc.record({
      metadata: metadata(true),
      selector,
      containers: fc.uniqueArray(fc.record({
        name: dnsLabel,
        image,
        targetContainerName: opt(dnsLabel),
        command: opt(fc.array(fc.stringMatching(/^[a-z/-]{1,10}$/), { minLength: 1, maxLength: 3 })),
      }), { minLength: 1, maxLength: 2, selector: c => c.name }),
      replicas: opt(fc.integer({ min: 0, max: 10 })),
      parallelism: opt(fc.integer({ min: 1, max: 5 })),
      ttlAfterFinished: opt(seconds(0, 3600)),
      activeDeadline: opt(seconds(1, 3600)),
      paused: opt(fc.boolean()),
    }),
    build: (c, id, p) => new EphemeralJob(c, id, p),
    invalid: [setName(), setNamespace(), setImage(), setContainerName(), set('replicas', badCount(0)), set('parallelism', badCount(1)), set('ttlAfterFinished', fractionalSeconds)],
  },
];
