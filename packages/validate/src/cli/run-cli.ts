import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { ValidateError } from '../errors.js';
import type { ValidateOptions } from '../types.js';
import { validate } from '../validate.js';
import { VERSION } from '../version.js';
import { type CliOptions, HELP, parseCliArgs, UsageError } from './args.js';
import { fixSource } from './fix.js';
import { type FileResult, formatGithub, formatJson, formatText, summarize } from './format.js';
import { expandInputs, type MessageSource } from './inputs.js';

/** An output stream of the CLI: `process.stdout` / `process.stderr` fit. */
export interface CliOutput {
  /** Writes text as it is (the CLI adds its own newlines). */
  write(text: string): unknown;
  /** True on a terminal: enables colour (unless `NO_COLOR`) and the progress line. */
  isTTY?: boolean;
}

/** Where the CLI reads and writes; `process` fits, tests pass their own. */
export interface CliIo {
  /** Reports (text, json or github format). */
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
/** Exit status: a usage error or an I/O error (missing file, unreadable standard input). */
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
  try {
    if (source.kind === 'stdin') return { file, report: await validate(io.stdin, options) };
    const stream = createReadStream(source.path, { highWaterMark: 256 * 1024 });
    return { file, report: await validate(stream, options) };
  } catch (error) {
    if (error instanceof ValidateError && error.code === 'validate.read-failed') {
      const cause = error.cause as { code?: string } | undefined;
      const what = source.kind === 'stdin' ? 'standard input' : `'${file}'`;
      return {
        file,
        error: { code: 'cli.io', message: `cannot read ${what}: ${cause?.code ?? error.message}` },
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
  const { sources, problems } = await expandInputs(opts.inputs, io.cwd);
  for (const p of problems) io.stderr.write(`rawmail-validate: ${p.message}\n`);
  if (sources.length === 0) return EXIT_USAGE;
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
  const results = await runPool(sources, opts.concurrency, async (source) => {
    const r =
      opts.fix === undefined
        ? await validateSource(source, io, options)
        : await fixSource(source, io.stdin, { ...options, breakDkim: opts.breakDkim }, opts.fix === 'write');
    progress.tick(++done);
    return r;
  });
  progress.clear();
  for (const r of results) if ('error' in r) io.stderr.write(`rawmail-validate: ${r.error.message}\n`);
  const color = opts.color ?? (io.stdout.isTTY === true && io.env.NO_COLOR === undefined);
  const out =
    opts.format === 'json'
      ? formatJson(results, VERSION)
      : opts.format === 'github'
        ? formatGithub(results, { quiet: opts.quiet })
        : formatText(results, { color, quiet: opts.quiet });
  io.stdout.write(out);
  const s = summarize(results);
  if (s.ioErrors > 0 || problems.length > 0) return EXIT_USAGE;
  if (s.errors > 0) return EXIT_FAILED;
  if (opts.maxWarnings !== undefined && s.warnings > opts.maxWarnings) return EXIT_FAILED;
  return EXIT_OK;
}
