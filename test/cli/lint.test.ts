import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli-lint';
import { parseFieldPath, splitDocuments } from '../../src/cli-lint-read';
import { DEFAULT_LIMITS, LintLimits } from '../../src/cli-lint-types';

// The installed entry points: bin/* run the bundles built by scripts/build-cli.js.
const LINT = path.join(__dirname, '..', '..', 'bin', 'kruise-lint');
const SYNTH = path.join(__dirname, '..', '..', 'bin', 'kruise-synth');

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-lint-'));
}

/** Runs main() in process; `stdin` is what `-` reads. */
function lint(args: string[], stdin?: string, limits?: LintLimits) {
  let out = '';
  let err = '';
  const code = main(args, {
    stdout: t => { out += t; },
    stderr: t => { err += t; },
    read: stdin === undefined ? undefined : (name, limit) => {
      if (name !== '-') return fs.readFileSync(name, 'utf8');
      if (Buffer.byteLength(stdin) > limit) throw new Error(`standard input is larger than ${limit} bytes`);
      return stdin;
    },
  }, limits);
  return { code, out, err };
}

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const CLONESET = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.27
`;

// Line 9 is spec.foo (pruned), line 7 holds replicas of the wrong type.
const BAD_CLONESET = `# a comment line
apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata:
  name: broken
