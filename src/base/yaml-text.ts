/**
 * Characters that no YAML this library writes may carry raw: C0 controls but
 * tab, LF and CR; DEL; C1 controls (NEL included); U+2028/U+2029; U+FEFF,
 * U+FFFE, U+FFFF; lone surrogates. cdk8s's YAML writer leaves some of them raw,
 * and Go YAML readers (kubectl, helm, Argo CD, Flux) reject or rewrite them.
 */
// eslint-disable-next-line no-control-regex
export const YAML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first unsafe character of `s` as `U+XXXX`, or undefined. */
export function unsafeCharacter(s: string): string | undefined {
  const m = YAML_UNSAFE.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
