import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, test } from 'vitest';
import { type CliIo, runCli } from '../src/cli/run-cli.js';
import { HEAD, plain } from './helpers/fixtures.js';

let dir: string;

async function run(argv: string[], stdin: Readable = Readable.from([])) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    cwd: dir,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Fixable: raw UTF-8 Subject (error) and a Bcc header (warning). */
const fixable = Buffer.from(
  `${HEAD.replace('Subject: Hello', 'Subject: Grüße').replace('To: Bob <bob@example.org>\r\n', 'To: Bob <bob@example.org>\r\nBcc: carl@example.org\r\n')}Content-Type: text/plain\r\n\r\nHi.\r\n`,
  'utf8',
);
/** Not fixable: a non-ASCII local part stays an error. */
const unfixable = Buffer.from(
  `${HEAD.replace('bob@example.org', 'bøb@example.org')}Content-Type: text/plain\r\n\r\nHi.\r\n`,
  'utf8',
);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawmail-fix-'));
  writeFileSync(join(dir, 'fixable.eml'), fixable);
  writeFileSync(join(dir, 'unfixable.eml'), unfixable);
  writeFileSync(join(dir, 'good.eml'), plain());
});

describe('rawmail-validate --fix', () => {
  test('rewrites a fixable file in place and exits 0 for what remains', async () => {
    const r = await run(['--fix', 'fixable.eml', 'good.eml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fixable\.eml:4: fixed header\.non-ascii/);
    expect(r.stdout).toContain('envelope: add carl@example.org');
    const written = readFileSync(join(dir, 'fixable.eml'));
    expect(written.equals(fixable)).toBe(false);
    expect(written.toString('latin1')).toContain('Subject: =?UTF-8?');
    expect(written.toString('latin1')).not.toContain('Bcc:');
    expect(readFileSync(join(dir, 'good.eml')).equals(plain())).toBe(true);
    // A second run finds nothing to do.
    const again = await run(['--fix', '--format', 'json', 'fixable.eml']);
    expect(JSON.parse(again.stdout).files[0].fix).toMatchObject({
      changed: false,
      written: false,
      fixes: [],
    });
  });

  test('exits 1 when an error remains unfixed', async () => {
    const r = await run(['--fix', 'unfixable.eml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('address.local-non-ascii');
    expect(readFileSync(join(dir, 'unfixable.eml')).equals(unfixable)).toBe(true);
  });

  test('--fix refuses standard input; --fix-dry-run and --fix together are a usage error', async () => {
    expect((await run(['--fix', '-'])).code).toBe(2);
    expect((await run(['--fix', '--fix-dry-run', 'good.eml'])).code).toBe(2);
    expect((await run(['--break-dkim', 'good.eml'])).code).toBe(2);
  });
});

describe('rawmail-validate --fix-dry-run', () => {
  test('changes nothing and lists the fixes in the JSON', async () => {
    const r = await run(['--fix-dry-run', '--format', 'json', 'fixable.eml']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'fixable.eml')).equals(fixable)).toBe(true);
    const json = JSON.parse(r.stdout);
    const fix = json.files[0].fix;
    expect(fix.changed).toBe(true);
    expect(fix.written).toBe(false);
    expect(fix.fixes.map((f: { code: string }) => f.code).sort()).toEqual([
      'header.bcc-present',
      'header.non-ascii',
    ]);
    expect(fix.destinations).toEqual(['carl@example.org']);
    expect(json.files[0].report.ok).toBe(true);
  });

  test('reads standard input', async () => {
    const r = await run(['--fix-dry-run', '-'], Readable.from([fixable]));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-:4: would fix header\.non-ascii/);
  });
});
