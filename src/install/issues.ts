// The install's input problems (Issue) and how they become errors.
import { escapeControls, showValue } from '../base/show-value';

/**
 * One input problem: the field (a dotted path from the props or values root),
 * the bad value, what is wrong and the fix. Rendered as
 * `<construct path>: <path> <value> <problem>; <fix>` for props and as
 * `values: '<path>' <value> <problem>; <fix>` for chart values.
 */
export interface Issue {
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** The error of a props issue: `<where>: <path> <value> <problem>; <fix>`. */
export function issueError(where: string, issue: Issue): Error {
  return new Error(`${where}: ${escapeControls(issue.path)} ${showValue(issue.value)} ${issue.problem}; ${issue.fix}`);
}
