import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CliIo, runCli } from '../src/cli/run-cli.js';
import { VERSION } from '../src/index.js';
import { crlf, HEAD, plain, withRecipients } from './helpers/fixtures.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;

async function run(argv: string[], opts: { stdin?: Readable; tty?: boolean } = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    stdin: opts.stdin ?? Readable.from([]),
    cwd: dir,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawmail-cli-'));
  writeFileSync(join(dir, 'good.eml'), plain());
  writeFileSync(
    join(dir, 'dup.eml'),
    crlf('From: a@example.com\nTo: b@example.org\nSubject: a\nSubject: b\n\nhi\n'),
  );
  writeFileSync(join(dir, 'warn.eml'), plain('hi\r\n', `${HEAD}Bcc: c@example.net\r\n`));
  writeFileSync(join(dir, 'many.eml'), withRecipients(51));
  mkdirSync(join(dir, 'batch', 'deep'), { recursive: true });
  for (let i = 0; i < 30; i++) writeFileSync(join(dir, 'batch', i % 2 ? 'deep' : '', `m${i}.eml`), plain());
  writeFileSync(join(dir, 'batch', 'notes.txt'), 'not a message');
});

describe('exit status', () => {
  test('0 for a valid message', async () => {
    const r = await run(['good.eml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 file checked: 0 errors, 0 warnings');
  });
  test('1 when a message has errors', async () => {
    const r = await run(['good.eml', 'dup.eml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/dup\.eml:4: error header\.duplicate Duplicate header 'Subject'\./);
  });
  test('warnings pass unless over --max-warnings', async () => {
    expect((await run(['warn.eml'])).code).toBe(0);
    expect((await run(['warn.eml', '--max-warnings', '1'])).code).toBe(0);
    expect((await run(['warn.eml', '--max-warnings', '0'])).code).toBe(1);
  });
  test('2 for a missing file, with a one-line explanation', async () => {
    const r = await run(['good.eml', 'missing.eml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rawmail-validate: cannot read 'missing.eml': no such file or directory (ENOENT)\n",
    );
  });
  test('2 for unknown flags, with a suggestion', async () => {
    const r = await run(['--profle', 'ses-v2', 'good.eml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--profle'. Did you mean --profile?");
  });
  test.each([
    [['--profile', 'ses-v9', 'good.eml'], 'Unknown profile'],
    [['--format', 'xml', 'good.eml'], 'Unknown format'],
    [['--max-warnings', 'many', 'good.eml'], '--max-warnings needs'],
    [['--concurrency', '0', 'good.eml'], '--concurrency needs'],
    [['--tag', 'novalue', 'good.eml'], '--tag needs NAME=VALUE'],
    [[], 'No input'],
  ])('2 for %j', async (argv, text) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('2 when stdin fails', async () => {
    const stdin = new PassThrough();
    setImmediate(() => stdin.destroy(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })));
    const r = await run(['-'], { stdin });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read standard input');
  });
});

describe('options reach validate', () => {
  test('--profile rfc5322 lifts the recipient cap', async () => {
    expect((await run(['many.eml'])).code).toBe(1);
    expect((await run(['many.eml', '--profile', 'rfc5322'])).code).toBe(0);
  });
  test('--destination, --source, --tag, --configuration-set', async () => {
    const r = await run([
      'good.eml',
      '--destination',
      'x@example.net',
      '-d',
      'bad address',
      '--source',
      'Zoë <z@example.com>',
      '--tag',
      'a b=c',
      '--configuration-set',
      'my set',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).files[0].report.issues.map((i: { code: string }) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(['source.non-ascii', 'ses.tag-invalid', 'ses.configuration-set-invalid']),
    );
    expect(codes.some((c: string) => c.startsWith('address.'))).toBe(true);
  });
});

describe('formats', () => {
  test('json: stable shape, one report per file', async () => {
    const r = await run(['good.eml', 'dup.eml', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(VERSION);
    expect(out.summary).toEqual({
      files: 2,
      failed: 1,
      errors: 1,
      warnings: 0,
      ioErrors: 0,
      maxWarnings: null,
      tooManyWarnings: false,
    });
    expect(out.files.map((f: { file: string }) => f.file)).toEqual(['good.eml', 'dup.eml']);
    expect(out.files[1].report).toMatchObject({ ok: false, profile: 'ses-v1', size: expect.any(Number) });
  });
  test('github: annotations with file, line and escaped text', async () => {
    const r = await run(['dup.eml', 'warn.eml', '-f', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(
      "::error file=dup.eml,line=4,title=header.duplicate::Duplicate header 'Subject'. Subject appears again on line 4 (first on line 3) but may appear only once per header section; SES rejects the message with exactly this text. Hint: Keep one occurrence of the header; merge the values if both are needed.",
    );
    expect(lines.some((l) => l.startsWith('::warning file=warn.eml,line=7,title=header.bcc-present::'))).toBe(
      true,
    );
  });
  test('text: colour only when asked or on a terminal', async () => {
    expect((await run(['dup.eml'])).stdout).not.toContain('\x1b[');
    expect((await run(['dup.eml', '--color'])).stdout).toContain('\x1b[31merror');
    expect((await run(['dup.eml'], { tty: true })).stdout).toContain('\x1b[');
    expect((await run(['dup.eml', '--no-color'], { tty: true })).stdout).not.toContain('\x1b[');
  });
  test('--quiet prints errors only', async () => {
    const r = await run(['dup.eml', 'warn.eml', '-q']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('header.duplicate');
  });
});

describe('inputs', () => {
  test('stdin with -', async () => {
    const r = await run(['-', '--format', 'json'], { stdin: Readable.from([plain()]) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].file).toBe('-');
  });
  test('a directory is searched recursively for .eml files', async () => {
    const r = await run(['batch', '--format', 'json', '-j', '3']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(30);
  });
  test('globs, including **', async () => {
    expect(JSON.parse((await run(['batch/*.eml', '-f', 'json'])).stdout).summary.files).toBe(15);
    expect(JSON.parse((await run(['batch/**/m1*.eml', '-f', 'json'])).stdout).summary.files).toBe(11);
    const none = await run(['batch/*.msg']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('matches no file');
  });
  test('a progress line on a terminal for many files, cleared at the end', async () => {
    const r = await run(['batch'], { tty: true });
    expect(r.stderr).toContain('validating 30/30 files');
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect((await run(['batch'])).stderr).toBe('');
  });
  test('--help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rawmail-validate');
    expect((await run(['--version'])).stdout).toBe(`${VERSION}\n`);
  });
});

const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
describe('the built bin (spawned)', () => {
  // Build first (incremental: quick when dist is current), so this never skips and never tests a stale build.
  beforeAll(() => {
    const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
    const project = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
    const r = spawnSync(process.execPath, [tsc, '-b', project], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(bin)).toBe(true);
  }, 300_000);

  test('runs with a shebang, reads stdin and exits 1 on errors', () => {
    const r = spawnSync(process.execPath, [bin, '-', '--format', 'json'], {
      input: crlf('From: a@example.com\nTo: b@example.org\nSubject: a\nSubject: b\n\nhi\n'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).files[0].report.issues[0].code).toBe('header.duplicate');
  });
});
