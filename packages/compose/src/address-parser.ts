/**
 * Adapter to the shared address parser (`@rawmail/validate/address`).
 * INTERIM until that module lands: only bare `local@domain` dot-atom addresses are accepted here; display
 * names come through `{ name, address }`. Replaced by the shared parser in the next commit.
 */
import { domainToASCII } from 'node:url';

export interface ParsedMailbox {
  name: string;
  address: string;
  local: string;
  domain: string;
}
export interface Problem {
  code: string;
  message: string;
  hint?: string;
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

export function parseList(value: string): { mailboxes: ParsedMailbox[]; problems: Problem[] } {
  const mailboxes: ParsedMailbox[] = [];
  const problems: Problem[] = [];
  for (const part of value.split(',')) {
    const a = part.trim();
    if (a === '') continue;
    problems.push(...checkAddrSpec(a));
    const at = a.lastIndexOf('@');
    mailboxes.push({ name: '', address: a, local: a.slice(0, at), domain: a.slice(at + 1) });
  }
  return { mailboxes, problems };
}

export function checkAddrSpec(address: string): Problem[] {
  const at = address.lastIndexOf('@');
  if (at < 0)
    return [{ code: 'address.missing-domain', message: `Address '${address}': Missing final '@domain'.` }];
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '')
    return [{ code: 'address.missing-local', message: `Address '${address}': Missing local name.` }];
  if (/[^\x00-\x7f]/.test(local))
    return [{ code: 'address.local-non-ascii', message: `Address '${address}': non-ASCII local part.` }];
  if (!ATEXT.test(local))
    return [{ code: 'address.invalid', message: `Address '${address}': Illegal address.` }];
  if (/[^\x00-\x7f]/.test(domain)) return [{ code: 'address.domain-non-ascii', message: 'non-ASCII domain' }];
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain))
    return [{ code: 'address.invalid', message: `Address '${address}': Illegal address.` }];
  return [];
}

export function toAsciiDomain(domain: string): string | undefined {
  const d = domainToASCII(domain);
  return d === '' ? undefined : d;
}
