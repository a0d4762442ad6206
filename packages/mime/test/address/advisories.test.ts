/**
 * Regression tests named after the advisories they cover. Each input is a form that made a real
 * parser send mail somewhere other than where the header said, or hang.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, test } from 'vitest';
import { parseAddressListCounted } from '../../src/address/address-list.js';
import { checkAddrSpec, parseAddressList, parseMailbox } from '../../src/address/index.js';

/** No mailbox we return may point at the attacker's domain. */
function neverReaches(value: string, domain: string): void {
  const r = parseAddressList(value);
  for (const m of r.mailboxes) expect(m.domain.toLowerCase()).not.toBe(domain);
  const one = parseMailbox(value);
  expect(one.mailbox?.domain.toLowerCase()).not.toBe(domain);
}

describe('GHSA-mm7p-fcc7-pg87: quoted local part containing @ (nodemailer < 7.0.7 sent to the quoted domain)', () => {
  test.each([
    '"xclow3n@gmail.com x"@internal.domain',
    '"xclow3n@gmail.com"@internal.domain',
    'Name <"xclow3n@gmail.com x"@internal.domain>',
    'Team: "xclow3n@gmail.com x"@internal.domain;',
    '"xclow3n@gmail.com x"@internal.domain, ok@internal.domain',
    '"a\\@gmail.com"@internal.domain',
    '"<xclow3n@gmail.com>"@internal.domain',
    '"x,xclow3n@gmail.com"@internal.domain',
  ])('%s is address.ambiguous and never a mailbox', (value) => {
    const r = parseAddressList(value);
    expect(r.problems.map((p) => p.code)).toContain('address.ambiguous');
    expect(r.mailboxes.map((m) => m.address)).not.toContain('xclow3n@gmail.com');
    expect(r.mailboxes.every((m) => !m.local.includes('@'))).toBe(true);
    neverReaches(value, 'gmail.com');
  });

  test('the envelope check refuses it too', () => {
    expect(checkAddrSpec('"xclow3n@gmail.com x"@internal.domain').map((p) => p.code)).toEqual([
      'address.ambiguous',
    ]);
  });

  test('a quoted display name that looks like an address is only a name', () => {
    const r = parseAddressList('"xclow3n@gmail.com" <user@internal.domain>');
    expect(r.problems).toEqual([]);
    expect(r.mailboxes).toEqual([
      {
        name: 'xclow3n@gmail.com',
        address: 'user@internal.domain',
        local: 'user',
        domain: 'internal.domain',
      },
    ]);
  });
});

describe('GHSA-cc9r-2j5m-2m83: address-parser confusion (one text, two readings)', () => {
  // Each form is read as one address by some parser and another address by another. We refuse all.
  test.each([
    ['comment after the address', 'user@good.example(attacker@evil.example)'],
    ['comment after the address, spaced', 'user@good.example (attacker@evil.example)'],
    ['comment inside the local part', 'user(attacker@evil.example)@good.example'],
    ['comment inside the domain', 'user@good(x@evil.example).example'],
    ['comment in angle brackets', 'Name <user@good.example(attacker@evil.example)>'],
    ['unquoted address as display name', 'attacker@evil.example <user@good.example>'],
    ['two angle addresses', 'Name <user@good.example> <attacker@evil.example>'],
    ['text after the angle address', 'Name <user@good.example> attacker@evil.example'],
    ['two @ signs', 'user@good.example@evil.example'],
    ['two @ signs in angle brackets', '<attacker@evil.example@good.example>'],
    ['source route', '<@evil.example:user@good.example>'],
    ['source route list', '<@good.example,@evil.example:user@good.example>'],
    ['semicolon list', 'user@good.example; attacker@evil.example'],
    ['angle address after the address', 'user@good.example<attacker@evil.example>'],
  ])('%s: %s', (_, value) => {
    const r = parseAddressList(value);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.fatal)).toBe(true);
    expect(r.problems.map((p) => p.code)).toContain('address.ambiguous');
    expect(r.mailboxes).toEqual([]);
    neverReaches(value, 'evil.example');
  });

  test('nodemailer reads some of these differently: the reason they are refused', () => {
    // An independent witness that the forms are ambiguous, not a test of nodemailer.
    const read = (v: string) => addressparser(v, { flatten: true });
    // The text starts with user@good.example, but nodemailer delivers to the second address.
    expect(read('user@good.example<attacker@evil.example>').map((m) => m.address)).toEqual([
      'attacker@evil.example',
    ]);
    // A comment becomes a display name that looks like a different sender.
    expect(read('user@good.example (attacker@evil.example)')).toEqual([
      { address: 'user@good.example', name: 'attacker@evil.example' },
    ]);
    // A semicolon splits where RFC 5322 does not.
    expect(read('user@good.example; attacker@evil.example')).toHaveLength(2);
  });

  test('header injection through a bare line break is refused', () => {
    for (const v of [
      'user@good.example\r\nBcc: attacker@evil.example',
      'user@good.example\nBcc: a@evil.example',
    ]) {
      const r = parseAddressList(v);
      expect(r.problems.map((p) => p.code)).toEqual(['address.whitespace-or-control']);
      expect(r.mailboxes).toEqual([]);
    }
  });
});

describe('CVE-2025-14874: nodemailer addressparser DoS on deeply nested input', () => {
  test('deeply nested groups and comments are bounded problems in linear work', () => {
    for (const value of [
      `${'a:'.repeat(50_000)}x@y.example${';'.repeat(50_000)}`,
      `${'('.repeat(100_000)}x@y.example`,
      `${'<'.repeat(100_000)}x@y.example${'>'.repeat(100_000)}`,
    ]) {
      const work = { steps: 0 };
      const r = parseAddressListCounted(value, undefined, work);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems.length).toBeLessThanOrEqual(101);
      expect(work.steps).toBeLessThanOrEqual(4 * value.length);
    }
  });
});
