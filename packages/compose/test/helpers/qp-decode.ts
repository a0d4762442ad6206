/** A small quoted-printable decoder for tests (independent of the encoder under test). */
export function qpDecode(encoded: string): Buffer {
  const out: number[] = [];
  const lines = encoded.split('\r\n');
  lines.forEach((line, i) => {
    const soft = line.endsWith('=');
    const body = soft ? line.slice(0, -1) : line;
    for (let j = 0; j < body.length; j++) {
      if (body[j] === '=') {
        out.push(Number.parseInt(body.slice(j + 1, j + 3), 16));
        j += 2;
      } else out.push(body.charCodeAt(j));
    }
    if (!soft && i < lines.length - 1) out.push(13, 10);
  });
  return Buffer.from(out);
}
