/**
 * The order cdk8s emits objects in, computed in linear time.
 *
 * A synthesis orders constructs with cdk8s's `DependencyGraph`: once over the
 * app to order the charts, then once over each chart to order its objects.
 * Building that graph checks every new edge for a cycle by walking all that
 * the edge's target depends on, and its topological walk goes down every
 * shared dependency again, copying each vertex's edges into a new array at
 * each visit. For an app of L2 constructs (each one a vertex above its API
 * object) that was about a tenth of a synthesis at 10,000 workloads, and
 * about a fifth of the memory the synthesis promoted to the old generation.
 *
 * `dependencyOrder` gives the same list as `new DependencyGraph(node).topology()`
 * for any node whose dependencies have no cycle: the same vertices (every
 * construct under the node; an edge to a construct outside it is dropped, as
 * cdk8s looks each target up by its path), the same edges in the same order,
 * the same roots (constructs nothing depends on, in the order cdk8s keeps its
 * vertices: by path in a plain object, so a numeric top-level id comes first)
 * and the same depth-first post-order. For anything else (a cycle, a construct
 * depending on itself, a top-level construct with the id `__proto__`) it
 * returns undefined, and cdk8s's own graph does the work and reports the error.
 *
 * While one synthesis of an app the review scopes runs (see `KruiseReview`),
 * `withLinearOrder` makes cdk8s's `DependencyGraph` use it; afterwards cdk8s's
 * class is back. `test/validation/synth-order.test.ts` compares the two on
 * generated construct trees.
 */
import * as cdk8s from 'cdk8s';
import { IConstruct, Node } from 'constructs';

/** Largest integer V8 keeps as an element (an array index) of a plain object: such keys come first, in numeric order. */
const MAX_INDEX_KEY = 2 ** 32 - 2;

/** Whether `key` is an array index, a key a plain object lists before its other keys. */
function isIndexKey(key: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) <= MAX_INDEX_KEY;
}

/**
 * The constructs under `scope` (its own construct included) in the order of
 * `new DependencyGraph(scope).topology()`, or undefined where that order is
 * left to cdk8s (see the module comment).
 */
export function dependencyOrder(scope: Node): IConstruct[] | undefined {
  const all = scope.findAll();
  const count = all.length;
  const index = new Map<IConstruct, number>();
  for (let i = 0; i < count; i++) index.set(all[i], i);

  // A dependency on a construct of another tree is looked up by path, as cdk8s does.
  const tree = scope.root;
  let byPath: Map<string, number> | undefined;
  const lookUp = (target: IConstruct): number | undefined => {
    const i = index.get(target);
    if (i !== undefined || target.node.root === tree) return i; // paths are unique within a tree
    if (!byPath) {
      byPath = new Map();
      for (let j = 0; j < count; j++) byPath.set(all[j].node.path, j);
    }
    return byPath.get(target.node.path);
  };

  // Edges in cdk8s's order: sources in construct order, each one's dependencies in order, each edge once.
  const children: Array<number[] | undefined> = new Array(count);
  const hasParent = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const deps = all[i].node.dependencies;
    if (deps.length === 0) continue;
    let out: number[] | undefined;
    for (const dep of deps) {
      const j = lookUp(dep);
      if (j === undefined) continue;
      if (j === i) return undefined; // depends on itself
      out ??= [];
      if (!out.includes(j)) out.push(j);
      hasParent[j] = 1;
    }
    children[i] = out;
  }

  // The roots, in the order cdk8s keeps its vertices (keyed by path in a plain object).
  const indexKeyed: Array<{ key: number; i: number }> = [];
  const roots: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = all[i];
    // Only a construct right under the tree's root has a path without a `/`.
    const topLevel = c.node.scope !== undefined && c.node.scope.node.scope === undefined;
    if (topLevel && c.node.id === '__proto__') return undefined; // not an own key of cdk8s's object
    if (hasParent[i]) continue;
    if (topLevel && isIndexKey(c.node.id)) indexKeyed.push({ key: Number(c.node.id), i });
    else roots.push(i);
  }
  indexKeyed.sort((a, b) => a.key - b.key);

  // Depth-first post-order from the roots; a vertex met again while open is a cycle.
  const state = new Uint8Array(count); // 0 new, 1 open, 2 done
  const order: IConstruct[] = [];
  const stack: number[] = [];
  const next: number[] = [];
  const visit = (start: number): boolean => {
    if (state[start] === 2) return true;
    stack.push(start);
    next.push(0);
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const v = stack[top];
      const out = children[v];
      const k = next[top];
      if (out && k < out.length) {
        next[top] = k + 1;
        const c = out[k];
        if (state[c] === 1) return false;
        if (state[c] === 0) {
          state[c] = 1;
          stack.push(c);
          next.push(0);
        }
        continue;
      }
      state[v] = 2;
      order.push(all[v]);
      stack.pop();
      next.pop();
    }
    return true;
  };
  for (const { i } of indexKeyed) if (!visit(i)) return undefined;
  for (const i of roots) if (!visit(i)) return undefined;
  return order.length === count ? order : undefined; // a vertex no root reaches lies on a cycle
}

/** The part of cdk8s's module of `DependencyGraph` that is swapped (see withLinearOrder). */
interface DependencyModule {
  DependencyGraph: typeof cdk8s.DependencyGraph;
}

/** cdk8s's module of `DependencyGraph`, whose export `app.synth()` and `chart.toJson()` read at each use; undefined when it is not where expected. */
const DEPENDENCY_MODULE: DependencyModule | undefined = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('cdk8s/lib/dependency') as DependencyModule;
    const desc = Object.getOwnPropertyDescriptor(mod, 'DependencyGraph');
    return mod.DependencyGraph === cdk8s.DependencyGraph && desc?.writable ? mod : undefined;
  } catch {
    return undefined; // another layout of cdk8s: its own graph does the work
  }
})();

/** cdk8s's own class. */
const CDK8S_GRAPH = cdk8s.DependencyGraph;

/**
 * cdk8s's `DependencyGraph` with `topology()` from `dependencyOrder`; cdk8s's
 * own graph is built only when that gives nothing, or for `root`. Its
 * prototype extends cdk8s's (without running cdk8s's constructor), so it is
 * an instance of cdk8s's class for anyone who checks.
 */
class LinearDependencyGraph {
  private full?: cdk8s.DependencyGraph;

  public constructor(private readonly scope: Node) {}

  public get root(): cdk8s.DependencyVertex {
    return this.graph().root;
  }

  public topology(): IConstruct[] {
    return dependencyOrder(this.scope) ?? this.graph().topology();
  }

  private graph(): cdk8s.DependencyGraph {
    return this.full ??= new CDK8S_GRAPH(this.scope);
  }
}
Object.setPrototypeOf(LinearDependencyGraph.prototype, CDK8S_GRAPH.prototype);
const LINEAR_GRAPH = LinearDependencyGraph as unknown as typeof cdk8s.DependencyGraph;

/**
 * Runs `run` (one synthesis of an app) with cdk8s ordering constructs by
 * `dependencyOrder` (see the module comment).
 */
export function withLinearOrder<T>(run: () => T): T {
  const mod = DEPENDENCY_MODULE;
  if (!mod || mod.DependencyGraph !== CDK8S_GRAPH) return run(); // not found, or swapped by someone else (an enclosing synthesis)
  mod.DependencyGraph = LINEAR_GRAPH;
  try {
    return run();
  } finally {
    mod.DependencyGraph = CDK8S_GRAPH;
  }
}
