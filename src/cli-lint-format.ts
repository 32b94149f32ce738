/**
 * kruise-lint (see cli-lint.ts): the output formats (text, json, sarif, junit, github).
 */
import * as path from 'path';
import { oneSafeLine, terminalSafe } from './cli-io';
import { Format, LintFinding, LintResult } from './cli-lint-types';

// ---------------------------------------------------------------------------
// Output

/** The report in a format, and the summary line (for stderr; text and github put it in `out`). */
export function render(result: LintResult, format: Format, version: string): { out: string; summary?: string } {
  const summary = summaryLine(result);
  switch (format) {
    case 'json':
      return { out: `${JSON.stringify(result.findings.map(jsonFinding), null, 2)}\n`, summary };
    case 'sarif':
      return { out: `${JSON.stringify(sarif(result, version), null, 2)}\n`, summary };
    case 'junit':
      return { out: junit(result), summary };
    case 'github':
      return { out: result.findings.map(githubLine).join('') + terminalSafe(summary.trimEnd()) + '\n' };
    default:
      return { out: result.findings.map(textLine).join('') + summary };
  }
}

function summaryLine(r: LintResult): string {
  const errors = r.findings.filter(f => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const other = r.objects - r.kruiseObjects;
  return `kruise-lint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ${plural(r.kruiseObjects, 'Kruise object')} checked,`
    + ` ${plural(other, 'other object')} skipped (gate labels, annotations and env only) in ${plural(r.files, 'file')}\n`;
}

function who(f: LintFinding): string {
  const name = f.name || '(unnamed)';
  return `${f.kind || '(no kind)'} ${f.namespace ? `${f.namespace}/` : ''}${name}`;
}

function messageWithFix(f: LintFinding): string {
  return f.fix ? `${f.message}; ${f.fix}` : f.message;
}

function textLine(f: LintFinding): string {
  const field = f.path ? `${f.path}: ` : '';
  const level = f.severity === 'warning' ? 'warning: ' : '';
  return `${oneSafeLine(`${f.file}:${f.line}: ${who(f)}: ${field}${level}${messageWithFix(f)} [${f.rule}]`)}\n`;
}

function jsonFinding(f: LintFinding): object {
  return {
    file: f.file,
    line: f.line,
    apiVersion: f.apiVersion,
    kind: f.kind,
    namespace: f.namespace,
    name: f.name,
    path: f.path,
    message: f.message,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    rule: f.rule,
    severity: f.severity,
  };
}

/** A path as a SARIF/GitHub artifact URI: forward slashes, relative as given. */
function uriOf(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/').replace(/%3A/gi, ':');
}

function sarif(r: LintResult, version: string): object {
  const ruleIds = [...new Set(r.findings.map(f => f.rule))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kruise-lint',
          informationUri: 'https://openkruise.io/docs/',
          rules: ruleIds.map(id => ({
            id,
            name: id.replace(/[^A-Za-z0-9]+/g, ''),
            shortDescription: { text: ruleDescription(id) },
            defaultConfiguration: { level: r.findings.some(f => f.rule === id && f.severity === 'error') ? 'error' : 'warning' },
          })),
        },
      },
      properties: { kruiseVersion: version },
      results: r.findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: f.severity,
        message: { text: `${who(f)}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file) },
            region: { startLine: f.line },
          },
          logicalLocations: [{ fullyQualifiedName: `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.path ? `:${f.path}` : ''}`, kind: 'object' }],
        }],
      })),
    }],
  };
}

function ruleDescription(id: string): string {
  const [scope, rule] = id.split('/', 2);
  if (scope === 'schema') return `The ${scope} check of Kruise's CRDs: ${rule ?? id}`;
  if (scope === 'review') return 'A check that could not finish on an object';
  return `Kruise's admission rule for ${scope}: ${rule ?? id}`;
}

function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function junit(r: LintResult): string {
  const cases = r.reviewed.map(o => ({ ...o, findings: [] as LintFinding[] }));
  for (const f of r.findings) cases[f.objectIndex]?.findings.push(f);
  const byFile = new Map<string, typeof cases>();
  for (const c of cases) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file)!.push(c);
  }
  const failed = (c: { findings: LintFinding[] }) => c.findings.some(f => f.severity === 'error');
  const suites = [...byFile.entries()].map(([file, list]) => {
    const testcases = list.map(c => {
      const name = xml(`${c.kind || '(no kind)'} ${c.namespace ? `${c.namespace}/` : ''}${c.name || '(unnamed)'} (line ${c.line})`);
      const head = `    <testcase classname="${xml(file)}" name="${name}" file="${xml(file)}" line="${c.line}">`;
      if (!c.kruise && c.findings.length === 0) return `${head}<skipped message="not a Kruise object"/></testcase>\n`;
      const errors = c.findings.filter(f => f.severity === 'error');
      const warnings = c.findings.filter(f => f.severity === 'warning');
      let body = '';
      if (errors.length > 0) {
        const text = errors.map(f => `${f.file}:${f.line}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)} [${f.rule}]`).join('\n');
        body += `\n      <failure message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0].path ? `${errors[0].path}: ` : ''}${oneLine(errors[0].message)}`)}" type="${xml(errors[0].rule)}">${xml(text)}</failure>`;
      }
      if (warnings.length > 0) {
        const text = warnings.map(f => `warning: ${f.file}:${f.line}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)} [${f.rule}]`).join('\n');
        body += `\n      <system-out>${xml(text)}</system-out>`;
      }
      return body ? `${head}${body}\n    </testcase>\n` : `${head}</testcase>\n`;
    }).join('');
    const failures = list.filter(failed).length;
    const skipped = list.filter(c => !c.kruise && c.findings.length === 0).length;
    return `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${testcases}  </testsuite>\n`;
  }).join('');
  const failures = cases.filter(failed).length;
  const skipped = cases.filter(c => !c.kruise && c.findings.length === 0).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kruise-lint" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites}</testsuites>\n`;
}

/** GitHub workflow command escaping: data, and (stricter) property values. */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubLine(f: LintFinding): string {
  const file = f.file === '<stdin>' ? '' : `file=${ghProperty(terminalSafe(f.file.split(path.sep).join('/')))},`;
  const props = `${file}line=${f.line},title=${ghProperty(terminalSafe(f.rule))}`;
  return `::${f.severity} ${props}::${ghData(terminalSafe(`${who(f)}: ${f.path ? `${f.path}: ` : ''}${messageWithFix(f)}`))}\n`;
}

export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '');
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ').trim();
}
