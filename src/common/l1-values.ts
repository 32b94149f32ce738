import { IntOrPercent } from './int-or-percent';
import { JsonObject } from '../base/json';

// Rendering the generated L1 types (src/imports) from the L2 constructs.

/**
 * An `IntOrPercent` as one of the generated L1 int-or-string classes
 * (`CloneSetSpecUpdateStrategyMaxSurge` and the like).
 */
export function intOrString<T>(kind: { fromNumber(value: number): T; fromString(value: string): T }, v: IntOrPercent | undefined): T | undefined {
  if (v === undefined) return undefined;
  const raw = v.toJson();
  return typeof raw === 'number' ? kind.fromNumber(raw) : kind.fromString(raw);
}

/** The output of a generated `toJson_*` converter given a value (so never undefined). */
export function l1Json(json: { [key: string]: unknown } | undefined): JsonObject {
  if (json === undefined) throw new Error('internal: a generated converter returned nothing for a value');
  return json;
}
