/**
 * The meaning oracle of the repair tests: what two independent readers (Python's `email` package with
 * policy.default, and postal-mime) decode from a message — header values (subject, display names, addresses),
 * text and HTML bodies as text, attachment bytes (SHA-256), file names and content types — so that a test can
 * assert that a repaired message means exactly what its input meant.
 *
 * Normalisations, each one what a fix is allowed to change: line breaks (CRLF, LF and CR are one line break:
 * the repair turns bare newlines into CRLF), and domains compared in their A-label form (the repair writes a
 * non-ASCII domain as Punycode). One more, because the readers disagree about the input itself: the line break
 * right before a delimiter (or at the end of a part cut off by the end of the message) belongs to the delimiter
 * in RFC 2046, and Python drops it, while postal-mime keeps it in 7bit text and attachment bodies. Bodies are
 * therefore compared without trailing line breaks, and attachment bytes also by the hash of the bytes without
 * one final line break.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { domainToASCII, fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';

/** An address as a reader sees it: display name and `local@domain` (domain in A-label form). */
export type SeenAddress = [name: string, address: string];

export interface SeenLeaf {
  type: string;
  filename: string | null;
  sha256?: string;
  /** SHA-256 of the bytes without one final line break. */
  sha256Trimmed?: string;
  text?: string | null;
}

/** What one reader decoded from one message. */
export interface Meaning {
  subject: string | null;
  from: SeenAddress[] | null;
  sender: SeenAddress[] | null;
  to: SeenAddress[] | null;
  cc: SeenAddress[] | null;
  replyTo: SeenAddress[] | null;
  leaves: SeenLeaf[];
  /** postal-mime only: its text and HTML views of the whole message. */
  text?: string | null;
  html?: string | null;
  error?: string;
}

const script = fileURLToPath(new URL('./meaning_email.py', import.meta.url));

/** Line breaks normalised to LF, trailing line breaks removed. */
export const lf = (s: string): string => s.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '');

/** The bytes without one final line break. */
function trimBreak(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n >= 2 && bytes[n - 2] === 13 && bytes[n - 1] === 10) return bytes.subarray(0, n - 2);
  if (n >= 1 && (bytes[n - 1] === 10 || bytes[n - 1] === 13)) return bytes.subarray(0, n - 1);
  return bytes;
}

function address(name: string, local: string, domain: string): SeenAddress {
  const ascii = domain === '' ? '' : domainToASCII(domain) || domain;
  return [name, domain === '' ? local : `${local}@${ascii.toLowerCase()}`];
}

interface PyAddress extends Array<string> {}
interface PyLeaf {
  type: string;
  filename: string | null;
  sha256: string;
  sha256Trimmed: string;
  text?: string | null;
}
interface PyResult {
  error?: string;
  subject: string | null;
  from: PyAddress[] | null;
  sender: PyAddress[] | null;
  to: PyAddress[] | null;
  cc: PyAddress[] | null;
  replyTo: PyAddress[] | null;
  leaves: PyLeaf[];
}

const pyList = (list: PyAddress[] | null): SeenAddress[] | null =>
  list === null ? null : list.map(([n, l, d]) => address(n ?? '', l ?? '', d ?? ''));

