import { IConstruct } from 'constructs';
import { escapeControls, isSecretKey, showValue } from '../base/show-value';

/**
 * The one shape of every input error this library throws:
 * `<construct path>: <field> <value>: <problem>; <fix>`. The value of a
 * secret-like field (password, token, data...) is masked, control characters
 * are escaped (also in the field), NaN, Infinity and Lazy values are shown as
 * such (see `showValue` in src/base/show-value.ts).
 */
export function invalid(scope: IConstruct | string, field: string, value: unknown, problem: string, fix: string): Error {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  const last = /([^.[\]"]+)"?\]?$/.exec(field)?.[1] ?? field;
  const shown = isSecretKey(last) && value !== undefined && value !== null && value !== '' ? '"***"' : showValue(value);
  return new Error(`${escapeControls(where)}: ${escapeControls(field)} ${shown}: ${problem}; ${fix}`);
}
