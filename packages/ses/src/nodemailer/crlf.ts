/**
 * nodemailer leaves `\n` from `text`/`html` as bare LF in the compiled message; its own SES transport pipes the
 * message through `LeWindows` before sending. We do the same (every LF not preceded by CR becomes CRLF), so that
 * switching transports changes nothing on the wire, and the validator then checks exactly these bytes.
 */
export function withCrlfLineEndings(bytes: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) bare++;
  if (bare === 0) return bytes;
  const out = new Uint8Array(bytes.length + bare);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) out[o++] = 0x0d;
    out[o++] = b;
  }
  return out;
}
