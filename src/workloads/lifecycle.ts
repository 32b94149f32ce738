// The lifecycle hooks of CloneSet, Advanced StatefulSet and Advanced DaemonSet:
// as the constructs take them, and as the API takes them.

/** A lifecycle hook: the pod waits in a state until these finalizers/labels are gone/set. */
export interface LifecycleHook {
  /** Finalizers that hold the pod in the hook state. @default - none */
  readonly finalizers?: string[];
  /** Labels that hold the pod in the hook state. @default - none */
  readonly labels?: { [key: string]: string };
  /** Set the pod not ready while in the hook state. @default false */
  readonly markPodNotReady?: boolean;
}

/** Lifecycle hooks of CloneSet, Advanced StatefulSet and Advanced DaemonSet. */
export interface WorkloadLifecycle {
  /** Before a pod is deleted. @default - none */
  readonly preDelete?: LifecycleHook;
  /** Before and after an in-place update. @default - none */
  readonly inPlaceUpdate?: LifecycleHook;
  /** Before a new pod becomes Normal (available). @default - none */
  readonly preNormal?: LifecycleHook;
}

/** One lifecycle hook as the API takes it. */
export interface LifecycleHookJson {
  readonly finalizersHandler?: string[];
  readonly labelsHandler?: { [key: string]: string };
  readonly markPodNotReady?: boolean;
}

/** `lifecycle` as the API takes it. */
export interface LifecycleJson {
  readonly preDelete?: LifecycleHookJson;
  readonly inPlaceUpdate?: LifecycleHookJson;
  readonly preNormal?: LifecycleHookJson;
}

/** @internal */
export function renderLifecycle(lifecycle: WorkloadLifecycle | undefined): LifecycleJson | undefined {
  if (!lifecycle) return undefined;
  const hook = (h?: LifecycleHook): LifecycleHookJson | undefined => h && ({
    finalizersHandler: h.finalizers && [...h.finalizers],
    labelsHandler: h.labels && { ...h.labels },
    markPodNotReady: h.markPodNotReady,
  });
  return { preDelete: hook(lifecycle.preDelete), inPlaceUpdate: hook(lifecycle.inPlaceUpdate), preNormal: hook(lifecycle.preNormal) };
}
