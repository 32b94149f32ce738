import { IConstruct } from 'constructs';

/**
 * The one shape of every input error this library throws:
 * `<construct path>: <field> <value>: <problem>; <fix>`.
 */
export function invalid(scope: IConstruct | string, field: string, value: unknown, problem: string, fix: string): Error {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  return new Error(`${where}: ${field} ${show(value)}: ${problem}; ${fix}`);
}

/** A value as it appears in messages: JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
