import type { ValidationIssue, ValidationReport } from '../types.js';
import type { FileFix } from './fix.js';

/** The outcome for one input: a report (with `--fix`/`--fix-dry-run`, of the repaired message), or an I/O error. */
export type FileResult =
  | { file: string; report: ValidationReport; fix?: FileFix }
  | { file: string; error: { code: string; message: string } };

/** Totals over all inputs. */
export interface Summary {
  files: number;
  failed: number;
  errors: number;
  warnings: number;
  ioErrors: number;
}

export function summarize(results: readonly FileResult[]): Summary {
  const s: Summary = { files: results.length, failed: 0, errors: 0, warnings: 0, ioErrors: 0 };
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
  return s;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Text output: one line per issue (`file:line: severity code message`), then a summary. */
export function formatText(results: readonly FileResult[], opts: { color: boolean; quiet: boolean }): string {
  const lines: string[] = [];
  for (const r of results) {
    if ('error' in r) {
      lines.push(`${r.file}: ${paint(opts.color, '31', 'error')} ${r.error.code} ${r.error.message}`);
      continue;
    }
    if (r.fix && !opts.quiet) {
      const verb = r.fix.written ? 'fixed' : 'would fix';
      for (const f of r.fix.fixes)
        lines.push(
          `${paint(opts.color, '1', f.line !== undefined ? `${r.file}:${f.line}` : r.file)}: ${paint(opts.color, '32', verb)} ${paint(opts.color, '2', f.code)} ${f.message}`,
        );
      for (const f of r.fix.skipped)
        lines.push(
          `${paint(opts.color, '1', r.file)}: ${paint(opts.color, '33', 'not fixed')} ${paint(opts.color, '2', f.code)} ${f.message}`,
        );
      if (r.fix.destinations.length > 0)
        lines.push(
          `    ${paint(opts.color, '36', 'envelope:')} add ${r.fix.destinations.join(', ')} to the destinations (taken out of Bcc)`,
        );
    }
    for (const i of r.report.issues) {
      if (opts.quiet && i.severity !== 'error') continue;
      const where = i.line !== undefined ? `${r.file}:${i.line}` : r.file;
      const sev =
        i.severity === 'error' ? paint(opts.color, '31', 'error') : paint(opts.color, '33', 'warning');
      const part = i.part !== undefined ? ` [part ${i.part}]` : '';
      lines.push(
        `${paint(opts.color, '1', where)}: ${sev} ${paint(opts.color, '2', i.code)}${part} ${i.message}`,
      );
      if (i.hint && !opts.quiet) lines.push(`    ${paint(opts.color, '36', 'hint:')} ${i.hint}`);
    }
  }
  if (!opts.quiet) {
    const s = summarize(results);
    const head = `${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
    const tail = [s.failed > 0 ? `${s.failed} failing` : '', s.ioErrors > 0 ? `${s.ioErrors} unreadable` : '']
      .filter(Boolean)
      .join(', ');
    const ok = s.errors === 0 && s.ioErrors === 0;
    lines.push(paint(opts.color, ok ? '32' : '31', `${ok ? '✔' : '✖'} ${head}${tail ? ` (${tail})` : ''}`));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** JSON output: stable shape `{ version, summary, files: [{ file, report } | { file, error }] }`. */
export function formatJson(results: readonly FileResult[], version: string): string {
  return `${JSON.stringify({ version, summary: summarize(results), files: results }, null, 2)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(
  file: string,
  i: Pick<ValidationIssue, 'severity' | 'code' | 'message' | 'line' | 'hint'>,
): string {
  const props = [`file=${escapeProperty(file)}`];
  if (i.line !== undefined) props.push(`line=${i.line}`);
  props.push(`title=${escapeProperty(i.code)}`);
  const text = i.hint ? `${i.message} Hint: ${i.hint}` : i.message;
  return `::${i.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
}

/** GitHub Actions workflow commands: one `::error` / `::warning` annotation per issue. */
export function formatGithub(results: readonly FileResult[], opts: { quiet: boolean }): string {
  const lines: string[] = [];
  for (const r of results) {
    if ('error' in r) {
      lines.push(annotation(r.file, { severity: 'error', code: r.error.code, message: r.error.message }));
      continue;
    }
    for (const i of r.report.issues)
      if (!opts.quiet || i.severity === 'error') lines.push(annotation(r.file, i));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
