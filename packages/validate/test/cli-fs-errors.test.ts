import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { parseJson, runCliIn } from './helpers/cli.js';
import { plain } from './helpers/fixtures.js';

// The CLI runs as root in CI, and root reads a chmod 000 directory. So the unreadable subdirectory is made
// by injecting the error the OS gives a normal user: readdir of any directory named 'locked' fails with EACCES.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = ((path: string, ...rest: unknown[]) => {
    if (String(path).endsWith(`${sep}locked`))
      return Promise.reject(
        Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES', path }),
      );
    return (fs.readdir as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof fs.readdir;
  return { ...fs, default: { ...fs, readdir }, readdir };
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawmail-cli-eacces-'));
  mkdirSync(join(dir, 'mail', 'locked'), { recursive: true });
  mkdirSync(join(dir, 'mail', 'open'), { recursive: true });
  writeFileSync(join(dir, 'mail', 'locked', 'hidden.eml'), plain());
  writeFileSync(join(dir, 'mail', 'a.eml'), plain());
  writeFileSync(join(dir, 'mail', 'open', 'b.eml'), plain());
});

describe('one unreadable subdirectory does not hide the readable files', () => {
  test('directory: the readable files are checked, the subdirectory is an entry with EACCES, exit 2', async () => {
    const r = await runCliIn(dir, ['mail', '-f', 'json']);
    expect(r.code).toBe(2);
    const out = parseJson(r.stdout);
    expect(out.files).toEqual([
      { file: 'mail/a.eml', report: expect.objectContaining({ ok: true }) },
      {
        file: 'mail/locked',
        error: {
          code: 'cli.io',
          errno: 'EACCES',
          message: "cannot read the directory 'mail/locked': permission denied (EACCES)",
        },
      },
      { file: 'mail/open/b.eml', report: expect.objectContaining({ ok: true }) },
    ]);
    expect(out.summary).toMatchObject({ files: 3, ioErrors: 1 });
    expect(r.stderr).toContain("cannot read the directory 'mail/locked'");
  });
  test('glob with **: the same', async () => {
    const out = parseJson((await runCliIn(dir, ['mail/**/*.eml', '-f', 'json'])).stdout);
    expect(out.files.map((f) => f.file)).toEqual(['mail/a.eml', 'mail/locked', 'mail/open/b.eml']);
  });
  test('a glob that cannot reach into the directory does not report it', async () => {
    const r = await runCliIn(dir, ['mail/*.eml', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout).files.map((f) => f.file)).toEqual(['mail/a.eml']);
  });
  test('the unreadable directory named itself', async () => {
    const r = await runCliIn(dir, ['mail/locked', 'mail/a.eml', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(parseJson(r.stdout).files.map((f) => [f.file, 'error' in f])).toEqual([
      ['mail/locked', true],
      ['mail/a.eml', false],
    ]);
  });
});
