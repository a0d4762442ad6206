import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** One message to read: a file path or standard input. */
export type MessageSource = { kind: 'file'; path: string; display: string } | { kind: 'stdin'; display: '-' };

/** Codes of the input problems (each one is an entry of the report with exit status 2). */
export type InputProblemCode = 'cli.io' | 'cli.no-match' | 'cli.not-a-file' | 'cli.symlink-loop';

/**
 * Something named on the command line (or met while walking a directory or glob) that gives no message:
 * a missing or unreadable path, a glob or directory without `.eml` file, a FIFO or socket met in a walk,
 * a symbolic link that loops.
 */
export interface InputProblem {
  /** The path as shown in reports (relative to the working directory when found by a walk). */
  display: string;
  /** Absolute path, when there is one. */
  path?: string;
  code: InputProblemCode;
  /** The operating system's error code (`ENOENT`, `EACCES`, `ELOOP`…) for `cli.io`. */
  errno?: string;
  /** One sentence: what could not be read and why. */
  message: string;
}

/** The expanded inputs, in command-line order: messages to validate and problems to report. */
export type ExpandedInput =
  | ({ kind: 'source' } & { source: MessageSource })
  | { kind: 'problem'; problem: InputProblem };

/** Matches one path segment against a glob segment with `*` and `?` (two-pointer, linear, no regex). */
export function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

const isGlob = (s: string) => /[*?]/.test(s);

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links (a symbolic link loop)',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'it is a directory',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** The `code` of a Node.js system error, or `EIO` when there is none. */
export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** `no such file or directory (ENOENT)`: readable text first, the code for searching. */
export function describeErrno(errno: string): string {
  const text = ERRNO_TEXT[errno];
  return text ? `${text} (${errno})` : errno;
}

function ioProblem(display: string, path: string, what: string, error: unknown): InputProblem {
  const errno = errnoOf(error);
  return {
    display,
    path,
    code: 'cli.io',
    errno,
    message: `cannot read ${what}'${display}': ${describeErrno(errno)}`,
  };
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Walks a directory tree in name order. Files that `wanted` accepts become sources; an unreadable
 * subdirectory, a broken or looping symbolic link or a non-regular file that `wanted` accepts becomes a
 * problem, and the walk goes on with the rest. Symbolic links are followed (to files and directories); a
 * link back to a directory on the current path is reported as a loop instead of being followed.
 */
class TreeWalker {
  readonly out: ExpandedInput[] = [];

  constructor(
    private readonly cwd: string,
    private readonly wanted: (path: string) => boolean,
    private readonly descend: (dir: string) => boolean = () => true,
  ) {}

  private display(path: string): string {
    return relative(this.cwd, path) || path;
  }

  private problem(p: InputProblem): void {
    this.out.push({ kind: 'problem', problem: p });
  }

  /** Walks `dir`; `ancestors` holds the real paths of the directories on the way down (loop detection). */
  async walk(dir: string, ancestors: readonly string[]): Promise<void> {
    if (!this.descend(dir)) return;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.problem(ioProblem(this.display(dir), dir, 'the directory ', error));
      return;
    }
    entries.sort(byName);
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        await this.enter(full, ancestors);
        continue;
      }
      if (e.isFile()) {
        if (this.wanted(full)) this.out.push({ kind: 'source', source: this.file(full) });
        continue;
      }
      if (e.isSymbolicLink()) {
        await this.followLink(full, ancestors);
        continue;
      }
      // A FIFO, socket or device: reading it could block forever or never end.
      if (this.wanted(full))
        this.problem({
          display: this.display(full),
          path: full,
          code: 'cli.not-a-file',
          message: `'${this.display(full)}' is not a regular file (a FIFO, socket or device); it was not read. Name it on the command line to read it anyway.`,
        });
    }
  }

  private file(path: string): MessageSource {
    return { kind: 'file', path, display: this.display(path) };
  }

  /** Walks the directory `dir` unless it is one of `ancestors` (a symbolic link loop). */
  async enter(dir: string, ancestors: readonly string[]): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      this.problem(ioProblem(this.display(dir), dir, 'the directory ', error));
      return;
    }
    if (ancestors.includes(real)) {
      this.problem({
        display: this.display(dir),
        path: dir,
        code: 'cli.symlink-loop',
        message: `'${this.display(dir)}' leads back to '${this.display(real)}' (a symbolic link loop); it was not followed.`,
      });
      return;
    }
    await this.walk(dir, [...ancestors, real]);
  }

  private async followLink(link: string, ancestors: readonly string[]): Promise<void> {
    let info: Stats;
    try {
      info = await stat(link);
    } catch (error) {
      // A broken or looping link: report it when it would have been a message (by its name), else it is
      // not an input at all (like any other file that is not *.eml).
      if (this.wanted(link)) this.problem(ioProblem(this.display(link), link, 'the symbolic link ', error));
      return;
    }
    if (info.isDirectory()) await this.enter(link, ancestors);
    else if (info.isFile()) {
      if (this.wanted(link)) this.out.push({ kind: 'source', source: this.file(link) });
    } else if (this.wanted(link))
      this.problem({
        display: this.display(link),
        path: link,
        code: 'cli.not-a-file',
        message: `'${this.display(link)}' links to something that is not a regular file (a FIFO, socket or device); it was not read.`,
      });
  }
}