spec:
  replicas: "two"
  selector: {matchLabels: {app: b}}
  foo: bar
  template:
    metadata:
      labels: {app: b}
    spec:
      containers:
      - name: main
        image: nginx:1.27
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
`;

describe('kruise-lint: reading', () => {
  test('a valid Kruise object and a non-Kruise object: exit 0, the summary counts both', () => {
    const dir = tmpdir();
    const r = lint([write(dir, 'app.yaml', `${CLONESET}---\n${CONFIGMAP}`)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('kruise-lint: 0 errors, 0 warnings; 1 Kruise object checked, 1 other object skipped (gate labels, annotations and env only) in 1 file\n');
  });

  test('errors: one text line each, FILE:LINE: KIND NAMESPACE/NAME: FIELD: message [rule], with the line of the field; exit 1', () => {
    const dir = tmpdir();
    const file = write(dir, 'bad.yaml', `${CLONESET}---\n${BAD_CLONESET}`);
    const r = lint([file]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    const offset = CLONESET.split('\n').length; // the second document starts after the first and its marker
    expect(lines).toContain(`${file}:${offset + 9}: CloneSet broken: spec.foo: unknown field "foo" would be dropped by the API server (the 'spec' schema has no such field) [schema/pruned]`);
    expect(lines.find(l => l.includes('spec.replicas'))).toMatch(new RegExp(`^${escape(file)}:${offset + 7}: CloneSet broken: spec\\.replicas: .*\\[schema/invalid\\]$`));
    expect(lines[lines.length - 1]).toMatch(/^kruise-lint: [1-9]\d* errors?, 0 warnings; 2 Kruise objects checked, 0 other objects skipped .* in 1 file$/);
  });

  test('directories are searched for *.yaml and *.yml (sorted, recursively); other files are ignored', () => {
    const dir = tmpdir();
    write(dir, 'b/one.yml', CLONESET);
    write(dir, 'a/two.yaml', BAD_CLONESET);
    write(dir, 'notes.txt', 'kind: CloneSet\napiVersion: apps.kruise.io/v1alpha1\nspec: 3\n');
    write(dir, 'c/README.md', '# not yaml: [');
    const r = lint(['--format', 'json', dir]);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out);
    expect(new Set(found.map((f: any) => f.file))).toEqual(new Set([path.join(dir, 'a', 'two.yaml')]));
    expect(r.err).toMatch(/2 Kruise objects checked, 0 other objects skipped .* in 2 files/);
  });

  test('standard input (-): helm template style output with comments, empty documents and --- markers', () => {
    const helmish = `---\n# Source: app/templates/a.yaml\n${CLONESET}---\n# Source: app/templates/empty.yaml\n---\n${CONFIGMAP}...\n`;
    const r = lint(['-'], helmish);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 Kruise object checked, 1 other object skipped/);
    const bad = lint(['-'], `---\n${BAD_CLONESET}`);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^<stdin>:10: CloneSet broken: spec\.foo: /m);
  });

  test('kind: List items are objects of their own, with the line of their item', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${CONFIGMAP.trimEnd().split('\n').join('\n  ')}\n- ${BAD_CLONESET.split('\n').slice(1).join('\n  ').trimEnd()}\n`;
    const r = lint(['--format', 'json', '-'], list);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out);
    const pruned = found.find((f: any) => f.rule === 'schema/pruned');
    expect(pruned).toMatchObject({ file: '<stdin>', kind: 'CloneSet', name: 'broken', path: 'spec.foo' });
    expect(list.split('\n')[pruned.line - 1]).toMatch(/^\s+foo: bar$/);
    expect(r.err).toMatch(/1 Kruise object checked, 1 other object skipped/);
  });

  test('a dotted key (an annotation) is found for the line of a gate finding', () => {
    const obj = CLONESET.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    apps.kruise.io/image-predownload-parallelism: "5"\n');
    const r = lint(['--format', 'json', '-'], obj);
    expect(r.code).toBe(1);
    const [f] = JSON.parse(r.out);
    expect(f).toMatchObject({ path: 'metadata.annotations.apps.kruise.io/image-predownload-parallelism', severity: 'error' });
    expect(obj.split('\n')[f.line - 1]).toMatch(/^\s+apps\.kruise\.io\/image-predownload-parallelism:/);
  });

  test('field paths: indexes, quoted keys and dotted runs', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec.template.spec.containers', 0, 'image']);
    expect(parseFieldPath("metadata.labels['app.kubernetes.io/name']")).toEqual(['metadata.labels', { key: 'app.kubernetes.io/name' }]);
    expect(parseFieldPath('')).toEqual([]);
  });

  test('document splitting keeps first lines, directives with their document, and a bare document after ...', () => {
    const docs = splitDocuments('a: 1\n---\nb: 2\n...\n%YAML 1.2\n---\nc: 3\n--- # x\nd: 4\n');
    expect(docs.map(d => [d.startLine, d.text])).toEqual([
      [1, 'a: 1\n'],
      [2, '---\nb: 2\n...'],
      [5, '%YAML 1.2\n---\nc: 3\n'],
      [8, '--- # x\nd: 4\n'],
    ]);
    // `---` inside a block scalar is indented, so it is content, not a marker
    expect(splitDocuments('a: |\n  ---\n  x\n').length).toBe(1);
  });
});

describe('kruise-lint: gates', () => {
  const predownload = CLONESET.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    apps.kruise.io/image-predownload-parallelism: "5"\n');

  test("default: the chart's default gates (PreDownloadImageForInPlaceUpdate is off)", () => {
    expect(lint(['-'], predownload).code).toBe(1);
  });

  test('--feature-gates in kruise-manager syntax turns it on', () => {
    const r = lint(['--feature-gates', 'PreDownloadImageForInPlaceUpdate=true,SidecarTerminator=false', '-'], predownload);
    expect(r.code).toBe(0);
  });

  test('--values: the featureGates of chart values files, later files win; --feature-gates wins over them', () => {
    const dir = tmpdir();
    const on = write(dir, 'on.yaml', 'featureGates: "PreDownloadImageForInPlaceUpdate=true"\nmanager:\n  replicas: 3\n');
    const off = write(dir, 'off.yaml', 'featureGates: ""\n');
    expect(lint(['--values', on, '-'], predownload).code).toBe(0);
    expect(lint(['--values', on, '-f', off, '-'], predownload).code).toBe(1);
    expect(lint(['--values', off, '--feature-gates', 'PreDownloadImageForInPlaceUpdate=true', '-'], predownload).code).toBe(0);
  });

  test.each([
    ['an unknown gate', ['--feature-gates', 'ImagePullJob=true'], /^kruise-lint: --feature-gates: unknown feature gate 'ImagePullJob'; did you mean 'ImagePullJobGate'\?\n$/],
    ['a gate Kruise forces off', ['--feature-gates', 'KruiseDaemon=false,ImagePullJobGate=true'], /^kruise-lint: --feature-gates: feature gate 'ImagePullJobGate' is enabled, but 'KruiseDaemon' is disabled/],
    ['a values file with an unknown key', ['--values', '@bad-values'], /^kruise-lint: .*manager\.replicass/],
  ])('%s: exit 2, one line', (_name, args, message) => {
    const dir = tmpdir();
    const values = write(dir, 'v.yaml', 'manager:\n  replicass: 3\n');
    const r = lint([...args.map(a => a === '@bad-values' ? values : a), '-'], CLONESET);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('kruise-lint: formats', () => {
  const input = `${CLONESET}---\n${BAD_CLONESET}---\n${CONFIGMAP}`;

  test('json: an array of {file, line, apiVersion, kind, namespace, name, path, message, rule, severity}', () => {
    const r = lint(['--format', 'json', '-'], input);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out);
    expect(Array.isArray(found)).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const f of found) {
      expect(Object.keys(f).filter(k => k !== 'fix').sort()).toEqual(['apiVersion', 'file', 'kind', 'line', 'message', 'name', 'namespace', 'path', 'rule', 'severity']);
      expect(['error', 'warning']).toContain(f.severity);
      expect(typeof f.line).toBe('number');
    }
    expect(found.find((f: any) => f.path === 'spec.foo')).toMatchObject({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', namespace: '', name: 'broken', rule: 'schema/pruned', severity: 'error' });
    expect(r.err).toMatch(/^kruise-lint: .* errors?, /);
    expect(JSON.parse(lint(['--format', 'json', '-'], CLONESET).out)).toEqual([]);
  });

  test('sarif: SARIF 2.1.0 with the rules of the results and physical locations', () => {
    const r = lint(['--format', 'sarif', '-'], input);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('kruise-lint');
    const ruleIds = run.tool.driver.rules.map((x: any) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(run.results.length).toBeGreaterThanOrEqual(2);
    for (const res of run.results) {
      expect(ruleIds).toContain(res.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning']).toContain(res.level);
      expect(typeof res.message.text).toBe('string');
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe('stdin');
      expect(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1).toBe(true);
    }
    expect(run.results.find((x: any) => x.ruleId === 'schema/pruned').message.text).toMatch(/^CloneSet broken: spec\.foo: /);
  });

  test('junit: well-formed XML on its own, one testcase per object, failures for errors, skipped for other objects', () => {
    const dir = tmpdir();
    const file = write(dir, 'a&b.yaml', input);
    const r = lint(['--format', 'junit', file]);
    expect(r.code).toBe(1);
    const root = parseXml(r.out);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ name: 'kruise-lint', tests: '3', failures: '1', skipped: '1' });
    expect(root.children).toHaveLength(1);
    const suite = root.children[0];
    expect(suite.name).toBe('testsuite');
    expect(suite.attrs.name).toBe(file);
    const cases = suite.children;
    expect(cases.map(c => c.name)).toEqual(['testcase', 'testcase', 'testcase']);
    expect(cases[0].children).toEqual([]);
    expect(cases[1].attrs.name).toMatch(/^CloneSet broken \(line \d+\)$/);
    const failure = cases[1].children.find(c => c.name === 'failure')!;
    expect(failure.text).toMatch(/spec\.foo: unknown field "foo"/);
    expect(cases[2].children.map(c => c.name)).toEqual(['skipped']);
  });

  test('github: ::error / ::warning workflow commands with file and line, escaped', () => {
    const dir = tmpdir();
    const file = write(dir, 'x,y.yaml', input);
    const r = lint(['--format', 'github', file]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    const commands = lines.filter(l => l.startsWith('::'));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) expect(c).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,title=[^,:]+::\S/);
    expect(commands.join('\n')).toContain(`::error file=${file.replace(',', '%2C')},line=`);
    expect(lines[lines.length - 1]).toMatch(/^kruise-lint: /);
  });

  test('text: warnings are marked, messages stay on one line with control characters escaped', () => {
    const obj = CLONESET.replace('name: web', 'name: "we\\u001b[2Jb"');
    const r = lint(['-'], obj.replace('replicas: 2', 'replicas: 2\n  foo: 1'));
    expect(r.out).not.toMatch(/\u001b/);
    expect(r.out).toMatch(/CloneSet shop\/we\\x1b\[2Jb: spec\.foo: /);
  });
});

describe('kruise-lint --kruise-version', () => {
  const STS = [
    'apiVersion: apps.kruise.io/v1beta1',
    'kind: StatefulSet',
    'metadata: {name: db, namespace: shop}',
    'spec:',
    '  serviceName: db',
    '  selector: {matchLabels: {app: db}}',
    '  volumeClaimUpdateStrategy: {type: OnDelete}',
    '  template:',
    '    metadata: {labels: {app: db}}',
    '    spec: {containers: [{name: db, image: "postgres:16"}]}',
    '',
  ].join('\n');

  test('a 1.8 field is pruned under 1.7 (the default) and fine under 1.8', () => {
    const v17 = lint(['--format', 'json', '-'], STS);
    expect(v17.code).toBe(1);
    expect(JSON.parse(v17.out).map((f: any) => `${f.rule} ${f.path}`)).toEqual(['schema/pruned spec.volumeClaimUpdateStrategy']);
    const v18 = lint(['--kruise-version', '1.8', '--format', 'json', '-'], STS);
    expect(v18.code).toBe(0);
    expect(JSON.parse(v18.out)).toEqual([]);
  });

  test('gates are those of the version: a 1.8-only gate is refused under 1.7 and taken under 1.8', () => {
    expect(lint(['--feature-gates', 'StatefulSetAutoResizePVCGate=true', '-'], STS).err).toMatch(/is not a gate of Kruise 1\.7: it is a gate of Kruise 1\.8/);
    expect(lint(['--kruise-version', '1.8', '--feature-gates', 'StatefulSetAutoResizePVCGate=true', '-'], STS).code).toBe(0);
  });
});

describe('kruise-lint: bad input and hardening', () => {
  test.each([
    ['no paths', [], /^kruise-lint: no input: give files, directories or - for standard input; see kruise-lint --help\n$/],
    ['unknown flag', ['--fromat', 'json', 'x'], /^kruise-lint: unknown argument '--fromat'; see kruise-lint --help\n$/],
    ['bad format', ['--format', 'xml', 'x'], /^kruise-lint: --format 'xml' is not one of text, json, sarif, junit, github\n$/],
    ['bad version', ['--kruise-version', 'latest', 'x'], /^kruise-lint: --kruise-version 'latest' is not a Kruise version this tool knows; use 1\.7 or 1\.8\n$/],
    ['unknown version', ['--kruise-version', '1.2', '-'], /^kruise-lint: --kruise-version '1\.2' is not a Kruise version this tool knows; use 1\.7 or 1\.8\n$/],
    ['missing file', ['/nonexistent/app.yaml'], /^kruise-lint: cannot read '\/nonexistent\/app\.yaml': ENOENT\n$/],
    ['flag without value', ['--format'], /^kruise-lint: --format needs a value\n$/],
  ])('%s: exit 2, one line, nothing on stdout', (_name, args, message) => {
    const r = lint(args, CLONESET);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  test('unparsable YAML: exit 2 with the file and line', () => {
    const r = lint(['-'], `${CONFIGMAP}---\napiVersion: v1\nkind: [unclosed\n`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kruise-lint: <stdin>:\d+: not valid YAML: /);
    expect(r.err.split('\n').filter(l => l)).toHaveLength(1);
  });

  test('duplicate keys are refused (the API server would see only one), in linear time also through the full YAML parser', () => {
    const r = lint(['-'], 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n');
    expect(r.code).toBe(2);
    expect(r.err).toBe('kruise-lint: <stdin>:3: not valid YAML: the key "kind" appears twice in one map (the API server would keep only one); keep one\n');
    // 100k keys, an anchor (so the fast reader declines) and a duplicate at the end
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n');
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x}\ndata:\n${keys}\n  k5: again\n`;
    const t0 = Date.now();
    const r2 = lint(['-'], big);
    expect(r2.err).toBe('kruise-lint: <stdin>:100005: not valid YAML: the key "k5" appears twice in one map (the API server would keep only one); keep one\n');
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  test('YAML is read as Kubernetes reads it: defaultMode 0644 is octal (420), .inf is refused', () => {
    const withMode = CLONESET.replace('        image: nginx:1.27\n', '        image: nginx:1.27\n      volumes:\n      - name: conf\n        configMap:\n          name: conf\n          defaultMode: 0644\n');
    const r = lint(['--format', 'json', '-'], withMode);
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.code).toBe(0);
    const inf = lint(['-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: .inf}\n');
    expect(inf.code).toBe(2);
    expect(inf.err).toMatch(/^kruise-lint: <stdin>:1: this YAML document holds \.inf or \.nan/);
  });

  test('odd documents (scalars, lists, nulls, wrong types) are skipped or reported, never a crash', () => {
    const odd = [
      'just a string', '42', '- a\n- b', '~', '{}', 'kind: CloneSet', 'apiVersion: 7\nkind: CloneSet',
      'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: 3\nspec: []',
      'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata: {name: x}\nspec: {template: 1, selector: "a", replicas: null}',
      'apiVersion: apps.kruise.io/v1alpha1\nkind: SidecarSet\nmetadata: {name: x}\nspec: {containers: [1, null, {name: 2}]}',
      'apiVersion: apps.kruise.io/v1alpha1\nkind: WorkloadSpread\nmetadata: {name: x}\nspec: {targetRef: 5, subsets: {a: 1}}',
      'apiVersion: policy.kruise.io/v1alpha1\nkind: PodUnavailableBudget\nmetadata: {name: x}\nspec: null',
      'apiVersion: apps.kruise.io/v1alpha1\nkind: NoSuchKind\nmetadata: {name: x}',
      'apiVersion: v1\nkind: List\nitems: [null, 3, {kind: List, items: [{apiVersion: apps.kruise.io/v1alpha1, kind: BroadcastJob}]}]',
    ].join('\n---\n');
    const r = lint(['--format', 'json', '-'], odd);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out);
    expect(found.filter((f: any) => f.rule === 'review/check-failed')).toEqual([]);
    expect(found.find((f: any) => f.kind === 'NoSuchKind')).toMatchObject({ rule: 'schema/unknown-kind', severity: 'error' });
  });

  test('__proto__ and constructor keys are plain data: no prototype pollution, no crash', () => {
    const hostile = CLONESET.replace('  namespace: shop\n', '  namespace: shop\n  labels:\n    __proto__: {polluted: "yes"}\n    constructor: x\n')
      + '---\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n';
    const r = lint(['--format', 'json', '-'], hostile);
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
    expect([0, 1]).toContain(r.code);
    const found = JSON.parse(r.out);
    expect(found.filter((f: any) => f.rule === 'review/check-failed')).toEqual([]);
  });

  test('alias bombs stop at the alias limit: exit 2', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = lint(['-'], bomb.join('\n'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kruise-lint: <stdin>:1: cannot read this YAML document: .*alias/i);
  });

  test('deep nesting (block or flow) is refused with one line, never a stack overflow', () => {
    let block = 'spec:\n';
    for (let i = 1; i <= 3000; i++) block += `${'  '.repeat(i)}a:\n`;
    const flow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    for (const text of [block, flow]) {
      const r = lint(['-'], text);
      expect(r.code).toBe(2);
      expect(r.err).toBe('kruise-lint: <stdin>:1: this YAML document nests maps and lists more than 512 levels deep; flatten it\n');
    }
    // 100 levels are fine
    expect(lint(['-'], `a: ${'['.repeat(100)}${']'.repeat(100)}\n`).code).toBe(0);
  });

  test('input size limit: exit 2 before parsing', () => {
    const dir = tmpdir();
    const a = write(dir, 'a.yaml', CLONESET);
    const b = write(dir, 'b.yaml', CLONESET);
    const limits = { ...DEFAULT_LIMITS, maxBytes: CLONESET.length + 10 };
    const r = lint([a, b], undefined, limits);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kruise-lint: .*larger than/);
    expect(lint(['-'], 'x'.repeat(100), { ...DEFAULT_LIMITS, maxBytes: 50 }).err).toMatch(/larger than 50 bytes/);
  });

  test('- given twice is bad usage', () => {
    expect(lint(['-', '-'], CLONESET).code).toBe(2);
  });
});

