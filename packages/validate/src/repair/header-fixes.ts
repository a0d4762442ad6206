/**
 * Rewrites of one header field, each keeping what readers decode from it: unstructured text, address lists,
 * Content-Type / Content-Disposition parameters, and plain refolding. Every function returns the complete new
 * field (folded, CRLF line endings, ASCII only) or undefined when the field cannot be fixed without guessing.
 */
import {
  decodeEncodedWord,
  type EncodedWord,
  HeaderWriter,
  MimeError,
  type Param,
  parseParamsValue,
  scanEncodedWords,
  writePhrase,
  writeUnstructured,
  writeValueWithParams,
} from '@rawmail/mime';
import {
  checkAddrSpec,
  type Group,
  type Mailbox,
  parseAddressList,
  toAsciiDomain,
} from '@rawmail/mime/address';
import { assumedNote, type HeaderText, headerText } from './header-text.js';

/** A field's new text and what was assumed to make it. */
export interface FieldRewrite {
  /** The whole field, `Name: value` folded, each line ending in CRLF. */
  text: string;
  /** A sentence for the fix message when the input bytes were not UTF-8 (else ''). */
  note: string;
}

/** Fields read as unstructured text (RFC 5322 §3.6.5 and every `X-` field, as Python's email package reads them). */
const UNSTRUCTURED = new Set(['subject', 'comments', 'content-description', 'thread-topic', 'organization']);

export function isUnstructured(lowerName: string): boolean {
  return UNSTRUCTURED.has(lowerName) || lowerName.startsWith('x-');
}

/** C0 controls but TAB, and DEL: a value with one is a header-injection hazard, never rewritten. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** A word's text, also for a B word whose only fault is missing `=` padding (readers decode those). */
function wordText(word: EncodedWord): string | undefined {
  const decoded = decodeEncodedWord(word);
  if ('text' in decoded) return decoded.text;
  if (
    word.encoding.toUpperCase() === 'B' &&
    word.payload.length % 4 !== 0 &&
    /^[A-Za-z0-9+/]+$/.test(word.payload)
  ) {
    const padded = { ...word, payload: word.payload + '='.repeat(4 - (word.payload.length % 4)) };
    const retry = decodeEncodedWord(padded);
    if ('text' in retry) return retry.text;
  }
  return undefined;
}

/**
 * Decodes the encoded words of a text as readers do (RFC 2047 §6.2: whitespace between two adjacent words is
 * dropped). undefined when a word does not decode: its meaning is unknown, so the field is left alone.
 */
export function decodeWords(text: string): string | undefined {
  const words = scanEncodedWords(text);
  if (words.length === 0) return text;
  let out = '';
  let last = 0;
  let lastWasWord = false;
  for (const w of words) {
    const decoded = wordText(w);
    if (decoded === undefined) return undefined;
    const between = text.slice(last, w.start);
    out += lastWasWord && /^[ \t]*$/.test(between) ? '' : between;
    out += decoded;
    lastWasWord = true;
    last = w.start + w.text.length;
  }
  return out + text.slice(last);
}

/** Runs `write` into a fresh writer for `name`; undefined when a token cannot fit a line (MimeError). */
function written(name: string, write: (w: HeaderWriter) => void): string | undefined {
  const w = new HeaderWriter(name);
  try {
    write(w);
  } catch (error) {
    if (error instanceof MimeError) return undefined;
    throw error;
  }
  return w.finish();
}

/** Unstructured text (Subject, X-…): decoded to text, written back as plain words and RFC 2047 encoded words. */
export function rewriteUnstructured(
  name: string,
  value: string,
  charset: string | undefined,
): FieldRewrite | undefined {
  const t: HeaderText = headerText(value, charset);
  if (CONTROL.test(t.text)) return undefined;
  const decoded = decodeWords(t.text.replace(/^[ \t]+/, ''));
  if (decoded === undefined) return undefined;
  const text = written(name, (w) => writeUnstructured(w, decoded));
  return text === undefined ? undefined : { text, note: assumedNote(t) };
}

function asciiMailbox(m: Mailbox): string | undefined {
  if (!/[^\x00-\x7f]/.test(m.domain)) return m.address;
  if (/[^\x00-\x7f]/.test(m.local)) return undefined;
  const ascii = toAsciiDomain(m.domain);
  if (ascii === undefined) return undefined;
  const address = `${m.local}@${ascii}`;
  return checkAddrSpec(address).length === 0 ? address : undefined;
}

/**
 * An address header (From, To, Cc, Reply-To, Sender, Bcc): display names as encoded words where needed, non-ASCII
 * domains as Punycode. Only when the list parses with no problem but non-ASCII domains that have an A-label
 * form, and has no comment (which a rewrite would drop).
 */
