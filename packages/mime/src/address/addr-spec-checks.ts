/**
 * Content checks of an addr-spec whose structure the parser has already established: the local
 * part is one dot-atom or one quoted-string and the domain one dot-atom or one domain literal,
 * written without whitespace or comments. Each check is a single loop over the text.
 */
import { isIPv4, isIPv6 } from 'node:net';
import {
  BACKSLASH,
  DOT,
  DQUOTE,
  HYPHEN,
  isAsciiDigit,
  isAsciiLetter,
  isControl,
  isWsp,
  LBRACKET,
} from './chars.js';
import { hasInvisibleCharacter, toAsciiDomain } from './idna.js';
import { MAX_DOMAIN_LENGTH, MAX_LABEL_LENGTH } from './limits.js';
import { makeProblem, SES_TEXT } from './problems.js';
import type { Work } from './tokenizer.js';
import type { AddressProblem } from './types.js';

/** Options of the domain check. */
export interface DomainCheckOptions {
  requireDottedDomain: boolean;
}

/** Where a dot sits wrongly in a dot-atom, or undefined when the dots are fine. */
function dotFault(text: string, work: Work): 'start' | 'end' | 'double' | undefined {
  if (text.charCodeAt(0) === DOT) return 'start';
  if (text.charCodeAt(text.length - 1) === DOT) return 'end';
  for (let i = 1; i < text.length; i++) {
    if (text.charCodeAt(i) === DOT && text.charCodeAt(i - 1) === DOT) {
      work.steps += i;
      return 'double';
    }
  }
  work.steps += text.length;
  return undefined;
}

/**
 * Checks a non-empty local part as written (`john.doe`, `"john doe"`); the parser has refused an empty one.
 * `address` is the whole addr-spec, for messages.
 */
export function checkLocalPart(local: string, address: string, work: Work): AddressProblem[] {
  if (local.charCodeAt(0) === DQUOTE) return checkQuotedLocal(local, address, work);
  for (let i = 0; i < local.length; i++) {
    if (local.charCodeAt(i) === DQUOTE) {
      work.steps += i;
      return [
        makeProblem(
          'address.invalid',
          address,
          `${SES_TEXT.illegal}: Quote not at start of local address.`,
          true,
          'A local part is either plain (name.surname) or entirely one quoted string ("any text").',
        ),
      ];
    }
  }
  const fault = dotFault(local, work);
  if (fault !== undefined) {
    const where =
      fault === 'start'
        ? 'starts with a dot'
        : fault === 'end'
          ? 'ends with a dot'
          : 'contains two dots in a row';
    return [
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: the local part ${where}.`,
        true,
        'Remove the stray dot; dots may only separate characters of the local part.',
      ),
    ];
  }
  return nonAsciiLocal(local, address, work);
}

function nonAsciiLocal(local: string, address: string, work: Work): AddressProblem[] {
  for (let i = 0; i < local.length; i++) {
    if (local.charCodeAt(i) > 0x7f) {
      work.steps += i;
      return [
        makeProblem(
          'address.local-non-ascii',
          address,
          'Local address contains non-ASCII characters; SES has no SMTPUTF8 support and forbids Punycode in the local part, so this address cannot be sent to through SES.',
          false,
          'Use an ASCII-only address for this recipient.',
        ),
      ];
    }
  }
  work.steps += local.length;
  return [];
}

function checkQuotedLocal(local: string, address: string, work: Work): AddressProblem[] {
  // Find the closing quote; it must be the last character.
  let close = -1;
  let control = false;
  let confusing = false;
  let i = 1;
  for (; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === BACKSLASH) {
      const e = local.charCodeAt(i + 1);
      if (isControl(e)) control = true;
      if (e === 0x40 || e === 0x3c || e === 0x3e || e === 0x2c) confusing = true;
      i++;
      continue;
    }
    if (c === DQUOTE) {
      close = i;
      break;
    }
    if (isControl(c)) control = true;
    else if (c === 0x40 || c === 0x3c || c === 0x3e || c === 0x2c) confusing = true;
  }
  work.steps += i;
  if (close !== local.length - 1) {
    return [
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: Quote not at end of local address.`,
        true,
        'A local part is either plain (name.surname) or entirely one quoted string ("any text").',
      ),
    ];
  }
  if (close === 1) {
    return [
      makeProblem(
        'address.missing-local',
        address,
        `${SES_TEXT.missingLocal}: the quoted local part is empty.`,
        true,
        "Put the mailbox name before the '@'.",
      ),
    ];
  }
  if (control) {
    return [
      makeProblem(
        'address.whitespace-or-control',
        address,
        `${SES_TEXT.localWhitespace}.`,
        true,
        'Remove control characters and line breaks from the local part.',
      ),
    ];
  }
  if (confusing) {
    return [
      makeProblem(
        'address.ambiguous',
        address,
        "The quoted local part contains '@', '<', '>' or ','; parsers disagree about where such an address goes (nodemailer advisory GHSA-mm7p-fcc7-pg87 sent it to another domain).",
        true,
        'Check the recipient: an address like "x@a.example y"@b.example is almost always an attack or a typo.',
      ),
    ];
  }
  return nonAsciiLocal(local, address, work);
}

