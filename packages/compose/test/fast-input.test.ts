/** The pre-check that skips zod must never accept what the zod schemas refuse, and must accept the common shapes. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fastInput, fastOptions } from '../src/fast-input.js';
import { composeInputSchema, composeOptionsSchema } from '../src/input-schema.js';

// Values near the valid ones: right and wrong types, empty strings, invalid dates, extra keys.
const scalar = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, '', 'a@b.example', 'x', 0, 1, true, false, new Date(Number.NaN)),
  fc.constantFrom<unknown>(
    new Date(0),
    new Uint8Array(2),
    Buffer.from('hi'),
    'high',
    'low',
    'normal',
    'inline',
  ),
  fc.constantFrom<unknown>('attachment', 'base64', 'utf8', 'hex', 'bogus', () => 'f', [], {}, ['a'], [1]),
);
const mailbox = fc.record({ name: scalar, address: scalar, extra: scalar }, { requiredKeys: [] });
const addr = fc.oneof(scalar, mailbox, fc.array(fc.oneof(scalar, mailbox), { maxLength: 3 }));
const att = fc.record(
  {
    filename: scalar,
    content: scalar,
    path: scalar,
    contentType: scalar,
    cid: scalar,
    contentDisposition: scalar,
    encoding: scalar,
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const input = fc.record(
  {
    from: addr,
    sender: addr,
    replyTo: addr,
    to: addr,
    cc: addr,
    bcc: addr,
    subject: scalar,
    text: scalar,
    html: scalar,
    attachments: fc.oneof(scalar, fc.array(fc.oneof(att, scalar), { maxLength: 3 })),
    messageId: scalar,
    date: scalar,
    inReplyTo: scalar,
    references: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    priority: scalar,
    headers: scalar,
    unknown: scalar,
  },
  { requiredKeys: [] },
);
const options = fc.record(
  {
    boundary: scalar,
    messageId: scalar,
    date: scalar,
    hostname: scalar,
    charset: scalar,
    legacyAttachmentNames: scalar,
    other: scalar,
  },
  { requiredKeys: [] },
);

describe('fast input pre-check', () => {
  test('accepts only what the zod input schema accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(input, scalar), (v) => {
        if (fastInput(v) === undefined) return;
        accepted++;
        expect(fastInput(v)).toBe(v);
        expect(composeInputSchema.safeParse(v).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  test('accepts only what the zod options schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(options, scalar), (v) => {
        if (fastOptions(v) === undefined) return;
        expect(composeOptionsSchema.safeParse(v ?? {}).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('accepts the common shapes', () => {
    const typical = {
      from: { name: 'Müller', address: 'a@example.com' },
      to: ['b@example.com', 'B <c@example.com>', { address: 'd@example.com' }],
      cc: 'e@example.com',
      subject: 'Hi',
      text: 'x',
      html: Buffer.from('<p>x</p>'),
      date: new Date(0),
      references: ['<a@b>'],
      attachments: [{ filename: 'a.pdf', content: new Uint8Array(3), contentType: 'application/pdf' }],
    };
    expect(fastInput(typical)).toBe(typical);
    expect(fastOptions(undefined)).toEqual({});
    const opts = { boundary: (i: number) => `b${i}`, date: () => new Date(0), charset: 'utf-8' };
    expect(fastOptions(opts)).toBe(opts);
  });

  test('leaves invalid and rarer input to zod', () => {
    for (const v of [
      { from: { address: '' } },
      { from: { address: 'a@b', extra: 1 } },
      { attachments: [{ content: 'x', path: 'y' }] },
      { attachments: [{ filename: 'a' }] },
      { date: new Date(Number.NaN) },
      { priority: 'urgent' },
      { headers: { 'X-A': 'b' } },
      { list: { id: 'x' } },
      { icalEvent: { content: 'x' } },
      { bogus: 1 },
      null,
      [],
    ])
      expect(fastInput(v)).toBeUndefined();
    expect(fastOptions({ charset: '' })).toBeUndefined();
    expect(fastOptions({ boundary: 'x' })).toBeUndefined();
  });
});
