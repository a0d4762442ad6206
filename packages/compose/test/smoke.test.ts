import { expect, test } from 'vitest';
import { ComposeError, compose, VERSION } from '../src/index.js';

test('package loads', () => {
  expect(VERSION).toBe('0.1.0');
});

test('composes a simple text message', async () => {
  const m = await compose({
    from: 'a@example.com',
    to: 'b@example.com',
    bcc: 'c@example.com',
    subject: 'Hi',
    text: 'Hello',
  });
  const raw = Buffer.from(m.raw).toString('latin1');
  expect(raw).toContain('From: a@example.com\r\n');
  expect(raw).toContain('\r\n\r\nHello');
  expect(raw).not.toMatch(/^Bcc:/im);
  expect(m.envelope).toEqual({ from: 'a@example.com', to: ['b@example.com', 'c@example.com'] });
  expect(m.size).toBe(m.raw.length);
});

test('refuses a CR/LF in the subject', async () => {
  await expect(
    compose({ from: 'a@example.com', subject: 'x\r\nBcc: evil@example.com' }),
  ).rejects.toMatchObject({
    code: 'compose.header-injection',
    path: ['subject'],
  });
  await expect(compose({ from: 'a@example.com', subject: 'x\n' })).rejects.toBeInstanceOf(ComposeError);
});