/** Splits a glob into its fixed leading directory and the pattern segments after it. */
function splitGlob(pattern: string, cwd: string): { base: string; segments: string[] } {
  const segments = pattern.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const fixed: string[] = [];
  while (segments.length > 0 && !isGlob(segments[0] as string)) fixed.push(segments.shift() as string);
  const base = isAbsolute(pattern) ? join('/', ...fixed) : join(cwd, ...fixed);
  return { base, segments };
}

/**
 * The glob segments still to match after the path segments `rel`, as the set of pattern positions reached
 * (`**` matches any number of directories). Linear in pattern length × path length: no backtracking.
 */
function globStates(segments: readonly string[], rel: readonly string[]): Set<number> {
  const close = (states: Set<number>) => {
    for (const i of states) if (segments[i] === '**') states.add(i + 1);
    return states;
  };
  let states = close(new Set([0]));
  for (const name of rel) {
    const next = new Set<number>();
    for (const i of states) {
      const seg = segments[i];
      if (seg === '**') next.add(i);
      else if (seg !== undefined && matchSegment(seg, name)) next.add(i + 1);
    }
    states = close(next);
    if (states.size === 0) break;
  }
  return states;
}

/** A glob as two predicates over paths below its fixed base directory. */
function globFilter(pattern: string, cwd: string) {
  const { base, segments } = splitGlob(pattern, cwd);
  const rel = (full: string) => {
    const r = relative(base, full);
    return r === '' ? [] : r.split(sep);
  };
  return {
    base,
    matches: (full: string) => globStates(segments, rel(full)).has(segments.length),
    // A directory is worth reading when some pattern segment is still left to match below it.
    descend: (dir: string) => [...globStates(segments, rel(dir))].some((i) => i < segments.length),
  };
}

/**
 * Turns the CLI's inputs into message sources and problems, in command-line order: `-` is stdin, a
 * directory contributes its `*.eml` files (recursively), a glob its matches; anything else must be a
 * readable file. Every input gives an entry (a message or a problem); a file reached twice is listed once.
 */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  const seen = new Set<string>();
  const push = (entries: readonly ExpandedInput[]) => {
    for (const e of entries) {
      if (e.kind === 'source') {
        const key = e.source.kind === 'stdin' ? '-' : e.source.path;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(e);
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      push([{ kind: 'source', source: { kind: 'stdin', display: '-' } }]);
      continue;
    }
    const path = isAbsolute(input) ? input : join(cwd, input);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      if (isGlob(input) && errnoOf(error) === 'ENOENT') {
        const glob = globFilter(input, cwd);
        const walker = new TreeWalker(cwd, glob.matches, glob.descend);
        await walker.enter(glob.base, []);
        const found = walker.out.filter((e) => e.kind === 'source').length;
        const baseMissing =
          walker.out.length === 1 &&
          walker.out[0]?.kind === 'problem' &&
          walker.out[0].problem.errno === 'ENOENT';
        if (found === 0 && (walker.out.length === 0 || baseMissing))
          push([
            {
              kind: 'problem',
              problem: {
                display: input,
                code: 'cli.no-match',
                message: `the glob '${input}' matches no file`,
              },
            },
          ]);
        else push(walker.out);
        continue;
      }
      push([{ kind: 'problem', problem: ioProblem(input, path, '', error) }]);
      continue;
    }
    if (info.isDirectory()) {
      const walker = new TreeWalker(cwd, (f) => f.toLowerCase().endsWith('.eml'));
      await walker.enter(path, []);
      if (walker.out.length === 0)
        push([
          {
            kind: 'problem',
            problem: {
              display: input,
              path,
              code: 'cli.no-match',
              message: `the directory '${input}' has no .eml file`,
            },
          },
        ]);
      else push(walker.out);
    } else push([{ kind: 'source', source: { kind: 'file', path, display: input } }]);
  }
  return out;
}