/** Checks a domain as written (`example.com`, `[192.0.2.1]`). `address` is the whole addr-spec, for messages. */
export function checkDomain(
  domain: string,
  address: string,
  options: DomainCheckOptions,
  work: Work,
): AddressProblem[] {
  if (domain.length === 0) {
    return [
      makeProblem(
        'address.missing-domain',
        address,
        `${SES_TEXT.missingDomain}.`,
        true,
        "Add the domain after an '@', e.g. 'name@example.com'.",
      ),
    ];
  }
  if (domain.charCodeAt(0) === LBRACKET) return checkDomainLiteral(domain, address, work);
  if (domain.indexOf('[') !== -1) {
    work.steps += domain.length;
    return [literalNotWhole(address)];
  }
  const fault = dotFault(domain, work);
  if (fault !== undefined) {
    const text =
      fault === 'start'
        ? 'Domain starts with dot'
        : fault === 'end'
          ? 'Domain ends with dot'
          : 'Domain contains dot-dot';
    return [
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: ${text}.`,
        true,
        'Remove the stray dot; every label of a domain name must be non-empty.',
      ),
    ];
  }
  let nonAscii = false;
  let illegal = '';
  let labelStart = 0;
  let labels = 1;
  let longLabel = '';
  let hyphenEdge = '';
  for (let i = 0; i <= domain.length; i++) {
    const c = i < domain.length ? domain.charCodeAt(i) : DOT;
    if (c === DOT) {
      if (i - labelStart > MAX_LABEL_LENGTH && longLabel === '') longLabel = domain.slice(labelStart, i);
      if (
        hyphenEdge === '' &&
        (domain.charCodeAt(labelStart) === HYPHEN || domain.charCodeAt(i - 1) === HYPHEN)
      ) {
        hyphenEdge = domain.slice(labelStart, i);
      }
      if (i < domain.length) labels++;
      labelStart = i + 1;
      continue;
    }
    if (c > 0x7f) nonAscii = true;
    else if (!isAsciiLetter(c) && !isAsciiDigit(c) && c !== HYPHEN && illegal === '') {
      illegal = domain[i] as string;
    }
  }
  work.steps += domain.length;
  if (nonAscii) {
    const mapped = mapDomain(domain, address, options, work);
    const at = address.length - domain.length;
    return [
      makeProblem(
        'address.domain-non-ascii',
        address,
        `${SES_TEXT.domainIllegal}: the domain is not ASCII. SES needs internationalized domains in their Punycode (A-label) form.`,
        false,
        mapped.ascii !== undefined
          ? `Write the domain in Punycode: '${address.slice(0, at)}${mapped.ascii}'.`
          : `The domain has no valid Punycode form (${mapped.problems[0]?.reason ?? 'unknown'}); check it for typos.`,
      ),
    ];
  }
  const problems: AddressProblem[] = [];
  if (illegal !== '') {
    problems.push(
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.domainIllegal}: '${illegal}'. Domain names may only contain letters, digits, hyphens and dots.`,
        false,
        illegal === '_'
          ? 'Underscores are allowed in some DNS records but not in mail domains; use the real host name.'
          : 'Check the domain for typos.',
      ),
    );
  }
  if (longLabel !== '') {
    problems.push(
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: the domain label '${longLabel.slice(0, 20)}…' is longer than ${MAX_LABEL_LENGTH} characters.`,
        false,
        'DNS labels are at most 63 characters; check the domain for typos.',
      ),
    );
  }
  if (domain.length > MAX_DOMAIN_LENGTH) {
    problems.push(
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: the domain is longer than ${MAX_DOMAIN_LENGTH} characters.`,
        false,
        'DNS names are at most 253 characters; check the domain for typos.',
      ),
    );
  }
  if (hyphenEdge !== '') {
    problems.push(
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: the domain label '${hyphenEdge}' starts or ends with a hyphen.`,
        false,
        'Host names cannot start or end a label with a hyphen; check the domain for typos.',
      ),
    );
  }
  if (options.requireDottedDomain && labels < 2) {
    problems.push(
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: the domain '${domain}' has a single label; SES can only deliver to a fully qualified domain.`,
        false,
        "Use the full domain name, e.g. 'name@example.com'.",
      ),
    );
  }
  return problems;
}

/** A domain as SES will see it: its ASCII (A-label) form, or why it has none that SES accepts. */
export type MappedDomain =
  | {
      /** The domain to write: as given when ASCII, else its IDNA A-label form (lower case). */
      ascii: string;
      /** Always empty when `ascii` is set. */
      problems: readonly [];
    }
  | {
      /** No domain SES accepts. */
      ascii: undefined;
      /** Why not, at least one: `address.invalid` (or another `address.*` code of the ASCII rules). */
      problems: readonly [AddressProblem, ...AddressProblem[]];
    };

