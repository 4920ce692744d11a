"""Named session payloads for the Flask interop tests, as Python values.

Each name has a JavaScript twin in kinds.ts (the value Canvass loads from Flask's cookie).
The set covers every tag of Flask's tagged JSON, the escaping and number rules of Python's
json module, and sizes on both sides of the compression threshold.
"""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

from markupsafe import Markup


def noise(length):
    """Deterministic base64url noise: zlib only gains its 6-bit Huffman codes (LCG as kinds.ts)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    x, out = 12345, []
    for _ in range(length):
        x = (1103515245 * x + 12345) % 2**31
        out.append(alphabet[(x >> 16) % 64])
    return "".join(out)


UTC = timezone.utc
PLUS_2 = timezone(timedelta(hours=2))
MINUS_5_30 = timezone(-timedelta(hours=5, minutes=30))

KINDS = {
    "int": {"a": 1},
    "empty-string": {"s": ""},
    "ascii": {"s": "hello world"},
    "latin": {"s": "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e"},
    "cjk": {"s": "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"},
    "emoji": {"s": "\U0001f600\U0001f389\U0001f44d\U0001f3fd"},
    "emoji-zwj": {"s": "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"},
    "control-chars": {"s": "\x00\x01\x1f\x7f\x80\x9f"},
    "string-escapes": {"s": "quote\" back\\ nl\n cr\r tab\t bs\b ff\f"},
    "html-chars": {"s": "</script><b>&amp;'\"/"},
    "escape-lookalike": {"s": "\\u00e9 is not \u00e9"},
    "lone-surrogate": {"s": "\ud800x\udfff"},
    "bmp-edges": {"s": "\ue000\ufeff\ufffd\uffff"},
    "whitespace": {"s": " \t\n\u00a0\u2028\u3000 "},
    "unicode-keys": {"\u00e9": 1, "\uff01": 2, "\U0001f600": 3, "": 4, "B": 5, "a": 6},
    "integer-like-keys": {"10": 1, "9": 2, "b": 3, "0": 4, "-1": 5, "01": 6},
    "python-int-keys": {1: "one", 2: "two", 10: "ten"},
    "proto-keys": {"__proto__": 1, "constructor": 2, "toString": 3},
    "long-key": {"k" * 200: "v"},
    "bool-none": {"t": True, "f": False, "n": None},
    "ints": {"i": [0, -1, 2**31, -(2**31), 2**53 - 1, -(2**53 - 1)]},
    "big-ints": {"i": [2**53, 2**53 + 1, -(2**63), 2**64, 10**30]},
    "floats-integral": {"f": [1.0, -0.0, 0.0, 100.0, 1e15]},
    "floats-fraction": {"f": [0.1, -2.5, 3.14159, 1 / 3, 0.0001]},
    "floats-exponent": {"f": [1e16, 1e-05, 1e22, -2.5e-07, 5e-324, 1.7976931348623157e308]},
    "nan-inf": {"f": [float("nan"), float("inf"), float("-inf")]},
    "mixed-list": {"l": [1, "a", None, True, 1.5, [2], {"k": "v"}]},
    "empty-containers": {"l": [], "d": {}, "t": ()},
    "nested": {"fruits": ["apple", "banana"], "n": {"deep": {"er": [None, True, {"x": [1]}]}}},
    "deep-nesting": {"d": [[[[[[[[[[[[[[[[[[[[["bottom"]]]]]]]]]]]]]]]]]]]]]},
    "tuple": {"x": (1, "two", 3.0)},
    "tuple-empty": {"x": ()},
    "tuple-nested": {"x": ((1, 2), [3, (4,)])},
    "tuple-top-level-list": {"x": [(1,), ("a", "b")]},
    "bytes": {"x": b"\x00\x01\xfe\xff binary"},
    "bytes-plus-slash": {"x": b"\xfb\xef\xbe\xff"},
    "bytes-empty": {"x": b""},
    "bytes-all": {"x": bytes(range(256))},
    "markup": {"x": Markup("<b>bold</b> &amp; safe")},
    "markup-unicode": {"x": Markup("<i>caf\u00e9 \U0001f600</i>")},
    "uuid": {"x": UUID("12345678-1234-5678-1234-567812345678")},
    "uuid-nil": {"x": UUID(int=0)},
    "datetime-naive": {"x": datetime(2024, 2, 29, 13, 45, 30)},
    "datetime-utc": {"x": datetime(2024, 2, 29, 13, 45, 30, tzinfo=UTC)},
    "datetime-offset": {"x": datetime(2024, 1, 1, 1, 30, tzinfo=PLUS_2)},
    "datetime-negative-offset": {"x": datetime(2023, 12, 31, 20, 0, tzinfo=MINUS_5_30)},
    "datetime-micro": {"x": datetime(2024, 6, 1, 12, 0, 0, 999999, tzinfo=UTC)},
    "datetime-epoch": {"x": datetime(1970, 1, 1, tzinfo=UTC)},
    "datetime-year-5": {"x": datetime(5, 1, 1, tzinfo=UTC)},
    "datetime-year-9999": {"x": datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)},
    "date-untagged": {"x": date(2024, 1, 2)},
    "decimal-untagged": {"x": Decimal("1.10")},
    "escape-each-tag-key": {"x": {" t": 1}},
    "escape-top-level": {" t": [1, 2]},
    "escape-di-of-dict": {"x": {" di": {"a": 1}}},
    "escape-nested": {"x": {" t": {" b": "zz"}}},
    "escape-every-tag": {"a": {" b": 1}, "c": {" m": 2}, "d": {" u": 3}, "e": {" d": 4}},
    "no-escape-multikey": {"x": {" t": 1, "other": 2}},
    "no-escape-unregistered": {"x": [{" x": 1}, {"t": 1}, {" t__": 1}]},
    "flash-messages": {"_flashes": [("message", "Saved!"), ("error", "Oops")]},
    "flash-markup": {"_flashes": [("info", Markup("<em>Done</em>"))]},
    "permanent": {"_permanent": True, "user": "ann"},
    "not-permanent": {"_permanent": False, "user": "bob"},
    "canvass-progress": {
        "csrf": "Jq3n0V3cZ4mC2x8bP1s9Tg",
        "progress": {"satisfaction": {"answers": ["Yes", "$10,000 or more"], "at": 2}},
    },
    "compress-no": {"k": "ahov2ahov2ahov2"},
    "compress-yes": {"k": "ahov2ahov2ahov2a"},
    "large-compressible": {"answers": ["Yes", "No", "Maybe"] * 300},
    "large-noise": {"noise": noise(2800)},
    # CPython's zlib saves 1 byte here (so Flask does not compress), Chromium's zlib in Node 3.
    "zlib-threshold-flip": {"aac": "0dha", "abzba": "\"a\ncb", "b": "b\"\n", "byaab": "\\ 0\\\u00e9"},
}
