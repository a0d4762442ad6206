/**
 * The public input types of `compose` and `composeStream`, written out so that every field carries its
 * documentation. Field names follow nodemailer's message options. The zod schemas in `input-schema.ts` validate
 * these shapes at run time; compile-time checks there keep the two identical.
 */
import type { Readable } from 'node:stream';

/**
 * One address, or several in one string.
 *
 * - A string: `'a@b.example'`, `'Name <a@b.example>'`, or a comma-separated list such as
 *   `'"Doe, John" <a@b.example>, c@d.example'`. It is parsed by the strict RFC 5322 parser of
 *   `@rawmail/mime/address` (the one the validator and the SES sender use). Groups are not accepted;
 *   ambiguous forms (a quoted local part holding `@`, `<`, `>` or `,`, comments, two angle addresses, source
 *   routes) are refused with `compose.address-ambiguous`.
 * - An object `{ name, address }`: `address` is a bare addr-spec, `name` the display name.
 *
 * In every form, non-ASCII domains are written as Punycode (A-labels) in the headers and the envelope alike, a
 * non-ASCII local part is refused (`compose.address-local-non-ascii`: SES has no SMTPUTF8), and control
 * characters are refused (`compose.header-injection`).
 */
export type AddressInput =
  | string
  | {
      /**
       * Display name, any Unicode text; trimmed. Non-ASCII names are written as RFC 2047 encoded words.
       * Omitted or empty: the bare address is written.
       */
      name?: string | undefined;
      /**
       * The mailbox as a bare addr-spec, `local@domain` (no display name, no angle brackets); trimmed. Required
       * and non-empty.
       */
      address: string;
    };

/**
 * One or several addresses: an {@link AddressInput} (whose string form may itself hold a comma-separated list),
 * or an array of them. The mailboxes are used in order.
 */
export type AddressListInput = AddressInput | AddressInput[];

/**
 * One value of a `List-*` header (see {@link ComposeInput.list}): a URL or a mail address, with an optional
 * comment.
 *
 * - A string: the URL (`'https://example.com/unsubscribe'`, `'mailto:list-request@example.com'`), optionally in
 *   `<>`, or a bare mail address, which becomes a `mailto:` URL. URLs must be ASCII without spaces or angle
 *   brackets (percent-encode other characters), at most 900 characters.
 * - An object `{ url, comment }`: the same URL, plus a comment.
 */
export type ListValue =
  | string
  | {
      /** The URL or bare mail address, as in the string form. */
      url: string;
      /**
       * Text shown beside the URL: written as `(comment)` after it (for `list.id`, as the phrase before the id).
       * Non-ASCII or long comments become RFC 2047 encoded words. Omitted or empty: no comment.
       */
      comment?: string | undefined;
    };

/**
 * One attachment, nodemailer-style. Give exactly one of `content` or `path` (both or neither is
 * `compose.input-invalid`).
 *
 * Attachment bodies are always written in base64 (76 columns), so their bytes come back exactly. With `cid` the
 * part is inline: when the message has `html`, inline parts go into a multipart/related with it.
 */
