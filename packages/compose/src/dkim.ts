/**
 * DKIM signing with nodemailer's own signer (`nodemailer/lib/dkim`: rsa-sha256, relaxed/relaxed). Everything
 * is checked before composing (domain, selector, key, header list); headers SES rewrites or strips (Date,
 * Message-ID, X-SES-*) are never signed, and the signed output is checked to carry the signature, since the
 * signer drops a key it cannot sign with silently.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { toAsciiDomain } from '@rawmail/mime/address';
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import type { DkimInput, DkimKeyInput } from './input-types.js';

type Path = ReadonlyArray<string | number>;

/** A checked signing key. */
interface SigningKey {
  domainName: string;
  keySelector: string;
  privateKey: KeyObject;
}

/** What {@link signMessage} needs: checked before the message is composed. */
export interface DkimPlan {
  key: SigningKey;
  /** Colon-separated, lower-cased header names for the signer's `headerFieldNames`. */
  headerFieldNames: string;
}

/** nodemailer's default list (RFC 4871 §5.5 plus List-Unsubscribe-Post) without Date and Message-ID. */
const DEFAULT_FIELDS = [
  'from',
  'sender',
  'reply-to',
  'subject',
  'to',
  'cc',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-id',
  'content-description',
  'resent-date',
  'resent-from',
  'resent-sender',
  'resent-to',
  'resent-cc',
  'resent-message-id',
  'in-reply-to',
  'references',
  'list-id',
  'list-help',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'list-subscribe',
  'list-post',
  'list-owner',
  'list-archive',
  'otp-token',
];

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,76}$/;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const SELECTOR =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

/** Why SES makes signing this header useless, or `undefined` when it may be signed. */
function rewrittenBySes(lower: string): string | undefined {
  if (lower === 'date' || lower === 'message-id') return 'SES replaces it';
  if (lower.startsWith('x-ses-')) return 'SES removes X-SES-* headers';
  return undefined;
}

