import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { rules } from '@rawmail/validate';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backoffDelay, resolveRetryPolicy } from '../src/backoff.js';
import { splitIntoBatches } from '../src/batching.js';
import { classifyError } from '../src/classify-error.js';
import { detectApiVersion } from '../src/client-kind.js';
import { buildEnvelope } from '../src/envelope.js';
import { SesOptionsError } from '../src/errors.js';
import { RateLimiter } from '../src/rate-limiter.js';
import { toV1Input, toV2Input } from '../src/request.js';
import { ruleCodeForSesText } from '../src/ses-texts.js';

describe('backoff with full jitter', () => {
  test('stays in [0, min(cap, base * 2^n)) and grows exponentially', () => {
    const hi = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.9999 });
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(hi, n))).toEqual([99, 199, 399, 799, 999, 999]);
    const lo = resolveRetryPolicy({ random: () => 0 });
    expect(backoffDelay(lo, 5)).toBe(0);
  });
});

describe('rate limiter (tokens are recipients)', () => {
  test('holds the rate across concurrent callers, with a one-second burst', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const limiter = new RateLimiter(
      100,
      () => now,
      async (ms) => void sleeps.push(ms),
    );
    // 300 recipients in batches of 50 at time 0: the first 100 are the burst, then 0.5 s per batch.
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire(50)));
    expect(sleeps).toEqual([500, 1000, 1500, 2000]);
    // After the debt is repaid (2 s later), the bucket refills to at most one second's worth.
    now = 10_000;
    sleeps.length = 0;
    await limiter.acquire(100);
    await limiter.acquire(1);
    expect(sleeps).toEqual([10]);
  });

  test('a batch larger than the rate waits for its tokens instead of stalling', async () => {
    const sleeps: number[] = [];
    const limiter = new RateLimiter(
      10,
      () => 0,
      async (ms) => void sleeps.push(ms),
    );
    await limiter.acquire(50);
    expect(sleeps).toEqual([4000]);
  });
});

describe('client kind', () => {
  test('by service id, then by instanceof of the installed peer', async () => {
    const creds = { accessKeyId: 'a', secretAccessKey: 'b' };
    expect(await detectApiVersion(new SESv2Client({ region: 'eu-west-1', credentials: creds }))).toBe('v2');
    expect(await detectApiVersion(new SESClient({ region: 'eu-west-1', credentials: creds }))).toBe('v1');
    // A client whose config carries no service id (e.g. a wrapped or mocked config) is still recognised.
    const bareV2 = Object.assign(Object.create(SESv2Client.prototype) as object, { config: {} });
    expect(await detectApiVersion(bareV2)).toBe('v2');
    const bareV1 = Object.assign(Object.create(SESClient.prototype) as object, { config: {} });
    expect(await detectApiVersion(bareV1)).toBe('v1');
    await expect(detectApiVersion({ send: () => undefined, config: {} })).rejects.toMatchObject({
      code: 'ses.client-unsupported',
    });
    await expect(detectApiVersion(null)).rejects.toMatchObject({ code: 'ses.client-unsupported' });
  });
});

