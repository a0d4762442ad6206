/**
 * The planning pass of a repair: reads the message once (the validator's reader) and decides every change —
 * which header fields are rewritten or dropped, what is added, how each body is re-encoded — before any byte is
 * written, so that the writer (which records the message's layout in the same pass) never reads it again. Signed
 * content and DKIM signatures are respected here.
 */
import { isAscii } from 'node:buffer';
import { encodedWordError, scanEncodedWords } from '@rawmail/mime';
import { parseAddressList, toAsciiDomain } from '@rawmail/mime/address';
import { NOT_TEXT_HEADERS } from '../families/encoded-words.js';
import type {
  BodyKind,
  HeaderField,
  HeaderSyntaxProblem,
  LineProblem,
  MessageStats,
  PartInfo,
  ReaderEvents,
  StructureProblem,
} from '../reader/events.js';
import { type DkimSignature, parseDkimSignature } from './dkim.js';
import {
  type FieldRewrite,
  isUnstructured,
  refold,
  rewriteAddressField,
  rewriteParamsField,
  rewriteUnstructured,
} from './header-fixes.js';
import type { RepairFix } from './types.js';

/** What happens to a leaf's body. */
export type BodyAction =
  | 'copy'
  /** Text: line breaks made CRLF, then quoted-printable (or base64 when that is shorter). */
  | 'quoted-printable'
  /** The exact content bytes as base64. */
  | 'base64'
  /** Base64 text re-wrapped at 76 columns (the decoded bytes do not change). */
  | 'rewrap'
  /** A base64- or quoted-printable-encoded message/rfc822: decoded, repaired inside, written 7bit/8bit. */
  | 'decode-message';

/** The change to one header field, by its index in the section. */
export interface FieldChange {
  /** The new field text (CRLF line endings), or undefined to drop the field. */
  text: string | undefined;
}

/** Everything decided about one part (keyed by part path; '' is the message). */
export interface PartPlan {
  fields: Map<number, FieldChange>;
  /** Fields added at the end of the header section (each `Name: value\r\n`). */
  append: string[];
  body: BodyAction;
  /** Index of the first Content-Transfer-Encoding field, if any. */
  cteIndex: number | undefined;
  /** Content and header of a signed or encrypted part: copied byte for byte, line endings included. */
  frozen: boolean;
  /** The fixes the body action makes (withdrawn if the writing pass finds it cannot make them). */
  bodyFixes: RepairFix[];
}

export interface Plan {
  parts: Map<string, PartPlan>;
  /** Bare CR or LF somewhere: line endings become CRLF (outside frozen parts). */
  newlines: boolean;
  /** Boundaries whose closing delimiter is appended at the end, innermost first. */
  closers: string[];
  fixes: RepairFix[];
  skipped: RepairFix[];
  destinations: string[];
}

interface LeafFacts {
  eightBit: boolean;
  longLine: boolean;
  bareNewline: boolean;
  /** Spaces or tabs in a base64 body (not in the alphabet: the body is invalid as it is). */
  b64Spaces: boolean;
}

interface SectionFacts {
  fields: HeaderField[];
  longLines: number[];
  opaque: boolean;
}

const ADDRESS_HEADERS = new Map<string, boolean>([
  ['from', false],
  ['sender', false],
  ['reply-to', true],
  ['to', true],
  ['cc', true],
  ['bcc', true],
]);

const SIGNED_CONTAINERS = new Set(['multipart/signed', 'multipart/encrypted']);
const SIGNED_LEAVES = new Set([
  'application/pkcs7-mime',
  'application/x-pkcs7-mime',
  'application/pkcs7-signature',
]);
/** Charsets whose bytes are not ASCII-compatible: newlines cannot be rewritten byte-wise. */
const WIDE_CHARSET = /^utf-?(16|32)/i;

