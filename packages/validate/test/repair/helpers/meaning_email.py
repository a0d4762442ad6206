"""Meaning oracle for repair tests: what Python's email package (policy.default) decodes from each message.

stdin: JSON list of base64 messages. stdout: JSON list, one result per message: header values (subject, display
names, addresses), the text and HTML bodies as text, and each attachment's content type, file name and the SHA-256
of its decoded bytes. Header bytes that are not ASCII reach Python as surrogate escapes (its "unknown-8bit");
they are turned back into the bytes they stand for and read as UTF-8, the charset the repair assumes.
"""
import base64
import hashlib
import json
import sys
import email
from email import policy


def text(value):
    if value is None:
        return None
    s = str(value)
    try:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return s


def addresses(msg, name):
    value = msg[name]
    if value is None:
        return None
    return [[text(a.display_name), text(a.username), text(a.domain)] for a in value.addresses]


def trim_break(data):
    """The bytes without one final line break (see meaning.ts: who owns the break before a delimiter)."""
    if data.endswith(b"\r\n"):
        return data[:-2]
    if data.endswith(b"\n") or data.endswith(b"\r"):
        return data[:-1]
    return data


def describe(raw):
    msg = email.message_from_bytes(raw, policy=policy.default)
    leaves = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        data = part.get_payload(decode=True) or b""
        leaf = {
            "type": part.get_content_type(),
            "filename": text(part.get_filename()),
            "sha256": hashlib.sha256(data).hexdigest(),
            "sha256Trimmed": hashlib.sha256(trim_break(data)).hexdigest(),
        }
        if part.get_content_maintype() == "text":
            try:
                leaf["text"] = part.get_content()
            except Exception as e:  # an unknown charset: record it, the comparison then uses the bytes
                leaf["text"] = None
                leaf["textError"] = f"{type(e).__name__}: {e}"
        leaves.append(leaf)
    return {
        "subject": text(msg["Subject"]),
        "from": addresses(msg, "From"),
        "sender": addresses(msg, "Sender"),
        "to": addresses(msg, "To"),
        "cc": addresses(msg, "Cc"),
        "replyTo": addresses(msg, "Reply-To"),
        "contentType": msg.get_content_type(),
        "leaves": leaves,
    }


def main():
    out = []
    for b64 in json.load(sys.stdin):
        try:
            out.append(describe(base64.b64decode(b64)))
        except Exception as e:  # report, do not crash the batch
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


main()
