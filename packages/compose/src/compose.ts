/** `compose` and `composeStream`: input → checked fields → MIME tree → bytes. */
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { Readable } from 'node:stream';
import { addressField } from './address-header.js';
import { type Mailbox, resolveAddressList, resolveMailbox } from './addresses.js';
import { type ResolvedAttachment, resolveAttachment } from './attachments.js';
import { encodeTextBody, encodeUtf8TextBody, toCrlf } from './body-encoding.js';
import { checkCharset, encodeText } from './charset.js';
import { formatDate } from './date-header.js';
import { ComposeError } from './errors.js';
import { fastInput, fastOptions } from './fast-input.js';
import { assertHeaderSafe } from './header-safety.js';
import { HeaderWriter } from './header-writer.js';
import { customHeaders, listHeaders, priorityHeaders, unstructuredField } from './headers.js';
import { composeInputSchema, composeOptionsSchema, parseOrThrow } from './input-schema.js';
import type { ComposeInput, ComposeOptions } from './input-types.js';
import { MAX_BOUNDARY } from './limits.js';
import { messageIdField, messageIdList, normalizeMessageId } from './message-id.js';
import { shapeMessage } from './message-shape.js';
import { writeValueWithParams } from './mime-params.js';
import {
  type Leaf,
  type MimeNode,
  type Multipart,
  type Segment,
  SizeMismatch,
  segments,
  segmentsSize,
  serialize,
  serializeToBuffer,
} from './mime-tree.js';

/** Who the message goes to on the wire: `from` is the envelope sender, `to` every To, Cc and Bcc address once. */
export interface Envelope {
  /** The Sender header's address when there is one, else the From address (address only, no display name). */
  from: string;
  /** To, Cc and Bcc addresses in that order, each once (compared case-insensitively, first spelling kept). */
  to: string[];
}

/** What `compose` returns. */
export interface ComposedMessage {
  /** The whole message: 7-bit clean, CRLF line endings, lines ≤ 998 octets. */
  raw: Uint8Array;
  /** Envelope sender and recipients (Bcc recipients are here and nowhere in `raw`). */
  envelope: Envelope;
  /** The Message-ID header value, with angle brackets. */
  messageId: string;
  /** `raw.length`. */
  size: number;
}

/** What `composeStream` returns. */
export interface ComposedStream {
  /** The message bytes; attachments given as streams or paths are read as the stream is consumed. */
  stream: Readable;
  /** Envelope sender and recipients (Bcc recipients are here and nowhere in `stream`). */
  envelope: Envelope;
  /** The Message-ID header value, with angle brackets. */
  messageId: string;
  /** Exact byte length of `stream`, when every attachment's length is known up front (no stream attachments). */
  size?: number;
}

const BCHARS = /^[0-9A-Za-z'()+_,\-./:=? ]*[0-9A-Za-z'()+_,\-./:=?]$/;
const seed = randomBytes(6).toString('hex');
let counter = 0;

function defaultBoundary(): string {
  counter = (counter + 1) % 36 ** 8;
  return `=_rm_${seed}_${counter.toString(36).padStart(8, '0')}`;
}

/** Bodies a boundary could occur in. Quoted-printable and base64 can never contain "=_" ("=" is always
 * followed by hex digits or a line break in QP, and only pads the end in base64), so with a boundary containing
 * "=_" (like the default ones) only 7bit and 8bit bodies need scanning. */
function collectEncoded(node: MimeNode, out: Uint8Array[], onlyPlain: boolean): void {
  if (node.type === 'leaf') {
    const b = node.body;
    if (b.kind === 'encoded' && (!onlyPlain || b.transfer === '7bit' || b.transfer === '8bit'))
      out.push(b.bytes);
  } else for (const c of node.children) collectEncoded(c, out, onlyPlain);
}

function multipartFactory(gen: ((index: number) => string) | undefined) {
  const used: string[] = [];
  let index = 0;
  return (subtype: 'mixed' | 'alternative' | 'related', children: MimeNode[]): Multipart => {
    for (let attempt = 0; attempt < 16; attempt++) {
      const b = gen ? gen(index++) : defaultBoundary();
      if (typeof b !== 'string' || b.length > MAX_BOUNDARY || !BCHARS.test(b)) {
        throw new ComposeError(
          'compose.boundary-invalid',
          `boundary generator returned ${JSON.stringify(b)}; a boundary is 1–70 characters from RFC 2046 bchars (letters, digits, '()+_,-./:=? and inner spaces).`,
          ['options', 'boundary'],
        );
      }
      if (used.some((u) => u.startsWith(b) || b.startsWith(u))) continue;
      const bodies: Uint8Array[] = [];
      for (const c of children) collectEncoded(c, bodies, b.includes('=_'));
      if (
        bodies.some((body) =>
          Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes(b, 0, 'latin1'),
        )
      )
        continue;
      used.push(b);
      const w = new HeaderWriter('Content-Type');
      writeValueWithParams(w, `multipart/${subtype}`, [{ name: 'boundary', value: b }]);
      return { type: 'multipart', header: w.finish(), boundary: b, children };
    }
    throw new ComposeError(
      'compose.boundary-invalid',
      'the boundary generator kept returning boundaries that repeat, prefix one another or occur in the content.',
      ['options', 'boundary'],
    );
  };
}