export interface AttachmentInput {
  /**
   * File name shown to the recipient. Trimmed (surrounding whitespace only hides the real extension); `false`,
   * or a blank name, means none. Written as RFC 2231 `filename*` on Content-Disposition, plus `name` on
   * Content-Type (see {@link ComposeOptions.legacyAttachmentNames}); ASCII names up to 60 characters are
   * written plainly quoted.
   *
   * @defaultValue the file name of `path` (its last path segment); no name for `content`
   */
  filename?: string | false | undefined;
  /**
   * The attachment's bytes: a string (decoded as `encoding` says), a `Uint8Array`/`Buffer`, a `Readable`, or an
   * `AsyncIterable` of `Uint8Array`/string chunks (string chunks are taken as UTF-8). Streams and iterables are
   * read only as the message is written (by `composeStream`, as its stream is consumed), and can be read once;
   * a stream that fails, or that yields another kind of chunk, is `compose.attachment-unreadable`.
   */
  content?: string | Uint8Array | Readable | AsyncIterable<Uint8Array | string> | undefined;
  /**
   * Path of a local file to attach (non-empty). It must exist and be a regular file when `compose` or
   * `composeStream` is called (otherwise `compose.attachment-unreadable`, thrown from the call); it is read
   * 64 KB at a time as the message is written, never whole (a read failure, or a file that changes size
   * meanwhile, is also `compose.attachment-unreadable`). URLs are refused (`compose.input-invalid`): fetch them
   * yourself and pass `content`.
   */
  path?: string | undefined;
  /**
   * MIME type, `type/subtype` only (parameters such as `charset` or `name` are set by the composer); trimmed
   * and lower-cased.
   *
   * @defaultValue detected from the extension of the file name (libmime), else `application/octet-stream`
   */
  contentType?: string | undefined;
  /**
   * Content-ID that `html` refers to as `cid:…`, with or without `<>`: printable ASCII without spaces,
   * brackets, quotes, commas or colons, at most 200 characters (e.g. `'logo@example.com'`). Makes the part
   * inline.
   */
  cid?: string | undefined;
  /**
   * Content-Disposition: `'attachment'` or `'inline'`.
   *
   * @defaultValue `'inline'` when `cid` is set, else `'attachment'`
   */
  contentDisposition?: 'attachment' | 'inline' | undefined;
  /**
   * How a string `content` is encoded: `'utf8'`/`'utf-8'` (text), `'base64'`, `'hex'`, or
   * `'latin1'`/`'binary'` (one byte per character). Only for a string `content`: with bytes, a stream or a
   * `path` it is refused (`compose.input-invalid`), never ignored.
   *
   * @defaultValue `'utf8'`
   */
  encoding?: 'utf8' | 'utf-8' | 'base64' | 'hex' | 'latin1' | 'binary' | undefined;
}

/**
 * Everything `compose` and `composeStream` accept. Field names follow nodemailer's message options; unknown
 * fields are refused (`compose.input-invalid`), so a typo such as `reply_to` is an error, not silently ignored.
 * Header-bound text (subject, names, addresses, header names and values, file names, content types, cids,
 * message ids, list URLs and comments) may not contain CR, LF or other control characters
 * (`compose.header-injection`).
 */
