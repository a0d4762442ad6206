import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** One message source: a file path or standard input. */
export type MessageSource = { kind: 'file'; path: string; display: string } | { kind: 'stdin'; display: '-' };

/** An input that could not be expanded (missing file, unreadable directory, glob matching nothing). */
export interface InputProblem {
  input: string;
  message: string;
}

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

async function walk(dir: string, out: string[], filter: (path: string) => boolean): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, out, filter);
    else if (e.isFile() && filter(full)) out.push(full);
  }
}

/** Expands a glob (`*`, `?` within a segment, `**` for any depth) relative to `cwd`. */
async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const fixed: string[] = [];
  while (segments.length > 0 && !isGlob(segments[0] as string)) fixed.push(segments.shift() as string);
  const base = absolute ? `/${fixed.join('/')}` : join(cwd, ...fixed);
  const out: string[] = [];
  const matches = (rel: string[]): boolean => {
    // Dynamic programming over (pattern segment, path segment): linear in their product, no backtracking blow-up.
    const n = segments.length;
    const m = rel.length;
    let row: boolean[] = new Array(m + 1).fill(false);
    row[0] = true;
    for (let i = 0; i < n; i++) {
      const seg = segments[i] as string;
      const next: boolean[] = new Array(m + 1).fill(false);
      for (let j = 0; j <= m; j++) {
        if (seg === '**') next[j] = (row[j] as boolean) || (j > 0 && (next[j - 1] as boolean));
        else if (j > 0) next[j] = (row[j - 1] as boolean) && matchSegment(seg, rel[j - 1] as string);
      }
      row = next;
    }
    return row[m] as boolean;
  };
  try {
    await walk(base, out, (full) => matches(relative(base, full).split(sep)));
  } catch {
    return [];
  }
  return out;
}

/**
 * Turns the CLI's inputs into message sources: `-` is stdin, a directory contributes its `*.eml` files
 * (recursively), a glob its matches; anything else must be a readable file. Order is kept; duplicates dropped.
 */
export async function expandInputs(
  inputs: readonly string[],
  cwd: string,
): Promise<{ sources: MessageSource[]; problems: InputProblem[] }> {
  const sources: MessageSource[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const addFile = (path: string, display: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    sources.push({ kind: 'file', path, display });
  };
  for (const input of inputs) {
    if (input === '-') {
      if (!seen.has('-')) sources.push({ kind: 'stdin', display: '-' });
      seen.add('-');
      continue;
    }
    const path = input.startsWith('/') ? input : join(cwd, input);
    let info: Awaited<ReturnType<typeof stat>> | undefined;
    try {
      info = await stat(path);
    } catch (error) {
      if (isGlob(input)) {
        const found = await expandGlob(input, cwd);
        if (found.length === 0) problems.push({ input, message: `the glob '${input}' matches no file` });
        for (const f of found) addFile(f, relative(cwd, f) || f);
        continue;
      }
      const code = (error as { code?: string }).code ?? 'EIO';
      problems.push({
        input,
        message: `cannot read '${input}': ${code === 'ENOENT' ? 'no such file or directory' : code}`,
      });
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      try {
        await walk(path, found, (f) => f.toLowerCase().endsWith('.eml'));
      } catch (error) {
        problems.push({
          input,
          message: `cannot read directory '${input}': ${(error as { code?: string }).code ?? 'EIO'}`,
        });
        continue;
      }
      if (found.length === 0) problems.push({ input, message: `the directory '${input}' has no .eml file` });
      for (const f of found) addFile(f, relative(cwd, f) || f);
    } else addFile(path, input);
  }
  return { sources, problems };
}