/** C0 controls but TAB, and DEL. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const where = (path: string) => (path === '' ? 'the message' : `MIME part ${path}`);
const normalise = (v: string) => v.replace(/[ \t]+/g, ' ').trim();

/** Builds the plan as the reader's events arrive (alongside the validator's rules); then call `finish()`. */
export class Planner implements ReaderEvents {
  readonly plan: Plan = {
    parts: new Map(),
    newlines: false,
    closers: [],
    fixes: [],
    skipped: [],
    destinations: [],
  };
  private readonly headerDone = new WeakSet<PartInfo>();
  private readonly sections = new WeakMap<PartInfo, SectionFacts>();
  private readonly leaves = new WeakMap<PartInfo, LeafFacts>();
  /** Paths of signed/encrypted multiparts: their descendants are frozen. */
  private readonly signedRoots = new Set<string>();
  private signatures: { sig: DkimSignature; index: number }[] = [];
  /** Every header name some DKIM signature lists in `h=` (one lookup per change, however many signatures). */
  private readonly signedNames = new Set<string>();
  private topCharset: string | undefined;
  /** Multiparts whose closing delimiter was missing, with the line where that was noticed. */
  private readonly unclosed: { part: PartInfo; line: number }[] = [];
  /** Body changes (anything after the top-level header section) were made: every DKIM signature breaks. */
  private bodyChanged = false;
  /** Lower-cased names of top-level header fields that were changed, dropped or added. */
  private readonly topChanged = new Set<string>();

  constructor(
    private readonly onceOnly: ReadonlySet<string>,
    private readonly breakDkim: boolean,
    /** A message inside a message/rfc822 part: its Bcc header is content, not envelope. */
    private readonly embedded: boolean,
  ) {}

  private section(part: PartInfo): SectionFacts {
    let s = this.sections.get(part);
    if (!s) {
      s = { fields: [], longLines: [], opaque: false };
      this.sections.set(part, s);
    }
    return s;
  }

