"""Oracle: parse messages with Python's email package (policy.default) and report what it saw.

stdin: JSON list of base64 messages. stdout: JSON list of results, one per message.
"""
import base64
import json
import sys
import email
from email import policy


def addresses(msg, name):
    value = msg[name]
    if value is None:
        return None
    return [[a.display_name, a.addr_spec] for a in value.addresses]


def groups(msg, name):
    value = msg[name]
    if value is None:
        return None
    return [[g.display_name, [[a.display_name, a.addr_spec] for a in g.addresses]] for g in value.groups]


def describe(raw):
    msg = email.message_from_bytes(raw, policy=policy.default)
    defects = []
    leaves = []
    for part in msg.walk():
        defects += [f"{type(d).__name__}: {d}" for d in part.defects]
        for key, value in part.items():  # items() parses each header
            defects += [f"{key}: {type(d).__name__}: {d}" for d in getattr(value, "defects", ())]
        if part.is_multipart():
            continue
        info = {
            "type": part.get_content_type(),
            "filename": part.get_filename(),
            "cid": part["Content-ID"] and str(part["Content-ID"]),
            "disposition": part.get_content_disposition(),
            "bytes": base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii"),
            "headers": [[k, str(v)] for k, v in part.items()],
        }
        if part.get_content_maintype() == "text":
            info["text"] = part.get_content()
        leaves.append(info)
    subject = msg["Subject"]
    return {
        "subject": None if subject is None else str(subject),
        "from": addresses(msg, "From"),
        "sender": addresses(msg, "Sender"),
        "to": addresses(msg, "To"),
        "cc": addresses(msg, "Cc"),
        "replyTo": addresses(msg, "Reply-To"),
        "toGroups": groups(msg, "To"),
        "ccGroups": groups(msg, "Cc"),
        "headers": [[k, str(v)] for k, v in msg.items()],
        "bcc": msg["Bcc"] is not None,
        "contentType": msg.get_content_type(),
        "leaves": leaves,
        "defects": defects,
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
