import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { rules, VERSION } from '../src/index.js';
import { parseJson, runCliIn } from './helpers/cli.js';
import { crlf, HEAD, plain, withRecipients } from './helpers/fixtures.js';

// The SARIF 2.1.0 schema (draft-04 JSON Schema) as Microsoft's SARIF SDK ships it in an npm package.
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// unicodeRegExp: false — the schema's language pattern is not valid under the u flag.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: Array<{
    tool: {
      driver: { name: string; version: string; rules: Array<Record<string, unknown> & { id: string }> };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications: Array<Record<string, unknown>>;
    }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number };
        };
      }>;
    }>;
  }>;
}

function sarif(stdout: string): SarifLog {
  const log = JSON.parse(stdout) as SarifLog;
  const ok = validateSarif(log);
  expect(ok, JSON.stringify(validateSarif.errors, null, 1)).toBe(true);
  return log;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawmail-cli-sarif-'));
  mkdirSync(join(dir, 'mail dir'));
  writeFileSync(join(dir, 'good.eml'), plain());
  writeFileSync(
    join(dir, 'mail dir', 'dup.eml'),
    crlf('From: a@example.com\nTo: b@example.org\nSubject: a\nSubject: b\n\nhi\n'),
  );
  writeFileSync(join(dir, 'warn.eml'), plain('hi\r\n', `${HEAD}Bcc: c@example.net\r\n`));
  writeFileSync(join(dir, 'many.eml'), withRecipients(51));
});

describe('--format sarif', () => {
  test('the schema validator is not a rubber stamp', () => {
    const log = (uri: string, level = 'error') => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x' } },
          results: [
            {
              message: { text: 'm' },
              level,
              locations: [{ physicalLocation: { artifactLocation: { uri } } }],
            },
          ],
        },
      ],
    });
    expect(validateSarif(log('mail%20dir/dup.eml'))).toBe(true);
    expect(validateSarif(log('mail dir/dup.eml'))).toBe(false); // formats are checked: a URI has no space
    expect(validateSarif(log('a.eml', 'fatal'))).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
  test('valid SARIF 2.1.0: rules from the catalogue, results with ruleId, level, file and line', async () => {
    const r = await runCliIn(dir, ['good.eml', 'mail dir/dup.eml', 'warn.eml', '-f', 'sarif']);
    expect(r.code).toBe(1);
    const log = sarif(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'rawmail-validate', version: VERSION });
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(rules.map((x) => x.code));
    const dkim = run.tool.driver.rules.find((x) => x.id === 'dkim.signs-rewritten-header');
    expect(dkim).toMatchObject({
      defaultConfiguration: { level: 'warning' },
      help: { text: expect.stringContaining('Sign without Date') },
      helpUri: 'https://github.com/rawmail/rawmail/blob/main/docs/rules.md#dkimsigns-rewritten-header',
    });
    expect(run.originalUriBaseIds['%SRCROOT%']?.uri).toBe(pathToFileURL(`${dir}/`).href);
    expect(run.results).toEqual([
      expect.objectContaining({
        ruleId: 'header.duplicate',
        level: 'error',
        message: { text: expect.stringContaining("Duplicate header 'Subject'.") },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'mail%20dir/dup.eml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 4 },
            },
          },
        ],
      }),
      expect.objectContaining({
        ruleId: 'header.bcc-present',
        level: 'warning',
        locations: [
          expect.objectContaining({
            physicalLocation: expect.objectContaining({ region: { startLine: 7 } }),
          }),
        ],
      }),
    ]);
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex]?.id).toBe(res.ruleId);
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
  });
  test('an issue without a line points at line 1; --quiet drops warnings', async () => {
    const log = sarif((await runCliIn(dir, ['many.eml', 'warn.eml', '-f', 'sarif', '-q'])).stdout);
    expect(
      log.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.region.startLine]),
    ).toEqual([['recipients.too-many', 1]]);
  });
  test('unreadable inputs and --max-warnings are tool notifications; the log stays valid', async () => {
    const r = await runCliIn(dir, ['missing.eml', 'warn.eml', '--max-warnings', '0', '-f', 'sarif']);
    expect(r.code).toBe(2);
    const inv = sarif(r.stdout).runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'error',
        descriptor: { id: 'cli.io' },
        properties: { errno: 'ENOENT' },
      }),
      expect.objectContaining({ level: 'error', descriptor: { id: 'max-warnings' } }),
    ]);
  });
  test('a file outside the working directory gets a file: URL', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'rawmail-cli-outside-'));
    writeFileSync(
      join(outside, 'x.eml'),
      crlf('From: a@example.com\nTo: b@example.org\nSubject: a\nSubject: b\n\nhi\n'),
    );
    const log = sarif((await runCliIn(dir, [join(outside, 'x.eml'), '-f', 'sarif'])).stdout);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(join(outside, 'x.eml')).href,
    });
  });
});

describe('--output-file', () => {
  test('writes the report (creating directories); stdout stays empty; the status is unchanged', async () => {
    const r = await runCliIn(dir, ['mail dir/dup.eml', '-f', 'sarif', '--output-file', 'reports/out.sarif']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    sarif(readFileSync(join(dir, 'reports', 'out.sarif'), 'utf8'));
  });
  test('text to a file has no colour even when stdout is a terminal; errors still go to stderr', async () => {
    const r = await runCliIn(dir, ['mail dir/dup.eml', 'missing.eml', '-o', 'out.txt'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("cannot read 'missing.eml'");
    const text = readFileSync(join(dir, 'out.txt'), 'utf8');
    expect(text).toContain('header.duplicate');
    expect(text).not.toContain('\x1b[');
  });
  test('json to a file is the same document as on stdout', async () => {
    await runCliIn(dir, ['good.eml', '-f', 'json', '-o', 'out.json']);
    const onStdout = await runCliIn(dir, ['good.eml', '-f', 'json']);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(onStdout.stdout);
    expect(parseJson(onStdout.stdout).summary.files).toBe(1);
  });
  test('a report file that cannot be written is exit 2 with the reason', async () => {
    const r = await runCliIn(dir, ['good.eml', '-o', 'mail dir']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rawmail-validate: cannot write the report to 'mail dir': it is a directory (EISDIR)\n",
    );
    expect(existsSync(join(dir, 'mail dir', 'dup.eml'))).toBe(true);
  });
});
