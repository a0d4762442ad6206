/**
 * DKIM signing (nodemailer's signer), verified by an independent verifier: mailauth's `dkimVerify`, with a DNS
 * resolver stub that answers the test key's public half. Headers SES rewrites or strips are never signed, so the
 * signature survives what SES does to the message; changing a signed header or the body breaks it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { describe, expect, test } from 'vitest';
import {
  type ComposeInput,
  type ComposeOptions,
  compose,
  composeStream,
  type DkimInput,
} from '../src/index.js';
import { composeError } from './helpers/refusal.js';
import { expectSesValid } from './helpers/ses-valid.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** DNS as the verifier sees it: the test key's TXT record at `<selector>._domainkey.<domain>`, nothing else. */
function resolverFor(names: string[]) {
  return async (name: string, type: string) => {
    if (type === 'TXT' && names.includes(name)) return [[`v=DKIM1; k=rsa; p=${publicB64}`]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}
const resolver = resolverFor(['sel._domainkey.example.com']);

const options: ComposeOptions = {
  boundary: (i) => `b${i}=_`,
  messageId: () => 'id@example.com',
  date: () => new Date('2026-12-01T10:00:00Z'),
};
const dkim: DkimInput = { domainName: 'example.com', keySelector: 'sel', privateKey: pem };
const message: ComposeInput = {
  from: 'Zoë <news@example.com>',
  to: [{ name: 'Team', group: ['a@example.org'] }, 'b@example.org'],
  cc: 'c@example.org',
  replyTo: 'support@example.com',
  subject: 'Signed – Grüße',
  text: 'Hallo\nWelt',
  html: '<p>Hallo</p>',
  attachments: [{ filename: 'a.txt', content: 'attachment' }],
  headers: {
    'X-SES-CONFIGURATION-SET': 'marketing',
    'X-SES-MESSAGE-TAGS': 'campaign=spring',
    'X-Campaign': 'spring',
  },
  list: { unsubscribe: 'https://example.com/u', unsubscribePost: true },
  dkim,
};

/** mailauth's result, with the signed header names it used (`signingHeaders.keys`, untyped there) as a list. */
async function verify(raw: Uint8Array | string, names?: string[]) {
  const r = await dkimVerify(Buffer.from(raw), { resolver: names ? resolverFor(names) : resolver });
  return r.results.map((x) => ({
    ...x,
    signed: String((x as { signingHeaders?: { keys?: string } }).signingHeaders?.keys ?? '')
      .split(':')
      .map((h) => h.trim().toLowerCase()),
  }));
}

const replaceHeader = (raw: string, name: string, value: string) =>
  raw.replace(new RegExp(`\\r\\n${name}: [^\\r]*\\r\\n`, 'i'), `\r\n${name}: ${value}\r\n`);

const fails = (input: ComposeInput): Promise<unknown> => composeError(input, options);

describe('DKIM signing', () => {
  test('passes an independent verifier, and signs neither Date, Message-ID nor X-SES-*', async () => {
    const m = await compose(message, options);
    const raw = Buffer.from(m.raw).toString('latin1');
    expect(raw.startsWith('DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;')).toBe(true);
    const [result, more] = await verify(m.raw);
    expect(more).toBeUndefined();
    expect(result!.status.result).toBe('pass');
    expect(result!.signingDomain).toBe('example.com');
    const signed = result!.signed;
    expect(signed).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'cc',
        'reply-to',
        'subject',
        'mime-version',
        'content-type',
        'list-unsubscribe',
        'list-unsubscribe-post',
      ]),
    );
    expect(signed.filter((h) => h === 'date' || h === 'message-id' || h.startsWith('x-ses-'))).toEqual([]);
    const report = await expectSesValid(m.raw, m.envelope.to);
    expect(report.issues.map((i) => i.code)).not.toContain('dkim.signs-rewritten-header');
  });

  test('survives what SES does (new Date and Message-ID, X-SES-* removed); a changed subject or body fails', async () => {
    const raw = Buffer.from((await compose(message, options)).raw).toString('latin1');
    let asSesSendsIt = replaceHeader(raw, 'Date', 'Tue, 1 Dec 2026 10:00:07 +0000');
    asSesSendsIt = replaceHeader(asSesSendsIt, 'Message-ID', '<0100018c-abc@email.amazonses.com>');
    asSesSendsIt = asSesSendsIt.replace(/\r\nX-SES-[^:]+: [^\r]*/gi, '');
    expect(asSesSendsIt).not.toMatch(/X-SES-|<id@example\.com>/);
    expect((await verify(asSesSendsIt))[0]!.status.result).toBe('pass');

    expect((await verify(replaceHeader(raw, 'Subject', 'Changed')))[0]!.status.result).toBe('fail');
    expect((await verify(raw.replace('Hallo\r\nWelt', 'Hallo\r\nWald')))[0]!.status.result).not.toBe('pass');
  });

  test('composeStream signs the same bytes (built in memory first; no size announced)', async () => {
    const a = await compose(message, options);
    const s = composeStream(message, options);
    expect(s.size).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const c of s.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.from(a.raw))).toBe(true);
  });

  test('header list, skipped fields, `keys`, an encrypted key and a Unicode domain', async () => {
    const custom = await compose(
      {
        ...message,
        dkim: { ...dkim, headerFieldNames: 'From:To:Subject:X-Campaign:X-Absent', skipFields: 'to' },
      },
      options,
    );
    const [r1] = await verify(custom.raw);
    expect(r1!.status.result).toBe('pass');
    expect(r1!.signed).toEqual(['from', 'subject', 'x-campaign']);

    const viaKeys = await compose(
      { ...message, dkim: { keys: [{ domainName: 'example.com', keySelector: 'sel', privateKey: pem }] } },
      options,
    );
    expect((await verify(viaKeys.raw))[0]!.status.result).toBe('pass');

    const encrypted = privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' })
      .toString();
    const withPass = await compose(
      { ...message, dkim: { ...dkim, privateKey: { key: encrypted, passphrase: 'secret' } } },
      options,
    );
    expect((await verify(withPass.raw))[0]!.status.result).toBe('pass');
    expect(
      await fails({ ...message, dkim: { ...dkim, privateKey: { key: encrypted, passphrase: 'wrong' } } }),
    ).toMatchObject({
      code: 'compose.input-invalid',
      path: ['dkim', 'privateKey'],
    });

    const idn = await compose(
      { ...message, from: 'news@bücher.example', dkim: { ...dkim, domainName: 'Bücher.example' } },
      options,
    );
    const [r2] = await verify(idn.raw, ['sel._domainkey.xn--bcher-kva.example']);
    expect(r2!.signingDomain).toBe('xn--bcher-kva.example');
    expect(r2!.status.result).toBe('pass');
  });

  test('what cannot be signed well is refused before anything is composed', async () => {
    const bad = async (d: unknown, path: (string | number)[], code = 'compose.input-invalid') =>
      expect(await fails({ ...message, dkim: d as DkimInput })).toMatchObject({ code, path });
    await bad({ ...dkim, headerFieldNames: 'from:subject:date' }, ['dkim', 'headerFieldNames']);
    await bad({ ...dkim, headerFieldNames: 'from:Message-ID' }, ['dkim', 'headerFieldNames']);
    await bad({ ...dkim, headerFieldNames: 'from:X-SES-CONFIGURATION-SET' }, ['dkim', 'headerFieldNames']);
    await bad({ ...dkim, skipFields: 'from' }, ['dkim']);
    await bad({ ...dkim, headerFieldNames: 'to:subject' }, ['dkim']);
    await bad({ keys: [{ ...dkim }, { ...dkim, keySelector: 'other' }] }, ['dkim', 'keys']);
    await bad({ ...dkim, keys: [dkim] }, ['dkim']);
    await bad({ domainName: 'example.com', privateKey: pem }, ['dkim']);
    await bad({ ...dkim, privateKey: 'not a key' }, ['dkim', 'privateKey']);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await bad({ ...dkim, privateKey: ed }, ['dkim', 'privateKey']);
    await bad({ ...dkim, domainName: 'exa mple.com' }, ['dkim', 'domainName']);
    await bad({ ...dkim, keySelector: 'a;b=c' }, ['dkim', 'keySelector']);
    await bad({ ...dkim, keySelector: 'sel\r\nX: y' }, ['dkim', 'keySelector'], 'compose.header-injection');
    await bad({ ...dkim, hashAlgo: 'sha1' }, ['dkim', 'hashAlgo']);
    await bad({ ...dkim, cacheDir: '/tmp' }, ['dkim', 'cacheDir'], 'compose.field-unsupported');
    expect(await fails({ ...message, headers: { 'DKIM-Signature': 'v=1' } })).toMatchObject({
      code: 'compose.header-reserved',
    });
  });
});
