"""Oracle: the message/rfc822 parts of each message, parsed by Python's email package (policy.default).

stdin: JSON list of base64 messages. stdout: JSON list, per message a list of embedded messages with their
Content-Transfer-Encoding, subject, From, plain-text body and attachments (file name, base64 bytes).
"""
import base64
import email
import json
import sys
from email import policy


def embedded(raw):
    msg = email.message_from_bytes(raw, policy=policy.default)
    out = []
    for part in msg.walk():
        if part.get_content_type() != "message/rfc822":
            continue
        inner = part.get_payload(0)
        body = inner.get_body(("plain",))
        out.append({
            "cte": part.get("Content-Transfer-Encoding"),
            "filename": part.get_filename(),
            "subject": inner["Subject"] and str(inner["Subject"]),
            "from": [a.addr_spec for a in inner["From"].addresses] if inner["From"] else None,
            "text": body.get_content() if body is not None else None,
            "attachments": [
                [a.get_filename(), base64.b64encode(a.get_payload(decode=True) or b"").decode("ascii")]
                for a in inner.iter_attachments()
            ],
            "defects": [f"{type(d).__name__}" for p in inner.walk() for d in p.defects],
        })
    return out


json.dump([embedded(base64.b64decode(b)) for b in json.load(sys.stdin)], sys.stdout)