/**
 * Maps a non-ASCII domain to its IDNA (UTS #46) A-label form and checks that form with the same rules
 * as any ASCII domain (characters, dots, label ≤ 63 and domain ≤ 253 characters, hyphens): compatibility
 * characters map to ASCII specials (`＠ ， ； （ ＂ ＊`), full stops (`．` → `.`, so `．．` → `..`), or
 * nothing at all (U+200B), and the mapped text is what every reader of the header sees.
 * Invisible (default-ignorable) characters are refused before mapping: IDNA deletes them silently,
 * so the address the user saw is not the address that would be written.
 */
function mapDomain(domain: string, address: string, options: DomainCheckOptions, work: Work): MappedDomain {
  work.steps += domain.length;
  const refuse = (reason: string): MappedDomain => ({
    ascii: undefined,
    problems: [
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: ${reason}`,
        false,
        'Check the domain for typos; write it in Punycode (A-label) form if in doubt.',
      ),
    ],
  });
  const invisible = hasInvisibleCharacter(domain);
  if (invisible !== undefined) {
    return refuse(
      `the domain contains the invisible character U+${invisible.toString(16).toUpperCase().padStart(4, '0')} (IDNA deletes or rejects such characters, so the domain is not what it looks like).`,
    );
  }
  // Every code point costs at least one A-label character, so a domain of more than
  // 2 × 253 UTF-16 units has no valid A-label form: skip the (linear but costly) conversion.
  if (domain.length > 2 * MAX_DOMAIN_LENGTH) {
    return refuse(`the domain is longer than ${MAX_DOMAIN_LENGTH} characters.`);
  }
  const ascii = toAsciiDomain(domain);
  if (ascii === undefined) return refuse('the domain has no valid IDNA (UTS #46) form.');
  const problems = checkDomain(ascii, ascii, options, work);
  const [first, ...rest] = problems;
  if (first === undefined) return { ascii, problems: [] };
  const rephrase = (p: AddressProblem) =>
    makeProblem(p.code, address, `IDNA maps the domain to '${ascii}': ${p.reason}`, p.fatal, p.hint ?? '');
  return { ascii: undefined, problems: [rephrase(first), ...rest.map(rephrase)] };
}

/**
 * The domain of `address` as SES will see it. An ASCII domain is checked as written; a non-ASCII
 * one is mapped to its IDNA A-label form, which is then checked with the same rules (see
 * {@link mapDomain}). Either way `ascii` is the domain to write, or `problems` say why there is none.
 * `address` is the whole addr-spec, quoted in messages.
 */
export function checkedAsciiDomain(
  domain: string,
  address: string,
  options: DomainCheckOptions,
  work: Work,
): MappedDomain {
  for (let i = 0; i < domain.length; i++) {
    if (domain.charCodeAt(i) > 0x7f) return mapDomain(domain, address, options, work);
  }
  const [first, ...rest] = checkDomain(domain, address, options, work);
  return first === undefined
    ? { ascii: domain, problems: [] }
    : { ascii: undefined, problems: [first, ...rest] };
}

function literalNotWhole(address: string): AddressProblem {
  return makeProblem(
    'address.invalid',
    address,
    `${SES_TEXT.illegal}: a domain literal must be the whole domain ('[192.0.2.1]').`,
    true,
    'Write either a domain name or one bracketed IP address after the @.',
  );
}

function checkDomainLiteral(domain: string, address: string, work: Work): AddressProblem[] {
  work.steps += domain.length;
  const close = domain.indexOf(']');
  if (close === -1) {
    return [
      makeProblem(
        'address.invalid',
        address,
        `${SES_TEXT.illegal}: unterminated domain literal ('[' without ']').`,
        true,
        'Close the bracket: name@[192.0.2.1].',
      ),
    ];
  }
  if (close !== domain.length - 1 || domain.indexOf('[', 1) !== -1) return [literalNotWhole(address)];
  const inner = domain.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (isWsp(c) || isControl(c) || c === BACKSLASH) {
      return [
        makeProblem(
          'address.whitespace-or-control',
          address,
          `${SES_TEXT.domainWhitespace}.`,
          true,
          'Remove spaces, escapes and control characters from the domain literal.',
        ),
      ];
    }
    if (c > 0x7f) {
      return [
        makeProblem(
          'address.domain-non-ascii',
          address,
          `${SES_TEXT.domainIllegal}: the domain literal is not ASCII.`,
          false,
          'A domain literal holds an IPv4 or IPv6 address, e.g. [192.0.2.1].',
        ),
      ];
    }
  }
  const ok = isIPv4(inner) || (inner.slice(0, 5).toLowerCase() === 'ipv6:' && isIPv6(inner.slice(5)));
  if (ok) return [];
  return [
    makeProblem(
      'address.invalid',
      address,
      `${SES_TEXT.illegal}: the domain literal '${domain}' is not an IPv4 address or an 'IPv6:' address.`,
      false,
      "Write an IP address literal as '[192.0.2.1]' or '[IPv6:2001:db8::1]', or use the domain name.",
    ),
  ];
}
