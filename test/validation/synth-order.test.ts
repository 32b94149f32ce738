/**
 * The linear-time ordering a reviewed synthesis uses (src/validation/synth-order.ts)
 * gives exactly cdk8s's order: compared with cdk8s's own `DependencyGraph` on
 * generated construct trees, and left to cdk8s where cdk8s fails (cycles).
 */
import { ApiObject, App, Chart, DependencyGraph, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import fc from 'fast-check';
import { CloneSet, Kruise } from '../../src';
import { dependencyOrder, withLinearOrder } from '../../src/validation/synth-order';

type Kind = 'construct' | 'chart' | 'object';

/** One generated tree: each node under an earlier one (or the app), and dependencies between nodes. */
interface Layout {
  readonly nodes: ReadonlyArray<{ readonly parent: number; readonly kind: Kind; readonly id: string }>;
  readonly deps: ReadonlyArray<readonly [number, number, boolean]>;
}

/** Ids: numeric ones (a plain object lists those first), and others. */
const ID = fc.constantFrom('a', 'b', 'c', 'x1', '0', '1', '7', '10', '4294967294', '4294967295', '01', 'Resource');

const LAYOUT: fc.Arbitrary<Layout> = fc.record({
  nodes: fc.array(fc.record({ parent: fc.nat(), kind: fc.constantFrom<Kind>('construct', 'chart', 'object'), id: ID }), { minLength: 1, maxLength: 14 }),
  // [from, to, to the same path in a copy of the tree (another app)]
  deps: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 16 }),
});

/** Builds a layout in a fresh app: the constructs made, in layout order (skipping duplicate ids and objects outside charts). */
function build(layout: Layout): { app: App; made: Array<IConstruct | undefined> } {
  const app = new App({ outdir: '/tmp/synth-order-unused' });
  const made: Array<IConstruct | undefined> = [];
  layout.nodes.forEach(({ parent, kind, id }, i) => {
    const scope: IConstruct = (i === 0 ? undefined : made[parent % i]) ?? app;
    let c: IConstruct | undefined;
    if (scope.node.tryFindChild(id)) c = undefined;
    else if (kind === 'chart') c = new Chart(scope as Construct, id);
    else if (kind === 'construct') c = new Construct(scope as Construct, id);
    else if (scope.node.scopes.some(s => Chart.isChart(s))) c = new ApiObject(scope as Construct, id, { apiVersion: 'v1', kind: 'ConfigMap' });
    made.push(c);
  });
  return { app, made };
}

/** cdk8s's order, or the error it throws. */
function cdk8sOrder(scope: IConstruct): IConstruct[] | Error {
  try {
    return new DependencyGraph(scope.node).topology();
  } catch (e) {
    return e as Error;
  }
}

