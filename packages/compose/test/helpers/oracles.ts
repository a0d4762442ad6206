/** Independent parsers the tests compare against: Python's email package (one process per batch), mailparser, postal-mime. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';

export interface PyLeaf {
  type: string;
  filename: string | null;
  cid: string | null;
  disposition: string | null;
  bytes: string;
  text?: string;
}
export interface PyResult {
  error?: string;
  subject: string | null;
  from: [string, string][] | null;
  sender: [string, string][] | null;
  to: [string, string][] | null;
  cc: [string, string][] | null;
  replyTo: [string, string][] | null;
  bcc: boolean;
  contentType: string;
  leaves: PyLeaf[];
  defects: string[];
}

const script = fileURLToPath(new URL('./python_email.py', import.meta.url));

/** Parses every message with Python's `email.message_from_bytes(raw, policy=email.policy.default)` in one process. */
export function pythonParse(messages: readonly Uint8Array[]): PyResult[] {
  const input = JSON.stringify(messages.map((m) => Buffer.from(m).toString('base64')));
  const r = spawnSync('python3', [script], { input, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  if (r.error)
    throw new Error(`python3 is required for this oracle (.ci/run installs it): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyResult[];
}

/** mailparser's simpleParser. */
export function mailparser(raw: Uint8Array) {
  return simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
}

/** postal-mime. */
export function postalMime(raw: Uint8Array) {
  return PostalMime.parse(Buffer.from(raw));
}

/** Line breaks normalised to LF (parsers differ in what they return for CRLF bodies). */
export const lf = (s: string) => s.replace(/\r\n|\r/g, '\n');