describe('properties', () => {
  test('batches cover the audience exactly once, in order, each within min(batchSize, 50 - header count)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 49 }),
        (n, batchSize, header) => {
          const audience = Array.from({ length: n }, (_, i) => `p${i}@x.example`);
          const batches = splitIntoBatches(audience, batchSize, header);
          const cap = Math.min(batchSize, 50 - header);
          expect(batches.flat()).toEqual(audience);
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length + header).toBeLessThanOrEqual(50);
            expect(b.length).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });

  test('the rate limiter never releases more than rate × (T + 1) + one batch in any window of T seconds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 500 }),
        fc.array(
          fc.record({ size: fc.integer({ min: 1, max: 50 }), gapMs: fc.integer({ min: 0, max: 300 }) }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        async (rate, requests) => {
          let now = 0;
          const released: { t: number; n: number }[] = [];
          const limiter = new RateLimiter(
            rate,
            () => now,
            async (ms) => {
              now += ms;
            },
          );
          for (const r of requests) {
            now += r.gapMs;
            await limiter.acquire(r.size);
            released.push({ t: now, n: r.size });
          }
          for (let i = 0; i < released.length; i++) {
            for (let j = i; j < released.length; j++) {
              const secs = (released[j]!.t - released[i]!.t) / 1000;
              const sum = released.slice(i, j + 1).reduce((s, x) => s + x.n, 0);
              expect(sum).toBeLessThanOrEqual(rate * (secs + 1) + 50);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('batching', () => {
  test('counts header addresses against the 50 cap', () => {
    const audience = Array.from({ length: 300 }, (_, i) => `r${i}@example.com`);
    const b = splitIntoBatches(audience, 50, 2);
    expect(b.map((x) => x.length)).toEqual([48, 48, 48, 48, 48, 48, 12]);
    expect(b.flat()).toEqual(audience);
    expect(splitIntoBatches(audience, 10, 0)).toHaveLength(30);
    expect(() => splitIntoBatches(audience, 50, 50)).toThrow(SesOptionsError);
  });
});

describe('envelope', () => {
  const header = { to: ['a@x.example'], cc: ['b@x.example'], bcc: ['c@x.example'] };
  test('headers: To, Cc and Bcc all reach the envelope, duplicates once', () => {
    expect(buildEnvelope({ ...header, bcc: ['c@x.example', 'A@x.example'] }, undefined, undefined)).toEqual({
      to: ['a@x.example'],
      cc: ['b@x.example'],
      bcc: ['c@x.example'],
    });
  });
  test('explicit destinations win over the composed envelope, split by header role', () => {
    expect(buildEnvelope(header, ['z@x.example', 'b@x.example'], ['a@x.example'])).toEqual({
      to: [],
      cc: ['b@x.example'],
      bcc: ['z@x.example'],
    });
    expect(buildEnvelope(header, undefined, ['a@x.example', 'c@x.example'])).toEqual({
      to: ['a@x.example'],
      cc: [],
      bcc: ['c@x.example'],
    });
  });
});

describe('request mapping', () => {
  const base = {
    raw: new Uint8Array([1, 2, 3]),
    recipients: { to: ['a@x.example'], cc: ['b@x.example'], bcc: ['c@x.example'] },
    tags: [{ name: 'n', value: 'v' }],
    source: 's@x.example',
    configurationSetName: 'cs',
  };
  test('v1 field names', () => {
    expect(toV1Input({ ...base, sourceArn: 'sa', fromArn: 'fa', returnPathArn: 'ra' })).toEqual({
      RawMessage: { Data: base.raw },
      Destinations: ['a@x.example', 'b@x.example', 'c@x.example'],
      Source: 's@x.example',
      SourceArn: 'sa',
      FromArn: 'fa',
      ReturnPathArn: 'ra',
      Tags: [{ Name: 'n', Value: 'v' }],
      ConfigurationSetName: 'cs',
    });
  });
  test('v2 field names', () => {
    expect(toV2Input({ ...base, fromArn: 'fa' })).toEqual({
      Content: { Raw: { Data: base.raw } },
      Destination: {
        ToAddresses: ['a@x.example'],
        CcAddresses: ['b@x.example'],
        BccAddresses: ['c@x.example'],
      },
      FromEmailAddress: 's@x.example',
      FromEmailAddressIdentityArn: 'fa',
      EmailTags: [{ Name: 'n', Value: 'v' }],
      ConfigurationSetName: 'cs',
    });
    expect(() => toV2Input({ ...base, returnPathArn: 'ra' })).toThrow(/returnPathArn/);
  });
});

describe('SES texts → validator rule codes (from the validator rule metadata)', () => {
  test.each([
    ["Duplicate header 'X-Campaign'.", 'header.duplicate'],
    ['Recipient count exceeds 50.', 'recipients.too-many'],
    ["Message length is more than 10485760 bytes long: '10500000'.", 'message.too-large'],
    ["Missing required header 'To'.", 'header.to-missing'],
    ["Missing required header 'From'.", 'header.from-missing'],
    ['Illegal address', 'address.invalid'],
    ["Illegal header 'foo bar'.", 'header.malformed'],
    ["Expected ';', got 'filename'", 'mime.params-malformed'],
    ['Domain contains control or whitespace', 'address.whitespace-or-control'],
    ['Email address is not verified.', undefined],
  ])('%s → %s', (text, code) => {
    expect(ruleCodeForSesText(text)).toBe(code);
  });
  test('every rule with an SES text maps back to itself', () => {
    for (const r of rules) {
      if (r.sesText === undefined) continue;
      expect(ruleCodeForSesText(r.sesText), r.code).toBe(r.code);
    }
  });
});

describe('error classification (SDK-shaped errors without a network)', () => {
  const svc = (name: string, message: string, status: number) =>
    Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
  test.each([
    [svc('Throttling', 'Maximum sending rate exceeded.', 400), 'Throttling', true, false],
    [svc('Throttling', 'Daily message quota exceeded.', 400), 'DailyQuotaExceeded', false, false],
    [svc('TooManyRequestsException', 'Too many requests', 429), 'Throttling', true, false],
    [svc('LimitExceededException', 'Daily message quota exceeded', 400), 'DailyQuotaExceeded', false, false],
    [svc('InternalFailure', 'boom', 500), 'ServerError', true, false],
    [svc('Whatever', 'bad gateway', 502), 'ServerError', true, false],
    [svc('AccountSuspendedException', 'suspended', 400), 'AccountSuspended', false, false],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'Network', true, false],
    [Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 'Network', true, false],
    [
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'TimeoutError' }),
      'Network',
      false,
      true,
    ],
    [
      Object.assign(new Error('did not establish a connection with the server'), { name: 'TimeoutError' }),
      'Network',
      true,
      false,
    ],
    [Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'Timeout', false, true],
    [svc('SyntaxError', 'Unexpected token', 200), 'Unknown', false, true],
  ])('%s → %s retryable=%s ambiguous=%s', (error, code, retryable, ambiguous) => {
    const e = classifyError(error, 1);
    expect([e.code, e.retryable, e.ambiguous]).toEqual([code, retryable, ambiguous]);
  });
});
