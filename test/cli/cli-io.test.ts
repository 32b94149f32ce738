/**
 * Safe input and output of the CLIs (src/cli-io.ts): bounded strict-UTF-8
 * reads, and output writes that keep symlinks, hard links and modes, never
 * replace devices, never follow a planted temp-file symlink, refuse an output
 * that is an input, and leave no temp file behind (signals included).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertNotAnInput, CliIoError, decodeUtf8, INPUT_LIMIT_BYTES, oneSafeLine, readInput, terminalSafe, writeOutput } from '../../src/cli-io';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cli-io-'));
}

function errorOf(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('readInput', () => {
  test('reads a file as UTF-8 and drops a BOM', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'v.yaml'), Buffer.from('\ufeffa: é\n', 'utf8'));
    const input = readInput(path.join(dir, 'v.yaml'), 'values file');
    expect(input.text).toBe('a: é\n');
    expect(input.id).toBeDefined();
  });

  test('invalid UTF-8 is an error with its byte offset, never replaced', () => {
    const e = errorOf(() => decodeUtf8(Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]), "values file 'v.yaml'"));
    expect(e).toBeInstanceOf(CliIoError);
    expect(e!.message).toBe("values file 'v.yaml' is not valid UTF-8 (bad byte sequence at byte offset 3); save it as UTF-8");
    // an overlong encoding and an encoded surrogate are invalid too
    expect(errorOf(() => decodeUtf8(Buffer.from([0x41, 0xc0, 0xaf]), 'x'))!.message).toMatch(/byte offset 1/);
    expect(errorOf(() => decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]), 'x'))!.message).toMatch(/byte offset 0/);
  });

  test('stops at the size limit: /dev/zero and large files', () => {
    expect(errorOf(() => readInput('/dev/zero', 'values file'))!.message).toBe("values file '/dev/zero' is larger than 16 MiB, the input limit; split it or trim it");
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(2048));
    expect(errorOf(() => readInput(path.join(dir, 'big'), 'values file', 1024))!.message).toMatch(/is larger than 0\.0009765625 MiB|is larger than/);
    expect(INPUT_LIMIT_BYTES).toBe(16 * 1024 * 1024);
  });

  test('missing files and directories are one-line errors', () => {
    expect(errorOf(() => readInput('/nonexistent/v.yaml', 'values file'))!.message).toBe("cannot read values file '/nonexistent/v.yaml': ENOENT");
    expect(errorOf(() => readInput(os.tmpdir(), 'values file'))!.message).toBe(`cannot read values file '${os.tmpdir()}': EISDIR`);
  });
});

describe('writeOutput', () => {
  test('writes a new file, and replaces an old one completely', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'out.yaml');
    writeOutput(out, 'one\n');
    writeOutput(out, 'two\n');
    expect(fs.readFileSync(out, 'utf8')).toBe('two\n');
    expect(fs.readdirSync(dir)).toEqual(['out.yaml']);
  });

  test('keeps the mode of the old file (600 stays 600)', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'out.yaml');
    fs.writeFileSync(out, 'old\n', { mode: 0o600 });
    fs.chmodSync(out, 0o600);
    writeOutput(out, 'new\n');
    expect(fs.statSync(out).mode % 0o1000).toBe(0o600);
    fs.chmodSync(out, 0o640);
    writeOutput(out, 'newer\n');
    expect(fs.statSync(out).mode % 0o1000).toBe(0o640);
  });

  test('writes through a symlink to its target, as a shell redirect does', () => {
    const dir = tmpdir();
    const target = path.join(dir, 'target.yaml');
    const link = path.join(dir, 'link.yaml');
    fs.writeFileSync(target, 'old\n');
    fs.symlinkSync('target.yaml', link);
    writeOutput(link, 'new\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
    // a dangling link: the target is created
    const dangling = path.join(dir, 'dangling.yaml');
    fs.symlinkSync('created.yaml', dangling);
    writeOutput(dangling, 'made\n');
    expect(fs.lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'created.yaml'), 'utf8')).toBe('made\n');
  });

  test('keeps hard links', () => {
    const dir = tmpdir();
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(a, 'old\n');
    fs.linkSync(a, b);
    writeOutput(a, 'new\n');
    expect(fs.readFileSync(b, 'utf8')).toBe('new\n');
    expect(fs.statSync(a).ino).toBe(fs.statSync(b).ino);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  test('a read-only file is not replaced (as with a shell redirect), unless the user may write it', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'ro.yaml');
    fs.writeFileSync(out, 'old\n');
    fs.chmodSync(out, 0o444);
    const e = errorOf(() => writeOutput(out, 'new\n'));
    if (process.getuid?.() === 0) {
      expect(e).toBeUndefined(); // root may write any file, as with `>`
      expect(fs.statSync(out).mode % 0o1000).toBe(0o444);
    } else {
      expect(e!.message).toBe(`cannot write '${out}': EACCES`);
      expect(fs.readFileSync(out, 'utf8')).toBe('old\n');
    }
  });

  test('a device is written, never replaced (/dev/zero, /dev/null stay devices)', () => {
    // (/dev/null only when it is a device now: on a shared machine an older build run as root may have replaced it)
    for (const device of ['/dev/zero', '/dev/null'].filter(d => fs.existsSync(d) && fs.statSync(d).isCharacterDevice())) {
      writeOutput(device, 'discarded\n');
      expect(fs.statSync(device).isCharacterDevice()).toBe(true);
    }
  });

  test('a FIFO is written in place', async () => {
    const dir = tmpdir();
    const fifo = path.join(dir, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo here
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', d => { got += d; });
    writeOutput(fifo, 'through the pipe\n');
    await new Promise<void>(resolve => reader.on('close', () => {
      expect(got).toBe('through the pipe\n');
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
      resolve();
    }));
  });

  test('temp names are unpredictable, created with O_EXCL|O_NOFOLLOW in the target\'s directory', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'out.yaml');
    const seen: string[] = [];
    writeOutput(out, 'a\n', { beforeRename: tmp => seen.push(tmp) });
    writeOutput(out, 'b\n', { beforeRename: tmp => seen.push(tmp) });
    expect(seen[0]).not.toBe(seen[1]);
    expect(path.dirname(seen[0])).toBe(dir);
    expect(path.basename(seen[0])).not.toBe(`.out.yaml.${process.pid}.tmp`); // the old predictable name
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'cli-io.ts'), 'utf8');
    expect(source).toMatch(/O_CREAT \| fs\.constants\.O_EXCL \| fs\.constants\.O_NOFOLLOW/);
    expect(source).toMatch(/fs\.fsyncSync\(fd\)/);
  });

  test('a symlink planted at every possible temp name cannot redirect the write', () => {
    // O_EXCL fails on an existing name (a planted symlink included), and the next random name is tried.
    const dir = tmpdir();
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'precious\n');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs = require('fs');
    const realOpen = realFs.openSync;
    let planted = 0;
    realFs.openSync = (p: fs.PathLike, flags: any, mode?: any) => {
      if (typeof p === 'string' && p.endsWith('.tmp') && planted < 3) {
        planted++;
        fs.symlinkSync(victim, p);
      }
      return realOpen(p, flags, mode);
    };
    try {
      writeOutput(path.join(dir, 'out.yaml'), 'output\n');
    } finally {
      realFs.openSync = realOpen;
    }
    expect(planted).toBe(3);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.readFileSync(path.join(dir, 'out.yaml'), 'utf8')).toBe('output\n');
  });

  test('a failed write leaves the old file and no temp file', () => {
    const dir = tmpdir();
    expect(errorOf(() => writeOutput(path.join(dir, 'missing', 'out.yaml'), 'x'))!.message).toBe(`cannot write '${path.join(dir, 'missing', 'out.yaml')}': ENOENT`);
    const out = path.join(dir, 'out.yaml');
    fs.writeFileSync(out, 'old\n');
    expect(errorOf(() => writeOutput(out, 'new\n', { beforeRename: () => { throw Object.assign(new Error('disk gone'), { code: 'EIO' }); } }))!.message).toBe(`cannot write '${out}': EIO`);
    expect(fs.readFileSync(out, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(dir)).toEqual(['out.yaml']);
    expect(errorOf(() => writeOutput(dir, 'x'))!.message).toBe(`cannot write '${dir}': EISDIR`);
  });

  test('SIGTERM during the write leaves no temp file, and the target old or complete', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'out.yaml');
    fs.writeFileSync(out, 'old\n');
    const script = path.join(dir, 'writer.js');
    const lib = path.join(__dirname, '..', '..', 'src', 'cli-io.ts');
    fs.writeFileSync(script, [
      `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });`,
      `const { writeOutput } = require(${JSON.stringify(lib)});`,
      "process.stdout.write('ready\\n');",
      `writeOutput(${JSON.stringify(out)}, 'new\\n'.repeat(1000), { beforeRename: () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500); } });`,
      'setTimeout(() => {}, 3000);',
    ].join('\n'));
    const child = spawn(process.execPath, [script], { cwd: path.join(__dirname, '..', '..') });
    return new Promise<void>((resolve, reject) => {
      let started = false;
      child.stdout.on('data', () => {
        if (!started) {
          started = true;
          setTimeout(() => child.kill('SIGTERM'), 700);
        }
      });
      child.on('error', reject);
      let stderr = '';
      child.stderr.on('data', d => { stderr += d; });
      child.on('exit', (code, signal) => {
        try {
          expect({ code, signal, stderr }).toEqual({ code: 143, signal: null, stderr: '' });
          expect(fs.readdirSync(dir).sort()).toEqual(['out.yaml', 'writer.js']);
          expect(['old\n', 'new\n'.repeat(1000)]).toContain(fs.readFileSync(out, 'utf8'));
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  }, 60_000);
});

describe('assertNotAnInput', () => {
  test('refuses the output when it is an input, through symlinks and hard links', () => {
    const dir = tmpdir();
    const v = path.join(dir, 'v.yaml');
    fs.writeFileSync(v, 'a: 1\n');
    const input = readInput(v, 'values file');
    expect(errorOf(() => assertNotAnInput(v, [input]))!.message).toBe(`--output '${v}' is also the input '${v}'; writing it would destroy the input; write to another file`);
    fs.symlinkSync(v, path.join(dir, 'link.yaml'));
    expect(errorOf(() => assertNotAnInput(path.join(dir, 'link.yaml'), [input]))).toBeInstanceOf(CliIoError);
    fs.linkSync(v, path.join(dir, 'hard.yaml'));
    expect(errorOf(() => assertNotAnInput(path.join(dir, 'hard.yaml'), [input]))).toBeInstanceOf(CliIoError);
    expect(errorOf(() => assertNotAnInput(path.join(dir, 'other.yaml'), [input]))).toBeUndefined();
  });
});

describe('terminal safety', () => {
  test('control characters, bidi controls and lone surrogates are escaped', () => {
    expect(terminalSafe('a\x1b[2Jb\rc\x7fd\x9be\u202ef\ud800g')).toBe('a\\x1b[2Jb\\x0dc\\x7fd\\x9be\\u202ef\\ud800g');
    expect(terminalSafe('ünïcödé 😀')).toBe('ünïcödé 😀');
    expect(oneSafeLine('one\ntwo\r\nthree\x07')).toBe('one; two; three\\x07');
  });
});
