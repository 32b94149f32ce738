// The install's input problems (Issue) and how they become errors.
import { invalid } from '../validation/errors';

/**
 * One input problem: the field (a dotted path from the props or values root),
 * the bad value, what is wrong and the fix. Thrown as the library's one error
 * format (`invalid()`): `<construct path>: <path> <value>: <problem>; <fix>`
 * for props and `values: <path> <value>: <problem>; <fix>` for chart values.
 */
export interface Issue {
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** The error of an issue, `<where>: <path> <value>: <problem>; <fix>` (`invalid()`). */
export function issueError(where: string, issue: Issue): Error {
  return invalid(where, issue.path, issue.value, issue.problem, issue.fix);
}
