import { KruiseSchemaValidator, KruiseVersion, ProblemKind, ValidationProblem } from '../../src';

const validator = KruiseSchemaValidator.forVersion(KruiseVersion.V1_7);

function cloneSet(spec: any = {}, metadata: any = { name: 'web' }): any {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'CloneSet',
    metadata,
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...spec,
    },
  };
}

function brief(problems: ValidationProblem[]): string[] {
  return problems.map(p => `${p.kind} ${p.path}`);
}

describe('KruiseSchemaValidator', () => {
  test('a valid CloneSet has no problems', () => {
    expect(validator.validate(cloneSet({ replicas: 3 }))).toEqual([]);
  });

  test('keys named like Object.prototype members are unknown fields like any other', () => {
    // JSON.parse makes `__proto__` an own key, as YAML and JSON input do.
    const spec = JSON.parse('{"toString": 1, "constructor": {}, "hasOwnProperty": "x", "__proto__": {"a": 1}}');
    const obj = cloneSet();
    for (const k of Object.keys(spec)) Object.defineProperty(obj.spec, k, { value: spec[k], enumerable: true, writable: true, configurable: true });
    expect(brief(validator.validate(obj)).sort()).toEqual([
      'pruned spec.__proto__', 'pruned spec.constructor', 'pruned spec.hasOwnProperty', 'pruned spec.toString',
    ]);
  });

  test('the validator is cached per version', () => {
    expect(KruiseSchemaValidator.forVersion()).toBe(validator);
  });

  describe('types', () => {
    test('a string where an integer belongs', () => {
      const problems = validator.validate(cloneSet({ replicas: 'three' }));
      expect(problems).toEqual([{ path: 'spec.replicas', kind: ProblemKind.INVALID, message: 'must be of type integer, got "three"' }]);
    });
    test('a fraction where an integer belongs', () => {
      expect(brief(validator.validate(cloneSet({ minReadySeconds: 1.5 })))).toEqual(['invalid spec.minReadySeconds']);
    });
    test('an object where a list belongs, deep inside', () => {
      const problems = validator.validate(cloneSet({ updateStrategy: { priorityStrategy: { weightPriority: { weight: 1 } } } }));
      expect(brief(problems)).toEqual(['invalid spec.updateStrategy.priorityStrategy.weightPriority']);
      expect(problems[0].message).toContain('must be of type array');
    });
    test('a number where a boolean belongs', () => {
      expect(brief(validator.validate(cloneSet({ updateStrategy: { paused: 1 } })))).toEqual(['invalid spec.updateStrategy.paused']);
    });
    test('label values must be strings', () => {
      expect(brief(validator.validate(cloneSet({}, { name: 'web', labels: { a: 1 } })))).toEqual(['invalid metadata.labels.a']);
    });
  });

  describe('ranges and formats', () => {
    test('int32 overflow', () => {
      const problems = validator.validate(cloneSet({ replicas: 2 ** 31 }));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: 'spec.replicas', kind: ProblemKind.INVALID });
      expect(problems[0].message).toContain('32-bit integer');
    });
    test('int32 lower bound is accepted', () => {
      expect(validator.validate(cloneSet({ minReadySeconds: -2147483648 }))).toEqual([]);
    });
    test('date-time format in status', () => {
      const cs = cloneSet();
      cs.status = { availableReplicas: 0, readyReplicas: 0, replicas: 0, updatedReadyReplicas: 0, updatedReplicas: 0, conditions: [{ type: 'X', status: 'True', lastTransitionTime: 'yesterday' }] };
      const problems = validator.validate(cs);
      expect(brief(problems)).toEqual(['invalid status.conditions[0].lastTransitionTime']);
      expect(problems[0].message).toContain('RFC 3339');
    });
  });

  describe('enums and defaults', () => {
    const wsp = (type: any) => ({
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'WorkloadSpread',
      metadata: { name: 'ws' },
      spec: { targetRef: { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: 'web' }, subsets: [{ name: 'a' }], scheduleStrategy: { type } },
    });
    test('accepts an enum member', () => {
      expect(validator.validate(wsp('Adaptive'))).toEqual([]);
    });
    test('rejects a value outside the enum and names the choices', () => {
      const problems = validator.validate(wsp('Sometimes'));
      expect(brief(problems)).toEqual(['invalid spec.scheduleStrategy.type']);
      expect(problems[0].message).toContain('"Adaptive"');
    });
  });

  describe('required fields', () => {
    test('missing top-level required spec fields', () => {
      const cs = cloneSet();
      delete cs.spec.selector;
      expect(validator.validate(cs)).toEqual([{ path: 'spec.selector', kind: ProblemKind.REQUIRED, message: 'Required value' }]);
    });
    test('missing required field in a list item', () => {
      const problems = validator.validate(cloneSet({ selector: { matchExpressions: [{ key: 'a' }] } }));
      expect(brief(problems)).toEqual(['required spec.selector.matchExpressions[0].operator']);
    });
    test('metadata.name is required only when asked for', () => {
      expect(validator.validate(cloneSet({}, { labels: { a: 'b' } }))).toEqual([]);
      expect(brief(validator.validate(cloneSet({}, { labels: { a: 'b' } }), { requireName: true }))).toEqual(['required metadata.name']);
      expect(brief(validator.validate({ ...cloneSet(), metadata: undefined }, { requireName: true }))).toEqual(['required metadata.name']);
    });
  });

  describe('int-or-string', () => {
    test('accepts an integer', () => {
      expect(validator.validate(cloneSet({ updateStrategy: { maxSurge: 2 } }))).toEqual([]);
    });
    test('accepts a percentage string', () => {
      expect(validator.validate(cloneSet({ updateStrategy: { maxUnavailable: '20%' } }))).toEqual([]);
    });
    test('rejects a boolean with one message', () => {
      expect(validator.validate(cloneSet({ updateStrategy: { maxSurge: true } }))).toEqual([
        { path: 'spec.updateStrategy.maxSurge', kind: ProblemKind.INVALID, message: 'must be an integer or a string, got true' },
      ]);
    });
  });

  describe('pruning', () => {
    test('unknown top-level field', () => {
      const cs = cloneSet();
      cs.extra = 1;
      expect(brief(validator.validate(cs))).toEqual(['pruned extra']);
    });
    test('unknown fields at several depths are all reported', () => {
      const problems = validator.validate(cloneSet({
        foo: 1,
        updateStrategy: { typo: 'x', priorityStrategy: { weightPriority: [{ weight: 1, matchSelector: {}, wat: true }] } },
      }));
      expect(brief(problems).sort()).toEqual([
        'pruned spec.foo',
        'pruned spec.updateStrategy.priorityStrategy.weightPriority[0].wat',
        'pruned spec.updateStrategy.typo',
      ]);
      expect(problems.find(p => p.path === 'spec.foo')!.message).toContain("'spec' schema has no such field");
    });
    test('unknown metadata fields are pruned, known ones kept', () => {
      expect(brief(validator.validate(cloneSet({}, { name: 'a', labels: {}, lables: {} })))).toEqual(['pruned metadata.lables']);
    });
    test('null in a non-nullable field is dropped', () => {
      expect(brief(validator.validate(cloneSet({ replicas: null })))).toEqual(['pruned spec.replicas']);
    });
    test('what is kept after a pruned field, in maps and in later list items, is still validated', () => {
      const input = cloneSet({
        bogus: 1, // pruned before the fields that follow it
        updateStrategy: {
          priorityStrategy: {
            weightPriority: [
              { weight: 1, matchSelector: {} },
              { weight: 2, matchSelector: {}, wat: true },
              { weight: 'heavy', matchSelector: {} },
            ],
          },
        },
        replicas: 'three',
      });
      const before = JSON.stringify(input);
      expect(brief(validator.validate(input)).sort()).toEqual([
        'invalid spec.replicas',
        'invalid spec.updateStrategy.priorityStrategy.weightPriority[2].weight',
        'pruned spec.bogus',
        'pruned spec.updateStrategy.priorityStrategy.weightPriority[1].wat',
      ]);
      expect(JSON.stringify(input)).toBe(before); // the caller's object is left as it was
    });
    test('a pruned field is not validated any further', () => {
      expect(brief(validator.validate(cloneSet({ bogus: { replicas: 'x' } })))).toEqual(['pruned spec.bogus']);
    });
  });

  describe('preserve-unknown-fields subtrees', () => {
    test('anything goes inside the pod template', () => {
      expect(validator.validate(cloneSet({ template: { whatever: { deeply: [1, 'two', { three: null }] } } }))).toEqual([]);
    });
    test('volumeClaimTemplates are kept as they are', () => {
      expect(validator.validate(cloneSet({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { unknown: true } }] }))).toEqual([]);
    });
    test('typed siblings of a preserved subtree are still checked', () => {
      expect(brief(validator.validate(cloneSet({ template: { any: 1 }, replicas: 'x' })))).toEqual(['invalid spec.replicas']);
    });
  });

  describe('kinds and versions', () => {
    test('ASTS is served as v1alpha1 and v1beta1', () => {
      expect(validator.handles('apps.kruise.io/v1alpha1', 'StatefulSet')).toBe(true);
      expect(validator.handles('apps.kruise.io/v1beta1', 'StatefulSet')).toBe(true);
      expect(validator.handles('apps.kruise.io/v1beta1', 'CloneSet')).toBe(false);
      expect(validator.handles('apps/v1', 'Deployment')).toBe(false);
    });
    test('v1beta1-only fields are pruned from v1alpha1', () => {
      const sts = (apiVersion: string) => ({
        apiVersion,
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: {}, ordinals: { start: 2 } },
      });
      expect(validator.validate(sts('apps.kruise.io/v1beta1'))).toEqual([]);
      expect(brief(validator.validate(sts('apps.kruise.io/v1alpha1')))).toEqual(['pruned spec.ordinals']);
    });
    test('an unknown kind is reported, not thrown', () => {
      expect(brief(validator.validate({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'Nope', metadata: { name: 'x' } }))).toEqual(['unknown-kind apiVersion']);
      expect(brief(validator.validate('text'))).toEqual(['invalid ']);
    });
    test('format() renders one line per problem', () => {
      expect(KruiseSchemaValidator.format([{ path: 'spec.x', kind: ProblemKind.PRUNED, message: 'gone' }])).toBe('spec.x: gone');
    });
  });
});
