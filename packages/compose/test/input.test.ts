/** Input and options validation: every refusal is a ComposeError with a code and the field's path. */
import { describe, expect, test } from 'vitest';
import { ComposeError, type ComposeInput, compose } from '../src/index.js';

const base: ComposeInput = { from: 'sender@example.com', to: 'rcpt@example.com', text: 'x' };

async function err(input: unknown, options?: unknown): Promise<ComposeError> {
  try {
    await compose(input as ComposeInput, options as never);
  } catch (e) {
    expect(e).toBeInstanceOf(ComposeError);
    return e as ComposeError;
  }
  throw new Error('expected compose to throw');
}

describe('zod validation of input and options', () => {
  test('wrong types name the field', async () => {
    expect(await err({ ...base, subject: 42 })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['subject'],
    });
    expect(await err({ ...base, attachments: [{ filename: 'a', content: 5 }] })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['attachments', 0, 'content'],
    });
    expect(await err({ ...base, priority: 'urgent' })).toMatchObject({ path: ['priority'] });
  });
  test('unknown fields are refused (catches typos such as `reply_to`)', async () => {
    const e = await err({ ...base, reply_to: 'x@example.com' });
    expect(e.code).toBe('compose.input-invalid');
    expect(e.message).toContain("'reply_to'");
  });
  test('an attachment needs exactly one of content or path', async () => {
    expect((await err({ ...base, attachments: [{ filename: 'a' }] })).code).toBe('compose.input-invalid');
    expect((await err({ ...base, attachments: [{ content: 'a', path: '/etc/hosts' }] })).code).toBe(
      'compose.input-invalid',
    );
  });
  test('bad options are compose.options-invalid under options.*', async () => {
    expect(await err(base, { boundary: 'fixed' })).toMatchObject({
      code: 'compose.options-invalid',
      path: ['options', 'boundary'],
    });
    expect(await err(base, { colour: 1 })).toMatchObject({ code: 'compose.options-invalid' });
  });
  test('from is required', async () => {
    expect(await err({ to: 'a@example.com' })).toMatchObject({
      code: 'compose.from-missing',
      path: ['from'],
    });
    expect(await err({ ...base, from: ['a@example.com', 'b@example.com'] })).toMatchObject({
      code: 'compose.address-invalid',
      path: ['from'],
    });
  });
  test('message ids are checked', async () => {
    expect(await err({ ...base, messageId: 'no-at-sign' })).toMatchObject({
      code: 'compose.message-id-invalid',
      path: ['messageId'],
    });
    expect(await err({ ...base, references: ['<ok@x>', 'a b@c'] })).toMatchObject({
      code: 'compose.message-id-invalid',
    });
    expect(await err({ ...base, inReplyTo: '<a@b>, <c@d>' })).toMatchObject({
      code: 'compose.message-id-invalid',
    });
  });
  test('invalid dates', async () => {
    expect(await err({ ...base, date: 'yesterday-ish' })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['date'],
    });
  });
  test('headers the composer writes cannot be set through `headers`, once-only headers cannot repeat', async () => {
    expect(await err({ ...base, headers: { Subject: 'x' } })).toMatchObject({
      code: 'compose.header-reserved',
      path: ['headers', 'Subject'],
    });
    expect(await err({ ...base, headers: { 'Content-Type': 'text/html' } })).toMatchObject({
      code: 'compose.header-reserved',
    });
    expect(await err({ ...base, headers: { bcc: 'x@example.com' } })).toMatchObject({
      code: 'compose.header-reserved',
    });
    expect(
      await err({ ...base, list: { help: 'h@example.com' }, headers: { 'List-Help': '<x>' } }),
    ).toMatchObject({
      code: 'compose.header-reserved',
    });
    expect(
      await err({
        ...base,
        headers: [
          { key: 'Organization', value: 'a' },
          { key: 'organization', value: 'b' },
        ],
      }),
    ).toMatchObject({
      code: 'compose.header-duplicate',
    });
    expect(await err({ ...base, headers: { 'Bad Name': 'x' } })).toMatchObject({
      code: 'compose.input-invalid',
    });
  });
  test('content types, cids and charsets are checked', async () => {
    expect(
      await err({ ...base, attachments: [{ content: 'a', contentType: 'text/plain; charset=x' }] }),
    ).toMatchObject({
      code: 'compose.input-invalid',
      path: ['attachments', 0, 'contentType'],
    });
    expect(await err({ ...base, attachments: [{ content: 'a', cid: 'a b' }] })).toMatchObject({
      path: ['attachments', 0, 'cid'],
    });
    expect(await err(base, { charset: 'klingon' })).toMatchObject({
      code: 'compose.charset-unsupported',
      path: ['options', 'charset'],
    });
    expect(await err({ ...base, text: 'snow ☃' }, { charset: 'iso-8859-1' })).toMatchObject({
      code: 'compose.charset-unrepresentable',
      path: ['text'],
    });
    expect(await err({ ...base, text: Uint8Array.from([0xff, 0xfe]) })).toMatchObject({
      code: 'compose.input-invalid',
      path: ['text'],
    });
  });
  test('attachment files that cannot be read, and URLs, are refused up front', async () => {
    expect(await err({ ...base, attachments: [{ path: '/nonexistent/file.pdf' }] })).toMatchObject({
      code: 'compose.attachment-unreadable',
      path: ['attachments', 0, 'path'],
    });
    expect(await err({ ...base, attachments: [{ path: 'https://example.com/a.pdf' }] })).toMatchObject({
      code: 'compose.input-invalid',
    });
  });
  test('RFC 8058 one-click needs an https List-Unsubscribe URL', async () => {
    expect(
      await err({ ...base, list: { unsubscribe: 'u@example.com', unsubscribePost: true } }),
    ).toMatchObject({
      code: 'compose.input-invalid',
      path: ['list', 'unsubscribePost'],
    });
  });
  test('a boundary generator that returns invalid or colliding boundaries is refused', async () => {
    const input = { ...base, html: '<p>x</p>' };
    expect(await err(input, { boundary: () => 'has"quote' })).toMatchObject({
      code: 'compose.boundary-invalid',
    });
    expect(await err(input, { boundary: () => 'x'.repeat(71) })).toMatchObject({
      code: 'compose.boundary-invalid',
    });
    // A boundary that occurs in a 7bit body is skipped; a generator that only ever returns it is refused.
    expect(await err({ ...base, text: 'abc SEP def', html: 'y' }, { boundary: () => 'SEP' })).toMatchObject({
      code: 'compose.boundary-invalid',
    });
  });
});

describe('nothing accepted is silently ignored (issue 8 §6)', () => {
  test('attachment `encoding` with bytes, a stream or a path is refused, with a string it is used', async () => {
    for (const a of [
      { filename: 'a.bin', content: Buffer.from('abc'), encoding: 'base64' },
      { filename: 'a.bin', content: (async function* () {})(), encoding: 'hex' },
      { path: '/etc/hostname', encoding: 'utf8' },
    ]) {
      expect(await err({ ...base, attachments: [a] })).toMatchObject({
        code: 'compose.input-invalid',
        path: ['attachments', 0, 'encoding'],
      });
    }
    const m = await compose({
      ...base,
      attachments: [{ filename: 'a.bin', content: '414243', encoding: 'hex' }],
    });
    expect(Buffer.from(m.raw).toString('latin1')).toContain('QUJD');
  });
});