function fieldList(value: string, path: Path): string[] {
  assertHeaderSafe(value, path, false);
  const out: string[] = [];
  for (const raw of value.split(':')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (!FIELD_NAME.test(name)) {
      throw new ComposeError('compose.input-invalid', `'${raw}' is not a header name.`, path);
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

function checkDomain(value: string, path: Path): string {
  assertHeaderSafe(value, path, false);
  let d = value.trim().toLowerCase();
  if (/[^\x00-\x7f]/.test(d)) d = toAsciiDomain(d) ?? d;
  if (!HOST.test(d)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${value}' is not a domain name (e.g. 'example.com').`,
      path,
    );
  }
  return d;
}

function checkKey(k: DkimKeyInput, path: Path): SigningKey {
  const domainName = checkDomain(k.domainName, [...path, 'domainName']);
  assertHeaderSafe(k.keySelector, [...path, 'keySelector'], false);
  const keySelector = k.keySelector.trim();
  if (!SELECTOR.test(keySelector)) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${k.keySelector}' is not a DKIM selector (letters, digits, '-' and '_' in dot-separated labels).`,
      [...path, 'keySelector'],
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey =
      typeof k.privateKey === 'string'
        ? createPrivateKey({ key: k.privateKey, format: 'pem' })
        : createPrivateKey({ key: k.privateKey.key, format: 'pem', passphrase: k.privateKey.passphrase });
  } catch (err) {
    throw new ComposeError(
      'compose.input-invalid',
      `the private key cannot be read (${(err as Error).message}); give an RSA private key in PEM, with its passphrase if it is encrypted.`,
      [...path, 'privateKey'],
      {},
      { cause: err },
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new ComposeError(
      'compose.input-invalid',
      `the private key is ${privateKey.asymmetricKeyType ?? 'not an asymmetric key'}; the signer supports RSA keys (rsa-sha256) only.`,
      [...path, 'privateKey'],
    );
  }
  return { domainName, keySelector, privateKey };
}

function singleKey(d: DkimInput, path: Path): { key: DkimKeyInput; path: Path } {
  const single = d.domainName !== undefined || d.keySelector !== undefined || d.privateKey !== undefined;
  if (d.keys !== undefined) {
    if (single) {
      throw new ComposeError(
        'compose.input-invalid',
        'give either `keys` or `domainName`, `keySelector` and `privateKey`, not both.',
        path,
      );
    }
    if (!Array.isArray(d.keys)) return { key: d.keys, path: [...path, 'keys'] };
    if (d.keys.length !== 1) {
      throw new ComposeError(
        'compose.input-invalid',
        `${d.keys.length} keys given; SES accepts one DKIM-Signature header per message (SES: Duplicate header 'DKIM-Signature'), so sign with exactly one key.`,
        [...path, 'keys'],
      );
    }
    return { key: d.keys[0]!, path: [...path, 'keys', 0] };
  }
  if (d.domainName === undefined || d.keySelector === undefined || d.privateKey === undefined) {
    const missing = (['domainName', 'keySelector', 'privateKey'] as const).filter((k) => d[k] === undefined);
    throw new ComposeError(
      'compose.input-invalid',
      `missing ${missing.map((m) => `\`${m}\``).join(', ')}; DKIM needs a domain, a selector and a private key.`,
      path,
    );
  }
  return { key: { domainName: d.domainName, keySelector: d.keySelector, privateKey: d.privateKey }, path };
}

/** Checks the `dkim` input and settles the header list. */
export function planDkim(d: DkimInput, path: Path): DkimPlan {
  const k = singleKey(d, path);
  const key = checkKey(k.key, k.path);
  let fields = DEFAULT_FIELDS;
  if (d.headerFieldNames !== undefined) {
    fields = fieldList(d.headerFieldNames, [...path, 'headerFieldNames']);
    for (const f of fields) {
      const why = rewrittenBySes(f);
      if (why !== undefined) {
        throw new ComposeError(
          'compose.input-invalid',
          `'${f}' must not be signed: ${why}, so the signature would fail at every receiver (rule dkim.signs-rewritten-header). Leave it out of headerFieldNames.`,
          [...path, 'headerFieldNames'],
        );
      }
    }
  }
  if (d.skipFields !== undefined) {
    const skip = fieldList(d.skipFields, [...path, 'skipFields']);
    fields = fields.filter((f) => !skip.includes(f));
  }
  if (!fields.includes('from')) {
    throw new ComposeError(
      'compose.input-invalid',
      'the From header must be signed (RFC 6376 §5.4); keep `from` in headerFieldNames and out of skipFields.',
      path,
    );
  }
  return { key, headerFieldNames: fields.join(':') };
}

const DKIM_LINE = /^DKIM-Signature:/;

/** Signs `raw` (a complete message) and returns the message with its DKIM-Signature header prepended. */
export async function signMessage(raw: Buffer, plan: DkimPlan): Promise<Buffer> {
  const { default: DKIM } = await import('nodemailer/lib/dkim');
  const signer = new DKIM({
    domainName: plan.key.domainName,
    keySelector: plan.key.keySelector,
    privateKey: plan.key.privateKey,
    headerFieldNames: plan.headerFieldNames,
    hashAlgo: 'sha256',
  });
  const chunks: Buffer[] = [];
  for await (const c of signer.sign(raw)) chunks.push(c as Buffer);
  const out = Buffer.concat(chunks);
  const prefix = out.subarray(0, out.length - raw.length);
  if (
    out.length <= raw.length ||
    !out.subarray(prefix.length).equals(raw) ||
    !DKIM_LINE.test(prefix.toString('latin1'))
  ) {
    throw new ComposeError(
      'compose.input-invalid',
      'the DKIM signer produced no signature with this key; check that it is a valid RSA private key.',
      ['dkim'],
    );
  }
  return out;
}