export function rewriteAddressField(
  name: string,
  value: string,
  allowGroups: boolean,
): FieldRewrite | undefined {
  const t = headerText(value, undefined);
  if (t.assumed !== undefined || CONTROL.test(t.text) || t.text.includes('(')) return undefined;
  if (decodeWords(t.text) === undefined) return undefined;
  // Names are decoded here (not by the parser) so that words readers accept without padding decode too.
  const parsed = parseAddressList(t.text, { allowGroups });
  if (parsed.problems.some((p) => p.code !== 'address.domain-non-ascii')) return undefined;
  if (parsed.entries.length === 0) return undefined;
  const entries: (Mailbox | Group)[] = parsed.entries;
  const addresses = new Map<Mailbox, string>();
  for (const m of parsed.mailboxes) {
    const a = asciiMailbox(m);
    if (a === undefined) return undefined;
    addresses.set(m, a);
  }
  const names = new Map<Mailbox | Group, string>();
  for (const e of [...parsed.entries, ...parsed.mailboxes]) {
    const decoded = decodeWords('group' in e ? e.group : e.name);
    if (decoded === undefined) return undefined;
    names.set(e, decoded);
  }
  const mailbox = (w: HeaderWriter, m: Mailbox) => {
    const address = addresses.get(m) as string;
    const name = names.get(m) as string;
    if (name === '') w.space(address);
    else {
      writePhrase(w, name);
      w.space(`<${address}>`);
    }
  };
  const text = written(name, (w) => {
    entries.forEach((e, i) => {
      if (i > 0) w.glue(',');
      if ('group' in e) {
        writePhrase(w, names.get(e) as string);
        w.glue(':');
        e.members.forEach((m, j) => {
          if (j > 0) w.glue(',');
          mailbox(w, m);
        });
        w.glue(';');
      } else mailbox(w, e);
    });
  });
  return text === undefined ? undefined : { text, note: '' };
}

const NON_ASCII = /[\x80-\xff]/;

/**
 * Content-Type / Content-Disposition: a raw 8-bit or badly encoded file name becomes RFC 2231 `filename*` (in
 * Content-Disposition) or the legacy quoted RFC 2047 `name` (in Content-Type), the form every reader decodes;
 * every other parameter is written back with its value unchanged.
 */
export function rewriteParamsField(
  name: string,
  lowerName: 'content-type' | 'content-disposition',
  value: string,
  charset: string | undefined,
): FieldRewrite | undefined {
  const parsed = parseParamsValue(value, lowerName === 'content-type');
  if (parsed.error !== undefined) return undefined;
  const fileParam = lowerName === 'content-type' ? 'name' : 'filename';
  if (parsed.params.some((p) => p.name.startsWith(`${fileParam}*`))) return undefined;
  let note = '';
  const params: Param[] = [];
  for (const p of parsed.params) {
    if (p.name !== fileParam) {
      if (NON_ASCII.test(p.value) || CONTROL.test(p.value)) return undefined;
      params.push({ name: p.name, value: p.value });
      continue;
    }
    const t = headerText(p.value, charset);
    if (CONTROL.test(t.text)) return undefined;
    const decoded = decodeWords(t.text);
    if (decoded === undefined) return undefined;
    note ||= assumedNote(t);
    params.push({
      name: p.name,
      value: decoded,
      kind: lowerName === 'content-type' ? 'legacy-name' : 'filename',
    });
  }
  const text = written(name, (w) => writeValueWithParams(w, parsed.value, params));
  return text === undefined ? undefined : { text, note };
}

/**
 * Refolds a field at its whitespace (never inside a quoted string): unfolding the result gives back exactly the
 * same value. undefined when a run without whitespace is too long for one line.
 */
export function refold(name: string, value: string): FieldRewrite | undefined {
  const tokens: { ws: string; token: string }[] = [];
  let i = 0;
  let ws = '';
  while (i < value.length) {
    const c = value[i];
    if (c === ' ' || c === '\t') {
      ws += c;
      i++;
      continue;
    }
    let j = i;
    let quoted = false;
    while (j < value.length) {
      const d = value[j];
      if (quoted) {
        if (d === '\\') j++;
        else if (d === '"') quoted = false;
      } else if (d === '"') quoted = true;
      else if (d === ' ' || d === '\t') break;
      j++;
    }
    tokens.push({ ws, token: value.slice(i, j) });
    ws = '';
    i = j;
  }
  const text = written(name, (w) => {
    for (const t of tokens) w.space(t.token, t.ws);
    if (ws !== '') w.glue(ws);
  });
  return text === undefined ? undefined : { text, note: '' };
}
