/**
 * kruise-lint (see cli-lint.ts): the shapes shared by reading, linting and output, and the default limits.
 */
import type { Document } from 'yaml';

/** The output formats. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type Format = typeof FORMATS[number];

/** A user error: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** Where the CLI reads and writes; injectable for tests. */
export interface LintIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The text of a file, or of standard input for `-`, at most `limit` bytes (cli-io's readInput by default). */
  read?(name: string, limit: number): string;
}

/** Limits against hostile or runaway input. */
export interface LintLimits {
  /** Bytes read in all, over every input (each input is also held to cli-io's INPUT_LIMIT_BYTES). */
  readonly maxBytes: number;
  /** Aliases one YAML document may resolve (the billion-laughs guard). */
  readonly maxAliasCount: number;
  /** Directory depth followed. */
  readonly maxDepth: number;
  /** Levels of `kind: List` inside `kind: List`. */
  readonly maxListDepth: number;
  /** Nesting of maps and lists in one document. */
  readonly maxNesting: number;
}

export const DEFAULT_LIMITS: LintLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 32,
  maxListDepth: 8,
  maxNesting: 512,
};

/** One YAML document of an input, with where it starts. */
export interface Chunk {
  readonly file: string;
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly startLine: number;
  /** The parsed document, for mapping field paths to lines (parsed on first use when the fast reader read the values). */
  doc?: Document;
  lines?: number[];
}

/** An object read from the input, and where it came from. */
export interface SourcedObject {
  /** The parsed value, unchecked: a map for a manifest, anything else as the YAML had it. */
  readonly object: unknown;
  readonly file: string;
  /** The line of the object's first line (its document start, or its list item). */
  readonly line: number;
  readonly chunk?: Chunk;
  /** Path of the object inside its document (`items[2]` for a List item), as path segments. */
  readonly prefix: ReadonlyArray<string | number>;
}

/** A finding as printed. */
export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** Index of the object in `LintResult.reviewed`. */
  readonly objectIndex: number;
}

/** What a lint run found. */
export interface LintResult {
  readonly findings: LintFinding[];
  readonly files: number;
  readonly objects: number;
  readonly kruiseObjects: number;
  /** Every object read, in order (findings point into it), for the JUnit report. */
  readonly reviewed: ReadonlyArray<{ file: string; line: number; kind: string; namespace: string; name: string; kruise: boolean }>;
}
