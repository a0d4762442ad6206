/**
 * The message shape: the smallest correct tree for `{ text, amp, html, icalEvent, alternatives, attachments }`.
 *
 * | content                          | tree                                                               |
 * |----------------------------------|--------------------------------------------------------------------|
 * | one body                         | that part                                                          |
 * | several bodies                   | multipart/alternative (text, amp, calendar, html, alternatives…)  |
 * | html + inline (cid) attachments  | the html becomes multipart/related(html, inline) |
 * | regular attachments              | multipart/mixed(body, attachments…)              |
 */
import type { Leaf, MimeNode, Multipart } from './mime-tree.js';

/** Parts to arrange. `html` is kept apart so inline attachments can be related to it. */
export interface ShapeInput {
  text?: Leaf | undefined;
  /** AMP for Email: after text, before html (where nodemailer puts it; clients without AMP show html). */
  amp?: Leaf | undefined;
  ical?: Leaf | undefined;
  html?: Leaf | undefined;
  /** Extra alternative bodies, last (nodemailer's order). */
  alternatives: Leaf[];
  /** Attachments with a cid, shown inside the html (only related when there is html). */
  inline: Leaf[];
  attachments: Leaf[];
}

/** Makes a multipart node; the callback picks a boundary that is safe for those children. */
export type MultipartFactory = (
  subtype: 'mixed' | 'alternative' | 'related',
  children: MimeNode[],
) => Multipart;

/** Arranges parts into the smallest correct tree. Returns `undefined` when there is nothing at all. */
export function shapeMessage(p: ShapeInput, multipart: MultipartFactory): MimeNode | undefined {
  const html = p.html && p.inline.length > 0 ? multipart('related', [p.html, ...p.inline]) : p.html;
  const attachments = p.html ? p.attachments : [...p.inline, ...p.attachments];
  const bodies = [p.text, p.amp, p.ical, html, ...p.alternatives].filter(
    (x): x is MimeNode => x !== undefined,
  );
  const body = bodies.length > 1 ? multipart('alternative', bodies) : bodies[0];
  if (attachments.length === 0) return body;
  return multipart('mixed', body ? [body, ...attachments] : attachments);
}
