/**
 * Checks of single pod fields that several pod validators make (see pod.ts):
 * enumerations, file modes, ids, paths, environment variable, key and port names.
 */
import { show } from './names';
import { isInt } from '../../base/json';
import { Report } from '../types';

const FILE_MODE_FIX = 'use an octal mode from 0000 to 0777 (0 to 511 in decimal)';

/** An enumerated string field: unset, empty or one of `allowed`. */
export function checkEnum(v: unknown, allowed: string[], path: string, what: string, rule: string, report: Report): void {
  if (typeof v !== 'string' || v === '') return;
  if (!allowed.includes(v)) report.error(rule, path, `${what} ${show(v)} is not supported`, `use one of ${allowed.join(', ')}`);
}

/** A file mode: from 0 to 0777. */
export function checkMode(v: unknown, path: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > 0o777)) report.error(rule, path, `file mode ${v} is out of range`, FILE_MODE_FIX);
}

/** k8s ValidateNonnegativeField for an optional integer. */
export function checkNonNegative(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && v < 0) report.error(rule, path, `${what} must not be negative, but is ${v}`, 'use 0 or more');
}

/** `..` as a path element (validatePathNoBacksteps). */
export function hasBacksteps(p: string): boolean {
  return p.split('/').includes('..');
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function checkLocalDescendingPath(p: string, path: string, rule: string, report: Report): void {
  if (p.startsWith('/')) report.error(rule, path, `path ${show(p)} must be relative`, 'drop the leading "/"');
  if (hasBacksteps(p)) report.error(rule, path, `path ${show(p)} must not contain ".."`);
}

/** validateLocalNonReservedPath: also must not start with `..`. */
export function checkLocalNonReservedPath(p: string, path: string, rule: string, report: Report): void {
  checkLocalDescendingPath(p, path, rule, report);
  if (p.startsWith('..') && !p.startsWith('../')) report.error(rule, path, `path ${show(p)} must not start with ".."`);
}

/** Why `s` is not an environment variable name (k8s 1.28 IsEnvVarName), or undefined. */
export function envVarNameProblem(s: string): string | undefined {
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s)) {
    return `${show(s)} is not a valid environment variable name: letters, digits, '_', '-' and '.', not starting with a digit`;
  }
  return chDirProblem(s);
}

function chDirProblem(s: string): string | undefined {
  if (s === '.' || s === '..') return `${show(s)} must not be '.' or '..'`;
  if (s.startsWith('..')) return `${show(s)} must not start with '..'`;
  return undefined;
}

/** Why `s` is not a ConfigMap/Secret key (k8s IsConfigMapKey), or undefined. */
export function configMapKeyProblem(s: string): string | undefined {
  if (s.length > 253) return `${show(s)} must be no more than 253 characters`;
  if (!/^[-._a-zA-Z0-9]+$/.test(s)) return `${show(s)} is not a valid key: letters, digits, '-', '_' and '.'`;
  return chDirProblem(s);
}

/** Why `s` is not an IANA service (port) name (k8s IsValidPortName), or undefined. */
export function portNameProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(s)) problems.push("must contain only lowercase letters, digits and '-'");
  if (!/[a-z]/.test(s)) problems.push('must contain at least one letter');
  if (s.includes('--')) problems.push("must not contain '--'");
  if (s.startsWith('-') || s.endsWith('-')) problems.push("must not begin or end with '-'");
  return problems.length ? `port name ${show(s)} ${problems.join(', ')}` : undefined;
}

/** k8s ValidatePortNumOrName for a JSON int-or-string port. */
export function checkPortNumOrName(port: unknown, path: string, rule: string, report: Report): void {
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) report.error(rule, path, `port ${port} must be between 1 and 65535`, 'use a port number from 1 to 65535 or a named port');
  } else if (typeof port === 'string') {
    const p = portNameProblem(port);
    if (p) report.error(rule, path, p, 'use a port number or the name of a container port');
  }
}

const MAX_ID = 2147483647;

/** A user or group id: from 0 to 2^31-1. */
export function checkId(v: unknown, path: string, what: string, rule: string, report: Report): void {
  if (isInt(v) && (v < 0 || v > MAX_ID)) report.error(rule, path, `${what} ${v} must be between 0 and ${MAX_ID}`);
}
