/**
 * Single-pass lexer for structured header values (RFC 5322 §3.2). Every character is read once;
 * comments are matched by counting depth (no recursion), quoted strings and domain literals by a
 * plain loop. No regular expressions. `work.steps` counts characters and tokens so tests can bound
 * the work done on hostile input.
 */
import {
  BACKSLASH,
  CR,
  DQUOTE,
  isAtext,
  isControl,
  isStructuralSpecial,
  isWsp,
  LBRACKET,
  LF,
  LPAREN,
  RBRACKET,
  RPAREN,
} from './chars.js';
import { MAX_COMMENT_DEPTH } from './limits.js';

/** A counter of elementary steps; shared by the lexer, the parser and the checks. */
export interface Work {
  steps: number;
}

export type TokenKind =
  /** A run of atext (including non-ASCII). */
  | 'atom'
  /** A quoted-string, quotes included in the source span. */
  | 'quoted'
  /** A domain literal `[...]`. */
  | 'literal'
  /** One of `< > @ , : ; .` */
  | 'special'
  /** Something that can never be part of an address: a control character, a stray `)` `]` `\`, a bad comment. */
  | 'bad'
  | 'eof';

export type BadReason = 'control' | 'stray' | 'unterminated-comment' | 'comment-too-deep' | 'comment-control';

export interface Token {
  kind: TokenKind;
  /** Source span [start, end). */
  start: number;
  end: number;
  /** Whitespace (or a fold) came between the previous token and this one. */
  ws: boolean;
  /** A comment came between the previous token and this one. */
  comment: boolean;
  /** For `special` and `bad`: the character. */
  ch: string;
  /** For `quoted`: the content with quoting undone and folds removed. */
  value: string;
  /** For `quoted` / `literal`: the closing delimiter was found. */
  closed: boolean;
  /** For `quoted`: a control character (or a CR or LF that is not a fold) inside. */
  control: boolean;
  /** For `atom` / `quoted`: a character above U+007F inside. */
  nonAscii: boolean;
  /** For `bad`: why. */
  reason?: BadReason;
}

function token(kind: TokenKind, start: number, end: number, ws: boolean, comment: boolean): Token {
  return {
    kind,
    start,
    end,
    ws,
    comment,
    ch: '',
    value: '',
    closed: true,
    control: false,
    nonAscii: false,
    // Always present, so every token has one shape.
    reason: undefined,
  };
}

/** Pull lexer over `text`; `peek()` looks one token ahead. */
export class Tokenizer {
  private pos = 0;
  private ahead: Token | undefined;
  /** End of the last token returned by `next()`. */
  lastEnd = 0;
  /** Tokens returned by `next()` so far. */
  consumed = 0;

  constructor(
    readonly text: string,
    readonly work: Work,
  ) {}

  peek(): Token {
    if (this.ahead === undefined) this.ahead = this.scan();
    return this.ahead;
  }

  next(): Token {
    const t = this.peek();
    this.ahead = undefined;
    this.lastEnd = t.end;
    this.consumed++;
    return t;
  }

  /** Length of a line break starting at `i` that is part of a fold (CRLF or LF followed by WSP, or at the very end). */
  private foldAt(i: number): number {
    const s = this.text;
    const c = s.charCodeAt(i);
    let n = 0;
    if (c === CR && s.charCodeAt(i + 1) === LF) n = 2;
    else if (c === LF) n = 1;
    else return 0;
    const after = i + n;
    if (after >= s.length || isWsp(s.charCodeAt(after))) return n;
    return 0;
  }