function textLeaf(
  subtype: 'plain' | 'html' | 'calendar',
  content: string | Uint8Array,
  charset: string,
  path: ReadonlyArray<string | number>,
  extra: Array<{ name: string; value: string }> = [],
): Leaf {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new ComposeError(
        'compose.input-invalid',
        'bytes given as text must be valid UTF-8; pass a string instead.',
        path,
      );
    }
  }
  const crlf = toCrlf(text);
  const body =
    charset === 'utf-8' ? encodeUtf8TextBody(crlf) : encodeTextBody(encodeText(crlf, charset, path));
  const w = new HeaderWriter('Content-Type');
  writeValueWithParams(w, `text/${subtype}`, [{ name: 'charset', value: charset }, ...extra]);
  return {
    type: 'leaf',
    header: `${w.finish()}Content-Transfer-Encoding: ${body.encoding}\r\n`,
    body: {
      kind: 'encoded',
      bytes: body.bytes,
      terminated: body.encoding === 'base64',
      transfer: body.encoding,
    },
  };
}

function toDate(input: ComposeInput['date'], options: ComposeOptions): Date {
  const d =
    input === undefined
      ? options.date
        ? options.date()
        : new Date()
      : typeof input === 'string'
        ? new Date(input)
        : input;
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new ComposeError(
      'compose.input-invalid',
      'is not a valid date.',
      input === undefined ? ['options', 'date'] : ['date'],
    );
  }
  return d;
}

function asciiHostname(name: string): string {
  const h = name.trim().toLowerCase();
  if (!/^[a-z0-9.-]{1,253}$/.test(h)) {
    throw new ComposeError(
      'compose.options-invalid',
      `hostname '${name}' must be an ASCII (Punycode) host name.`,
      ['options', 'hostname'],
    );
  }
  return h;
}

/**
 * With `icalEvent.filename`, the event is also attached as a file, as nodemailer does: `application/ics`, base64,
 * `Content-Disposition: attachment`, after the other attachments.
 */
function icalAttachment(
  event: NonNullable<ComposeInput['icalEvent']>,
  legacyNames: boolean,
): ResolvedAttachment {
  const filename = event.filename ?? '';
  if (filename.trim() === '') {
    throw new ComposeError(
      'compose.input-invalid',
      "is blank; give the invitation's file name (e.g. 'invite.ics'), or leave it out to send the event only as the text/calendar alternative.",
      ['icalEvent', 'filename'],
    );
  }
  return resolveAttachment(
    { filename, content: event.content, contentType: 'application/ics', contentDisposition: 'attachment' },
    ['icalEvent'],
    legacyNames,
  );
}

interface Prepared {
  segments: Segment[];
  size: number | undefined;
  envelope: Envelope;
  messageId: string;
}

function uniqueAddresses(lists: Mailbox[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const m of list) {
      const key = m.address.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(m.address);
      }
    }
  }
  return out;
}

