import { describe, expect, test } from 'vitest';
import { profiles, rules, ValidateOptionsError, validate } from '../src/index.js';
import { plain, withRecipients } from './helpers/fixtures.js';

describe('options are checked with zod and refused with a typed error', () => {
  test.each([
    [{ profile: 'ses-v3' }, 'profile', "unknown profile 'ses-v3'"],
    [
      { destinations: 'a@example.org' },
      'destinations',
      'destinations: Invalid input: expected array, received string',
    ],
    [
      { tags: [{ name: 'a' }] },
      'tags.0.value',
      'tags.0.value: Invalid input: expected string, received undefined',
    ],
    [{ colour: true }, '(options)', '(options): Unrecognized key: "colour"'],
    [
      { profile: { name: 'x', extends: 'ses-v9' } },
      'profile.extends',
      'profile.extends: Invalid option: expected one of "ses-v1"|"ses-v2"|"rfc5322"',
    ],
    [
      { profile: { name: 'x', extends: 'ses-v1', maxMessageBytes: -1 } },
      'profile.maxMessageBytes',
      'profile.maxMessageBytes: Too small: expected number to be >0',
    ],
    [
      { profile: { name: 'x', extends: 'ses-v1', rules: { 'header.dupe': 'off' } } },
      'profile.rules.header.dupe',
      "profile.rules.header.dupe: unknown rule code 'header.dupe'",
    ],
  ])('%j', async (options, path, text) => {
    const error = await validate(plain(), options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidateOptionsError);
    const e = error as ValidateOptionsError;
    expect(e.code).toBe('validate.options-invalid');
    expect(e.problems.map((p) => p.path)).toEqual([path]);
    expect(e.message).toContain(text);
  });
});

describe('profiles', () => {
  test('the built-in profiles have the documented limits', () => {
    expect(profiles['ses-v1'].maxMessageBytes).toBe(10_485_760);
    expect(profiles['ses-v2'].maxMessageBytes).toBe(41_943_040);
    expect(profiles.rfc5322.maxMessageBytes).toBeNull();
    expect(profiles['ses-v1'].maxRecipients).toBe(50);
    expect(profiles.rfc5322.maxRecipients).toBeNull();
  });

  test('rfc5322 skips SES-only rules but keeps RFC ones', async () => {
    const raw = plain(
      'Grüße\r\n',
      'From: a@example.com\r\nBcc: b@example.org\r\nSubject: x\r\nSubject: y\r\n',
    );
    const ses = new Set((await validate(raw)).issues.map((i) => i.code));
    const rfc = new Set((await validate(raw, { profile: 'rfc5322' })).issues.map((i) => i.code));
    expect(ses).toEqual(
      new Set([
        'header.duplicate',
        'header.bcc-present',
        'body.8bit',
        'header.to-missing',
        'mime.version-missing',
      ]),
    );
    expect(rfc).toEqual(new Set(['header.duplicate', 'mime.version-missing']));
    for (const code of ses)
      if (!rfc.has(code)) expect(rules.find((r) => r.code === code)?.sesOnly).toBe(true);
  });

  test('rfc5322 uses its own once-only list (a second Keywords is fine, a second To is not)', async () => {
    const head =
      'From: a@example.com\r\nTo: b@example.org\r\nTo: c@example.org\r\nKeywords: a\r\nKeywords: b\r\n';
    const rfc = (await validate(plain('hi\r\n', head), { profile: 'rfc5322' })).issues
      .filter((i) => i.code === 'header.duplicate')
      .map((i) => i.header);
    const ses = (await validate(plain('hi\r\n', head))).issues.filter((i) => i.code === 'header.duplicate');
    expect(rfc).toEqual(['To']);
    expect(ses.map((i) => i.header)).toEqual(['Keywords']);
  });

  test('ses-v2 allows 40 MiB where ses-v1 refuses 10 MiB + 1', async () => {
    const big = Buffer.concat([plain(''), Buffer.alloc(10_485_760, 'a')]);
    expect((await validate(big)).issues.map((i) => i.code)).toContain('message.too-large');
    expect((await validate(big, { profile: 'ses-v2' })).issues.map((i) => i.code)).not.toContain(
      'message.too-large',
    );
  });

  test('custom profiles change limits, severities and switch rules off', async () => {
    const raw = withRecipients(60);
    expect((await validate(raw)).ok).toBe(false);
    const loose = await validate(raw, {
      profile: { name: 'bulk-check', extends: 'ses-v1', maxRecipients: 100 },
    });
    expect(loose.profile).toBe('bulk-check');
    expect(loose.issues).toEqual([]);
    const strict = await validate(
      plain(
        'hi\r\n',
        'From: a@example.com\r\nTo: b@example.org\r\nBcc: c@example.org\r\nMIME-Version: 1.0\r\n',
      ),
      {
        profile: { name: 'strict', extends: 'ses-v2', rules: { 'header.bcc-present': 'error' } },
      },
    );
    expect(strict.ok).toBe(false);
    expect(strict.issues[0]).toMatchObject({ code: 'header.bcc-present', severity: 'error' });
    const off = await validate(plain('Grüße\r\n'), {
      profile: { name: 'quiet', extends: 'ses-v1', rules: { 'body.8bit': 'off' } },
    });
    expect(off.issues).toEqual([]);
    const extra = await validate(
      plain(
        'hi\r\n',
        'From: a@example.com\r\nTo: b@example.org\r\nX-Campaign: a\r\nX-Campaign: b\r\nMIME-Version: 1.0\r\n',
      ),
      {
        profile: { name: 'x', extends: 'ses-v1', onceOnlyHeaders: ['X-Campaign'] },
      },
    );
    expect(extra.issues.map((i) => i.code)).toEqual(['header.duplicate']);
  });
});

describe('source and destinations', () => {
  test('destinations replace a missing To and are counted with header recipients', async () => {
    const raw = plain('hi\r\n', 'From: a@example.com\r\nMIME-Version: 1.0\r\n');
    const r = await validate(raw, { destinations: ['x@example.org', 'X@example.org', 'y@example.org'] });
    expect(r.issues).toEqual([]);
    expect(r.recipients).toEqual({
      count: 2,
      to: [],
      cc: [],
      bcc: [],
      destinations: ['x@example.org', 'X@example.org', 'y@example.org'],
    });
  });
  test('bad destinations and sources are reported with the address codes', async () => {
    const r = await validate(plain(), {
      destinations: ['no-domain', '@example.org'],
      source: 'Ann <ann@exa mple.com>',
    });
    const codes = r.issues.map((i) => i.code);
    expect(codes).toContain('address.missing-domain');
    expect(codes).toContain('address.missing-local');
    expect(codes.some((c) => c.startsWith('address.'))).toBe(true);
    expect(r.issues.find((i) => i.code === 'address.missing-domain')?.message).toContain('destinations[0]');
  });
  test('an encoded display name in source is fine', async () => {
    expect((await validate(plain(), { source: '=?UTF-8?B?Wm/Dqw==?= <zoe@example.com>' })).issues).toEqual(
      [],
    );
  });
});
