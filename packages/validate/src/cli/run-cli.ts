import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { escapeControls } from '@rawmail/mime';
import { ValidateError } from '../errors.js';
import type { ValidateOptions } from '../types.js';
import { validate } from '../validate.js';
import { VERSION } from '../version.js';
import { type CliOptions, HELP, parseCliArgs, UsageError } from './args.js';
import {
  exitStatus,
  type FileResult,
  formatGithub,
  formatJson,
  formatText,
  type Summary,
  summarize,
} from './format.js';
import { describeErrno, errnoOf, expandInputs, type MessageSource } from './inputs.js';
import { formatSarif } from './sarif.js';

/** An output stream of the CLI: `process.stdout` / `process.stderr` fit. */
export interface CliOutput {
  /** Writes text as it is (the CLI adds its own newlines). */
  write(text: string): unknown;
  /** True on a terminal: enables colour (unless `NO_COLOR`) and the progress line. */
  isTTY?: boolean;
}

/** Where the CLI reads and writes; `process` fits, tests pass their own. */
export interface CliIo {
  /** Reports (text, json, github or sarif format), unless `--output-file` sends them to a file. */
  stdout: CliOutput;
  /** Usage and I/O errors, and the progress line. */
  stderr: CliOutput;
  /** The message read for the file argument `-`. */
  stdin: Readable;
  /** Directory that relative file arguments and globs are resolved against. */
  cwd: string;
  /** Environment; `NO_COLOR` turns colour off on a terminal. */
  env: Record<string, string | undefined>;
}

/** Exit status: no errors, and warnings within `--max-warnings`. */
export const EXIT_OK = 0;
/** Exit status: at least one message fails (or too many warnings). */
export const EXIT_FAILED = 1;
/** Exit status: a usage error or an I/O error (a missing or unreadable input, the report file not writable). */
export const EXIT_USAGE = 2;

/** Redraws a one-line progress counter on a terminal's stderr, at most every 100 ms. */
class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}
  tick(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    this.shown = true;
    this.io.stderr.write(`\r\x1b[2Kvalidating ${done}/${this.total} files…`);
  }
  clear(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[2K');
  }
}

async function validateSource(
  source: MessageSource,
  io: CliIo,
  options: ValidateOptions,
): Promise<FileResult> {
  const file = source.display;
  const at = source.kind === 'file' ? { path: source.path } : {};
  try {
    if (source.kind === 'stdin') return { file, report: await validate(io.stdin, options) };
    const stream = createReadStream(source.path, { highWaterMark: 256 * 1024 });
    return { file, ...at, report: await validate(stream, options) };
  } catch (error) {
    if (error instanceof ValidateError && error.code === 'validate.read-failed') {
      const errno = errnoOf(error.cause);
      const what = source.kind === 'stdin' ? 'standard input' : `'${file}'`;
      return {
        file,
        ...at,
        error: {
          code: 'cli.io',
          errno,
          message: escapeControls(`cannot read ${what}: ${describeErrno(errno)}`),
        },
      };
    }
    throw error;
  }
}

async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Runs `rawmail-validate` with `argv` (without `node` and the script) and returns the exit status:
 * 0 no errors (warnings within `--max-warnings`), 1 a message fails, 2 usage or I/O error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`rawmail-validate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (opts.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const expanded = await expandInputs(opts.inputs, io.cwd);
  const sources = expanded.flatMap((e) => (e.kind === 'source' ? [e.source] : []));
  const options: ValidateOptions = { profile: opts.profile };
  if (opts.source !== undefined) options.source = opts.source;
  if (opts.destinations !== undefined) options.destinations = opts.destinations;
  if (opts.tags !== undefined) options.tags = opts.tags;
  if (opts.configurationSetName !== undefined) options.configurationSetName = opts.configurationSetName;
  const progress = new Progress(
    io,
    sources.length,
    sources.length > 1 && io.stderr.isTTY === true && !opts.quiet,
  );
  let done = 0;
  const reports = await runPool(sources, opts.concurrency, async (source) => {
    const r = await validateSource(source, io, options);
    progress.tick(++done);
    return r;
  });
  progress.clear();
  // Every input in command-line order: the reports, and an entry for each input that gave none.
  let next = 0;
  const results: FileResult[] = expanded.map((e) => {
    if (e.kind === 'source') return reports[next++] as FileResult;
    const p = e.problem;
    const error = {
      code: p.code,
      message: escapeControls(p.message),
      ...(p.errno ? { errno: p.errno } : {}),
    };
    return p.path === undefined ? { file: p.display, error } : { file: p.display, path: p.path, error };
  });
  for (const r of results) if ('error' in r) io.stderr.write(`rawmail-validate: ${r.error.message}\n`);
  const summary = summarize(results, opts.maxWarnings);
  const toFile = opts.outputFile !== undefined;
  const color = opts.color ?? (!toFile && io.stdout.isTTY === true && io.env.NO_COLOR === undefined);
  const out = render(opts, results, summary, color, io.cwd);
  if (opts.outputFile !== undefined) {
    const target = isAbsolute(opts.outputFile) ? opts.outputFile : join(io.cwd, opts.outputFile);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, out);
    } catch (error) {
      io.stderr.write(
        `rawmail-validate: ${escapeControls(`cannot write the report to '${opts.outputFile}': ${describeErrno(errnoOf(error))}`)}\n`,
      );
      return EXIT_USAGE;
    }
  } else io.stdout.write(out);
  return exitStatus(summary);
}

function render(
  opts: CliOptions,
  results: FileResult[],
  summary: Summary,
  color: boolean,
  cwd: string,
): string {
  switch (opts.format) {
    case 'json':
      return formatJson(results, summary, VERSION);
    case 'github':
      return formatGithub(results, summary, { quiet: opts.quiet });
    case 'sarif':
      return formatSarif(results, summary, { version: VERSION, cwd, quiet: opts.quiet });
    default:
      return formatText(results, summary, { color, quiet: opts.quiet });
  }
}
