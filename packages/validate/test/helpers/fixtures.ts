import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateOptions } from '../../src/index.js';

/** Directory of the fixture files (LF line endings on disk; tests convert to CRLF). */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Fixture {
  name: string;
  /** Rule code the fixture triggers (rules/) or undefined for near misses (valid/). */
  code: string | undefined;
  raw: Buffer;
  options: ValidateOptions | undefined;
}

/** LF → CRLF, byte-wise (so UTF-8 content is untouched). */
export function crlf(text: string | Buffer): Buffer {
  const s = Buffer.isBuffer(text) ? text.toString('latin1') : Buffer.from(text, 'utf8').toString('latin1');
  return Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1');
}

function load(dir: 'rules' | 'valid'): Fixture[] {
  const base = `${FIXTURES}${dir}/`;
  return readdirSync(base)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.eml'.length);
      const optionsFile = `${base}${name}.options.json`;
      let options: ValidateOptions | undefined;
      try {
        options = JSON.parse(readFileSync(optionsFile, 'utf8')) as ValidateOptions;
      } catch {
        options = undefined;
      }
      return {
        name,
        code: dir === 'rules' ? name.split('--')[0] : undefined,
        raw: crlf(readFileSync(`${base}${f}`)),
        options,
      };
    });
}

export const ruleFixtures = (): Fixture[] => load('rules');
export const validFixtures = (): Fixture[] => load('valid');

/** A valid message's header section (CRLF). */
export const HEAD =
  'From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Hello\r\n' +
  'Date: Fri, 27 Nov 2026 12:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\n';
const TEXT = 'Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n';

/** A plain valid message (CRLF) with the given body. */
export function plain(body = 'Hello Bob.\r\n', head = HEAD): Buffer {
  return Buffer.from(`${head}${TEXT}\r\n${body}`, 'latin1');
}

/** A message of exactly `size` bytes (76-character body lines). */
export function messageOfSize(size: number): Buffer {
  const head = Buffer.from(`${HEAD}${TEXT}\r\n`, 'latin1');
  const body = Buffer.alloc(size - head.length, 'A');
  for (let i = 76; i + 1 < body.length; i += 78) {
    body[i] = 13;
    body[i + 1] = 10;
  }
  return Buffer.concat([head, body]);
}

/** A message whose To header lists `n` addresses. */
export function withRecipients(n: number): Buffer {
  const to = Array.from({ length: n }, (_, i) => `user${i}@example.org`).join(',\r\n ');
  return plain('Hello.\r\n', HEAD.replace('To: Bob <bob@example.org>', `To: ${to}`));
}

/** Multiparts nested `levels` deep. */
export function nested(levels: number): Buffer {
  let body = 'Content-Type: text/plain\r\n\r\nleaf\r\n';
  for (let i = levels; i >= 1; i--)
    body = `Content-Type: multipart/mixed; boundary="level-${i}-z"\r\n\r\n--level-${i}-z\r\n${body}--level-${i}-z--\r\n`;
  return Buffer.from(HEAD + body, 'latin1');
}

/** Rule fixtures that are easier to generate than to store. */
export function generatedRuleCases(): {
  name: string;
  code: string;
  raw: Buffer;
  options?: ValidateOptions;
}[] {
  return [
    {
      name: 'message.too-large (10,485,761 bytes)',
      code: 'message.too-large',
      raw: messageOfSize(10_485_761),
    },
    {
      name: 'message.too-large (custom profile)',
      code: 'message.too-large',
      raw: plain(),
      options: { profile: { name: 'tiny', extends: 'ses-v2', maxMessageBytes: 100 } },
    },
    { name: 'recipients.too-many (51)', code: 'recipients.too-many', raw: withRecipients(51) },
    {
      name: 'recipients.too-many (header + destinations)',
      code: 'recipients.too-many',
      raw: withRecipients(40),
      options: { destinations: Array.from({ length: 11 }, (_, i) => `extra${i}@example.net`) },
    },
    {
      name: 'header.control-char (lone CR)',
      code: 'header.control-char',
      raw: plain('hi\r\n', HEAD.replace('Subject: Hello', 'Subject: Hello\rBcc: victim@example.net')),
    },
    {
      name: 'header.control-char (BEL)',
      code: 'header.control-char',
      raw: plain('hi\r\n', HEAD.replace('Subject: Hello', 'Subject: Hello\x07')),
    },
    {
      name: 'header.control-char (lone LF in a CRLF header section)',
      code: 'header.control-char',
      raw: plain('hi\r\n', HEAD.replace('Subject: Hello', 'Subject: Hello\nBcc: victim@example.net')),
    },
    {
      name: 'header.section-too-large',
      code: 'header.section-too-large',
      raw: plain(
        'hi\r\n',
        `${HEAD}X-Big: ${Array.from({ length: 1300 }, () => 'x'.repeat(900)).join('\r\n ')}\r\n`,
      ),
    },
    { name: 'line.too-long (999 octets)', code: 'line.too-long', raw: plain(`${'a'.repeat(999)}\r\n`) },
    {
      name: 'line.too-long (in a header)',
      code: 'line.too-long',
      raw: plain('hi\r\n', `${HEAD}X-Long: ${'b'.repeat(1000)}\r\n`),
    },
    {
      name: 'line.bare-newline (LF)',
      code: 'line.bare-newline',
      raw: Buffer.from(plain().toString('latin1').replace(/\r\n/g, '\n'), 'latin1'),
    },
    { name: 'line.bare-newline (CR)', code: 'line.bare-newline', raw: plain('Hello\rBob.\r\n') },
    { name: 'mime.depth-exceeded (17 levels)', code: 'mime.depth-exceeded', raw: nested(17) },
  ];
}

/** Near misses that must produce no issue at all. */
export function generatedValidCases(): { name: string; raw: Buffer; options?: ValidateOptions }[] {
  return [
    { name: 'exactly 50 recipients', raw: withRecipients(50) },
    {
      name: '40 in To + 10 destinations, 5 of them repeated',
      raw: withRecipients(40),
      options: {
        destinations: [
          ...Array.from({ length: 5 }, (_, i) => `user${i}@example.org`),
          ...Array.from({ length: 10 }, (_, i) => `x${i}@example.net`),
        ],
      },
    },
    { name: 'a 998-octet line', raw: plain(`${'a'.repeat(998)}\r\n`) },
    { name: 'exactly 10,485,760 bytes', raw: messageOfSize(10_485_760) },
    { name: '16 nested multiparts', raw: nested(16) },
  ];
}
