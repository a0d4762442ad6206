import { escapeControls } from '@rawmail/mime';
import type { ValidationReport } from '../types.js';

/** Why an input gave no report: an I/O or input problem of the CLI (never a rule of the message). */
export interface InputError {
  /** `cli.io` (the OS refused: `errno` says why), `cli.no-match`, `cli.not-a-file`, `cli.symlink-loop`. */
  code: string;
  /** One sentence naming the input and the reason. */
  message: string;
  /** The operating system's error code (`ENOENT`, `EACCES`, `EIO`, `ELOOP`…) when there is one. */
  errno?: string;
}

/** The outcome for one input: a report, or the reason there is none. `path` is absolute (not printed). */
export type FileResult =
  | { file: string; path?: string; report: ValidationReport }
  | { file: string; path?: string; error: InputError };

/** Totals over all inputs. */
export interface Summary {
  /** Entries in `files`: reports and input errors. */
  files: number;
  /** Messages with at least one error. */
  failed: number;
  errors: number;
  warnings: number;
  /** Inputs that gave no report (missing, unreadable, a glob matching nothing…); more than 0 means exit 2. */
  ioErrors: number;
  /** The `--max-warnings` limit, `null` when none was given. */
  maxWarnings: number | null;
  /** True when `warnings` is over `maxWarnings` (exit 1 even without an error). */
  tooManyWarnings: boolean;
}

export function summarize(results: readonly FileResult[], maxWarnings: number | undefined): Summary {
  const s: Summary = {
    files: results.length,
    failed: 0,
    errors: 0,
    warnings: 0,
    ioErrors: 0,
    maxWarnings: maxWarnings ?? null,
    tooManyWarnings: false,
  };
  for (const r of results) {
    if ('error' in r) {
      s.ioErrors++;
      continue;
    }
    let errors = 0;
    for (const i of r.report.issues) {
      if (i.severity === 'error') errors++;
      else s.warnings++;
    }
    s.errors += errors;
    if (errors > 0) s.failed++;
  }
  s.tooManyWarnings = maxWarnings !== undefined && s.warnings > maxWarnings;
  return s;
}

/** Exit status 0, 1 or 2 from the summary (2 wins: a missing input is never a pass). */
export function exitStatus(s: Summary): 0 | 1 | 2 {
  if (s.ioErrors > 0) return 2;
  if (s.errors > 0 || s.tooManyWarnings) return 1;
  return 0;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sentence for `--max-warnings` exceeded (text, github and SARIF outputs share it). */
export function tooManyWarningsText(s: Summary): string {
  return `Too many warnings: ${s.warnings}, more than the maximum of ${s.maxWarnings} (--max-warnings).`;
}

/** Text output: one line per issue (`file:line: severity code message`), then a summary. */
export function formatText(
  results: readonly FileResult[],
  summary: Summary,
  opts: { color: boolean; quiet: boolean },
): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = escapeControls(r.file);
    if ('error' in r) {
      lines.push(`${file}: ${paint(opts.color, '31', 'error')} ${r.error.code} ${r.error.message}`);
      continue;
    }
    for (const i of r.report.issues) {
      if (opts.quiet && i.severity !== 'error') continue;
      const where = i.line !== undefined ? `${file}:${i.line}` : file;
      const sev =
        i.severity === 'error' ? paint(opts.color, '31', 'error') : paint(opts.color, '33', 'warning');
      const part = i.part !== undefined ? ` [part ${i.part}]` : '';
      lines.push(
        `${paint(opts.color, '1', where)}: ${sev} ${paint(opts.color, '2', i.code)}${part} ${i.message}`,
      );
      if (i.hint && !opts.quiet) lines.push(`    ${paint(opts.color, '36', 'hint:')} ${i.hint}`);
    }
  }
  const s = summary;
  if (!opts.quiet) {
    const head = `${plural(s.files - s.ioErrors, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
    const tail = [s.failed > 0 ? `${s.failed} failing` : '', s.ioErrors > 0 ? `${s.ioErrors} unreadable` : '']
      .filter(Boolean)
      .join(', ');
    const ok = exitStatus(s) === 0;
    lines.push(paint(opts.color, ok ? '32' : '31', `${ok ? '✔' : '✖'} ${head}${tail ? ` (${tail})` : ''}`));
  }
  // Said even with --quiet: it is why the exit status is 1 when no message has an error.
  if (s.tooManyWarnings) lines.push(paint(opts.color, '31', `✖ ${tooManyWarningsText(s)}`));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * JSON output, one document: `{ version, summary, files: [{ file, report } | { file, error }] }`, with
 * an entry for every input (an input that gave no message has `error`).
 */
export function formatJson(results: readonly FileResult[], summary: Summary, version: string): string {
  const files = results.map((r) =>
    'error' in r ? { file: r.file, error: r.error } : { file: r.file, report: r.report },
  );
  return `${JSON.stringify({ version, summary, files }, null, 2)}\n`;
}

function escapeData(s: string): string {
  return escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  severity: 'error' | 'warning';
  file?: string;
  line?: number | undefined;
  title: string;
  message: string;
  hint?: string | undefined;
}

function annotation(a: Annotation): string {
  const props: string[] = [];
  if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`);
  if (a.line !== undefined) props.push(`line=${a.line}`);
  props.push(`title=${escapeProperty(a.title)}`);
  const text = a.hint ? `${a.message} Hint: ${a.hint}` : a.message;
  return `::${a.severity} ${props.join(',')}::${escapeData(text)}`;
}

/** GitHub Actions workflow commands: one `::error` / `::warning` annotation per issue. */
export function formatGithub(
  results: readonly FileResult[],
  summary: Summary,
  opts: { quiet: boolean },
): string {
  const lines: string[] = [];
  for (const r of results) {
    if ('error' in r) {
      lines.push(
        annotation({ severity: 'error', file: r.file, title: r.error.code, message: r.error.message }),
      );
      continue;
    }
    for (const i of r.report.issues)
      if (!opts.quiet || i.severity === 'error')
        lines.push(
          annotation({
            severity: i.severity,
            file: r.file,
            line: i.line,
            title: i.code,
            message: i.message,
            hint: i.hint,
          }),
        );
  }
  if (summary.tooManyWarnings)
    lines.push(
      annotation({ severity: 'error', title: 'max-warnings', message: tooManyWarningsText(summary) }),
    );
  return lines.length ? `${lines.join('\n')}\n` : '';
}
