/**
 * nodemailer transport plugin: `nodemailer.createTransport(new SesRawTransport({ sender }))`. nodemailer
 * compiles the message; the transport validates it and sends those exact bytes through a `@rawmail/ses` sender.
 * @packageDocumentation
 */
import type { ValidationReport } from '@rawmail/validate';
import type { SesAccountInfo } from '../account.js';
import { SesOptionsError, SesSendError } from '../errors.js';
import { mergeTags } from '../prepare.js';
import type { SendOptions, SesSender } from '../sender-types.js';
import { VERSION } from '../version.js';
import { withCrlfLineEndings } from './crlf.js';
import { sendOptionsFromMailSes } from './ses-options.js';

/** nodemailer's envelope as `MimeNode.getEnvelope()` returns it: parsed, bare addresses. */
export interface NodemailerEnvelope {
  /** Envelope sender; `false` when there is none. */
  from?: string | false;
  /** Envelope recipients (an explicit envelope's to, cc and bcc; else the To, Cc and Bcc headers). */
  to?: string[];
}

/** One parsed address as nodemailer's `getAddresses()` lists it. */
export interface NodemailerAddress {
  /** The bare address (Punycode domain). */
  address?: string;
}

/** The part of nodemailer's `MailMessage` the transport reads (structural: no @types/nodemailer needed). */
export interface NodemailerMailMessage {
  /** The options given to `sendMail`. */
  data: {
    /**
     * The explicit `envelope` option, as given (strings, arrays, `'Name <addr>'`, cc/bcc). The transport reads
     * nodemailer's parsed form of it from `message.getEnvelope()`; here it only checks whether recipients were given.
     */
    envelope?: unknown;
    /** Per-message SES request fields (nodemailer's SES transport option); mapped to send options. */
    ses?: unknown;
    /** nodemailer 10's `signal` option: passed on as the send's `signal`. */
    signal?: unknown;
    [key: string]: unknown;
  };
  /** The compiled message (nodemailer's `MimeNode`). */
  message: {
    /** Streams the compiled message; the transport reads it whole and turns bare LF into CRLF. */
    createReadStream(): AsyncIterable<unknown>;
    /**
     * The envelope, as nodemailer's own SES and SMTP transports use it: the explicit `envelope` parsed (to, cc and
     * bcc merged), else computed from the From/Sender and To/Cc/Bcc headers.
     */
    getEnvelope(): NodemailerEnvelope;
    /**
     * The parsed address headers (Bcc included): the recipients when an explicit envelope gives a sender only.
     */
    getAddresses?(): Record<string, NodemailerAddress[] | undefined>;
    /** nodemailer's Message-ID; not called by this transport (SES assigns the final Message-ID). */
    messageId(): string;
  };
}

/** What `sendMail` resolves with through this transport. */
export interface SesRawTransportInfo {
  /** The final Message-ID SES gives the message (`<MessageId@region.amazonses.com>`). */
  messageId: string;
  /** The SES MessageId as the API returned it. */
  sesMessageId: string;
  /** The envelope nodemailer computed (Bcc included); these were the SES destinations. */
  envelope: {
    /** Envelope sender (explicit, else computed); `false` when there is none. */
    from: string | false;
    /** The SES destinations (explicit, else computed; `[]` when neither has any). */
    to: string[];
  };
  /** The SES MessageId, where SMTP transports put the server's reply. */
  response: string;
  /** Requests made, 1 + retries. */
  attempts: number;
  /** Validation report of the bytes sent. */
  report: ValidationReport;
}

/** Options of `SesRawTransport`. */
export interface SesRawTransportOptions {
  /** A sender from `createSesSender`. */
  sender: SesSender;
  /**
   * Send options applied to every message (e.g. tags, configurationSetName, ARNs); a message's `ses` fields win
   * (tags merged by name).
   */
  sendOptions?: Omit<SendOptions, 'destinations' | 'signal'>;
  /** Region for the Message-ID domain; default: the client's region. */
  region?: string;
}

