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
 *   `@rawmail/mime/address` (the one the validator and the SES sender use). Groups are accepted only in
 *   `to`, `cc` and `bcc` (see {@link RecipientInput}); ambiguous forms (a quoted local part holding `@`, `<`,
 *   `>` or `,`, comments, two angle addresses, source routes) are refused with `compose.address-ambiguous`.
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
 * An RFC 5322 group, nodemailer-style: `{ name: 'Team', group: ['a@b.example', { name, address }] }`, written as
 * `Team: a@b.example, Name <c@d.example>;`. Every member is an envelope recipient. An empty `group` writes an
 * empty group such as `undisclosed-recipients:;`, which is what a message sent only to Bcc recipients carries
 * in its To header.
 */
export interface AddressGroupInput {
  /**
   * The group's display name, any Unicode text; trimmed, required and non-empty (non-ASCII becomes RFC 2047
   * encoded words).
   */
  name: string;
  /** The members, in order: mailboxes as {@link AddressInput} (a group inside a group is refused). */
  group: AddressInput[];
}

/**
 * One recipient entry of `to`, `cc` or `bcc`: an {@link AddressInput} or an {@link AddressGroupInput}. In these
 * fields a string may also hold RFC 5322 group syntax, e.g. `'Team: a@b.example, c@d.example;'` or
 * `'undisclosed-recipients:;'`.
 */
export type RecipientInput = AddressInput | AddressGroupInput;

/** One or several recipient entries (see {@link RecipientInput}), in order. */
export type RecipientListInput = RecipientInput | RecipientInput[];

/**
 * Extra header fields, as `{ name: value }` (an array value writes the header once per item) or as
 * `[{ key, value }]` (written in that order). Names are printable ASCII without spaces or `:`, at most 76
 * characters; values are unstructured text (non-ASCII becomes encoded words).
 */
export type HeadersInput =
  | Record<string, string | string[]>
  | Array<{
      /** The header name, e.g. `'X-Campaign'`. */
      key: string;
      /** The header value (unstructured text). */
      value: string;
    }>;

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
   * MIME type, `type/subtype`, optionally with parameters: `'text/plain; charset=utf-8'`. The type is trimmed and
   * lower-cased; parameters are kept (non-ASCII values are written RFC 2231-encoded). A `name` parameter is
   * refused (use `filename`), as are a parameter given twice, `boundary`, and a value that does not parse
   * (`compose.input-invalid`). A `charset` names the charset of the attachment's bytes; it is written as given,
   * never used to convert them, so with a string `content` (sent as UTF-8) any charset but UTF-8 (or US-ASCII for
   * ASCII text) is refused: pass the bytes in that charset as a `Buffer`.
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
  /**
   * Extra header fields of this part (see {@link HeadersInput}), written after the ones the composer writes.
   * Content-Type, Content-Transfer-Encoding, Content-Disposition and Content-ID are refused
   * (`compose.header-reserved`: use `contentType`, `contentDisposition` and `cid`), as is a once-only header
   * given twice (`compose.header-duplicate`).
   */
  headers?: HeadersInput | undefined;
}

/**
 * One extra body of the multipart/alternative (nodemailer's `alternatives`), e.g.
 * `{ contentType: 'text/x-web-markdown', content: '**Hello**' }`. Alternatives come after `text`, `amp` and
 * `html`, in order (as nodemailer places them): a client shows the last alternative it understands.
 */
export interface AlternativeInput {
  /**
   * The body: a string (decoded as `encoding` says) or a `Uint8Array`/`Buffer`. A `text/*` alternative given as a
   * string with no `encoding` (or a UTF-8 one) is text: its line breaks become CRLF, it is encoded in the `charset` parameter of
   * `contentType` (default UTF-8, written as `charset=utf-8`), and it is sent as 7bit, quoted-printable or base64
   * like `text` (see {@link ComposeInput.textEncoding}). Anything else is sent in base64, byte for byte.
   */
  content: string | Uint8Array;
  /**
   * MIME type with optional parameters, as for {@link AttachmentInput.contentType} (`name` and `boundary`
   * refused); required. `multipart/*` and `message/*` are refused.
   */
  contentType: string;
  /**
   * How a string `content` is decoded into bytes (as for {@link AttachmentInput.encoding}); with an `encoding`
   * the bytes are sent in base64 as they are.
   *
   * @defaultValue `'utf8'` (text)
   */
  encoding?: 'utf8' | 'utf-8' | 'base64' | 'hex' | 'latin1' | 'binary' | undefined;
  /** Extra header fields of this part, as for {@link AttachmentInput.headers}. */
  headers?: HeadersInput | undefined;
}

/**
 * One DKIM signing key (nodemailer's shape). The selector's public key is published at
 * `<keySelector>._domainkey.<domainName>`.
 */
export interface DkimKeyInput {
  /**
   * The signing domain (`d=`), e.g. `'example.com'`: a host name (a non-ASCII name is written as Punycode).
   * It should be the From domain or a parent of it, for DMARC alignment.
   */
  domainName: string;
  /** The selector (`s=`): letters, digits, `-` and `_` in dot-separated labels, e.g. `'2026a'`. */
  keySelector: string;
  /**
   * The RSA private key in PEM (PKCS#1 or PKCS#8), or `{ key, passphrase }` for an encrypted PEM. Checked when
   * `compose` is called: a key that cannot be read, or that is not RSA, is `compose.input-invalid`.
   */
  privateKey:
    | string
    | {
        /** The encrypted private key in PEM. */
        key: string;
        /** Its passphrase. */
        passphrase: string;
      };
}

