import { isAscii } from 'node:buffer';
import type { DecodedParams, ParsedParamList } from '@rawmail/mime';
import { Base64Checker } from '../mime/base64-checker.js';
import type { BodyKind, PartInfo, StructureProblem } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { partLabel, where } from './family.js';

const KNOWN_ENCODINGS = new Set(['7bit', '8bit', 'binary', 'quoted-printable', 'base64']);

const partName = partLabel;

function multipartName(part: PartInfo): string {
  return part.path === '' ? `top-level ${part.mediaType}` : `${part.mediaType} (${partLabel(part)})`;
}

function lineOf(bytes: Buffer, index: number, firstLine: number): number {
  let line = firstLine;
  let p = bytes.indexOf(10);
  while (p !== -1 && p < index) {
    line++;
    p = bytes.indexOf(10, p + 1);
  }
  return line;
}

/** Line of a part's Content-Transfer-Encoding field. */
function cteLineOf(part: PartInfo): number | undefined {
  return part.fields.find((f) => f.lowerName === 'content-transfer-encoding')?.line;
}

/** `mime.*` and `body.8bit`: MIME-Version, parameters, boundaries, encodings, base64 bodies, 8-bit bytes. */
export const mimeStructureFamily: RuleFamily = {
  name: 'mime-structure',
  codes: [
    'mime.version-missing',
    'mime.params-malformed',
    'mime.boundary-missing',
    'mime.boundary-not-found',
    'mime.boundary-reused',
    'mime.encoding-unknown',
    'mime.base64-invalid',
    'mime.depth-exceeded',
    'body.8bit',
  ],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    const check8bit = issues.enabled('body.8bit');
    // Only base64 leaves get a checker, and only parts with 8-bit bytes are remembered: a weak-map entry per part
    // was ~13 % of the time on a message of many small parts.
    const base64Checkers = new WeakMap<PartInfo, Base64Checker>();
    const eightBitReported = new WeakSet<PartInfo>();
    let sawMultipart = false;
    let rootVersion: string | undefined;
    let rootHasMime = false;

    const params = (
      part: PartInfo,
      header: string,
      parsed: ParsedParamList | undefined,
      decoded: DecodedParams | undefined,
    ) => {
      if (!parsed) return;
      const line = part.fields.find((f) => f.lowerName === header.toLowerCase())?.line ?? part.line;
      const loc = { line, header, part: part.path };
      if (parsed.error !== undefined)
        issues.add({
          code: 'mime.params-malformed',
          message: `The ${header} header${where(part, line)} does not parse: ${parsed.error}. SES rejects such parameter lists with this text.`,
          ...loc,
        });
      for (const e of decoded?.errors ?? [])
        issues.add({
          code: 'mime.params-malformed',
          message: `The ${header} header${where(part, line)}: ${e}.`,
          ...loc,
        });
    };

    return {
      headersEnd(part: PartInfo) {
        if (part.path === '' && part.depth === 0) {
          rootVersion = part.fields.find((f) => f.lowerName === 'mime-version')?.value;
          rootHasMime = part.contentType !== undefined || part.encoding !== '';
        }
        params(part, 'Content-Type', part.contentType, part.contentTypeParams);
        params(part, 'Content-Disposition', part.contentDisposition, part.contentDispositionParams);
        const enc = part.encoding;
        // The field's line is looked up only for an issue.
        if (enc !== '' && !KNOWN_ENCODINGS.has(enc)) {
          const cteLine = cteLineOf(part);
          issues.add({
            code: 'mime.encoding-unknown',
            message: `Content-Transfer-Encoding '${enc}'${where(part, cteLine)} is not one of 7bit, 8bit, binary, quoted-printable, base64.`,
            line: cteLine,
            header: 'Content-Transfer-Encoding',
            part: part.path,
          });
        } else if (
          (enc === 'base64' || enc === 'quoted-printable') &&
          (part.mediaType.startsWith('multipart/') || part.mediaType.startsWith('message/'))
        ) {
          const cteLine = cteLineOf(part);
          issues.add({
            code: 'mime.encoding-unknown',
            message: `${part.mediaType} part${where(part, cteLine)} uses Content-Transfer-Encoding ${enc}; composite types must be 7bit, 8bit or binary (RFC 2045 §6.4).`,
            line: cteLine,
            header: 'Content-Transfer-Encoding',
            part: part.path,
          });
        }
        if (part.multipart) sawMultipart = true;
        else if (enc === 'base64') base64Checkers.set(part, new Base64Checker());
      },
      body(
        part: PartInfo,
        kind: BodyKind,
        bytes: Buffer,
        firstLine: number,
        crlfBytes: number,
        latin1: string | undefined,
      ) {
        const b64 = kind === 'leaf' ? base64Checkers.get(part) : undefined;
        if (b64 !== undefined) {
          const text = latin1 ?? bytes.toString('latin1');
          const line = b64.feed(text, crlfBytes, firstLine);
          if (line !== -1) {
            issues.add({
              code: 'mime.base64-invalid',
              message: `The base64 body of ${partName(part)} is invalid at line ${line}: ${b64.error}.`,
              line,
              part: part.path,
            });
          }
          return;
        }
        if (check8bit && !isAscii(bytes) && !eightBitReported.has(part)) {
          eightBitReported.add(part);
          let at = 0;
          while (at < bytes.length && (bytes[at] as number) < 0x80) at++;
          const line = lineOf(bytes, at, firstLine);
          const enc = part.encoding === '' ? '7bit (no Content-Transfer-Encoding)' : part.encoding;
          const section =
            kind === 'leaf' ? `The body of ${partName(part)}` : `The ${kind} of the ${multipartName(part)}`;
          issues.add({
            code: 'body.8bit',
            message: `${section} has 8-bit bytes (0x${(bytes[at] ?? 0).toString(16).toUpperCase()} at line ${line}) and is declared ${enc}. SES may rewrite the body (open and click tracking) and break it.`,
            line,
            part: part.path,
          });
        }
      },
      partEnd(part: PartInfo) {
        const b64 = base64Checkers.get(part);
        const error = b64?.finish();
        if (error) {
          const line = b64?.errorLine;
          issues.add({
            code: 'mime.base64-invalid',
            message: `The base64 body of ${partName(part)} is invalid${line === undefined ? '' : ` at line ${line}`}: ${error}.`,
            line,
            part: part.path,
          });
        }
      },
      structure(p: StructureProblem) {
        const part = p.part;
        const line = part.fields.find((f) => f.lowerName === 'content-type')?.line ?? part.line;
        switch (p.kind) {
          case 'boundary-missing':
            issues.add({
              code: 'mime.boundary-missing',
              message: `The ${part.mediaType} Content-Type${where(part, line)} has no boundary parameter; its body cannot be split into parts.`,
              line,
              header: 'Content-Type',
              part: part.path,
            });
            break;
          case 'boundary-not-found':
            issues.add({
              code: 'mime.boundary-not-found',
              message: p.seenDelimiter
                ? `The closing delimiter '--${part.boundary}--' of the ${multipartName(part)} is missing (it ends at line ${p.line} without it).`
                : `The boundary '${part.boundary}' of the ${multipartName(part)} never appears as a delimiter line '--${part.boundary}', so it has no body parts.`,
              line: p.line,
              part: part.path,
            });
            break;
          case 'boundary-reused':
            issues.add({
              code: 'mime.boundary-reused',
              message: p.prefix
                ? `The boundary '${p.boundary}' of ${multipartName(part)} and the boundary '${p.enclosing.boundary}' of the enclosing ${multipartName(p.enclosing)} start with one another; RFC 2046 §5.1.1 matches delimiters by prefix, so parsers split the parts wrongly.`
                : `The nested ${multipartName(part)} reuses the boundary '${p.boundary}' of the enclosing ${multipartName(p.enclosing)}.`,
              line,
              header: 'Content-Type',
              part: part.path,
            });
            break;
          case 'depth-exceeded':
            issues.add({
              code: 'mime.depth-exceeded',
              message: `${partName(part)} (${part.mediaType}) is nested ${p.limit + 1} levels deep (multiparts and embedded messages); at most ${p.limit} levels are read and its content is not inspected.`,
              line,
              part: part.path,
            });
            break;
        }
      },
      end() {
        const version = rootVersion?.replace(/\([^()]*\)/g, '').trim();
        if (version !== undefined && version !== '1.0')
          issues.add({
            code: 'mime.version-missing',
            message: `The MIME-Version header says '${rootVersion?.trim()}'; it must be 1.0.`,
            header: 'MIME-Version',
          });
        else if (version === undefined && (rootHasMime || sawMultipart))
          issues.add({
            code: 'mime.version-missing',
            message:
              'The message has MIME content (Content-Type or Content-Transfer-Encoding headers) but no MIME-Version: 1.0 header.',
          });
      },
    };
  },
};
