/**
 * Incremental base64 body check (RFC 2045 §6.8): alphabet only (line breaks allowed), padding only at the
 * very end, at most two `=`, and a multiple of four characters in all. Fed in runs of any size; keeps O(1)
 * state.
 */
export class Base64Checker {
  /** Base64 characters seen so far (line breaks excluded). */
  private chars = 0;
  private pad = 0;
  private padSeen = false;
  /** First problem found, with its offset in the run and run-relative line; undefined while valid. */
  error: string | undefined;

  /**
   * Checks one run. `crlfBytes` is the number of CR and LF bytes in it. Returns the offset of the first bad
   * character in `text` when this run made the body invalid, else -1.
   */
  feed(text: string, crlfBytes: number): number {
    if (this.error !== undefined) return -1;
    const bad = /[^A-Za-z0-9+/=\r\n]/.exec(text);
    const eq = this.padSeen ? 0 : text.indexOf('=');
    const afterPad = eq === -1 ? null : /[^=\r\n]/.exec(eq === 0 ? text : text.slice(eq));
    if (bad && (afterPad === null || bad.index <= eq + afterPad.index)) {
      const code = bad[0].charCodeAt(0);
      const shown =
        code >= 0x21 && code < 0x7f ? `'${bad[0]}'` : `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
      this.error = `the character ${shown} is not in the base64 alphabet`;
      return bad.index;
    }
    if (afterPad) {
      this.error = 'base64 data continues after the = padding';
      return eq + afterPad.index;
    }
    if (eq !== -1) {
      this.padSeen = true;
      for (let i = eq; i < text.length; i++) if (text.charCodeAt(i) === 61) this.pad++;
    }
    this.chars += text.length - crlfBytes;
    return -1;
  }

  /** Final check at the end of the part; returns an error text or undefined. */
  finish(): string | undefined {
    if (this.error !== undefined) return undefined;
    if (this.pad > 2) return `the body ends with ${this.pad} '=' padding characters; at most 2 are allowed`;
    if (this.chars % 4 !== 0)
      return `the body has ${this.chars} base64 characters, not a multiple of 4: padding is missing or data was cut off`;
    return undefined;
  }
}