/**
 * DKIM signing (nodemailer's `dkim` option), done with nodemailer's own signer (`nodemailer/lib/dkim`):
 * `rsa-sha256`, `c=relaxed/relaxed`, one `DKIM-Signature` header per key, prepended to the message.
 *
 * Headers that Amazon SES rewrites or strips are never signed: Date, Message-ID and any `X-SES-*` header (a
 * signature over them fails at every receiver). Naming one of them in `headerFieldNames` is
 * `compose.input-invalid`.
 */
export interface DkimInput {
  /** The signing domain, for a single key (see {@link DkimKeyInput.domainName}). */
  domainName?: string | undefined;
  /** The selector, for a single key (see {@link DkimKeyInput.keySelector}). */
  keySelector?: string | undefined;
  /** The private key, for a single key (see {@link DkimKeyInput.privateKey}). */
  privateKey?:
    | string
    | {
        /** The encrypted private key in PEM. */
        key: string;
        /** Its passphrase. */
        passphrase: string;
      }
    | undefined;
  /**
   * Several keys (one signature each), instead of `domainName`, `keySelector` and `privateKey`; giving both
   * forms, or neither, is `compose.input-invalid`.
   */
  keys?: DkimKeyInput | DkimKeyInput[] | undefined;
  /**
   * Colon-separated header names to sign (`'from:to:subject'`); headers the message lacks are left out of `h=`.
   *
   * @defaultValue nodemailer's list (From, Sender, Reply-To, Subject, To, Cc, MIME-Version, Content-Type,
   * Content-Transfer-Encoding, Content-ID, Content-Description, Resent-*, In-Reply-To, References, List-*,
   * OTP-Token) without Date and Message-ID
   */
  headerFieldNames?: string | undefined;
  /** Colon-separated header names not to sign, taken out of `headerFieldNames`. */
  skipFields?: string | undefined;
  /**
   * The hash algorithm: only `'sha256'` (RFC 8301 forbids signing with SHA-1).
   *
   * @defaultValue `'sha256'`
   */
  hashAlgo?: 'sha256' | undefined;
}

/**
 * The SMTP envelope, replacing the one derived from the headers (nodemailer's `envelope`). Every address is
 * parsed like a header address (ambiguous forms are `compose.address-ambiguous`, control characters
 * `compose.header-injection`, non-ASCII domains become Punycode); only the addresses are used, display names are
 * dropped. Groups are refused.
 */
export interface EnvelopeInput {
  /** The envelope sender (SES `Source` / `MAIL FROM`): exactly one mailbox. Omitted: the Sender or From address. */
  from?: AddressInput | undefined;
  /** Recipients. `to`, `cc` and `bcc` are joined (in that order, each address once); at least one is required. */
  to?: AddressListInput | undefined;
  /** More recipients (see `to`). */
  cc?: AddressListInput | undefined;
  /** More recipients (see `to`). */
  bcc?: AddressListInput | undefined;
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
  /**
   * The To header; every address (group members included) is also an envelope recipient. Omitted or empty: no To
   * header. May hold groups (see {@link RecipientInput}).
   */
  to?: RecipientListInput | undefined;
  /** The Cc header; as for `to`. */
  cc?: RecipientListInput | undefined;
  /**
   * Blind copies: envelope recipients only (group members included), never written into the message. A message
   * sent only to Bcc recipients can say so with `to: 'undisclosed-recipients:;'`.
   */
  bcc?: RecipientListInput | undefined;
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
   * Extra bodies of the multipart/alternative, after `text`, `amp`, `icalEvent` and `html` (see
   * {@link AlternativeInput}). Omitted or empty: none.
   */
  alternatives?: AlternativeInput[] | undefined;
  /**
   * The AMP for Email body (a string or UTF-8 bytes, as for `html`), written as `text/x-amp-html; charset=utf-8`
   * in the multipart/alternative right after `text` and before `html`, where nodemailer places it (AMP-capable
   * clients show it, the others fall back to `html`). It should be a complete AMP email document.
   */
  amp?: string | Uint8Array | undefined;
  /**
   * Forces the Content-Transfer-Encoding of the text bodies (`text`, `html`, `amp`, `icalEvent` and text
   * alternatives): `'quoted-printable'` or `'base64'`, even for plain ASCII. Omitted: 7bit when possible, else
   * whichever of quoted-printable and base64 is shorter. (Unlike nodemailer's option it does not change how
   * header text is encoded.)
   */
  textEncoding?: 'quoted-printable' | 'base64' | undefined;
  /**
   * The SMTP envelope, when the one derived from the headers is not what you want (see {@link EnvelopeInput}).
   * It replaces the derived envelope entirely (as in nodemailer): its `to`, `cc` and `bcc` are the recipients,
   * and the To, Cc and Bcc fields then only write headers.
   */
  envelope?: EnvelopeInput | undefined;
  /**
   * A string writes an `X-Mailer` header with that value (unstructured text). `false` or omitted: no X-Mailer
   * header (the composer writes none by default).
   */
  xMailer?: string | false | undefined;
  /** DKIM-sign the message (see {@link DkimInput}). Omitted: not signed. */
  dkim?: DkimInput | undefined;
  /**
   * Custom headers (see {@link HeadersInput}).
   *
   * Headers the composer writes itself (From, Sender, Reply-To, To, Cc, Bcc, Subject, Date, Message-ID,
   * In-Reply-To, References, MIME-Version, Content-Type, Content-Transfer-Encoding, Content-Disposition,
   * Content-ID) are refused with `compose.header-reserved`, as are
   * `List-*` when `list` is set and X-Priority, X-MSMail-Priority and Importance when `priority` is set. A header
   * SES accepts only once, given twice, is `compose.header-duplicate`. `X-Mailer` is refused when `xMailer` is a
   * string.
   */
  headers?: HeadersInput | undefined;
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