/** Python's reading of each message (one python3 process for the whole batch). */
export function pythonMeaning(messages: readonly Uint8Array[]): Meaning[] {
  const input = JSON.stringify(messages.map((m) => Buffer.from(m).toString('base64')));
  const r = spawnSync('python3', [script], { input, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as PyResult[]).map((p) =>
    p.error !== undefined
      ? {
          error: p.error,
          subject: null,
          from: null,
          sender: null,
          to: null,
          cc: null,
          replyTo: null,
          leaves: [],
        }
      : {
          subject: p.subject,
          from: pyList(p.from),
          sender: pyList(p.sender),
          to: pyList(p.to),
          cc: pyList(p.cc),
          replyTo: pyList(p.replyTo),
          leaves: p.leaves.map((l) => ({
            type: l.type,
            filename: l.filename,
            sha256: l.type.startsWith('text/') ? undefined : l.sha256,
            sha256Trimmed: l.type.startsWith('text/') ? undefined : l.sha256Trimmed,
            text: l.text === undefined || l.text === null ? l.text : lf(l.text),
          })),
        },
  );
}

interface PmAddress {
  name?: string;
  address?: string;
  group?: PmAddress[];
}

function pmList(list: PmAddress | PmAddress[] | undefined): SeenAddress[] | null {
  if (list === undefined) return null;
  const out: SeenAddress[] = [];
  const add = (a: PmAddress) => {
    if (a.group) for (const m of a.group) add(m);
    else {
      const addr = a.address ?? '';
      const at = addr.lastIndexOf('@');
      out.push(
        address(a.name ?? '', at === -1 ? addr : addr.slice(0, at), at === -1 ? '' : addr.slice(at + 1)),
      );
    }
  };
  for (const a of Array.isArray(list) ? list : [list]) add(a);
  return out;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** postal-mime's reading of one message. */
export async function postalMeaning(raw: Uint8Array): Promise<Meaning> {
  try {
    const r = await PostalMime.parse(Buffer.from(raw));
    return {
      subject: r.subject ?? null,
      from: pmList(r.from),
      sender: pmList(r.sender),
      to: pmList(r.to),
      cc: pmList(r.cc),
      replyTo: pmList(r.replyTo),
      text: r.text === undefined ? null : lf(r.text),
      html: r.html === undefined ? null : lf(r.html),
      leaves: r.attachments.map((a) => ({
        type: a.mimeType,
        filename: a.filename,
        sha256: sha256(new Uint8Array(a.content as ArrayBuffer)),
        sha256Trimmed: sha256(trimBreak(new Uint8Array(a.content as ArrayBuffer))),
      })),
    };
  } catch (error) {
    return {
      error: String(error),
      subject: null,
      from: null,
      sender: null,
      to: null,
      cc: null,
      replyTo: null,
      leaves: [],
    };
  }
}

const full = ({ sha256Trimmed: _t, ...leaf }: SeenLeaf) => leaf;
const trimmed = ({ sha256: _s, ...leaf }: SeenLeaf) => leaf;

/**
 * The differences between what a reader saw in `before` and in `after` (empty when the meaning is the same).
 * A field the reader could not decode from `before` at all (an error, or U+FFFD in a header value) is not
 * compared: there was no meaning to keep.
 */
export function meaningDiff(before: Meaning, after: Meaning, reader: string): string[] {
  if (before.error !== undefined) return [];
  if (after.error !== undefined) return [`${reader}: the repaired message does not parse: ${after.error}`];
  const diffs: string[] = [];
  const keys = ['subject', 'from', 'sender', 'to', 'cc', 'replyTo', 'text', 'html', 'leaves'] as const;
  for (const k of keys) {
    const b = JSON.stringify(k === 'leaves' ? before.leaves.map(full) : (before[k] ?? null));
    const a = JSON.stringify(k === 'leaves' ? after.leaves.map(full) : (after[k] ?? null));
    if (b === a) continue;
    if (
      k === 'leaves' &&
      JSON.stringify(before.leaves.map(trimmed)) === JSON.stringify(after.leaves.map(trimmed))
    )
      continue;
    if (k !== 'leaves' && k !== 'text' && k !== 'html' && b.includes('\ufffd')) continue;
    diffs.push(`${reader} ${k}: ${b} -> ${a}`);
  }
  return diffs;
}

/** For each (before, after) pair: every difference either reader sees (Python in one batch for all pairs). */
export async function meaningDiffs(
  pairs: readonly { before: Uint8Array; after: Uint8Array }[],
): Promise<string[][]> {
  const py = pythonMeaning(pairs.flatMap((p) => [p.before, p.after]));
  const out: string[][] = [];
  for (const [i, p] of pairs.entries()) {
    const diffs = meaningDiff(py[2 * i] as Meaning, py[2 * i + 1] as Meaning, 'python email');
    diffs.push(...meaningDiff(await postalMeaning(p.before), await postalMeaning(p.after), 'postal-mime'));
    out.push(diffs);
  }
  return out;
}
