/**
 * kruise-synth against hostile input and hostile file systems (the compiled
 * CLI in a fresh process, as users run it): no crash or hang, no prototype
 * pollution, no clobbered files, no output other tools reject, no secrets or
 * raw control characters on stderr, helm-compatible flags. Needs
 * `npx projen compile` first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const CLI = path.join(__dirname, '..', '..', 'bin', 'kruise-synth');

function run(args: string[], options: { input?: string; cwd?: string } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: options.input, cwd: options.cwd, maxBuffer: 256 * 1024 * 1024 });
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kruise-hostile-'));
}

/** Exit 2 with exactly one terminal-safe line, no stack trace, nothing on stdout. */
function expectRefused(r: ReturnType<typeof run>, message: RegExp): void {
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  expect(r.stderr).toMatch(/^kruise-synth: [^\n]*\n$/);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|internal error/);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}

function strictDocs(yaml: string): any[] {
  return parseAllDocuments(yaml, { strict: true, uniqueKeys: true, version: '1.2' }).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  });
}

const deployment = (yaml: string) => strictDocs(yaml).find(o => o.kind === 'Deployment');

describe('1. no crash or hang', () => {
  test('a huge list index is refused at once, like helm', () => {
    const t0 = Date.now();
    expectRefused(run(['--set', 'imagePullSecrets[200000000].name=x']), /has the list index 200000000, above 65536 \(helm's limit too\)/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  test('/dev/zero as a values file stops at the 16 MiB input limit', () => {
    expectRefused(run(['-f', '/dev/zero']), /^kruise-synth: values file '\/dev\/zero' is larger than 16 MiB, the input limit; split it or trim it\n$/);
  });

  test('a full disk on stdout is one line, exit 2', () => {
    if (!fs.existsSync('/dev/full')) return;
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('kruise-synth: cannot write to standard output: ENOSPC\n');
  });

  test('a 100k-key values file and 16k --set flags finish in seconds', () => {
    const dir = tmpdir();
    const keys = Array.from({ length: 100_000 }, (_, i) => `    k${i}: v${i}`);
    fs.writeFileSync(path.join(dir, 'big.yaml'), `manager:\n  nodeSelector:\n${keys.join('\n')}\n`);
    let t0 = Date.now();
    let r = run(['-f', path.join(dir, 'big.yaml'), '-o', path.join(dir, 'a.yaml')]);
    expect(r.stderr).toBe('');
    expect(Date.now() - t0).toBeLessThan(90_000); // seconds, not minutes, even on a loaded CI machine
    const sets = Array.from({ length: 16_384 }, (_, i) => ['--set', `manager.nodeSelector.k${i}=v${i}`]).flat();
    t0 = Date.now();
    r = run([...sets, '-o', path.join(dir, 'b.yaml')]);
    expect(r.stderr).toBe('');
    expect(Date.now() - t0).toBeLessThan(90_000);
    expect(Object.keys(deployment(fs.readFileSync(path.join(dir, 'b.yaml'), 'utf8')).spec.template.spec.nodeSelector).length).toBe(16_384);
  }, 300_000);
});

describe('2. no prototype pollution', () => {
  test.each([
    ['__proto__.x=1', 'values: __proto__ '],
    ['__proto__.certManager=true', 'values: __proto__ '],
    ['toString=1', 'values: toString '],
    ['manager.constructor=1', 'values: manager.constructor '],
    ['manager.hasOwnProperty=1', 'values: manager.hasOwnProperty '],
    ['manager.resources.__proto__.limits=1', 'values: manager.resources.__proto__ {"limits":1}: is not a field of resource requirements'],
  ])('--set %s is an unknown key', (assignment, message) => {
    expectRefused(run(['--set', assignment]), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('a values file with __proto__ is an unknown key, and the CRDs keep their status subresource', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), '__proto__:\n  x: 1\n');
    expectRefused(run(['-f', path.join(dir, 'v.yaml')]), /__proto__ /);
    const crds = strictDocs(run([]).stdout).filter(o => o.kind === 'CustomResourceDefinition');
    expect(crds.flatMap((c: any) => c.spec.versions).filter((v: any) => v.subresources?.status).length).toBeGreaterThanOrEqual(17);
  });
});

describe('3. no clobbered files', () => {
  test('--output through a symlink writes the target and keeps the link', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'target.yaml'), 'old\n', { mode: 0o600 });
    fs.chmodSync(path.join(dir, 'target.yaml'), 0o600);
    fs.symlinkSync('target.yaml', path.join(dir, 'link.yaml'));
    fs.linkSync(path.join(dir, 'target.yaml'), path.join(dir, 'hard.yaml'));
    expect(run(['-o', path.join(dir, 'link.yaml')]).status).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.statSync(path.join(dir, 'target.yaml')).mode % 0o1000).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'hard.yaml'), 'utf8')).toMatch(/^apiVersion: v1\n/);
    expect(fs.readdirSync(dir).sort()).toEqual(['hard.yaml', 'link.yaml', 'target.yaml']);
  });

  test('--output to a device (/dev/zero, /dev/null) leaves the device in place', () => {
    // (/dev/null only when it is a device now: on a shared machine an older build run as root may have replaced it)
    for (const device of ['/dev/zero', '/dev/null'].filter(d => fs.existsSync(d) && fs.statSync(d).isCharacterDevice())) {
      expect(run(['-o', device]).status).toBe(0);
      expect(fs.statSync(device).isCharacterDevice()).toBe(true);
    }
  });

  test('-f v.yaml -o v.yaml is refused and the values file kept', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'manager:\n  replicas: 3\n');
    expectRefused(run(['-f', 'v.yaml', '-o', 'v.yaml'], { cwd: dir }), /^kruise-synth: --output 'v\.yaml' is also the input 'v\.yaml'; writing it would destroy the input; write to another file\n$/);
    fs.symlinkSync('v.yaml', path.join(dir, 'l.yaml'));
    expectRefused(run(['-f', 'l.yaml', '-o', 'v.yaml'], { cwd: dir }), /is also the input 'l\.yaml'/);
    fs.writeFileSync(path.join(dir, 'f.txt'), 'x');
    expectRefused(run(['--set-file', 'featureGates=f.txt', '-o', 'f.txt'], { cwd: dir }), /is also the input 'f\.txt'/);
    expect(fs.readFileSync(path.join(dir, 'v.yaml'), 'utf8')).toBe('manager:\n  replicas: 3\n');
  });
});