function prepare(rawInput: ComposeInput, rawOptions: ComposeOptions | undefined): Prepared {
  const options =
    fastOptions(rawOptions) ??
    parseOrThrow(composeOptionsSchema, rawOptions, 'compose.options-invalid', ['options']);
  const input =
    fastInput(rawInput) ?? parseOrThrow(composeInputSchema, rawInput, 'compose.input-invalid', []);
  const charset =
    options.charset !== undefined ? checkCharset(options.charset, ['options', 'charset']) : 'utf-8';

  const from = resolveMailbox(input.from, ['from']);
  if (from === undefined) {
    throw new ComposeError(
      'compose.from-missing',
      "a `from` address is required (SES: Missing required header 'From').",
      ['from'],
    );
  }
  const sender = resolveMailbox(input.sender, ['sender']);
  const replyTo = resolveAddressList(input.replyTo, ['replyTo']);
  const to = resolveAddressList(input.to, ['to']);
  const cc = resolveAddressList(input.cc, ['cc']);
  const bcc = resolveAddressList(input.bcc, ['bcc']);

  let header = addressField('From', [from]);
  if (sender) header += addressField('Sender', [sender]);
  if (replyTo.length > 0) header += addressField('Reply-To', replyTo);
  if (to.length > 0) header += addressField('To', to);
  if (cc.length > 0) header += addressField('Cc', cc);
  if (input.subject !== undefined) {
    assertHeaderSafe(input.subject, ['subject']);
    header += unstructuredField('Subject', input.subject);
  }
  header += `Date: ${formatDate(toDate(input.date, options))}\r\n`;

  const host =
    options.hostname !== undefined
      ? asciiHostname(options.hostname)
      : from.address.slice(from.address.lastIndexOf('@') + 1) || osHostname();
  let messageId: string;
  if (input.messageId !== undefined) messageId = normalizeMessageId(input.messageId, ['messageId']);
  else if (options.messageId)
    messageId = normalizeMessageId(String(options.messageId()), ['options', 'messageId']);
  else messageId = `<${randomUUID()}@${host}>`;
  header += `Message-ID: ${messageId}\r\n`;
  if (input.inReplyTo !== undefined) {
    assertHeaderSafe(input.inReplyTo, ['inReplyTo']);
    header += messageIdField('In-Reply-To', [normalizeMessageId(input.inReplyTo, ['inReplyTo'])]);
  }
  if (input.references !== undefined) {
    const refs = input.references;
    for (const [i, r] of (typeof refs === 'string' ? [refs] : refs).entries()) {
      assertHeaderSafe(r, typeof refs === 'string' ? ['references'] : ['references', i]);
    }
    const ids = messageIdList(refs, ['references']);
    if (ids.length > 0) header += messageIdField('References', ids);
  }
  header += priorityHeaders(input.priority);
  header += listHeaders(input.list, ['list']);
  header += customHeaders(input, ['headers']);
  header += 'MIME-Version: 1.0\r\n';

  const text = input.text !== undefined ? textLeaf('plain', input.text, charset, ['text']) : undefined;
  const html = input.html !== undefined ? textLeaf('html', input.html, charset, ['html']) : undefined;
  let ical: Leaf | undefined;
  if (input.icalEvent) {
    const method = (input.icalEvent.method ?? 'PUBLISH').toUpperCase();
    if (!/^[A-Z-]{1,32}$/.test(method)) {
      throw new ComposeError(
        'compose.input-invalid',
        `'${method}' is not an iCalendar method (e.g. REQUEST, CANCEL).`,
        ['icalEvent', 'method'],
      );
    }
    ical = textLeaf(
      'calendar',
      input.icalEvent.content,
      'utf-8',
      ['icalEvent', 'content'],
      [{ name: 'method', value: method }],
    );
  }
  const resolved: ResolvedAttachment[] = (input.attachments ?? []).map((a, i) =>
    resolveAttachment(a, ['attachments', i], options.legacyAttachmentNames ?? true),
  );
  if (input.icalEvent?.filename !== undefined) {
    resolved.push(icalAttachment(input.icalEvent, options.legacyAttachmentNames ?? true));
  }
  const inline = html ? resolved.filter((r) => r.cid !== undefined).map((r) => r.leaf) : [];
  const regular = resolved.filter((r) => !(html && r.cid !== undefined)).map((r) => r.leaf);
  const root =
    shapeMessage({ text, html, ical, inline, attachments: regular }, multipartFactory(options.boundary)) ??
    textLeaf('plain', '', charset, ['text']);

  const segs = segments(root, header);
  return {
    segments: segs,
    size: segmentsSize(segs),
    envelope: { from: (sender ?? from).address, to: uniqueAddresses([to, cc, bcc]) },
    messageId,
  };
}

function streamError(err: unknown): unknown {
  if (err instanceof SizeMismatch) {
    return new ComposeError(
      'compose.attachment-unreadable',
      `${err.describe} changed while it was read (expected ${err.expected} bytes).`,
      [],
      {},
      { cause: err },
    );
  }
  return err;
}

/**
 * Composes a complete message in memory.
 *
 * @param input - nodemailer-style fields (`from`, `to`, `subject`, `text`, `html`, `attachments`, …)
 * @param options - deterministic output (`boundary`, `messageId`, `date`, `hostname`) and the text body `charset`
 * @returns the raw bytes, the envelope (including Bcc), the Message-ID and the size
 * @throws {@link ComposeError} for invalid input or options, refused addresses and header injection attempts
 */
export async function compose(input: ComposeInput, options?: ComposeOptions): Promise<ComposedMessage> {
  const p = prepare(input, options);
  let raw: Buffer;
  try {
    raw = await serializeToBuffer(p.segments, p.size);
  } catch (err) {
    throw streamError(err);
  }
  return { raw, envelope: p.envelope, messageId: p.messageId, size: raw.length };
}

/**
 * Composes a message as a stream. Input is checked synchronously (errors throw here); attachments given as
 * streams or file paths are read only as the returned stream is consumed, and never held whole in memory.
 *
 * @returns the stream, envelope and Message-ID, and `size` when every attachment length is known up front
 * @throws {@link ComposeError} for invalid input (synchronously); read failures surface as stream errors
 */
export function composeStream(input: ComposeInput, options?: ComposeOptions): ComposedStream {
  const p = prepare(input, options);
  async function* run(): AsyncGenerator<Uint8Array> {
    try {
      yield* serialize(p.segments);
    } catch (err) {
      throw streamError(err);
    }
  }
  const out: ComposedStream = {
    stream: Readable.from(run(), { objectMode: false }),
    envelope: p.envelope,
    messageId: p.messageId,
  };
  if (p.size !== undefined) out.size = p.size;
  return out;
}
