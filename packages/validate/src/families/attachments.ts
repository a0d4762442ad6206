import { Buffer } from 'node:buffer';
import { decodeEncodedWordsLenient, type ParamList } from '@rawmail/mime';
import type { PartInfo } from '../reader/events.js';
import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';
import { partLabel, where } from './family.js';

/** File extensions SES refuses as attachments (SES developer guide, "Unsupported attachment types"). */
export const SES_BLOCKED_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'ade adp app asp bas bat cer chm cmd com cpl crt csh der exe fxp gadget hlp hta inf ins isp its js jse ksh lib lnk ' +
    'mad maf mag mam maq mar mas mat mau mav maw mda mdb mde mdt mdw mdz msc msh msh1 msh2 mshxml msh1xml msh2xml msi ' +
    'msp mst ops pcd pif plg prf prg reg scf scr sct shb shs sys ps1 ps1xml ps2 ps2xml psc1 psc2 tmp url vb vbe vbs vps ' +
    'vsmacros vss vst vsw vxd ws wsc wsf wsh xnk'
  ).split(' '),
);

/** Calls `f` with each non-empty value of the parameters named `name` (as written, before RFC 2231 decoding). */
function forEachValue(list: ParamList | undefined, name: string, f: (value: string) => void): void {
  if (list === undefined) return;
  for (let i = 0; i < list.length; i++)
    if (list.nameIs(i, name) && list.valueEnd(i) > list.valueStart(i)) f(list.value(i));
}

/** Whether a parameter named `name` has a non-empty value (a quoted value with quoted-pairs is never empty). */
function hasValue(list: ParamList | undefined, name: string): boolean {
  if (list === undefined) return false;
  for (let i = 0; i < list.length; i++)
    if (list.nameIs(i, name) && list.valueEnd(i) > list.valueStart(i)) return true;
  return false;
}

/** Every file name a part carries, decoded (RFC 2231, RFC 2047, raw UTF-8). */
export function fileNamesOf(part: PartInfo): string[] {
  const names = new Set<string>();
  // The same text from two sources (a plain `filename` is both the raw and the decoded value) is decoded once.
  const seen = new Set<string>();
  const add = (text: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    names.add(decodeEncodedWordsLenient(text));
  };
  // Raw parameter values are latin1 strings of the header bytes: raw UTF-8 file names are decoded as UTF-8.
  const addRaw = (raw: string) =>
    add(/[\x80-\xff]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw);
  const addDecoded = (text: string | undefined) => {
    if (text !== undefined && text !== '') add(text);
  };
  forEachValue(part.contentDisposition?.list, 'filename', addRaw);
  forEachValue(part.contentType?.list, 'name', addRaw);
  addDecoded(part.contentDispositionParams?.values.get('filename'));
  addDecoded(part.contentTypeParams?.values.get('name'));
  return [...names];
}

/** False when `fileNamesOf(part)` is certainly empty (most parts: no file name parameter at all). */
function mayHaveFileName(part: PartInfo): boolean {
  if (hasValue(part.contentDisposition?.list, 'filename') || hasValue(part.contentType?.list, 'name'))
    return true;
  const filename = part.contentDispositionParams?.values.get('filename');
  const name = part.contentTypeParams?.values.get('name');
  return (filename !== undefined && filename !== '') || (name !== undefined && name !== '');
}

/**
 * The extension that counts: the last one, lower-cased, after removing the trailing dots and spaces that
 * Windows ignores (so `setup.exe.` is an .exe).
 */
export function lastExtension(name: string): string {
  let end = name.length;
  while (end > 0 && (name[end - 1] === '.' || name[end - 1] === ' ' || name[end - 1] === '\t')) end--;
  const trimmed = name.slice(0, end);
  const dot = trimmed.lastIndexOf('.');
  const slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return dot > slash ? trimmed.slice(dot + 1).toLowerCase() : '';
}

/** `attachment.blocked-type`: file names ending in an extension SES refuses. */
export const attachmentsFamily: RuleFamily = {
  name: 'attachments',
  codes: ['attachment.blocked-type'],
  create(ctx: FamilyContext): FamilyVisitor {
    const issues = ctx.issues;
    if (!issues.enabled('attachment.blocked-type')) return {};
    return {
      headersEnd(part: PartInfo) {
        if (part.contentDisposition === undefined && part.contentType === undefined) return;
        if (!mayHaveFileName(part)) return;
        for (const name of fileNamesOf(part)) {
          const ext = lastExtension(name);
          if (!SES_BLOCKED_EXTENSIONS.has(ext)) continue;
          const line =
            part.fields.find((f) => f.lowerName === 'content-disposition' || f.lowerName === 'content-type')
              ?.line ?? part.line;
          issues.add({
            code: 'attachment.blocked-type',
            message: `The attachment '${name.length > 200 ? `${name.slice(0, 100)}…${name.slice(-60)}` : name}' in ${partLabel(part)}${where({ path: '' }, line)} has the extension .${ext}, which SES refuses; SES rejects the whole message.`,
            line,
            part: part.path,
          });
          return;
        }
      },
    };
  },
};
