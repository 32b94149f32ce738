/**
 * Structural comparison used by the conformance suite: walks two JSON values
 * and lists every path where they differ. Keys named in `ignoreKeys` (by
 * default `description`) are dropped on both sides before comparing.
 */
export function stripKeys(value: any, ignoreKeys: Set<string>): any {
  if (Array.isArray(value)) return value.map(v => stripKeys(v, ignoreKeys));
  if (value && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      if (!ignoreKeys.has(k)) out[k] = stripKeys(v, ignoreKeys);
    }
    return out;
  }
  return value;
}

export function structuralDiff(actual: any, expected: any, path = '', out: string[] = []): string[] {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) {
      out.push(`${path || '/'}: expected ${JSON.stringify(expected)?.slice(0, 120)}, got ${JSON.stringify(actual)?.slice(0, 120)}`);
      return out;
    }
    if (expected.length !== actual.length) {
      out.push(`${path || '/'}: expected ${expected.length} items ${JSON.stringify(expected).slice(0, 160)}, got ${actual.length} ${JSON.stringify(actual).slice(0, 160)}`);
      return out;
    }
    expected.forEach((e, i) => structuralDiff(actual[i], e, `${path}/${i}`, out));
    return out;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) out.push(`${path}/${k}: missing (expected ${JSON.stringify(expected[k]).slice(0, 120)})`);
      else structuralDiff(actual[k], expected[k], `${path}/${k}`, out);
    }
    for (const k of Object.keys(actual)) {
      if (!(k in expected)) out.push(`${path}/${k}: unexpected ${JSON.stringify(actual[k]).slice(0, 120)}`);
    }
    return out;
  }
  if (actual !== expected || typeof actual !== typeof expected) {
    out.push(`${path || '/'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return out;
}