  /** Whether a part is inside a signed or encrypted multipart: one lookup per ancestor (bounded by the depth). */
  private frozen(path: string): boolean {
    if (path === '' || this.signedRoots.size === 0) return false;
    if (this.signedRoots.has('')) return true;
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1))
      if (this.signedRoots.has(path.slice(0, dot))) return true;
    return false;
  }

  headerField(f: HeaderField, part: PartInfo): void {
    this.section(part).fields.push(f);
  }

  headerSyntax(_p: HeaderSyntaxProblem, part: PartInfo): void {
    this.section(part).opaque = true;
  }

  lineProblem(p: LineProblem, part: PartInfo): void {
    if (p.kind !== 'too-long') this.plan.newlines = true;
    if (!this.headerDone.has(part)) {
      if (p.kind === 'too-long') this.section(part).longLines.push(p.line);
      return;
    }
    const leaf = this.leaves.get(part);
    if (!leaf) return;
    if (p.kind === 'too-long') leaf.longLine = true;
    else leaf.bareNewline = true;
  }

  headersEnd(part: PartInfo): void {
    this.headerDone.add(part);
    const facts = this.section(part);
    if (part.path === '' && part.depth === 0) this.topCharset = part.contentTypeParams?.values.get('charset');
    const frozen = this.frozen(part.path);
    if (SIGNED_CONTAINERS.has(part.mediaType)) this.signedRoots.add(part.path);
    if (!part.multipart)
      this.leaves.set(part, {
        eightBit: false,
        longLine: false,
        bareNewline: false,
        b64Spaces: false,
      });
    const plan: PartPlan = {
      fields: new Map(),
      append: [],
      body: 'copy',
      cteIndex: undefined,
      frozen: frozen || SIGNED_LEAVES.has(part.mediaType),
      bodyFixes: [],
    };
    this.plan.parts.set(part.path, plan);
    facts.fields.forEach((f, i) => {
      if (f.lowerName === 'content-transfer-encoding' && plan.cteIndex === undefined) plan.cteIndex = i;
    });
    if (frozen || facts.opaque) return;
    this.planSection(part, facts, plan);
  }

  private planSection(part: PartInfo, facts: SectionFacts, plan: PartPlan): void {
    const top = part.path === '' && part.depth === 0;
    const charset = part.contentTypeParams?.values.get('charset') ?? this.topCharset;
    const fields = facts.fields;
    const firstValue = new Map<string, string>();
    const loc = (f: HeaderField) => ({
      line: f.line,
      header: f.name,
      ...(part.path === '' ? {} : { part: part.path }),
    });
    // Long lines are in line order, as are the fields: one walk over both finds each field's.
    let nextLong = 0;
    fields.forEach((f, i) => {
      if (top && f.lowerName === 'dkim-signature') {
        const sig = parseDkimSignature(f.value);
        this.signatures.push({ sig, index: i });
        for (const name of sig.headers) this.signedNames.add(name);
      }
      const next = fields[i + 1];
      while (nextLong < facts.longLines.length && (facts.longLines[nextLong] as number) < f.line) nextLong++;
      const long =
        nextLong < facts.longLines.length &&
        (next === undefined || (facts.longLines[nextLong] as number) < next.line);
      const lower = f.lowerName;
      if (this.onceOnly.has(lower)) {
        const first = firstValue.get(lower);
        if (first === undefined) firstValue.set(lower, normalise(f.value));
        else {
          if (first === normalise(f.value))
            this.change(part, plan, i, lower, undefined, [
              {
                code: 'header.duplicate',
                message: `Removed the repeated ${f.name} header${part.path ? ` of MIME part ${part.path}` : ''} (line ${f.line}): it has the same value as the first one.`,
                ...loc(f),
              },
            ]);
          return;
        }
      }
      if (top && lower === 'bcc' && !this.embedded) {
        this.planBcc(part, plan, i, f, loc(f));
        return;
      }
      // A control character in a header is a header-injection hazard (header.control-char), never rewritten.
      if (CONTROL.test(f.value)) return;
      const nonAscii = /[\x80-\xff]/.test(f.value);
      const words = NOT_TEXT_HEADERS.has(lower) || !f.value.includes('=?') ? [] : scanEncodedWords(f.value);
      const tooLongWord = words.some((w) => w.text.length > 75);
      const invalidWord = words.some((w) => encodedWordError(w) !== undefined);
      if (!nonAscii && !long && !tooLongWord && !invalidWord) return;
      const rewrite = this.rewriteField(f, top, charset, {
        nonAscii,
        long,
        words: tooLongWord || invalidWord,
      });
      if (rewrite === undefined) return;
      const what =
        part.path === '' ? `The ${f.name} header` : `The ${f.name} header of MIME part ${part.path}`;
      const fixes: RepairFix[] = [];
      if (nonAscii) {
        fixes.push({
          code: 'header.non-ascii',
          message: `${what} (line ${f.line}) had raw 8-bit text; it is now written with RFC 2047 encoded words${ADDRESS_HEADERS.has(lower) ? ' (display names; domains as Punycode)' : lower === 'content-disposition' ? ' (the file name as an RFC 2231 parameter)' : ''}.${rewrite.note}`,
          ...loc(f),
        });
        if (ADDRESS_HEADERS.has(lower) && /@[^\s>,;]*[\x80-\xff]/.test(f.value))
          fixes.push({
            code: 'address.domain-non-ascii',
            message: `${what} (line ${f.line}) had a non-ASCII domain; it is now written in its Punycode (A-label) form.`,
            ...loc(f),
          });
      }
      if (tooLongWord)
        fixes.push({
          code: 'encoded-word.too-long',
          message: `${what} (line ${f.line}) had an encoded word longer than 75 characters; the text is now split into valid words.`,
          ...loc(f),
        });
      if (invalidWord)
        fixes.push({
          code: 'encoded-word.invalid',
          message: `${what} (line ${f.line}) had a malformed encoded word that still decodes; it is now re-encoded.`,
          ...loc(f),
        });
      if (long)
        fixes.push({
          code: 'line.too-long',
          message: `${what} (line ${f.line}) had a line longer than 998 octets; it is now folded${isUnstructured(lower) ? ' (text without whitespace as encoded words)' : ' at its whitespace'}.`,
          ...loc(f),
        });
      this.change(part, plan, i, lower, rewrite.text, fixes);
    });
    if (
      top &&
      !fields.some((f) => f.lowerName === 'mime-version') &&
      (part.contentType !== undefined || part.encoding !== '')
    )
      this.add(part, plan, 'MIME-Version: 1.0\r\n', 'mime-version', {
        code: 'mime.version-missing',
        message: 'Added the missing MIME-Version: 1.0 header.',
        header: 'MIME-Version',
      });
  }

  private rewriteField(
    f: HeaderField,
    top: boolean,
    charset: string | undefined,
    why: { nonAscii: boolean; long: boolean; words: boolean },
  ): FieldRewrite | undefined {
    const lower = f.lowerName;
    const onlyLong = why.long && !why.nonAscii && !why.words;
    const groups = ADDRESS_HEADERS.get(lower);
    if (top && groups !== undefined)
      return onlyLong ? refold(f.name, f.value) : rewriteAddressField(f.name, f.value, groups);
    if (isUnstructured(lower))
      return (
        (onlyLong ? refold(f.name, f.value) : undefined) ?? rewriteUnstructured(f.name, f.value, charset)
      );
    if (lower === 'content-type' || lower === 'content-disposition')
      return onlyLong ? refold(f.name, f.value) : rewriteParamsField(f.name, lower, f.value, charset);
    return onlyLong ? refold(f.name, f.value) : undefined;
  }

  private planBcc(part: PartInfo, plan: PartPlan, i: number, f: HeaderField, loc: Partial<RepairFix>): void {
    const text = /[\x80-\xff]/.test(f.value) ? Buffer.from(f.value, 'latin1').toString('utf8') : f.value;
    const parsed = parseAddressList(text, { allowGroups: true });
    if (parsed.problems.some((p) => p.code !== 'address.domain-non-ascii')) return;
    const addresses: string[] = [];
    for (const m of parsed.mailboxes) {
      if (!/[^\x00-\x7f]/.test(m.domain)) addresses.push(m.address);
      else {
        const ascii = toAsciiDomain(m.domain);
        if (ascii === undefined || /[^\x00-\x7f]/.test(m.local)) return;
        addresses.push(`${m.local}@${ascii}`);
      }
    }
    if (
      this.change(part, plan, i, 'bcc', undefined, [
        {
          code: 'header.bcc-present',
          message: `Removed the Bcc header (line ${f.line}); its ${addresses.length} address${addresses.length === 1 ? '' : 'es'} ${addresses.length === 1 ? 'is' : 'are'} returned as destinations for the envelope.`,
          ...loc,
        },
      ])
    )
      this.plan.destinations.push(...addresses);
  }

  /** Whether a change to this part would break a DKIM signature that the caller wants kept. */
  private dkimBlocks(part: PartInfo, lowerName: string | undefined): boolean {
    if (this.signatures.length === 0 || this.breakDkim) return false;
    if (part.path !== '' || part.depth !== 0) return true;
    return lowerName !== undefined && this.signedNames.has(lowerName);
  }

  /** Lists fixes that were not made because they would break a DKIM signature. */
  private skip(fixes: RepairFix[]): void {
    for (const fix of fixes)
      this.plan.skipped.push({
        ...fix,
        message: `${fix.message} Not done: it would invalidate the message's DKIM signature (allow it with breakDkim).`,
      });
  }

  private record(part: PartInfo, lowerName: string | undefined, fixes: RepairFix[]): boolean {
    if (this.dkimBlocks(part, lowerName)) {
      this.skip(fixes);
      return false;
    }
    if (part.path !== '' || part.depth !== 0) this.bodyChanged = true;
    else if (lowerName !== undefined) this.topChanged.add(lowerName);
    this.plan.fixes.push(...fixes);
    return true;
  }

  private change(
    part: PartInfo,
    plan: PartPlan,
    index: number,
    lowerName: string,
    text: string | undefined,
    fixes: RepairFix[],
  ): boolean {
    if (!this.record(part, lowerName, fixes)) return false;
    plan.fields.set(index, { text });
    return true;
  }

  private add(part: PartInfo, plan: PartPlan, text: string, lowerName: string, fix: RepairFix): void {
    if (this.record(part, lowerName, [fix])) plan.append.push(text);
  }

  body(part: PartInfo, kind: BodyKind, bytes: Buffer): void {
    if (kind !== 'leaf') return;
    const leaf = this.leaves.get(part);
    if (!leaf) return;
    if (part.encoding === 'base64') {
      // Whether the base64 text is valid once its whitespace is gone is checked where it is re-wrapped.
      if (!leaf.b64Spaces && (bytes.indexOf(32) !== -1 || bytes.indexOf(9) !== -1)) leaf.b64Spaces = true;
      return;
    }
    if (!leaf.eightBit && !isAscii(bytes)) leaf.eightBit = true;
  }

  partEnd(part: PartInfo): void {
    const plan = this.plan.parts.get(part.path);
    const leaf = this.leaves.get(part);
    if (!plan || !leaf || plan.frozen || this.section(part).opaque) return;
    const action = this.bodyAction(part, leaf);
    if (action === undefined) return;
    const [body, fixes] = action;
    const cteFields = this.section(part).fields.filter((f) => f.lowerName === 'content-transfer-encoding');
    if (new Set(cteFields.map((f) => normalise(f.value).toLowerCase())).size > 1) return;
    // The body is after the top-level header section: a change to it breaks every DKIM signature.
    if (this.signatures.length > 0 && !this.breakDkim) {
      this.skip(fixes);
      return;
    }
    this.bodyChanged = true;
    this.plan.fixes.push(...fixes);
    plan.body = body;
    plan.bodyFixes = fixes;
  }

  private bodyAction(part: PartInfo, leaf: LeafFacts): [BodyAction, RepairFix[]] | undefined {
    const enc = part.encoding === '' ? '7bit' : part.encoding;
    const loc = part.path === '' ? {} : { part: part.path };
    const name = where(part.path);
    if (
      (enc === 'base64' || enc === 'quoted-printable') &&
      (part.mediaType === 'message/rfc822' || part.mediaType === 'message/global')
    )
      return [
        'decode-message',
        [
          {
            code: 'mime.encoding-unknown',
            message: `The ${part.mediaType} body of ${name} was ${enc}-encoded (not allowed for messages); it is now decoded, repaired inside and written 7bit/8bit.`,
            ...loc,
          },
        ],
      ];
    if (enc === 'base64') {
      if (!leaf.longLine && !leaf.bareNewline && !leaf.b64Spaces) return undefined;
      const fixes: RepairFix[] = [];
      if (leaf.b64Spaces)
        fixes.push({
          code: 'mime.base64-invalid',
          message: `The base64 body of ${name} had whitespace or line breaks in the wrong places; it is re-wrapped at 76 columns (same bytes).`,
          ...loc,
        });
      if (leaf.longLine)
        fixes.push({
          code: 'line.too-long',
          message: `The base64 body of ${name} had lines longer than 998 octets; it is re-wrapped at 76 columns (same bytes).`,
          ...loc,
        });
      if (leaf.bareNewline)
        fixes.push({
          code: 'line.bare-newline',
          message: `The base64 body of ${name} had bare line breaks; it is re-wrapped at 76 columns with CRLF (same bytes).`,
          ...loc,
        });
      return ['rewrap', fixes];
    }
    if (enc !== '7bit' && enc !== '8bit' && enc !== 'binary') return undefined;
    if (part.mediaType.startsWith('message/') || part.mediaType.startsWith('multipart/')) return undefined;
    const charset = part.contentTypeParams?.values.get('charset') ?? '';
    const text = part.mediaType.startsWith('text/') && !WIDE_CHARSET.test(charset);
    const binaryNewlines = leaf.bareNewline && !text;
    if (!leaf.eightBit && !leaf.longLine && !binaryNewlines) return undefined;
    const target: BodyAction = text ? 'quoted-printable' : 'base64';
    const how = text
      ? `re-encoded as quoted-printable (base64 when shorter)${charset ? `, charset ${charset} kept` : ''}`
      : 're-encoded as base64 (same bytes)';
    const fixes: RepairFix[] = [];
    if (leaf.eightBit)
      fixes.push({
        code: 'body.8bit',
        message: `The body of ${name} had 8-bit bytes declared ${enc}; it is ${how}.`,
        ...loc,
      });
    if (leaf.longLine)
      fixes.push({
        code: 'line.too-long',
        message: `The body of ${name} had lines longer than 998 octets; it is ${how}.`,
        ...loc,
      });
    if (leaf.bareNewline && text)
      fixes.push({
        code: 'line.bare-newline',
        message: `The body of ${name} had bare line breaks; they are CRLF line breaks now (${how}).`,
        ...loc,
      });
    if (binaryNewlines)
      fixes.push({
        code: 'line.bare-newline',
        message: `The ${part.mediaType} body of ${name} had bare line breaks; it is ${how}.`,
        ...loc,
      });
    return [target, fixes];
  }

  structure(p: StructureProblem): void {
    if (
      p.kind === 'boundary-not-found' &&
      p.seenDelimiter &&
      p.part.boundary !== undefined &&
      !this.frozen(p.part.path)
    )
      this.unclosed.push({ part: p.part, line: p.line });
  }

  /** Multiparts still open when the message ended (reported on the line after the last one) get their closers. */
  end(stats: MessageStats): void {
    for (const { part, line } of this.unclosed) {
      if (line !== stats.lines || part.boundary === undefined) continue;
      const fix: RepairFix = {
        code: 'mime.boundary-not-found',
        message: `Appended the missing closing delimiter '--${part.boundary}--' of ${where(part.path)} at the end of the message.`,
        ...(part.path === '' ? {} : { part: part.path }),
      };
      if (this.signatures.length > 0 && !this.breakDkim) {
        this.skip([fix]);
        continue;
      }
      this.bodyChanged = true;
      this.plan.fixes.push(fix);
      this.plan.closers.push(part.boundary);
    }
  }

  /**
   * Completes the plan: with breakDkim, the removal of every DKIM signature the changes invalidate. (The
   * Content-Transfer-Encoding of a re-encoded part is written by the writing pass, which knows the result.)
   */
  finish(): Plan {
    const top = this.plan.parts.get('');
    if (top && this.breakDkim && this.signatures.length > 0) {
      const broken = this.signatures.filter(
        (s) => this.bodyChanged || [...s.sig.headers].some((name) => this.topChanged.has(name)),
      );
      for (const s of broken) top.fields.set(s.index, { text: undefined });
      if (broken.length > 0) {
        // Each fix names the signatures: a few by domain (a message with thousands must not make every message long).
        const named = [...new Set(broken.map((s) => s.sig.domain))];
        const domains =
          named.length <= 3
            ? named.join(', ')
            : `${named.slice(0, 3).join(', ')} and ${named.length - 3} more`;
        for (const fix of this.plan.fixes)
          fix.message += ` This invalidated the DKIM signature${broken.length === 1 ? '' : 's'} of ${domains}, which ${broken.length === 1 ? 'was' : 'were'} removed.`;
      }
    }
    this.plan.fixes.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    return this.plan;
  }
}
