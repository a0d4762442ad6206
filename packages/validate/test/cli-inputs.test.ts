import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CliRun, parseJson, runCliIn } from './helpers/cli.js';
import { HEAD, plain } from './helpers/fixtures.js';

let dir: string;
const run = (argv: string[]) => runCliIn(dir, argv);

/** Exit status 2 exactly when the JSON summary counts an I/O error, and every entry is a report or an error. */
function consistent(r: CliRun) {
  const out = parseJson(r.stdout);
  expect(r.code === 2).toBe(out.summary.ioErrors > 0);
  expect(out.summary.files).toBe(out.files.length);
  expect(out.files.filter((f) => 'error' in f)).toHaveLength(out.summary.ioErrors);
  return out;
}

const entry = (out: ReturnType<typeof parseJson>, file: string) => out.files.find((f) => f.file === file);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawmail-cli-inputs-'));
  writeFileSync(join(dir, 'good.eml'), plain());
  writeFileSync(join(dir, 'warn.eml'), plain('hi\r\n', `${HEAD}Bcc: c@example.net\r\n`));
  mkdirSync(join(dir, 'empty'));
  // A tree with every kind of entry a walk can meet.
  mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'a.eml'), plain());
  writeFileSync(join(dir, 'tree', 'sub', 'b.eml'), plain());
  symlinkSync(join(dir, 'good.eml'), join(dir, 'tree', 'linked.eml')); // followed
  symlinkSync(join(dir, 'nowhere.eml'), join(dir, 'tree', 'broken.eml')); // dangling: reported
  symlinkSync('self.eml', join(dir, 'tree', 'self.eml')); // a link to itself: ELOOP, reported
  symlinkSync('..', join(dir, 'tree', 'sub', 'up')); // a directory loop: reported, not followed
  symlinkSync(join(dir, 'nowhere'), join(dir, 'tree', 'gone')); // dangling, not *.eml: not an input
  execFileSync('mkfifo', [join(dir, 'tree', 'pipe.eml')]); // would block a reader forever: reported
});

