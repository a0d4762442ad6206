/** Checking a bare `local@domain` (envelope destinations, the `Source` address). */
import { checkedAsciiDomain, type MappedDomain } from './addr-spec-checks.js';
import { parseMailbox } from './address-list.js';
import { problemFrom } from './problems.js';
import { notBare, STRUCTURE } from './structure-problems.js';
import type { AddressProblem } from './types.js';

/**
 * Checks a bare addr-spec `local@domain` (an envelope destination) with the same parser and
 * checks as {@link parseAddressList}. No display name, angle brackets, comments or surrounding
 * whitespace are allowed: the text must be exactly the address SES will use. Returns an empty
 * array when SES will accept the address. Never throws.
 */
export function checkAddrSpec(address: string): AddressProblem[] {
  const r = parseMailbox(address);
  const problems = r.problems;
  if (r.mailbox !== undefined && (r.mailbox.address !== address || r.mailbox.name !== '')) {
    problems.push(problemFrom(notBare(r.mailbox.address), String(address), true));
  } else if (r.mailbox === undefined && problems.length === 0) {
    problems.push(problemFrom(STRUCTURE.emptyMailbox, String(address), true));
  }
  return problems;
}

/**
 * The domain to write for an address whose local part and domain the parser has accepted: an ASCII
 * domain as written, a non-ASCII one in its IDNA (UTS #46) A-label form — in both cases checked with
 * the same rules (letters, digits and hyphens; no empty label; labels ≤ 63 and the whole ≤ 253
 * characters, counted on the A-label form). Compatibility characters that map to ASCII specials
 * (`exa\uFF0Cmple.org` → `exa,mple.org`), to `..`, or that IDNA deletes (U+200B) are refused, so the
 * written header and the envelope can never disagree. The validator's `address.domain-non-ascii`
 * hint uses the same function. `address` (the whole addr-spec) is quoted in problem messages.
 * Never throws.
 */
export function toCheckedAsciiDomain(
  domain: string,
  options: { address?: string; requireDottedDomain?: boolean } = {},
): MappedDomain {
  return checkedAsciiDomain(
    String(domain),
    options.address ?? String(domain),
    { requireDottedDomain: options.requireDottedDomain === true },
    { steps: 0 },
  );
}
