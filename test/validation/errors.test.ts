import { Lazy } from 'cdk8s';
import { showValue as show } from '../../src/base/show-value';
import { invalid } from '../../src/validation/errors';

describe('invalid(): one message shape, nothing unsafe echoed', () => {
  test('the shape: where, field, value, problem, fix', () => {
    expect(invalid('app/web', 'spec.replicas', -1, 'must be >= 0', 'set 0 or more').message)
      .toBe('app/web: spec.replicas -1: must be >= 0; set 0 or more');
  });

  test('NaN, Infinity and Lazy values are shown as such, not as null or {"producer":{}}', () => {
    expect(show(NaN)).toBe('NaN');
    expect(show(Infinity)).toBe('Infinity');
    expect(show(Lazy.any({ produce: () => 1 }))).toBe('(a Lazy value)');
  });

  test('secret-like fields are masked, user:password@ too', () => {
    expect(invalid('x', 'imagePullSecrets[0].password', 'hunter2', 'bad', 'fix').message).not.toMatch(/hunter2/);
    expect(invalid('x', 'spec.resource.data["token"]', 'abc', 'bad', 'fix').message).not.toMatch(/abc/);
    expect(invalid('x', 'image', 'user:pw@registry.example.com/app', 'bad', 'fix').message).not.toMatch(/:pw@/);
  });

  test('control characters in the field and the value are escaped', () => {
    const message = invalid('x', 'labels.a\u001b[31m', 'v\r', 'bad', 'fix').message;
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message).toContain('\\x1b');
  });
});