describe('--format json is one document with an entry for every input', () => {
  test('every input missing: still one JSON document, exit 2', async () => {
    const r = await run(['--format', 'json', 'nope.eml', 'gone/x.eml']);
    expect(r.code).toBe(2);
    const out = consistent(r);
    expect(out.files).toEqual([
      { file: 'nope.eml', error: expect.objectContaining({ code: 'cli.io', errno: 'ENOENT' }) },
      { file: 'gone/x.eml', error: expect.objectContaining({ code: 'cli.io', errno: 'ENOENT' }) },
    ]);
    expect(out.summary).toMatchObject({ files: 2, ioErrors: 2, errors: 0 });
  });
  test('missing file, glob without match and directory without .eml each have their entry, in order', async () => {
    const r = await run(['-f', 'json', 'good.eml', 'missing.eml', 'tree/*.msg', 'empty', 'warn.eml']);
    const out = consistent(r);
    expect(out.files.map((f) => [f.file, 'error' in f ? f.error.code : 'report'])).toEqual([
      ['good.eml', 'report'],
      ['missing.eml', 'cli.io'],
      ['tree/*.msg', 'cli.no-match'],
      ['empty', 'cli.no-match'],
      ['warn.eml', 'report'],
    ]);
    expect(r.code).toBe(2);
  });
  test('text format: the summary counts the unreadable inputs', async () => {
    const r = await run(['good.eml', 'missing.eml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("missing.eml: error cli.io cannot read 'missing.eml'");
    expect(r.stdout).toContain('✖ 1 file checked: 0 errors, 0 warnings (1 unreadable)');
  });
});

describe('walking a directory', () => {
  test('symbolic links to files are followed; broken links, link loops and FIFOs are reported, not skipped', async () => {
    const r = await run(['tree', '--format', 'json']);
    const out = consistent(r);
    expect(r.code).toBe(2);
    expect(out.files.map((f) => f.file).sort()).toEqual(
      [
        'tree/a.eml',
        'tree/broken.eml',
        'tree/linked.eml',
        'tree/pipe.eml',
        'tree/self.eml',
        'tree/sub/b.eml',
        'tree/sub/up',
      ].sort(),
    );
    expect(entry(out, 'tree/linked.eml')).toMatchObject({ report: { ok: true } });
    expect(entry(out, 'tree/sub/b.eml')).toMatchObject({ report: { ok: true } });
    expect(entry(out, 'tree/broken.eml')).toMatchObject({ error: { code: 'cli.io', errno: 'ENOENT' } });
    expect(entry(out, 'tree/self.eml')).toMatchObject({ error: { code: 'cli.io', errno: 'ELOOP' } });
    expect(entry(out, 'tree/pipe.eml')).toMatchObject({ error: { code: 'cli.not-a-file' } });
    expect(entry(out, 'tree/sub/up')).toMatchObject({
      error: { code: 'cli.symlink-loop', message: expect.stringContaining("leads back to 'tree'") },
    });
  });
  test('a glob walks the same way and only reports what it could have matched', async () => {
    const out = consistent(await run(['tree/*.eml', '-f', 'json']));
    expect(out.files.map((f) => f.file).sort()).toEqual(
      ['tree/a.eml', 'tree/broken.eml', 'tree/linked.eml', 'tree/pipe.eml', 'tree/self.eml'].sort(),
    );
    const deep = consistent(await run(['tree/**/b.eml', '-f', 'json']));
    expect(deep.files.map((f) => f.file)).toEqual(['tree/sub/b.eml', 'tree/sub/up']);
  });
  test('a FIFO named on the command line is read (process substitution)', async () => {
    const fifo = join(dir, 'explicit.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = import('node:fs/promises').then((fs) => fs.writeFile(fifo, plain()));
    const r = await run(['explicit.fifo', '-f', 'json']);
    await writer;
    expect(r.code).toBe(0);
    expect(consistent(r).files).toEqual([
      { file: 'explicit.fifo', report: expect.objectContaining({ ok: true }) },
    ]);
  });
});

describe('unreadable inputs, as root too', () => {
  // Root reads a chmod 000 file, so the I/O error here is a real one that root gets as well: /proc/self/mem
  // has no mapping at offset 0, and reading it fails with EIO.
  test.skipIf(!existsSync('/proc/self/mem'))(
    'a file whose read fails is an entry with its errno',
    async () => {
      const r = await run(['/proc/self/mem', 'good.eml', '-f', 'json']);
      const out = consistent(r);
      expect(out.files[0]).toEqual({
        file: '/proc/self/mem',
        error: {
          code: 'cli.io',
          errno: 'EIO',
          message: "cannot read '/proc/self/mem': input/output error (EIO)",
        },
      });
      expect(out.files[1]).toMatchObject({ file: 'good.eml', report: { ok: true } });
    },
  );
  test.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'a chmod 000 subdirectory (non-root only) is reported and its siblings still checked',
    async () => {
      const locked = join(dir, 'locked-tree');
      mkdirSync(join(locked, 'secret'), { recursive: true });
      writeFileSync(join(locked, 'ok.eml'), plain());
      chmodSync(join(locked, 'secret'), 0);
      try {
        const out = consistent(await run(['locked-tree', '-f', 'json']));
        expect(out.files).toEqual([
          { file: 'locked-tree/ok.eml', report: expect.anything() },
          { file: 'locked-tree/secret', error: expect.objectContaining({ errno: 'EACCES' }) },
        ]);
      } finally {
        chmodSync(join(locked, 'secret'), 0o755);
      }
    },
  );
});

// As root (CI), the real EACCES case runs the built CLI as the unprivileged user 'nobody' via setpriv.
const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];
const canDropToNobody =
  process.getuid?.() === 0 &&
  existsSync(bin) &&
  // setpriv is there, and nobody can read the built CLI (and every directory on its way).
  spawnSync('setpriv', [...NOBODY, '-e', `require('fs').accessSync(${JSON.stringify(bin)})`]).status === 0;
describe.skipIf(!canDropToNobody)('a real chmod 000 subdirectory, CLI run as nobody', () => {
  test('is an EACCES entry; the readable files beside it are checked; exit 2', () => {
    const base = mkdtempSync(join(tmpdir(), 'rawmail-cli-nobody-'));
    chmodSync(base, 0o755);
    mkdirSync(join(base, 'tree', 'secret'), { recursive: true });
    writeFileSync(join(base, 'tree', 'ok.eml'), plain());
    writeFileSync(join(base, 'tree', 'secret', 'hidden.eml'), plain());
    chmodSync(join(base, 'tree', 'secret'), 0);
    const r = spawnSync('setpriv', [...NOBODY, bin, 'tree', '-f', 'json'], {
      cwd: base,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(2);
    expect(parseJson(r.stdout).files).toEqual([
      { file: 'tree/ok.eml', report: expect.objectContaining({ ok: true }) },
      {
        file: 'tree/secret',
        error: {
          code: 'cli.io',
          errno: 'EACCES',
          message: "cannot read the directory 'tree/secret': permission denied (EACCES)",
        },
      },
    ]);
  });
});

describe('--max-warnings exceeded is said, not just exit 1', () => {
  test('text: the summary is red and says why', async () => {
    const r = await run(['warn.eml', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖ 1 file checked: 0 errors, 1 warning');
    expect(r.stdout).toContain('✖ Too many warnings: 1, more than the maximum of 0 (--max-warnings).');
    expect(r.stdout).not.toContain('✔');
  });
  test('--quiet still says it (it is why the status is 1)', async () => {
    const r = await run(['warn.eml', '--max-warnings', '0', '-q']);
    expect(r.stdout).toBe('✖ Too many warnings: 1, more than the maximum of 0 (--max-warnings).\n');
  });
  test('json: summary.tooManyWarnings and summary.maxWarnings', async () => {
    const r = await run(['warn.eml', '--max-warnings', '0', '-f', 'json']);
    expect(parseJson(r.stdout).summary).toMatchObject({ warnings: 1, maxWarnings: 0, tooManyWarnings: true });
    const within = await run(['warn.eml', '--max-warnings', '1', '-f', 'json']);
    expect(within.code).toBe(0);
    expect(parseJson(within.stdout).summary).toMatchObject({ maxWarnings: 1, tooManyWarnings: false });
  });
  test('github: an error annotation', async () => {
    const r = await run(['warn.eml', '--max-warnings', '0', '-f', 'github']);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      '::error title=max-warnings::Too many warnings: 1, more than the maximum of 0 (--max-warnings).',
    );
  });
});

describe('control characters in names never reach the terminal raw', () => {
  test('a missing file with ESC and CR in its name', async () => {
    const r = await run(['bad\x1b[2J\r.eml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rawmail-validate: cannot read 'bad\\x1b[2J\\x0d.eml': no such file or directory (ENOENT)\n",
    );
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
    expect(r.stdout).toContain('bad\\x1b[2J\\x0d.eml');
  });
  test('usage errors quote options escaped', async () => {
    const r = await run(['--format', 'x\x1bq', 'good.eml']);
    expect(r.stderr).toBe("rawmail-validate: Unknown format 'x\\x1bq'; use text, json, github or sarif.\n");
  });
});
