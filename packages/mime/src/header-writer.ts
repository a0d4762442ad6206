/**
 * A line-aware header writer: values are written token by token and folded while writing (never
 * re-parsed afterwards). A fold replaces the whitespace before a token with CRLF + that whitespace, so
 * unfolding (RFC 5322 §2.2.3, removing CRLF) restores the value exactly.
 */
import { MimeError } from './errors.js';
import { escapeControls } from './escape-controls.js';
import { FOLD_COLUMN, MAX_LINE_OCTETS } from './limits.js';

/**
 * Writes one header field. A token that makes an unfoldable line longer than 998 octets throws from
 * {@link HeaderWriter.lineTooLong} — a `MimeError` here; layers above override it to throw their own error type.
 */
export class HeaderWriter {
  private text = '';
  private line: string;
  private hasToken = false;
  /** Where the last token's whitespace starts on the current line (a fold point), or -1. */
  private foldAt = -1;

  /** Starts a field `Name:`. `name` must already be a valid field name. */
  constructor(
    /** The field name, as written before the colon. */
    readonly name: string,
  ) {
    this.line = `${name}:`;
  }

  /** Characters left on the current line before column 78, after one separating space. */
  remaining(): number {
    return FOLD_COLUMN - this.line.length - 1;
  }

  /** Appends `token` after whitespace `ws`, folding before it when it would pass column 78. */
  space(token: string, ws = ' '): this {
    if (this.hasToken && this.line.length + ws.length + token.length > FOLD_COLUMN) {
      this.text += `${this.line}\r\n`;
      this.line = ws + token;
      this.foldAt = -1;
    } else {
      this.foldAt = this.hasToken ? this.line.length : -1;
      this.line += ws + token;
    }
    this.hasToken = true;
    this.check();
    return this;
  }

  /**
   * Appends `token` with no fold point before it (e.g. a comma after an address). If that pushes the line
   * past column 78, the previous token moves to a new line together with it.
   */
  glue(token: string): this {
    this.line += token;
    if (this.line.length > FOLD_COLUMN && this.foldAt > 0) {
      this.text += `${this.line.slice(0, this.foldAt)}\r\n`;
      this.line = this.line.slice(this.foldAt);
      this.foldAt = -1;
    }
    this.hasToken = true;
    this.check();
    return this;
  }

  private check(): void {
    if (this.line.length > MAX_LINE_OCTETS) this.lineTooLong();
  }

  /** Called when a line would pass 998 octets with no fold point; must throw. */
  protected lineTooLong(): never {
    throw new MimeError(
      'mime.header-too-long',
      `the ${escapeControls(this.name)} header has an unbreakable token making a line longer than ${MAX_LINE_OCTETS} octets; shorten it.`,
      { header: this.name },
    );
  }

  /** The finished field, folded, ending with CRLF. */
  finish(): string {
    return `${this.text}${this.line}\r\n`;
  }
}
