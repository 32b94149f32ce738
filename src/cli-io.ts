/**
 * Safe input and output for the command-line tools (kruise-synth, kruise-lint).
 *
 * **Reuse this module from every CLI** instead of calling `fs` directly for
 * user-named files: it holds the rules docs/security.md promises.
 *
 * - {@link readInput}: a file or `-` (standard input), at most
 *   {@link INPUT_LIMIT_BYTES} (16 MiB; `/dev/zero` and endless pipes stop
 *   there), strict UTF-8 (an invalid byte is an error naming its offset, never
 *   silently replaced), a leading BOM dropped.
 * - {@link writeOutput}: the `--output` file. Shell-redirect semantics for
 *   what is written where (a symlink is written through to its target, a
 *   device or FIFO such as `/dev/null` is written in place and never replaced),
 *   and for a regular file: the complete output or the old file unchanged. A
 *   temp file is created in the target's directory with O_CREAT|O_EXCL|
 *   O_NOFOLLOW, given the old file's mode (and owner, when allowed), fsynced
 *   and renamed over the target; a file with several hard links is rewritten in
 *   place (after the temp copy proved the space is there) so the links stay.
 *   SIGINT, SIGTERM and SIGHUP during the write remove the temp file.
 * - {@link assertNotAnInput}: refuses an output that is one of the inputs
 *   (same device and inode, through symlinks and hard links).
 * - {@link writeStdout}: synchronous writes to fd 1; EPIPE (`| head`) ends the
 *   run quietly, any other error is one line.
 * - {@link terminalSafe}: escapes control characters (C0, DEL, C1), bidi
 *   overrides, lone surrogates and non-characters before text reaches a
 *   terminal, so a hostile key cannot move the cursor or hide text.
 *
 * Errors are {@link CliIoError}: one line, meant to be printed as
 * `<tool>: <message>` with exit code 2.
 *
 * Keep this module free of heavy imports (cdk8s, yaml): the CLIs' start-up time
 * depends on it.
 */
/* eslint-disable no-bitwise */ // open(2) flags, file modes and UTF-8 decoding are bit fields
import * as fs from 'fs';
import * as path from 'path';

/** The largest input file (or standard input) the CLIs read: 16 MiB. */
export const INPUT_LIMIT_BYTES = 16 * 1024 * 1024;

/** An I/O problem the user can fix: one line, exit code 2. */
export class CliIoError extends Error {}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One input as read: its text, and its identity (to refuse writing over it). */
export interface Input {
  /** The name the user gave (`-` for standard input). */
  readonly name: string;
  readonly text: string;
  /** Device and inode, for files (undefined for standard input). */
  readonly id?: { readonly dev: number; readonly ino: number };
}

/**
 * Reads a file, or standard input for `-`, as strict UTF-8 of at most `limit`
 * bytes. `what` names the input in errors (e.g. `values file`).
 */
export function readInput(name: string, what: string, limit = INPUT_LIMIT_BYTES): Input {
  const shown = name === '-' ? 'standard input' : `'${name}'`;
  let fd: number;
  let id: Input['id'];
  if (name === '-') {
    fd = 0;
  } else {
    try {
      fd = fs.openSync(name, 'r');
    } catch (e) {
      throw new CliIoError(`cannot read ${what} ${shown}: ${code(e)}`);
    }
  }
  try {
    if (name !== '-') {
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) throw new CliIoError(`cannot read ${what} ${shown}: EISDIR`);
      id = { dev: st.dev, ino: st.ino };
    }
    const bytes = readBounded(fd, limit, () => `${what} ${shown} is larger than ${limit / 1024 / 1024} MiB, the input limit; split it or trim it`, what, shown);
    return { name, text: decodeUtf8(bytes, `${what} ${shown}`), id };
  } finally {
    if (name !== '-') fs.closeSync(fd);
  }
}

