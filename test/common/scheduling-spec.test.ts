import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { nodeSelectorRequirementToJson, tolerationToJson } from '../../src/common/scheduling-spec';

describe('scheduling specs as plain values', () => {
  test('every node selector operator: plain values give what the cdk8s-plus query gives', () => {
    const pairs: Array<[kplus.NodeLabelQuery, { key: string; operator: string; values?: string[] }]> = [
      [kplus.NodeLabelQuery.in('zone', ['a']), { key: 'zone', operator: 'In', values: ['a'] }],
      [kplus.NodeLabelQuery.notIn('zone', ['a', 'b']), { key: 'zone', operator: 'NotIn', values: ['a', 'b'] }],
      [kplus.NodeLabelQuery.exists('gpu'), { key: 'gpu', operator: 'Exists' }],
      [kplus.NodeLabelQuery.doesNotExist('gpu'), { key: 'gpu', operator: 'DoesNotExist' }],
      [kplus.NodeLabelQuery.gt('cores', ['4']), { key: 'cores', operator: 'Gt', values: ['4'] }],
      [kplus.NodeLabelQuery.lt('cores', ['-1']), { key: 'cores', operator: 'Lt', values: ['-1'] }],
    ];
    for (const [plus, plain] of pairs) {
      expect(nodeSelectorRequirementToJson(plain)).toEqual(nodeSelectorRequirementToJson(plus));
      expect(nodeSelectorRequirementToJson(plain)).toEqual(plain);
    }
  });

  test('tolerations: plain values give what the cdk8s-plus query gives, key order as the API types have it', () => {
    const plus = kplus.NodeTaintQuery.is('d', 'web', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(1) });
    const plain = tolerationToJson({ value: 'web', key: 'd', effect: 'NoExecute', operator: 'Equal', tolerationSeconds: 60 });
    expect(plain).toEqual(tolerationToJson(plus));
    expect(Object.keys(plain)).toEqual(['effect', 'key', 'operator', 'tolerationSeconds', 'value']);
    expect(tolerationToJson({ key: 'd' })).toEqual({ key: 'd' }); // operator Equal and any effect: the API's defaults
    expect(tolerationToJson({ operator: 'Exists', effect: '' })).toEqual({ effect: '', operator: 'Exists' });
  });

  test('what is not a requirement or a toleration is named in the error', () => {
    expect(() => nodeSelectorRequirementToJson(null as any)).toThrow('a node selector requirement is a NodeLabelQuery or { key, operator, values? }, not null');
    expect(() => tolerationToJson([] as any)).toThrow('a toleration is a NodeTaintQuery or { key?, operator?, value?, effect?, tolerationSeconds? }, not []');
    expect(() => nodeSelectorRequirementToJson({ key: '', operator: 'Exists' })).toThrow('needs a non-empty string key, not ""');
    expect(() => nodeSelectorRequirementToJson({ key: 'n', operator: 'Lt', values: ['1', '2'] })).toThrow('takes exactly one integer value, not ["1","2"]');
  });
});