describe('4. output every consumer parses', () => {
  test('control characters in values are refused with the values key (escaped in the message)', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'serviceAccount:\n  annotations:\n    example.com/x: "a\\x7fb\\u0085\\uFFFE"\n');
    expectRefused(run(['-f', path.join(dir, 'v.yaml')]), /serviceAccount\.annotations\.example\.com\/x "a\\x7fb\\x85\\ufffe": holds the character U\+007F, which YAML readers such as kubectl, helm and Argo CD reject or change/);
  });

  test('raw control characters in a values file are refused like helm', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'serviceAccount:\n  annotations:\n    a: "x\x1b[2Jy"\n');
    expectRefused(run(['-f', path.join(dir, 'v.yaml')]), /has the control character U\+001B at line 3, column 10, which YAML does not allow raw \(helm refuses it too\)/);
  });

  test('invalid UTF-8 is refused, not replaced', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), Buffer.concat([Buffer.from('manager:\n  image:\n    tag: "v1'), Buffer.from([0xff]), Buffer.from('"\n')]));
    expectRefused(run(['-f', path.join(dir, 'v.yaml')]), /is not valid UTF-8 \(bad byte sequence at byte offset 30\); save it as UTF-8/);
  });

  test('.inf and .nan quantities are refused, not dropped', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'manager:\n  resources:\n    limits:\n      cpu: .inf\n');
    expectRefused(run(['-f', path.join(dir, 'v.yaml')]), /has "\.inf", which JSON, helm and Kubernetes cannot hold at line 4, column 12/);
    expectRefused(run(['--set', 'manager.resources.limits.cpu=.nan']), /manager\.resources\.limits\.cpu "\.nan": is not a quantity/);
  });

  test('tab and newline in annotations are written escaped and read back by a strict YAML 1.2 parser', () => {
    const r = run(['--set-json', 'serviceAccount.annotations={"example.com/note":"line1\\nline2\\tend"}']);
    expect(r.status).toBe(0);
    const sa = strictDocs(r.stdout).find(o => o.kind === 'ServiceAccount' && o.metadata.name === 'kruise-manager');
    expect(sa.metadata.annotations['example.com/note']).toBe('line1\nline2\tend');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('5. invalid objects are refused', () => {
  test.each([
    [['--set', 'manager.replicas=3000000000'], /manager\.replicas 3000000000: is out of range for a 32-bit integer/],
    [['--set-json', 'manager.tolerations=[{"key":"a","operator":"Exists","effect":"NoExecute","tolerationSeconds":1e30}]'], /manager\.tolerations\[0\]\.tolerationSeconds 1e\+30: is out of range for a 64-bit integer/],
    [['--set', 'imagePullSecrets[1].name=regcred'], /imagePullSecrets\[0\] null: is an empty list entry/],
    [['--set', 'manager.tolerations[1].operator=Exists'], /manager\.tolerations\[0\] null: is an empty list entry/],
    [['--set-json', 'manager.nodeAffinity={"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"bad key!","operator":"Exists"}]}]}}'], /matchExpressions\[0\]\.key "bad key!": is not a valid label key/],
    [['--set-json', 'manager.nodeAffinity={"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.labels","operator":"In","values":["a"]}]}]}}'], /matchFields\[0\]\.key "metadata\.labels": is not a node field the API server can select on/],
    [['--set', 'featureGates= '], /featureGates: " " is blank, and kruise-manager exits/],
    [['--set', 'manager.resyncPeriod=9999999h'], /manager\.resyncPeriod "9999999h": is longer than a Go duration can hold/],
    [['--set', 'daemon.socketFile=..'], /daemon\.socketFile "\.\.": is not a file name/],
    [['--kube-version', '1.15'], /--kube-version '1\.15' is older than 1\.18, the oldest Kubernetes chart 1\.7\.5 installs on/],
  ])('%j', (args, message) => {
    expectRefused(run(args as string[]), message as RegExp);
  });
});

describe('7. secrets and terminals', () => {
  test('passwords in imagePullSecrets and user:pw@ in a repository are masked', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), 'imagePullSecrets:\n- name: regcred\n  password: hunter2\n');
    const a = run(['-f', path.join(dir, 'v.yaml')]);
    expectRefused(a, /imagePullSecrets\[0\] \{"name":"regcred","password":"\*\*\*"\}: is not a Secret reference/);
    expect(a.stderr).not.toMatch(/hunter2/);
    const b = run(['--set', 'manager.image.repository=user:s3cret@registry.example.com/kruise']);
    expectRefused(b, /user:\*\*\*@registry\.example\.com/);
    expect(b.stderr).not.toMatch(/s3cret/);
  });

  test('ESC and CR in keys are escaped', () => {
    const r = run(['--set', 'manager.\x1bred\r=1']);
    expectRefused(r, /manager\.\\x1bred\\x0d /);
  });
});