describe('kruise-lint: the compiled bins', () => {
  test('kruise-synth | kruise-lint -: the install has no Kruise objects to flag; exit 0', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${SYNTH}" | "${process.execPath}" "${LINT}" -`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kruise-lint: 0 errors, 0 warnings; 0 Kruise objects checked, \d+ other objects skipped .* in 1 file\n$/);
  });

  test('errors: exit 1; bad usage: exit 2 with one line and no stack trace', () => {
    const dir = tmpdir();
    const bad = write(dir, 'bad.yaml', BAD_CLONESET);
    const r1 = spawnSync(process.execPath, [LINT, '--format', 'json', bad], { encoding: 'utf8' });
    expect(r1.status).toBe(1);
    expect(JSON.parse(r1.stdout).length).toBeGreaterThan(0);
    const r2 = spawnSync(process.execPath, [LINT, '--format', 'yaml', bad], { encoding: 'utf8' });
    expect(r2.status).toBe(2);
    expect(r2.stderr.split('\n').filter(l => l)).toHaveLength(1);
    expect(r2.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const r3 = spawnSync(process.execPath, [LINT, '-'], { encoding: 'utf8', input: 'a: [' });
    expect(r3.status).toBe(2);
    expect(r3.stderr).toMatch(/^kruise-lint: <stdin>:1: not valid YAML/);
  });

  test('the bundle and the plain compiled module agree', () => {
    const dir = tmpdir();
    const bad = write(dir, 'bad.yaml', `${CLONESET}---\n${BAD_CLONESET}`);
    const bundled = spawnSync(process.execPath, [LINT, '--format', 'json', bad], { encoding: 'utf8' });
    const plain = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'lib', 'cli-lint.js'), '--format', 'json', bad], { encoding: 'utf8' });
    expect(bundled.status).toBe(1);
    expect(bundled.stdout).toBe(plain.stdout);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface XmlNode { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string }

/**
 * A strict little XML reader for the report (elements, attributes, text,
 * the XML declaration): throws on anything not well-formed, so the test
 * proves the report parses on its own.
 */
function parseXml(src: string): XmlNode {
  let i = 0;
  const decl = /^<\?xml [^?]*\?>\s*/.exec(src);
  if (decl) i = decl[0].length;
  const entity = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`bad entity in ${JSON.stringify(s)}`);
    if (/[<]/.test(s)) throw new Error(`raw < in ${JSON.stringify(s)}`);
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  const element = (): XmlNode => {
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"]*")*)\s*(\/?)>/.exec(src.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${src.slice(i, i + 40)}`);
    i += open[0].length;
    const attrs: Record<string, string> = {};
    for (const m of open[2].matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)) {
      if (m[1] in attrs) throw new Error(`duplicate attribute ${m[1]}`);
      attrs[m[1]] = entity(m[2]);
    }
    const node: XmlNode = { name: open[1], attrs, children: [], text: '' };
    if (open[3]) return node;
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${node.name}>`);
      node.text += entity(src.slice(i, lt));
      i = lt;
      if (src.startsWith(`</${node.name}>`, i)) {
        i += node.name.length + 3;
        node.text = node.text.trim() ? node.text : '';
        return node;
      }
      if (src.startsWith('</', i)) throw new Error(`mismatched close tag at ${i}`);
      node.children.push(element());
    }
  };
  const root = element();
  if (src.slice(i).trim() !== '') throw new Error('content after the root element');
  return root;
}