export interface ComposeInput {
  /**
   * The author: exactly one mailbox (more is `compose.address-invalid`). Required at run time
   * (`compose.from-missing`: SES rejects a message without From). It is the envelope sender unless `sender` is
   * set.
   */
  from?: AddressListInput | undefined;
  /**
   * The Sender header: exactly one mailbox (more is `compose.address-invalid`). When set, it is the envelope
   * sender instead of `from`. Omitted: no Sender header.
   */
  sender?: AddressListInput | undefined;
  /** The Reply-To header. Not part of the envelope. Omitted or empty: no Reply-To header. */
  replyTo?: AddressListInput | undefined;
  /** The To header; every address is also an envelope recipient. Omitted or empty: no To header. */
  to?: AddressListInput | undefined;
  /** The Cc header; every address is also an envelope recipient. Omitted or empty: no Cc header. */
  cc?: AddressListInput | undefined;
  /** Blind copies: envelope recipients only, never written into the message. */
  bcc?: AddressListInput | undefined;
  /**
   * The Subject header: unstructured text, folded at 78 columns; non-ASCII becomes RFC 2047 encoded words.
   * Omitted: no Subject header.
   */
  subject?: string | undefined;
  /**
   * The plain-text body: a string, or UTF-8 bytes (invalid UTF-8 is `compose.input-invalid`; pass a string
   * instead). Line breaks are normalised to CRLF; the text is encoded in `options.charset` and sent as 7bit
   * when that is ASCII with lines of at most 998 octets, else as quoted-printable or base64, whichever is
   * shorter. With no `text`, `html`, `icalEvent` or
   * attachments, the message is one empty text/plain part.
   */
  text?: string | Uint8Array | undefined;
  /**
   * The HTML body, as for `text` (a string or UTF-8 bytes; CRLF; `options.charset`). With `text` and/or
   * `icalEvent` it goes last in a multipart/alternative; with `cid` attachments, in a multipart/related with
   * them.
   */
  html?: string | Uint8Array | undefined;
  /** Files and inline parts, in order (see {@link AttachmentInput}). Omitted or empty: none. */
  attachments?: AttachmentInput[] | undefined;
  /**
   * Custom headers, as `{ name: value }` (an array value writes the header once per item) or as
   * `[{ key, value }]` (written in that order). Names are printable ASCII without spaces or `:`, at most 76
   * characters; values are unstructured text (non-ASCII becomes encoded words).
   *
   * Headers the composer writes itself (From, Sender, Reply-To, To, Cc, Bcc, Subject, Date, Message-ID,
   * In-Reply-To, References, MIME-Version, Content-Type, Content-Transfer-Encoding, Content-Disposition,
   * Content-ID) are refused with `compose.header-reserved`, as are
   * `List-*` when `list` is set and X-Priority, X-MSMail-Priority and Importance when `priority` is set. A header
   * SES accepts only once, given twice, is `compose.header-duplicate`.
   */
  headers?:
    | Record<string, string | string[]>
    | Array<{
        /** The header name, e.g. `'X-Campaign'`. */
        key: string;
        /** The header value (unstructured text). */
        value: string;
      }>
    | undefined;
  /**
   * The Message-ID, `<id@domain>` with or without the angle brackets: printable ASCII, one `@`, no spaces,
   * brackets, quotes or commas, at most 900 characters (otherwise `compose.message-id-invalid`).
   *
   * @defaultValue `options.messageId()` if given, else `<random UUID@domain>` with the From address's domain
   * (or `options.hostname`)
   */
  messageId?: string | undefined;
  /**
   * The Date header: a `Date`, or a string `new Date()` parses (ISO 8601, RFC 2822); an invalid date is
   * `compose.input-invalid`. Written in UTC (`+0000`).
   *
   * @defaultValue `options.date()` if given, else the current time
   */
  date?: Date | string | undefined;
  /**
   * The In-Reply-To header: one message id, with or without angle brackets (checked as for `messageId`).
   * Omitted: no In-Reply-To header.
   */
  inReplyTo?: string | undefined;
  /**
   * The References header: message ids (with or without angle brackets) separated by whitespace in one string,
   * or an array of them. Omitted or empty: no References header.
   */
  references?: string | string[] | undefined;
  /**
   * `'high'` or `'low'` writes X-Priority, X-MSMail-Priority and Importance as nodemailer does
   * (`1 (Highest)`/`High`/`High`, `5 (Lowest)`/`Low`/`Low`). `'normal'` or omitted: no priority headers.
   */
  priority?: 'high' | 'normal' | 'low' | undefined;
  /**
   * `List-*` headers (RFC 2369, RFC 2919, RFC 8058). Each URL field takes a {@link ListValue} or an array of
   * them (written comma-separated in one header). Omitted fields write no header.
   */
  list?:
    | {
        /** List-Help: where to get help about the list. */
        help?: ListValue | ListValue[] | undefined;
        /** List-Unsubscribe: how to unsubscribe. Give an `https:` URL for `unsubscribePost`. */
        unsubscribe?: ListValue | ListValue[] | undefined;
        /** List-Subscribe: how to subscribe. */
        subscribe?: ListValue | ListValue[] | undefined;
        /** List-Post: how to post to the list. */
        post?: ListValue | ListValue[] | undefined;
        /** List-Owner: how to reach the list owner. */
        owner?: ListValue | ListValue[] | undefined;
        /** List-Archive: where the archive is. */
        archive?: ListValue | ListValue[] | undefined;
        /**
         * List-ID: the list's identifier, e.g. `'list.example.com'`, or `{ url, comment }` where the comment is
         * the list's name (written before the `<id>`). A `mailto:` prefix is dropped.
         */
        id?: ListValue | undefined;
        /**
         * `true` adds RFC 8058 `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (one-click unsubscribe); it
         * needs an `https:` URL in `unsubscribe`, otherwise `compose.input-invalid`.
         *
         * @defaultValue `false`
         */
        unsubscribePost?: boolean | undefined;
      }
    | undefined;
  /**
   * A calendar event, written as a `text/calendar; method=…` part in the multipart/alternative (between `text`
   * and `html`).
   */
  icalEvent?:
    | {
        /**
         * The iCalendar method (written upper-cased in `method=`), e.g. `'REQUEST'` or `'CANCEL'`: letters and
         * hyphens, at most 32.
         *
         * @defaultValue `'PUBLISH'`
         */
        method?: string | undefined;
        /** The iCalendar text (`BEGIN:VCALENDAR` …), a string or UTF-8 bytes; always sent as UTF-8. */
        content: string | Uint8Array;
        /**
         * When given, the event is also attached as a file of this name, as nodemailer does (`application/ics`,
         * base64, `Content-Disposition: attachment`, after the other attachments); checked like an attachment's
         * `filename`, and a blank name is refused. Without it the event is only the text/calendar alternative
         * (nodemailer would attach it as `invite.ics` anyway).
         */
        filename?: string | undefined;
      }
    | undefined;
}

