/** Hand-written raw messages for the tests (CRLF, 7-bit, valid for SES). */
export interface RawSpec {
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  text?: string;
  headers?: string[];
  attachment?: { filename: string; contentType: string; content: Buffer };
}

export function rawMessage(spec: RawSpec = {}): Buffer {
  const h: string[] = [];
  h.push(`From: ${spec.from ?? 'Sender <sender@example.com>'}`);
  if (spec.to !== '') h.push(`To: ${spec.to ?? 'Rcpt One <one@example.com>'}`);
  if (spec.cc) h.push(`Cc: ${spec.cc}`);
  if (spec.bcc) h.push(`Bcc: ${spec.bcc}`);
  h.push(`Subject: ${spec.subject ?? 'Test message'}`);
  h.push('Date: Fri, 27 Nov 2026 12:00:00 +0000');
  h.push('Message-ID: <test-1@example.com>');
  h.push('MIME-Version: 1.0');
  for (const x of spec.headers ?? []) h.push(x);
  const text = spec.text ?? 'Hello there.\r\nSecond line.';
  if (!spec.attachment) {
    h.push('Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit');
    return Buffer.from(`${h.join('\r\n')}\r\n\r\n${text}\r\n`, 'latin1');
  }
  const b = 'b1_rawmail_test_boundary';
  const a = spec.attachment;
  const b64 = a.content.toString('base64').replace(/.{76}/g, '$&\r\n');
  h.push(`Content-Type: multipart/mixed; boundary="${b}"`);
  const body = [
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    '',
    text,
    `--${b}`,
    `Content-Type: ${a.contentType}; name="${a.filename}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${a.filename}"`,
    '',
    b64,
    `--${b}--`,
    '',
  ].join('\r\n');
  return Buffer.from(`${h.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}
