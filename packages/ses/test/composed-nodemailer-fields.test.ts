/**
 * Messages using compose's nodemailer fields, sent through the real SDK clients to the local SES endpoint: the
 * destinations on the wire are exactly compose's envelope (group members, Bcc-only with an empty group, an
 * `envelope` override), and a DKIM-signed message goes out byte for byte as signed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { compose } from '@rawmail/compose';
import { describe, expect, test } from 'vitest';
import { createSesSender } from '../src/index.js';
import { fastRetry, useSesEnv } from './harness/env.js';
import { envelopeOf, rawBytesOf, v1Params, v2Body } from './harness/proxy.js';

const env = useSesEnv();

describe('composed messages with nodemailer fields, on the wire', () => {
  test('group members and Bcc recipients are the destinations (v1 and v2); headers and envelope agree', async () => {
    const msg = await compose({
      from: 'news@example.com',
      to: [{ name: 'Team', group: ['a@example.com', 'B <b@example.com>'] }, 'c@example.com'],
      cc: 'Friends: d@example.com;',
      bcc: { name: 'Hidden', group: ['e@example.com'] },
      subject: 'Groups',
      text: 'hi',
    });
    for (const client of [env.clients.v1, env.clients.v2]) {
      env.proxy.reset();
      const r = await createSesSender({ client, retry: fastRetry }).send(msg);
      expect(r.report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      const req = env.proxy.requests[0]!;
      expect(envelopeOf(req)).toEqual(msg.envelope.to);
      expect(rawBytesOf(req).equals(Buffer.from(msg.raw))).toBe(true);
    }
    expect(v2Body(env.proxy.requests[0]!).Destination).toEqual({
      ToAddresses: ['a@example.com', 'b@example.com', 'c@example.com'],
      CcAddresses: ['d@example.com'],
      BccAddresses: ['e@example.com'],
    });
  });

  test("a Bcc-only message with 'undisclosed-recipients:;' reaches the Bcc recipients only", async () => {
    const msg = await compose({
      from: 'news@example.com',
      to: 'undisclosed-recipients:;',
      bcc: ['x@example.com', 'y@example.com'],
      subject: 'Bcc only',
      text: 'hi',
    });
    const r = await createSesSender({ client: env.clients.v2, retry: fastRetry }).send(msg);
    expect(r.report.ok).toBe(true);
    expect(v2Body(env.proxy.requests[0]!).Destination).toEqual({
      BccAddresses: ['x@example.com', 'y@example.com'],
    });
  });

  test('an envelope override is what SES gets as Source and destinations', async () => {
    const msg = await compose({
      from: 'news@example.com',
      to: 'list@example.com',
      subject: 'Override',
      text: 'hi',
      envelope: { from: 'bounces@example.com', to: ['member1@example.com', 'member2@example.com'] },
    });
    await createSesSender({ client: env.clients.v1, retry: fastRetry }).send(msg);
    const p = v1Params(env.proxy.requests[0]!);
    expect(p.Source).toBe('bounces@example.com');
    expect(envelopeOf(env.proxy.requests[0]!)).toEqual(['member1@example.com', 'member2@example.com']);
  });

  test('a DKIM-signed message is validated and sent exactly as signed', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const msg = await compose({
      from: 'news@example.com',
      to: 'a@example.com',
      subject: 'Signed',
      text: 'hi',
      dkim: {
        domainName: 'example.com',
        keySelector: 'sel',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    const r = await createSesSender({ client: env.clients.v2, retry: fastRetry }).send(msg);
    expect(r.report.issues.map((i) => i.code)).not.toContain('dkim.signs-rewritten-header');
    const sent = rawBytesOf(env.proxy.requests[0]!);
    expect(sent.equals(Buffer.from(msg.raw))).toBe(true);
    expect(sent.toString('latin1')).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256;/);
  });
});