/** Options for deterministic output (`boundary`, `messageId`, `date`, `hostname`) and the body charset. */
export interface ComposeOptions {
  /**
   * Boundary generator, called with 0, 1, 2, … (one count per call, retries included). A boundary is 1–70
   * characters from RFC 2046 bchars (letters, digits, `'()+_,-./:=?` and inner spaces); anything else is
   * `compose.boundary-invalid`. A boundary that occurs in a body, repeats, or is a prefix of another is skipped
   * and the generator called again, up to 16 times per multipart, then `compose.boundary-invalid`.
   *
   * @defaultValue `=_rm_<random>_<counter>`, which contains `=_` (never produced by quoted-printable or base64)
   */
  boundary?: ((index: number) => string) | undefined;
  /**
   * Message-ID source, used when the input has no `messageId`; its result is checked like `messageId`, with or
   * without angle brackets.
   *
   * @defaultValue `<random UUID@domain>` (see `hostname`)
   */
  messageId?: (() => string) | undefined;
  /**
   * Date source, used when the input has no `date`; it must return a valid `Date` (otherwise
   * `compose.input-invalid`).
   *
   * @defaultValue the current time (`new Date()`)
   */
  date?: (() => Date) | undefined;
  /**
   * Right-hand side of generated Message-IDs: an ASCII (Punycode) host name, letters, digits, `.` and `-`, at
   * most 253 characters (otherwise `compose.options-invalid`); trimmed and lower-cased.
   *
   * @defaultValue the domain of the `from` address
   */
  hostname?: string | undefined;
  /**
   * Charset of the `text` and `html` bodies: `'utf-8'`, `'iso-2022-jp'`, or any charset iconv-lite knows (e.g.
   * `'iso-8859-1'`, `'windows-1252'`); UTF-16, UTF-32, UCS-2 and UTF-7 are refused
   * (`compose.charset-unsupported`). Characters the charset cannot hold are refused
   * (`compose.charset-unrepresentable`), never replaced by `?`. Headers and `icalEvent` always use UTF-8.
   *
   * @defaultValue `'utf-8'`
   */
  charset?: string | undefined;
  /**
   * `true`: write the file name on Content-Type as an RFC 2047 `name="=?UTF-8?…?="` for older clients (RFC 2047
   * §5 does not allow encoded words in quoted strings, and strict parsers flag it). `false`: write RFC 2231
   * `name*=` there instead. Either way Content-Disposition carries RFC 2231 `filename*`.
   *
   * @defaultValue `true`
   */
  legacyAttachmentNames?: boolean | undefined;
}
