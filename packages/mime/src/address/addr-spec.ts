/** Checking a bare `local@domain` (envelope destinations, the `Source` address). */
import { parseMailbox } from './address-list.js';
import { problemFrom } from './problems.js';
import { STRUCTURE } from './structure-problems.js';
import type { AddressProblem } from './types.js';

/**
 * Checks a bare addr-spec `local@domain` (an envelope destination) with the same parser and
 * checks as {@link parseAddressList}. No display name, angle brackets, comments or surrounding
 * whitespace are allowed: the text must be exactly the address SES will use. Returns an empty
 * array when SES will accept the address. Never throws.
 */
export function checkAddrSpec(address: string): AddressProblem[] {
  const r = parseMailbox(address, { allowGroups: false });
  const problems = r.problems;
  if (r.mailbox !== undefined && (r.mailbox.address !== address || r.mailbox.name !== '')) {
    problems.push(
      problemFrom({ ...STRUCTURE.notBare, hint: `Use '${r.mailbox.address}'.` }, String(address), true),
    );
  } else if (r.mailbox === undefined && problems.length === 0) {
    problems.push(problemFrom(STRUCTURE.emptyMailbox, String(address), true));
  }
  return problems;
}