function readBounded(fd: number, limit: number, tooLarge: () => string, what: string, shown: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const c = code(e);
      if (c === 'EAGAIN') {
        sleepMs(2);
        continue;
      }
      if (c === 'EOF') break;
      throw new CliIoError(`cannot read ${what} ${shown}: ${c}`);
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > limit) throw new CliIoError(tooLarge());
  }
  return Buffer.concat(chunks, total);
}

/** Strict UTF-8 (a BOM at the start is dropped); an invalid sequence is an error with its byte offset. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliIoError(`${what} is not valid UTF-8 (bad byte sequence at byte offset ${invalidUtf8Offset(bytes)}); save it as UTF-8`);
  }
}

/** The offset of the first invalid UTF-8 sequence. */
function invalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // continuation bytes after the lead byte, and the smallest code point that needs them
    const [n, min] = c >= 0xc2 && c <= 0xdf ? [1, 0x80] : c >= 0xe0 && c <= 0xef ? [2, 0x800] : c >= 0xf0 && c <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (n === 0) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Throws when the output file is one of the inputs (same device and inode). */
export function assertNotAnInput(output: string, inputs: readonly Input[]): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(output);
  } catch {
    return; // does not exist (or cannot be seen): cannot be an input
  }
  if (!st.isFile()) return;
  const same = inputs.find(i => i.id && i.id.dev === st.dev && i.id.ino === st.ino);
  if (same) {
    throw new CliIoError(`--output '${output}' is also the input '${same.name}'; writing it would destroy the input; write to another file`);
  }
}

/** Test hooks of {@link writeOutput}. */
export interface WriteOptions {
  /** Called after the temp file is complete and fsynced, before the rename (tests). */
  readonly beforeRename?: (tmp: string) => void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_NUMBERS: { [s: string]: number } = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Writes `content` to `file` with the guarantees in the module comment.
 * Throws {@link CliIoError} (`cannot write '<file>': <code>`); on error the
 * old file is unchanged and no temp file is left.
 */
export function writeOutput(file: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  const fail = (e: unknown): never => {
    if (e instanceof CliIoError) throw e;
    throw new CliIoError(`cannot write '${file}': ${code(e)}`);
  };
  let target: string;
  try {
    target = resolveThroughSymlinks(file);
  } catch (e) {
    return fail(e);
  }
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if (code(e) !== 'ENOENT') fail(e);
  }
  if (st?.isDirectory()) fail(Object.assign(new Error(), { code: 'EISDIR' }));
  if (st) {
    try {
      fs.accessSync(target, fs.constants.W_OK); // a read-only file stays read-only, as with `>`
    } catch (e) {
      fail(e);
    }
  }
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (st && !st.isFile()) {
    // A device, FIFO or socket (e.g. /dev/null): written as a shell redirect would, never replaced.
    try {
      const fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_TRUNC);
      try {
        writeAll(fd, data);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      fail(e);
    }
    return;
  }
  const dir = path.dirname(target);
  let tmp: string | undefined;
  const cleanup = () => {
    if (tmp !== undefined) {
      removeQuietly(tmp);
      temps.delete(tmp);
      tmp = undefined;
    }
  };
  installSignalCleanup();
  try {
    let fd = -1;
    for (let attempt = 0; fd < 0; attempt++) {
      const candidate = path.join(dir, `.${path.basename(target)}.${randomSuffix()}.tmp`);
      try {
        const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;
        fd = fs.openSync(candidate, flags, st ? st.mode & 0o7777 : 0o666);
        tmp = candidate;
        temps.add(candidate);
      } catch (e) {
        if (code(e) !== 'EEXIST' || attempt >= 100) throw e;
      }
    }
    try {
      if (st) {
        fs.fchmodSync(fd, st.mode & 0o7777); // the create mode went through the umask
        try {
          if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) fs.fchownSync(fd, st.uid, st.gid);
        } catch {
          // not allowed (not root): the file keeps its new owner, as with any editor's save
        }
      }
      writeAll(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    options.beforeRename?.(tmp!);
    if (st && st.nlink > 1) {
      // Renaming would cut the other hard links off: rewrite in place (the temp copy proved the space).
      const out = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW);
      try {
        writeAll(out, data);
        fs.fsyncSync(out);
      } finally {
        fs.closeSync(out);
      }
      cleanup();
    } else {
      fs.renameSync(tmp!, target);
      temps.delete(tmp!);
      tmp = undefined;
      fsyncDir(dir);
    }
  } catch (e) {
    cleanup();
    fail(e);
  }
}