/** The domain part of the Message-ID SES writes: `email.amazonses.com` in us-east-1, else `<region>.amazonses.com`. */
export function sesMessageIdDomain(region: string | undefined): string {
  return !region || region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream)
    chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** nodemailer message fields that only its SMTP transports act on, with what to use with SES instead. */
const SMTP_ONLY: Record<string, string> = {
  dsn: "SES takes no DSN parameters: delivery, bounce and complaint events come from a configuration set's event destinations (ses: { ConfigurationSetName }, docs/aws.md)",
  auth: 'per-message SMTP authentication has no meaning for SES: the SDK client carries the AWS credentials',
};

/** Adds `date:message-id` to the fields nodemailer's DKIM signer skips (nodemailer's `_dkim.skipFields`). */
function skipRewrittenHeadersInDkim(data: Record<string, unknown>): void {
  const current = data._dkim;
  const dkim = (typeof current === 'object' && current !== null ? current : {}) as { skipFields?: unknown };
  dkim.skipFields =
    typeof dkim.skipFields === 'string' && dkim.skipFields !== ''
      ? `${dkim.skipFields}:date:message-id`
      : 'date:message-id';
  data._dkim = dkim;
}

/** Refuses SMTP-only message fields rather than dropping them silently. */
function refuseSmtpOnlyFields(data: Record<string, unknown>): void {
  for (const [key, why] of Object.entries(SMTP_ONLY)) {
    if (data[key] !== undefined && data[key] !== null && data[key] !== false) {
      throw new SesOptionsError(
        'ses.options-invalid',
        `SesRawTransport: mail option \`${key}\` is not supported: ${why}.`,
      );
    }
  }
}

/** The recipients of a recipient list: nodemailer's parsed `getAddresses()` entries, addresses only. */
function addressesOf(list: NodemailerAddress[] | undefined): string[] {
  return (list ?? []).map((a) => a.address).filter((a): a is string => typeof a === 'string' && a !== '');
}

/** Whether an explicit envelope names recipients at all (`to`, `cc` or `bcc` present, even if empty). */
function hasRecipients(explicit: unknown): boolean {
  if (typeof explicit !== 'object' || explicit === null) return false;
  const e = explicit as Record<string, unknown>;
  return ['to', 'cc', 'bcc'].some((k) => e[k] !== undefined && e[k] !== null);
}

/**
 * The envelope of a nodemailer message, with nodemailer's own semantics (`getEnvelope()`: the explicit envelope
 * parsed, with its to, cc and bcc, in any form nodemailer accepts; else the headers). An explicit envelope that
 * gives a sender and no `to`, `cc` or `bcc` at all keeps the message's recipients (To, Cc and Bcc), as the headers
 * would give them; one whose recipients are given but empty (or unparsable) has none, and the send is refused.
 */
function envelopeOf(mail: NodemailerMailMessage): { from: string | false; to: string[] } {
  const computed = mail.message.getEnvelope();
  const from = typeof computed.from === 'string' && computed.from !== '' ? computed.from : false;
  let to = Array.isArray(computed.to) ? computed.to.filter((a) => typeof a === 'string' && a !== '') : [];
  if (to.length === 0 && mail.data.envelope !== undefined && !hasRecipients(mail.data.envelope)) {
    const headers = mail.message.getAddresses?.() ?? {};
    to = [...new Set([...addressesOf(headers.to), ...addressesOf(headers.cc), ...addressesOf(headers.bcc)])];
  }
  return { from, to };
}

/**
 * nodemailer transport that validates the compiled message with `@rawmail/validate` and sends it through a
 * `@rawmail/ses` sender. `sendMail` resolves with `{ messageId, envelope, response, report }` and rejects with
 * `ValidationFailedError` (its `report` lists the coded issues) when the message fails validation; nothing is
 * sent then. Bcc recipients come from nodemailer's envelope (nodemailer keeps Bcc out of the headers).
 */
