/** Custom `headers` input and the List-* / priority headers: names checked, values written as unstructured text. */

import { encodeWordList, SES_ONCE_ONLY_HEADERS } from '@rawmail/mime';
import { ComposeError } from './errors.js';
import { assertHeaderSafe } from './header-safety.js';
import { HeaderWriter } from './header-writer.js';
import type { ComposeInput, ListValue } from './input-types.js';
import { MAX_QUOTED, MAX_STRUCTURED_TOKEN } from './limits.js';
import { writeUnstructured } from './unstructured.js';

type Path = ReadonlyArray<string | number>;

/** Headers the composer writes from input fields; setting them through `headers` would contradict those fields. */
const ALWAYS_RESERVED = new Map<string, string>([
  ['from', 'from'],
  ['sender', 'sender'],
  ['reply-to', 'replyTo'],
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
  ['subject', 'subject'],
  ['date', 'date'],
  ['message-id', 'messageId'],
  ['in-reply-to', 'inReplyTo'],
  ['references', 'references'],
  ['mime-version', ''],
  ['content-type', ''],
  ['content-transfer-encoding', ''],
  ['content-disposition', ''],
  ['content-id', ''],
]);

/** Header names SES accepts only once (`header.duplicate`): the validator's list, so the two cannot disagree. */
const ONCE_ONLY: ReadonlySet<string> = new Set(SES_ONCE_ONLY_HEADERS);

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,76}$/;

/** Writes one unstructured field. */
export function unstructuredField(name: string, value: string): string {
  const w = new HeaderWriter(name);
  writeUnstructured(w, value);
  return w.finish();
}

/** The custom headers, checked and written. */
export function customHeaders(input: ComposeInput, path: Path): string {
  const h = input.headers;
  if (h === undefined) return '';
  const entries: Array<[string, string, Path]> = [];
  if (Array.isArray(h)) {
    for (const [i, e] of h.entries()) entries.push([e.key, e.value, [...path, i]]);
  } else {
    for (const [k, v] of Object.entries(h)) {
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) entries.push([k, x, [...path, k, i]]);
      } else entries.push([k, v, [...path, k]]);
    }
  }
  const seen = new Set<string>();
  let out = '';
  for (const [name, value, p] of entries) {
    assertHeaderSafe(name, p, false);
    if (!FIELD_NAME.test(name)) {
      throw new ComposeError(
        'compose.input-invalid',
        `'${name}' is not a header name (printable ASCII without spaces or ':', at most 76 characters).`,
        p,
      );
    }
    const lower = name.toLowerCase();
    const field = ALWAYS_RESERVED.get(lower);
    const listField = lower.startsWith('list-') && input.list !== undefined;
    const prioField =
      (lower === 'x-priority' || lower === 'x-msmail-priority' || lower === 'importance') &&
      input.priority !== undefined;
    if (field !== undefined || listField || prioField) {
      const use =
        field !== undefined
          ? field === ''
            ? 'the body and attachment fields (the composer writes MIME headers)'
            : `the \`${field}\` field`
          : listField
            ? 'the `list` field'
            : 'the `priority` field';
      throw new ComposeError(
        'compose.header-reserved',
        `header '${name}' is written by the composer; use ${use} instead.`,
        p,
        {
          header: name,
        },
      );
    }
    if (ONCE_ONLY.has(lower) && seen.has(lower)) {
      throw new ComposeError(
        'compose.header-duplicate',
        `header '${name}' may appear only once (SES: Duplicate header '${name}').`,
        p,
        {
          header: name,
        },
      );
    }
    seen.add(lower);
    assertHeaderSafe(value, p);
    out += unstructuredField(name, value);
  }
  return out;
}

/** Priority headers as nodemailer writes them. */
export function priorityHeaders(priority: 'high' | 'normal' | 'low' | undefined): string {
  if (priority === 'high')
    return 'X-Priority: 1 (Highest)\r\nX-MSMail-Priority: High\r\nImportance: High\r\n';
  if (priority === 'low') return 'X-Priority: 5 (Lowest)\r\nX-MSMail-Priority: Low\r\nImportance: Low\r\n';
  return '';
}

