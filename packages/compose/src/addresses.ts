/**
 * Address input → checked mailboxes. Strings go through the shared RFC 5322 parser (the same one the validator
 * and the SES sender use, so the envelope is exactly what the headers say); `{ name, address }` objects have
 * their address checked as a bare addr-spec. Non-ASCII domains become Punycode; non-ASCII local parts, ambiguous
 * forms and anything unparseable are refused.
 */
import {
  canonicalLocalPart,
  checkAddrSpec,
  type Mailbox as ParsedMailbox,
  type AddressProblem as Problem,
  parseAddressList,
  toCheckedAsciiDomain,
} from '@rawmail/mime/address';
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import type { AddressListInput } from './input-types.js';

/** A mailbox ready to be written: ASCII address, display name as given (Unicode). */
export interface Mailbox {
  name: string;
  address: string;
}

type Path = ReadonlyArray<string | number>;

function fail(problem: Problem, path: Path): never {
  const code =
    problem.code === 'address.ambiguous'
      ? 'compose.address-ambiguous'
      : problem.code === 'address.local-non-ascii'
        ? 'compose.address-local-non-ascii'
        : 'compose.address-invalid';
  const extra =
    code === 'compose.address-local-non-ascii'
      ? ' SES has no SMTPUTF8, so a non-ASCII local part cannot be sent; use an ASCII address.'
      : '';
  throw new ComposeError(code, `${problem.message}${extra}${problem.hint ? ` ${problem.hint}` : ''}`, path, {
    addressCode: problem.code,
  });
}

/**
 * Resolves a parsed mailbox to the form written in the header and the envelope, or refuses it: the local part in
 * its canonical quoting (`"a.b"` → `a.b`, as every reader reports it), the domain in its IDNA A-label form when
 * non-ASCII, re-checked with the rules of any ASCII domain.
 */
function finish(m: ParsedMailbox, problems: Problem[], path: Path): Mailbox {
  for (const p of problems) {
    if (p.code !== 'address.domain-non-ascii') fail(p, path);
  }
  const address = `${m.local}@${m.domain}`;
  const mapped = toCheckedAsciiDomain(m.domain, { address });
  if (mapped.ascii === undefined) fail(mapped.problems[0], path);
  return { name: m.name.trim(), address: `${canonicalLocalPart(m.local)}@${mapped.ascii}` };
}

function one(item: string | { name?: string | undefined; address: string }, path: Path): Mailbox[] {
  if (typeof item === 'string') {
    assertHeaderSafe(item, path, false);
    const r = parseAddressList(item, { allowGroups: false, allowUnicodeNames: true });
    const fatal = r.problems.find((p) => p.code !== 'address.domain-non-ascii');
    if (fatal) fail(fatal, path);
    return r.mailboxes.map((m) => finish(m, [], path));
  }
  assertHeaderSafe(item.name ?? '', [...path, 'name']);
  const name = (item.name ?? '').trim();
  assertHeaderSafe(item.address, [...path, 'address'], false);
  const address = item.address.trim();
  const problems = checkAddrSpec(address);
  const at = address.lastIndexOf('@');
  return [
    finish({ name, address, local: address.slice(0, at), domain: address.slice(at + 1) }, problems, [
      ...path,
      'address',
    ]),
  ];
}

/** Every mailbox in an address-list input, in order. */
export function resolveAddressList(input: AddressListInput | undefined, path: Path): Mailbox[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input.flatMap((item, i) => one(item, [...path, i]));
  return one(input, path);
}

/** Exactly one mailbox (From, Sender). */
export function resolveMailbox(input: AddressListInput | undefined, path: Path): Mailbox | undefined {
  const list = resolveAddressList(input, path);
  if (list.length > 1) {
    throw new ComposeError('compose.address-invalid', `expected one address, got ${list.length}.`, path);
  }
  return list[0];
}