describe('dependencyOrder', () => {
  test('gives cdk8s\'s order for every scope of generated trees, or leaves the scope to cdk8s', () => {
    let compared = 0;
    let cycles = 0;
    fc.assert(fc.property(LAYOUT, (layout) => {
      const { app, made } = build(layout);
      const copy = build(layout).made; // the same paths in another app
      for (const [a, b, other] of layout.deps) {
        const from = made[a % made.length];
        const to = (other ? copy : made)[b % made.length];
        if (from && to && from !== to) from.node.addDependency(to);
      }
      for (const scope of [app, ...made.filter((c): c is IConstruct => c !== undefined && !ApiObject.isApiObject(c))]) {
        const expected = cdk8sOrder(scope);
        const actual = dependencyOrder(scope.node);
        if (expected instanceof Error) {
          expect(actual).toBeUndefined(); // a cycle: cdk8s's graph runs and reports it
          cycles++;
        } else if (actual !== undefined) {
          expect(actual.map(c => c.node.path)).toEqual(expected.map(c => c.node.path));
          expect(actual).toEqual(expected);
          compared++;
        }
        // Else left to cdk8s without an error: a dependency cdk8s takes for one on the construct
        // itself (the same path in another app), which cdk8s's graph drops with the construct.
      }
    }), { numRuns: Number(process.env.ORDER_TREE_RUNS ?? 300) });
    // Both kinds of case were generated.
    expect(compared).toBeGreaterThan(100);
    expect(cycles).toBeGreaterThan(0);
  });

  test('a numeric top-level id comes first, as the vertices of cdk8s\'s graph are keyed (by path, in a plain object)', () => {
    const app = new App();
    new Chart(app, 'b');
    new ApiObject(new Chart(app, '10'), 'x', { apiVersion: 'v1', kind: 'ConfigMap' });
    new Chart(app, '2');
    new Chart(app, '02');
    // Construct order is the app, 2, 10, 10/x, b, 02 (the app lists its children as a plain object does); cdk8s's vertices
    // list the numeric paths before all others, the app's own ('') and 10/x included.
    const expected = ['2', '10', '', '10/x', 'b', '02'];
    expect(new DependencyGraph(app.node).topology().map(c => c.node.path)).toEqual(expected);
    expect(dependencyOrder(app.node)?.map(c => c.node.path)).toEqual(expected);
  });

  test('a construct that depends on itself is left to cdk8s', () => {
    const chart = new Chart(new App(), 'c');
    const o = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    o.node.addDependency(o);
    expect(dependencyOrder(chart.node)).toBeUndefined();
  });
});

describe('withLinearOrder', () => {
  test('cdk8s orders with it inside, with its own class again afterwards', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
    const graphs: DependencyGraph[] = [];
    const order = withLinearOrder(() => {
      const graph = new DependencyGraph(chart.node); // cdk8s's module export, read at each use (as cdk8s itself reads it)
      graphs.push(graph);
      return graph.topology();
    });
    expect(graphs[0]).toBeInstanceOf(DependencyGraph);
    expect(graphs[0].constructor).not.toBe(DependencyGraph);
    expect(order).toEqual(new DependencyGraph(chart.node).topology());
    expect(graphs[0].root.outbound.map(v => v.value)).toEqual([chart, ApiObject.of(chart.node.findChild('o'))]); // from cdk8s's own graph
    expect(new DependencyGraph(chart.node).constructor).toBe(DependencyGraph);
  });

  test('a reviewed app with a dependency cycle fails with cdk8s\'s own error', () => {
    const make = (withKruise: boolean): App => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      if (withKruise) new Kruise(chart, 'kruise');
      const a = new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
      const b = new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
      a.node.addDependency(b);
      b.node.addDependency(a);
      return app;
    };
    const plain = (() => {
      try {
        make(false).synthYaml();
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    })();
    expect(plain).toMatch(/^Dependency cycle detected: /);
    expect(() => make(true).synthYaml()).toThrow(plain);
  });

  test('a reviewed app synthesizes in the order cdk8s gives the same constructs', () => {
    const app = Testing.app();
    const late = new Chart(app, 'late');
    const early = new Chart(app, '1');
    new Kruise(early, 'kruise');
    const cs = new CloneSet(late, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    const cm = new ApiObject(late, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    cs.node.addDependency(cm);
    const yaml = app.synthYaml();
    const expected = new DependencyGraph(app.node).topology().filter(Chart.isChart)
      .flatMap(chart => new DependencyGraph(chart.node).topology()
        .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
        .map(o => `kind: ${o.kind}\nmetadata:\n  name: ${o.name}\n`));
    const emitted = yaml.split('---\n').map(doc => {
      const kind = /^kind: (.*)$/m.exec(doc)![1];
      const name = /^ {2}name: (.*)$/m.exec(doc)![1];
      return `kind: ${kind}\nmetadata:\n  name: ${name}\n`;
    });
    expect(emitted).toEqual(expected);
    expect(emitted.indexOf(`kind: CloneSet\nmetadata:\n  name: ${ApiObject.of(cs).name}\n`))
      .toBeGreaterThan(emitted.indexOf(`kind: ConfigMap\nmetadata:\n  name: ${cm.name}\n`));
  });
});
