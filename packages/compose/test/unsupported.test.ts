/** nodemailer fields rawmail does not support are refused with a message naming the field and what to use. */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { formatPath } from '../src/errors.js';
import { ComposeError, type ComposeInput, compose } from '../src/index.js';

const base = { from: 'a@example.com', to: 'b@example.com', text: 'x' };

async function error(input: unknown): Promise<ComposeError> {
  try {
    await compose(input as ComposeInput);
  } catch (err) {
    if (err instanceof ComposeError) return err;
    throw err;
  }
  throw new Error('expected compose to throw');
}

describe('unsupported nodemailer fields', () => {
  const cases: Array<[string, unknown, (string | number)[], RegExp]> = [
    [
      'raw message',
      { ...base, raw: 'From: a@b\r\n\r\nx' },
      ['raw'],
      /`raw` is not supported: .*@rawmail\/ses/,
    ],
    ['watchHtml', { ...base, watchHtml: '<b>x</b>' }, ['watchHtml'], /alternatives.*text\/watch-html/],
    ['top-level encoding', { ...base, encoding: 'base64' }, ['encoding'], /textEncoding/],
    ['attachDataUrls', { ...base, attachDataUrls: true }, ['attachDataUrls'], /cid/],
    ['ses options', { ...base, ses: { ConfigurationSetName: 'x' } }, ['ses'], /@rawmail\/ses/],
    [
      'attachment href',
      { ...base, attachments: [{ href: 'https://example.com/a.pdf' }] },
      ['attachments', 0, 'href'],
      /download it yourself and pass `content`/,
    ],
    [
      'attachment raw',
      { ...base, attachments: [{ raw: 'Content-Type: text/plain\r\n\r\nx' }] },
      ['attachments', 0, 'raw'],
      /`content`, `contentType` and `headers`/,
    ],
    [
      'attachment transfer encoding',
      { ...base, attachments: [{ content: 'x', contentTransferEncoding: '7bit' }] },
      ['attachments', 0, 'contentTransferEncoding'],
      /base64/,
    ],
    [
      'attachment URL path',
      { ...base, attachments: [{ path: 'https://example.com/a.pdf' }] },
      ['attachments', 0, 'path'],
      /fetches no URLs.*pass `content`/,
    ],
    [
      'attachment data: URL',
      { ...base, attachments: [{ path: 'data:text/plain;base64,aGk=' }] },
      ['attachments', 0, 'path'],
      /data: URLs.*`content`.*encoding: 'base64'/,
    ],
    ['text as a file', { ...base, text: { path: '/etc/hostname' } }, ['text'], /string or bytes/],
    ['html as a URL', { ...base, html: { href: 'https://example.com/' } }, ['html'], /string or bytes/],
    ['html as a stream', { ...base, html: Readable.from(['<p>x</p>']) }, ['html'], /string or bytes/],
    [
      'alternative path',
      { ...base, alternatives: [{ contentType: 'text/plain', path: '/tmp/x' }] },
      ['alternatives', 0, 'path'],
      /pass `content`/,
    ],
    [
      'dkim cache',
      { ...base, dkim: { domainName: 'example.com', keySelector: 's', privateKey: 'k', cacheDir: '/tmp' } },
      ['dkim', 'cacheDir'],
      /in memory/,
    ],
  ];
  test.each(cases)('%s', async (_name, input, path, message) => {
    const err = await error(input);
    expect(err.code).toBe('compose.field-unsupported');
    expect(err.path).toEqual(path);
    expect(err.message).toMatch(message);
    // the message starts with the field's path, e.g. `attachments[0].href: …`
    expect(err.message.startsWith(`${formatPath(path)}: `)).toBe(true);
  });
});