const LIST_NAMES: Array<[keyof NonNullable<ComposeInput['list']>, string]> = [
  ['help', 'List-Help'],
  ['unsubscribe', 'List-Unsubscribe'],
  ['subscribe', 'List-Subscribe'],
  ['post', 'List-Post'],
  ['owner', 'List-Owner'],
  ['archive', 'List-Archive'],
];

function listUrl(raw: string, path: Path): string {
  assertHeaderSafe(raw, path, false);
  let url = raw.trim().replace(/^<(.*)>$/, '$1');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && url.includes('@')) url = `mailto:${url}`;
  if (!/^[\x21-\x7e]+$/.test(url) || /[<>]/.test(url) || url.length > MAX_STRUCTURED_TOKEN) {
    throw new ComposeError(
      'compose.input-invalid',
      `'${raw}' is not usable in a List-* header: give an ASCII URL (percent-encode other characters) without spaces or angle brackets.`,
      path,
    );
  }
  return url;
}

function writeComment(w: HeaderWriter, comment: string, path: Path): void {
  assertHeaderSafe(comment, path);
  if (comment.length <= MAX_QUOTED && /^[\x20-\x7e]*$/.test(comment)) {
    w.space(`(${comment.replace(/[()\\]/g, '\\$&')})`);
    return;
  }
  const words = encodeWordList(comment, w.remaining() - 2);
  words.forEach((word, i) => {
    w.space(`${i === 0 ? '(' : ''}${word}${i === words.length - 1 ? ')' : ''}`);
  });
}

function listItems(v: ListValue | ListValue[]): ListValue[] {
  return Array.isArray(v) ? v : [v];
}

/** List-* headers from nodemailer's `list` object, plus RFC 8058 `List-Unsubscribe-Post` when asked. */
export function listHeaders(list: ComposeInput['list'], path: Path): string {
  if (list === undefined) return '';
  let out = '';
  if (list.id !== undefined) {
    const p = [...path, 'id'];
    const item = typeof list.id === 'string' ? { url: list.id } : list.id;
    const w = new HeaderWriter('List-ID');
    const id = listUrl(item.url, [...p, 'url']).replace(/^mailto:/, '');
    if (item.comment !== undefined && item.comment !== '') {
      assertHeaderSafe(item.comment, [...p, 'comment']);
      // phrase before the <list-id>
      const name = item.comment;
      if (name.length <= MAX_QUOTED && /^[\x20-\x7e]*$/.test(name))
        w.space(`"${name.replace(/[\\"]/g, '\\$&')}"`);
      else for (const word of encodeWordList(name, w.remaining())) w.space(word);
    }
    w.space(`<${id}>`);
    out += w.finish();
  }
  let httpsUnsubscribe = false;
  for (const [key, name] of LIST_NAMES) {
    const v = list[key];
    if (v === undefined || typeof v === 'boolean') continue;
    const w = new HeaderWriter(name);
    listItems(v).forEach((item, i) => {
      const p = Array.isArray(v) ? [...path, key, i] : [...path, key];
      const o = typeof item === 'string' ? { url: item } : item;
      const url = listUrl(o.url, typeof item === 'string' ? p : [...p, 'url']);
      if (key === 'unsubscribe' && /^https:/i.test(url)) httpsUnsubscribe = true;
      if (i > 0) w.glue(',');
      w.space(`<${url}>`);
      if (o.comment !== undefined && o.comment !== '') writeComment(w, o.comment, [...p, 'comment']);
    });
    out += w.finish();
  }
  if (list.unsubscribePost) {
    if (!httpsUnsubscribe) {
      throw new ComposeError(
        'compose.input-invalid',
        'RFC 8058 one-click unsubscribe needs an https: URL in `list.unsubscribe`.',
        [...path, 'unsubscribePost'],
      );
    }
    out += 'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n';
  }
  return out;
}