describe('8. helm compatibility', () => {
  test('--version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kruise-synth \S+: OpenKruise 1\.7 \(chart 1\.7\.5\), OpenKruise 1\.8 \(chart 1\.8\.3\); default 1\.7\n$/);
  });

  test('yes/on booleans, TRUE in gates, merge keys, -f - for stdin', () => {
    const r = run(['-f', '-', '--set', 'featureGates=ImagePullJobGate=TRUE'], { input: 'manager:\n  hostNetwork: on\n  nodeSelector: &sel\n    a: b\ndaemon:\n  nodeSelector:\n    <<: *sel\n    c: d\n' });
    expect(r.stderr).toBe('');
    const objects = strictDocs(r.stdout);
    const dep = objects.find(o => o.kind === 'Deployment');
    expect(dep.spec.template.spec.hostNetwork).toBe(true);
    expect(dep.spec.template.spec.containers[0].args).toContain('--feature-gates=ImagePullJobGate=TRUE');
    expect(objects.find(o => o.kind === 'DaemonSet').spec.template.spec.nodeSelector).toEqual({ a: 'b', c: 'd' });
  });

  test('\\, in --set, --set-string, --set-json, --set-file, --set-literal', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'gates.txt'), 'ImagePullJobGate=true,PodProbeMarkerGate=false');
    const r = run(['--set', 'featureGates=ImagePullJobGate=true\\,ResourceDistributionGate=true', '--set-string', 'manager.log.level=5',
      '--set-json', 'externalCerts.annotations={"example.com/a":"b"}', '--set', 'featureGates=EnableExternalCerts=true',
      '--set-literal', 'serviceAccount.annotations.example\\.com/x=a,b\\c'], { cwd: dir });
    expect(r.stderr).toBe('');
    const objects = strictDocs(r.stdout);
    const sa = objects.find(o => o.kind === 'ServiceAccount' && o.metadata.name === 'kruise-manager');
    expect(sa.metadata.annotations).toEqual({ 'example.com/x': 'a,b\\c' });
    const f = run(['--set-file', 'featureGates=gates.txt'], { cwd: dir });
    expect(f.stderr).toBe('');
    expect(deployment(f.stdout).spec.template.spec.containers[0].args).toContain('--feature-gates=ImagePullJobGate=true,PodProbeMarkerGate=false');
  });

  test('IPv6 [::1]:port for pprof', () => {
    const r = run(['--set', 'daemon.pprofAddr=[::1]:10222']);
    expect(r.stderr).toBe('');
    expect(strictDocs(r.stdout).find(o => o.kind === 'DaemonSet').spec.template.spec.containers[0].args).toContain('--pprof-addr=[::1]:10222');
  });

  test('multi-document values files are refused with a sentence (no parser API names)', () => {
    const r = run(['-f', '-'], { input: 'manager:\n  replicas: 3\n---\nmanager:\n  replicas: 4\n' });
    expectRefused(r, /^kruise-synth: values from standard input holds 2 YAML documents \(helm would read the first and silently ignore the rest\); keep one document per values file, or pass each as its own --values\n$/);
    expect(r.stderr).not.toMatch(/parseAllDocuments|API/);
  });
});