export class SesRawTransport {
  /** Transport name, as nodemailer reports it. */
  readonly name = 'SesRawTransport';
  /** Package version. */
  readonly version = VERSION;
  /**
   * Tells nodemailer (10+) that this transport honours `sendMail({ signal })` itself: an abort stops further
   * attempts and settles an attempt in flight (`SesSendError` code `Aborted`, see `SendOptions.signal`).
   */
  readonly supportsAbortSignal = true;
  private readonly options: SesRawTransportOptions;

  constructor(options: SesRawTransportOptions) {
    if (!options || typeof options.sender?.send !== 'function') {
      throw new SesOptionsError(
        'ses.options-invalid',
        'SesRawTransport: `sender` is required: pass new SesRawTransport({ sender: createSesSender({ client }) }).',
      );
    }
    this.options = options;
  }

  /** Called by nodemailer for each `sendMail`. */
  send(mail: NodemailerMailMessage, callback: (err: Error | null, info?: SesRawTransportInfo) => void): void {
    this.sendAsync(mail).then(
      (info) => callback(null, info),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /**
   * Called by `transporter.verify()`: asks SES for the account (v2 `GetAccount`, v1 `GetSendQuota` +
   * `GetAccountSendingEnabled`), so that wrong credentials, region or permissions show up here. Resolves `true`
   * (what nodemailer users check) when SES answered and sending is enabled; rejects with `SesSendError`
   * (`AccessDenied`, `Network`, …), `SesOptionsError` (no region or credentials), or `SesSendError` code
   * `AccountSendingPaused` when SES reports sending disabled. The quota is logged with the sender's logger and
   * available from `account()`.
   */
  verify(callback?: (err: Error | null, success?: true) => void): Promise<true> | undefined {
    const p = this.account().then((info) => {
      if (!info.sendingEnabled) {
        throw new SesSendError(
          `SES reports sending disabled for this account in this region (quota ${info.sentLast24Hours}/${info.max24HourSend} in 24 h, ${info.maxSendRate}/s).`,
          { code: 'AccountSendingPaused', retryable: false, ambiguous: false, attempts: 0 },
        );
      }
      return true as const;
    });
    if (!callback) return p;
    p.then(
      () => callback(null, true),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
    );
    return undefined;
  }

  /** The account's quota and sending status, as `verify()` reads them (`sender.account()`). */
  account(): Promise<SesAccountInfo> {
    return this.options.sender.account();
  }

  private async sendAsync(mail: NodemailerMailMessage): Promise<SesRawTransportInfo> {
    // Checked first: a bad `ses` field is refused before the message is even read.
    refuseSmtpOnlyFields(mail.data);
    const perMessage = sendOptionsFromMailSes(mail.data.ses);
    const signal = mail.data.signal;
    const envelope = envelopeOf(mail);
    // As nodemailer's own SES transport does: SES replaces Date and Message-ID, so a nodemailer DKIM signature
    // must not cover them (it would break in transit).
    skipRewrittenHeadersInDkim(mail.data);
    // As nodemailer's own SES transport does: CRLF everywhere, then validate and send those exact bytes.
    const raw = withCrlfLineEndings(await readAll(mail.message.createReadStream()));
    const base = this.options.sendOptions ?? {};
    const opts: SendOptions = { ...base, destinations: envelope.to };
    // nodemailer's own SES transport sends the envelope sender as Source: bounces go where nodemailer users expect.
    if (envelope.from) opts.source = envelope.from;
    Object.assign(opts, perMessage);
    if (base.tags && perMessage.tags) opts.tags = mergeTags(base.tags, perMessage.tags);
    if (signal instanceof AbortSignal) opts.signal = signal;
    const result = await this.options.sender.send(raw, opts);
    const region = this.options.region ?? (await this.options.sender.region());
    return {
      messageId: `<${result.messageId}@${sesMessageIdDomain(region)}>`,
      sesMessageId: result.messageId,
      envelope,
      response: result.messageId,
      attempts: result.attempts,
      report: result.report,
    };
  }
}
