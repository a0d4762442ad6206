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
import type { AddressInput, AddressListInput, RecipientListInput } from './input-types.js';

/** A mailbox ready to be written: ASCII address, display name as given (Unicode). */
export interface Mailbox {
  name: string;
  address: string;
}

/** A group ready to be written: its display name (Unicode, non-empty) and its mailboxes (possibly none). */
export interface MailboxGroup {
  group: string;
  members: Mailbox[];
}

/** One entry of a To/Cc/Bcc header: a mailbox or a group. */
export type RecipientEntry = Mailbox | MailboxGroup;

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

function groupName(name: string, path: Path): string {
  assertHeaderSafe(name, path);
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new ComposeError(
      'compose.address-invalid',
      "a group needs a display name, e.g. { name: 'undisclosed-recipients', group: [] }.",
      path,
    );
  }
  return trimmed;
}

/** A string's entries; groups only when `allowGroups` (To, Cc, Bcc). */
function parsedEntries(item: string, path: Path, allowGroups: boolean): RecipientEntry[] {
  assertHeaderSafe(item, path, false);
  const r = parseAddressList(item, { allowGroups, allowUnicodeNames: true });
  const fatal = r.problems.find((p) => p.code !== 'address.domain-non-ascii');
  if (fatal) fail(fatal, path);
  return r.entries.map((e) =>
    'group' in e
      ? { group: groupName(e.group, path), members: e.members.map((m) => finish(m, [], path)) }
      : finish(e, [], path),
  );
}

function one(item: AddressInput, path: Path): Mailbox[] {
  if (typeof item === 'string') return parsedEntries(item, path, false) as Mailbox[];
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

/**
 * Every entry of a To/Cc/Bcc input, in order: mailboxes and groups (`{ name, group }` objects, or group syntax in
 * a string). Group members are mailboxes; a group inside a group is refused.
 */
export function resolveRecipients(input: RecipientListInput | undefined, path: Path): RecipientEntry[] {
  if (input === undefined) return [];
  const items = Array.isArray(input) ? input : [input];
  const out: RecipientEntry[] = [];
  items.forEach((item, i) => {
    const p = Array.isArray(input) ? [...path, i] : path;
    if (typeof item === 'string') out.push(...parsedEntries(item, p, true));
    else if ('group' in item) {
      const name = groupName(item.name, [...p, 'name']);
      const members = item.group.flatMap((m, j) => one(m, [...p, 'group', j]));
      out.push({ group: name, members });
    } else out.push(...one(item, p));
  });
  return out;
}

/** The mailboxes of recipient entries, group members flattened in, in order. */
export function recipientMailboxes(entries: readonly RecipientEntry[]): Mailbox[] {
  return entries.flatMap((e) => ('group' in e ? e.members : [e]));
}

/** Exactly one mailbox (From, Sender). */
export function resolveMailbox(input: AddressListInput | undefined, path: Path): Mailbox | undefined {
  const list = resolveAddressList(input, path);
  if (list.length > 1) {
    throw new ComposeError('compose.address-invalid', `expected one address, got ${list.length}.`, path);
  }
  return list[0];
}