/** Temp files being written, removed by the signal handlers. */
const temps = new Set<string>();
let signalCleanupInstalled = false;

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * SIGINT, SIGTERM and SIGHUP: remove any temp file, then exit with 128 + the
 * signal number. The handlers stay for the life of the process: the writes are
 * synchronous, so a signal that arrives during one is handled right after it
 * (the rename done or the temp file removed), never in the middle.
 */
function installSignalCleanup(): void {
  if (signalCleanupInstalled) return;
  signalCleanupInstalled = true;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      temps.forEach(removeQuietly);
      temps.clear();
      process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 15));
    });
  }
}

/** The final path a write to `file` lands on, following symlinks (also dangling ones, as `>` does). */
function resolveThroughSymlinks(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch (e) {
      if (code(e) === 'ENOENT') return current;
      throw e;
    }
    if (!st.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw Object.assign(new Error(), { code: 'ELOOP' });
}

function randomSuffix(): string {
  // Not a secret: O_EXCL|O_NOFOLLOW make a guessed name harmless (the create fails and another name is tried).
  return `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems cannot fsync a directory; the rename itself is done
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if (code(e) === 'EAGAIN') {
        sleepMs(2);
        continue;
      }
      throw e;
    }
  }
}

/**
 * Writes to standard output synchronously. A closed pipe (EPIPE, as with
 * `| head`) returns `'closed'`: the caller should stop quietly. Any other error
 * throws {@link CliIoError} `cannot write to standard output: <code>`.
 */
export function writeStdout(text: string | Uint8Array): 'ok' | 'closed' {
  try {
    writeAll(1, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    return 'ok';
  } catch (e) {
    if (code(e) === 'EPIPE') return 'closed';
    throw new CliIoError(`cannot write to standard output: ${code(e)}`);
  }
}

/**
 * Standard output and error for a CLI's process entry: once the stdout pipe
 * is closed (`| head`), later output is dropped quietly.
 */
export function processStdio(): { stdout: (text: string) => void; stderr: (text: string) => void } {
  let closed = false;
  return {
    stdout: text => {
      if (!closed && writeStdout(text) === 'closed') closed = true;
    },
    stderr: writeStderr,
  };
}

/** Writes a line to standard error, ignoring failures (there is nowhere left to report them). */
export function writeStderr(text: string): void {
  try {
    writeAll(2, Buffer.from(text, 'utf8'));
  } catch {
    // stderr closed
  }
}

/**
 * Characters a terminal could act on, or that cannot be shown faithfully:
 * C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line and
 * paragraph separators, lone surrogates, U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every unsafe character written as `\xNN` or `\uNNNN`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, c => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** A message as one terminal-safe line: line breaks become `; `, other controls are escaped. */
export function oneSafeLine(message: string): string {
  return terminalSafe(message.replace(/[ \t]*(\r?\n)+[ \t]*/g, '; ').trim());
}

/** One command-line argument: the flag (`--flag` of `--flag=value`), and its value, read on demand. */
export interface CommandLineArg {
  readonly arg: string;
  readonly flag: string;
  /** The value: after `=`, else the next argument (consumed); `missing(flag)` is thrown when there is none. */
  readonly next: () => string;
}

/** The arguments of both CLIs, in order: `--flag=value` or `--flag value`. */
export function* commandLine(argv: readonly string[], missing: (flag: string) => Error): Generator<CommandLineArg> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      arg,
      flag,
      next: () => {
        if (inline !== undefined) return inline;
        const v = argv[++i];
        if (v === undefined) throw missing(flag);
        return v;
      },
    };
  }
}
