import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { makeClients } from './harness/clients.js';
import { type Emulator, startEmulator } from './harness/emulator.js';
import { envelopeOf, type RecordingProxy, rawBytesOf, startProxy } from './harness/proxy.js';

// These tests pin down the test harness itself and the SDK behaviour the sender has to defend against.
const raw = Buffer.from(
  'From: a@example.com\r\nTo: b@example.com\r\nSubject: harness\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n',
);

let emu: Emulator;
let proxy: RecordingProxy;
beforeAll(async () => {
  emu = await startEmulator();
  proxy = await startProxy(emu.url);
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
});
beforeEach(() => proxy.reset());

describe('harness: emulator behind the recording proxy', () => {
  test('v1 SendRawEmail reaches the emulator, body recorded', async () => {
    const { v1 } = makeClients(proxy.url);
    const out = await v1.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        Destinations: ['b@example.com', 'c@example.com'],
      }),
    );
    expect(out.MessageId).toMatch(/^ses-/);
    expect(proxy.requests).toHaveLength(1);
    expect(rawBytesOf(proxy.requests[0]!).equals(raw)).toBe(true);
    expect(envelopeOf(proxy.requests[0]!)).toEqual(['b@example.com', 'c@example.com']);
    const stored = await emu.find(out.MessageId!);
    expect(stored?.subject).toBe('harness');
  });

  test('v2 SendEmail(Raw) reaches the emulator, body recorded', async () => {
    const { v2 } = makeClients(proxy.url);
    const out = await v2.send(
      new SendEmailCommand({
        Content: { Raw: { Data: raw } },
        Destination: { ToAddresses: ['b@example.com'] },
      }),
    );
    expect(proxy.requests[0]!.api).toBe('v2');
    expect(rawBytesOf(proxy.requests[0]!).equals(raw)).toBe(true);
    expect((await emu.find(out.MessageId!))?.from).toBe('a@example.com');
  });

  test('control: the bare SDK retries a 503 on its own (3 requests on the wire)', async () => {
    const { v2 } = makeClients(proxy.url);
    proxy.onRequest = () => ({ kind: 'status', status: 503 });
    await expect(v2.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 503 },
    });
    expect(proxy.requests).toHaveLength(3);
  });

  test('control: the bare SDK retries a reset after the request was forwarded (a duplicate send)', async () => {
    const { v1 } = makeClients(proxy.url);
    proxy.onRequest = (r) => (r.index === 0 ? { kind: 'reset-after' } : undefined);
    const before = (await emu.store()).length;
    await v1.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
    expect(proxy.forwarded()).toHaveLength(2);
    expect((await emu.store()).length - before).toBe(2);
  });
});
