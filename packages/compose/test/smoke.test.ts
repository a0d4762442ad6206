import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ComposeError, compose, VERSION } from '../src/index.js';

test('VERSION is the package.json version (changesets bumps package.json; the constant must follow)', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(VERSION).toBe(pkg.version);
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
