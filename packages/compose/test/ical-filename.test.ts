/**
 * Issue 8 §6: `icalEvent.filename` is honoured as nodemailer honours it (the event is also attached as an
 * `application/ics` file of that name), compared with nodemailer's MailComposer through mailparser and Python.
 */
import { createRequire } from 'node:module';
import { validate } from '@rawmail/validate';
import { describe, expect, test } from 'vitest';
import { ComposeError, compose } from '../src/index.js';
import { mailparser, pythonParse } from './helpers/oracles.js';

const require = createRequire(import.meta.url);
const MailComposer = require('nodemailer/lib/mail-composer') as new (
  mail: object,
) => { compile(): { build(cb: (err: Error | null, raw: Buffer) => void): void } };

function nodemailerBuild(mail: object): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    new MailComposer(mail).compile().build((err, raw) => (err ? reject(err) : resolve(raw))),
  );
}

const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Café\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const mail = {
  from: 'a@example.com',
  to: 'b@example.com',
  text: 'Invitation',
  html: '<p>Invitation</p>',
  icalEvent: { method: 'request', content: ICS, filename: 'Einladung – Café.ics' },
};

describe('icalEvent.filename', () => {
  test('attaches the event as nodemailer does: application/ics, that name, the same bytes', async () => {
    const ours = await compose(mail);
    const theirs = await nodemailerBuild(mail);
    const describeAtts = async (raw: Uint8Array) =>
      (await mailparser(raw)).attachments
        .filter((a) => a.contentDisposition === 'attachment')
        .map((a) => ({
          type: a.contentType,
          name: a.filename,
          bytes: Buffer.from(a.content).toString('base64'),
        }));
    const got = await describeAtts(ours.raw);
    expect(got).toEqual(await describeAtts(theirs));
    expect(got).toEqual([
      { type: 'application/ics', name: 'Einladung – Café.ics', bytes: Buffer.from(ICS).toString('base64') },
    ]);
    // The text/calendar alternative is still there, once.
    const [py] = pythonParse([ours.raw]);
    expect(py?.leaves.map((l) => [l.type, l.filename, l.disposition])).toEqual([
      ['text/plain', null, null],
      ['text/calendar', null, null],
      ['text/html', null, null],
      ['application/ics', 'Einladung – Café.ics', 'attachment'],
    ]);
    const report = await validate(ours.raw, { profile: 'ses-v2' });
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('without a filename the event is only the alternative (no attachment)', async () => {
    const m = await compose({ ...mail, icalEvent: { content: ICS } });
    expect(
      (await mailparser(m.raw)).attachments.filter((a) => a.contentDisposition === 'attachment'),
    ).toEqual([]);
  });

  test('a blank or injected file name is refused, not dropped', async () => {
    for (const [filename, code] of [
      ['  ', 'compose.input-invalid'],
      ['x.ics\r\nBcc: v@example.net', 'compose.header-injection'],
    ] as const) {
      const err = await compose({ ...mail, icalEvent: { content: ICS, filename } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ComposeError);
      expect(err).toMatchObject({ code, path: ['icalEvent', 'filename'] });
    }
  });
});