  private scan(): Token {
    const s = this.text;
    const len = s.length;
    const work = this.work;
    let ws = false;
    let comment = false;
    work.steps++;
    while (this.pos < len) {
      const c = s.charCodeAt(this.pos);
      if (isWsp(c)) {
        ws = true;
        this.pos++;
        work.steps++;
        continue;
      }
      const fold = this.foldAt(this.pos);
      if (fold > 0) {
        ws = true;
        this.pos += fold;
        work.steps += fold;
        continue;
      }
      if (c === LPAREN) {
        const bad = this.skipComment(ws, comment);
        if (bad) return bad;
        comment = true;
        continue;
      }
      break;
    }
    const start = this.pos;
    if (start >= len) return token('eof', start, start, ws, comment);
    const c = s.charCodeAt(start);
    if (c === DQUOTE) return this.scanQuoted(ws, comment);
    if (c === LBRACKET) return this.scanLiteral(ws, comment);
    if (isStructuralSpecial(c)) {
      this.pos++;
      work.steps++;
      const t = token('special', start, this.pos, ws, comment);
      t.ch = s[start] as string;
      return t;
    }
    if (isAtext(c)) {
      let i = start;
      let nonAscii = false;
      for (; i < len; i++) {
        const a = s.charCodeAt(i);
        if (!isAtext(a)) break;
        if (a > 0x7f) nonAscii = true;
      }
      work.steps += i - start;
      this.pos = i;
      const t = token('atom', start, i, ws, comment);
      t.nonAscii = nonAscii;
      return t;
    }
    // Controls (including a CR/LF that is not a fold), `)`, `]`, `\` outside quotes.
    this.pos++;
    work.steps++;
    const t = token('bad', start, this.pos, ws, comment);
    t.ch = s[start] as string;
    t.reason = c === RPAREN || c === RBRACKET || c === BACKSLASH ? 'stray' : 'control';
    return t;
  }

  /** Skips one comment at `this.pos`; returns a `bad` token when it is unterminated, too deep or holds a control. */
  private skipComment(ws: boolean, comment: boolean): Token | undefined {
    const s = this.text;
    const len = s.length;
    const start = this.pos;
    let depth = 0;
    let maxDepth = 0;
    let control = false;
    let i = start;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        const e = s.charCodeAt(i + 1);
        if (i + 1 < len && (isControl(e) || e === CR || e === LF)) control = true;
        i += 2;
        continue;
      }
      if (c === LPAREN) {
        depth++;
        if (depth > maxDepth) maxDepth = depth;
      } else if (c === RPAREN) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (c === CR || c === LF) {
        const fold = this.foldAt(i);
        if (fold === 0) control = true;
        else {
          i += fold;
          continue;
        }
      } else if (isControl(c)) {
        control = true;
      }
      i++;
    }
    if (i > len) i = len;
    this.work.steps += i - start;
    this.pos = i;
    let reason: BadReason | undefined;
    if (depth > 0) reason = 'unterminated-comment';
    else if (maxDepth > MAX_COMMENT_DEPTH) reason = 'comment-too-deep';
    else if (control) reason = 'comment-control';
    if (reason === undefined) return undefined;
    const t = token('bad', start, i, ws, comment);
    t.ch = '(';
    t.reason = reason;
    return t;
  }

  private scanQuoted(ws: boolean, comment: boolean): Token {
    const s = this.text;
    const len = s.length;
    const start = this.pos;
    const t = token('quoted', start, start, ws, comment);
    t.closed = false;
    let value = '';
    let seg = start + 1;
    let i = start + 1;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === DQUOTE) {
        t.closed = true;
        break;
      }
      if (c === BACKSLASH) {
        value += s.slice(seg, i);
        if (i + 1 >= len) {
          i++;
          seg = i;
          break;
        }
        const e = s.charCodeAt(i + 1);
        if (isControl(e) || e === CR || e === LF) t.control = true;
        if (e > 0x7f) t.nonAscii = true;
        seg = i + 1;
        i += 2;
        continue;
      }
      if (c === CR || c === LF) {
        const fold = this.foldAt(i);
        value += s.slice(seg, i);
        if (fold === 0) {
          t.control = true;
          i++;
        } else i += fold;
        seg = i;
        continue;
      }
      if (isControl(c)) t.control = true;
      else if (c > 0x7f) t.nonAscii = true;
      i++;
    }
    value += s.slice(seg, Math.min(i, len));
    const end = t.closed ? i + 1 : len;
    this.work.steps += end - start;
    this.pos = end;
    t.end = end;
    t.value = value;
    return t;
  }

  /** A domain literal: only its extent; its content is checked as a domain (addr-spec-checks.ts). */
  private scanLiteral(ws: boolean, comment: boolean): Token {
    const s = this.text;
    const len = s.length;
    const start = this.pos;
    const t = token('literal', start, start, ws, comment);
    t.closed = false;
    let i = start + 1;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === RBRACKET) {
        t.closed = true;
        break;
      }
      if (c === LBRACKET) break;
      i++;
    }
    const end = t.closed ? i + 1 : i;
    this.work.steps += end - start;
    this.pos = end;
    t.end = end;
    return t;
  }
}
