/**
 * nodemailer transport plugin: `nodemailer.createTransport(new SesRawTransport({ sender }))`. nodemailer
 * compiles the message; the transport validates it and sends those exact bytes through a `@rawmail/ses` sender.
 * @packageDocumentation
 */
import type { RepairFix, ValidationReport } from '@rawmail/validate';
import { SesOptionsError } from '../errors.js';
import type { SendOptions, SesSender } from '../sender-types.js';
import { VERSION } from '../version.js';
import { withCrlfLineEndings } from './crlf.js';

/** The part of nodemailer's envelope the transport reads. */
export interface NodemailerEnvelope {
  /** Envelope sender; `false` or absent when there is none. */
  from?: string | false;
  /** Envelope recipients, Bcc included. */
  to?: string[];
}

/** The part of nodemailer's `MailMessage` the transport reads (structural: no @types/nodemailer needed). */
export interface NodemailerMailMessage {
  /** The options given to `sendMail`. */
  data: {
    /**
     * The explicit `envelope` option, if any: its `to` replaces the computed recipients, and its `from` replaces
     * the computed envelope sender, which becomes the send's `source` (`Source` / `FromEmailAddress`).
     */
    envelope?: NodemailerEnvelope | undefined;
    [key: string]: unknown;
  };
  /** The compiled message (nodemailer's `MimeNode`). */
  message: {
    /** Streams the compiled message; the transport reads it whole and turns bare LF into CRLF. */
    createReadStream(): AsyncIterable<unknown>;
    /** The envelope nodemailer computes from the headers (Bcc included); used where `data.envelope` is unset. */
    getEnvelope(): NodemailerEnvelope;
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
  /** With the `repair` option: the changes made to nodemailer's output before it was validated and sent. */
  fixes?: RepairFix[];
}

/** Options of `SesRawTransport`. */
export interface SesRawTransportOptions {
  /** A sender from `createSesSender`. */
  sender: SesSender;
  /** Send options applied to every message (e.g. tags, configurationSetName, ARNs). */
  sendOptions?: Omit<SendOptions, 'destinations'>;
  /** Region for the Message-ID domain; default: the client's region. */
  region?: string;
  /**
   * Repair nodemailer's output before validating it (see `SendOptions.repair`): its over-long header lines,
   * raw 8-bit text and the like are fixed, and `info.fixes` lists what changed. Default: no repair.
   */
  repair?: SendOptions['repair'];
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

  /** Called by `transporter.verify()`: resolves when the client is a usable SES client. */
  verify(callback?: (err: Error | null, success?: true) => void): Promise<true> | undefined {
    const p = this.options.sender.apiVersion().then(() => true as const);
    if (!callback) return p;
    p.then(
      () => callback(null, true),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
    );
    return undefined;
  }

  private async sendAsync(mail: NodemailerMailMessage): Promise<SesRawTransportInfo> {
    const explicit = mail.data.envelope;
    const computed = mail.message.getEnvelope();
    const envelope = {
      from: explicit?.from ?? computed.from ?? false,
      to: explicit?.to ?? computed.to ?? [],
    };
    // As nodemailer's own SES transport does: CRLF everywhere, then validate and send those exact bytes.
    const raw = withCrlfLineEndings(await readAll(mail.message.createReadStream()));
    const opts: SendOptions = { ...this.options.sendOptions, destinations: envelope.to };
    // nodemailer's own SES transport sends the envelope sender as Source: bounces go where nodemailer users expect.
    if (envelope.from) opts.source = envelope.from;
    if (this.options.repair !== undefined) opts.repair = this.options.repair;
    const result = await this.options.sender.send(raw, opts);
    const region = this.options.region ?? (await this.options.sender.region());
    const info: SesRawTransportInfo = {
      messageId: `<${result.messageId}@${sesMessageIdDomain(region)}>`,
      sesMessageId: result.messageId,
      envelope,
      response: result.messageId,
      attempts: result.attempts,
      report: result.report,
    };
    if (result.fixes !== undefined) info.fixes = result.fixes;
    return info;
  }
}
