/**
 * Issue 8 §6: ComposeError messages are safe to log. Every input field whose text can reach an error message is
 * given CR, LF, ESC, NUL, DEL and a C1 control; the message must carry none of them raw (they are written `\xHH`).
 */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ComposeError, type ComposeInput, type ComposeOptions, compose } from '../src/index.js';

const EVIL = 'x\r\nInjected: yes\u001b[31m\u0000\u007f\u0085';
const RAW_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const base: ComposeInput = { from: 'a@example.com', to: 'b@example.com', text: 'x' };

type Case = [field: string, input: ComposeInput, options?: ComposeOptions];
const cases: Case[] = [
  ['messageId', { ...base, messageId: `<${EVIL}@example.com>` }],
  ['options.messageId()', base, { messageId: () => `<id${EVIL}@example.com>` }],
  ['inReplyTo', { ...base, inReplyTo: EVIL }],
  ['references', { ...base, references: [EVIL] }],
  ['icalEvent.method', { ...base, icalEvent: { method: EVIL, content: 'BEGIN:VCALENDAR' } }],
  ['icalEvent.filename', { ...base, icalEvent: { content: 'BEGIN:VCALENDAR', filename: EVIL } }],
  ['options.hostname', base, { hostname: EVIL }],
  ['options.charset', base, { charset: EVIL }],
  ['options.boundary()', { ...base, html: '<p>x</p>' }, { boundary: () => EVIL }],
  ['from (string)', { ...base, from: `Name <a${EVIL}@example.com>` }],
  ['to (string)', { ...base, to: EVIL }],
  ['to (object address)', { ...base, to: { address: EVIL } }],
  ['cc (object name)', { ...base, cc: { name: EVIL, address: 'c@example.com' } }],
  ['subject', { ...base, subject: EVIL }],
  ['headers (name)', { ...base, headers: { [`X-${EVIL}`]: 'v' } }],
  ['headers (value)', { ...base, headers: { 'X-Tag': EVIL } }],
  ['headers (reserved name with controls)', { ...base, headers: { [`Subject${EVIL}`]: 'v' } }],
  ['list URL', { ...base, list: { unsubscribe: `https://example.com/${EVIL}` } }],
  ['attachments[].filename', { ...base, attachments: [{ filename: EVIL, content: 'a' }] }],
  ['attachments[].contentType', { ...base, attachments: [{ contentType: EVIL, content: 'a' }] }],
  ['attachments[].cid', { ...base, attachments: [{ cid: EVIL, content: 'a' }] }],
  ['attachments[].path (missing file)', { ...base, attachments: [{ path: `/nonexistent/${EVIL}` }] }],
  ['attachments[].path (URL)', { ...base, attachments: [{ path: `https://example.com/${EVIL}` }] }],
  [
    'attachments[].content (a stream that fails)',
    {
      ...base,
      attachments: [
        {
          filename: 'a.bin',
          content: new Readable({
            read() {
              this.destroy(new Error(`disk said ${EVIL}`));
            },
          }),
        },
      ],
    },
  ],
  ['unknown input field', { ...base, [`x${EVIL}`]: 1 } as ComposeInput],
  ['unknown option', base, { [`x${EVIL}`]: 1 } as ComposeOptions],
];

describe('no raw control character from input reaches a ComposeError message', () => {
  for (const [field, input, options] of cases) {
    test(field, async () => {
      const err = await compose(input, options).catch((e: unknown) => e);
      expect(err, 'compose must refuse this input').toBeInstanceOf(ComposeError);
      const e = err as ComposeError;
      expect(e.code).toMatch(/^compose\./);
      expect(e.message, e.message).not.toMatch(RAW_CONTROL);
    });
  }

  test('the escaped form still shows what was wrong', async () => {
    const err = (await compose(base, { hostname: 'bad\r\nhost' }).catch((e: unknown) => e)) as ComposeError;
    expect(err.message).toContain("hostname 'bad\\x0d\\x0ahost'");
  });
});
