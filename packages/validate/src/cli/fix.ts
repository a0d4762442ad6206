/** `--fix` and `--fix-dry-run`: repair each message, report what remains, and (with `--fix`) rewrite the file. */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { escapeControls } from '@rawmail/mime';
import { ValidateError } from '../errors.js';
import { repair } from '../repair/repair.js';
import type { RepairFix, RepairOptions } from '../repair/types.js';
import type { FileResult } from './format.js';
import { describeErrno, errnoOf, type MessageSource } from './inputs.js';

/** What `--fix` / `--fix-dry-run` did to one file; part of the JSON output (`files[].fix`). */
export interface FileFix {
  /** Whether the repaired message differs from the file. */
  changed: boolean;
  /** Whether the file was rewritten (`--fix` and changed). */
  written: boolean;
  /** The changes made (or, with `--fix-dry-run`, that would be made). */
  fixes: RepairFix[];
  /** Changes not made because they would invalidate a DKIM signature (see `--break-dkim`). */
  skipped: RepairFix[];
  /** Addresses of a removed Bcc header: they must go into the envelope when the message is sent. */
  destinations: string[];
}

/**
 * Repairs one source. The report is that of the repaired message: what remains unfixed. With `write`, a changed
 * file is replaced atomically (written beside it, then renamed over it).
 */
export async function fixSource(
  source: MessageSource,
  stdin: Readable,
  options: RepairOptions,
  write: boolean,
): Promise<FileResult> {
  const file = source.display;
  const at = source.kind === 'file' ? { path: source.path } : {};
  const ioError = (verb: string, what: string, cause: unknown): FileResult => {
    const errno = errnoOf(cause);
    return {
      file,
      ...at,
      error: {
        code: 'cli.io',
        errno,
        message: escapeControls(`cannot ${verb} ${what}: ${describeErrno(errno)}`),
      },
    };
  };
  let input: Buffer | Readable;
  try {
    input = source.kind === 'stdin' ? stdin : await readFile(source.path);
  } catch (error) {
    return ioError('read', `'${file}'`, error);
  }
  let r: Awaited<ReturnType<typeof repair>>;
  try {
    r = await repair(input, options);
  } catch (error) {
    if (error instanceof ValidateError && error.code === 'validate.read-failed')
      return ioError('read', 'standard input', error.cause);
    throw error;
  }
  let written = false;
  if (write && r.changed && source.kind === 'file') {
    const temp = `${source.path}.rawmail-fix-${process.pid}`;
    try {
      await writeFile(temp, r.raw);
      await rename(temp, source.path);
      written = true;
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      return ioError('write', `'${file}'`, error);
    }
  }
  return {
    file,
    ...at,
    report: r.report,
    fix: { changed: r.changed, written, fixes: r.fixes, skipped: r.skipped, destinations: r.destinations },
  };
}
