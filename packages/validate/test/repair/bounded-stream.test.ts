/** repair() holds a stream in memory, so it must stop reading at a bound: an endless stream settles. */
import { describe, expect, test } from 'vitest';
import { repair, ValidateError } from '../../src/index.js';

/** An endless message: a header, then 64 KB chunks of body text for ever; counts what was pulled and whether it was closed. */
function endless() {
  const state = { pulled: 0, closed: false };
  const chunk = Buffer.alloc(64 * 1024, 'a\r\n');
  async function* gen() {
    try {
      yield Buffer.from('From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\n\r\n');
      for (;;) {
        state.pulled += chunk.length;
        yield chunk;
      }
    } finally {
      state.closed = true;
    }
  }
  return { stream: gen(), state };
}

describe('repair() of an endless stream', () => {
  test('under ses-v1: stops one chunk past the 10 MiB cap, closes the stream and reports message.too-large', async () => {
    const { stream, state } = endless();
    const r = await repair(stream, { profile: 'ses-v1' });
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeGreaterThan(10_485_760 - 64 * 1024);
    expect(state.pulled).toBeLessThanOrEqual(10_485_760 + 64 * 1024);
    expect(r.changed).toBe(false);
    expect(r.report.ok).toBe(false);
    expect(r.report.issues.map((i) => i.code)).toContain('message.too-large');
  });

  test('under rfc5322 (no cap): throws validate.read-failed after 64 MiB instead of filling memory', async () => {
    const { stream, state } = endless();
    const err = await repair(stream, { profile: 'rfc5322' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidateError);
    expect((err as ValidateError).code).toBe('validate.read-failed');
    expect((err as ValidateError).message).toMatch(/64 MiB|67108864/);
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024 * 1024 + 64 * 1024);
  });
});
