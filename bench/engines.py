"""Adapters: each engine in the engine benchmark as ``load() -> run(text) -> raw`` plus ``items(text, raw)``.

Stdlib only at import time: this module is imported by the project venv (suanpan and
the regex floor) and by bench/.venv (the peers), each engine in its own process.

``run`` is what is timed: the call a user of that engine would make on a report.
``items`` turns its raw answer into mentions, outside the timing, for the recall
score: ``{"start", "end", "value", "min", "max", "kind"}`` with code-point offsets,
end exclusive, and percentages in percentage points (12.5% → 12.5), as the gold
files have them. ``start`` is None where the engine gives no span and none could
be found.
"""

import difflib
import math
import re

# The numeral characters of Chinese reports: digits (ASCII and full-width), the
# decimal point and thousands separators, and Chinese numerals with their scales.
NUMERAL_CHARS = "0-9０-９.,，零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
FLOOR_RE = re.compile(f"[{NUMERAL_CHARS}]+")


def item(start, end, value=None, lo=None, hi=None, kind=None):
    return {"start": start, "end": end, "value": _num(value), "min": _num(lo), "max": _num(hi), "kind": kind}


def _num(v):
    """A finite float from a peer's number or numeric string (``'5E-06'``, ``'12.5%'``), else None."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, str):
        v = v.strip().rstrip("%").replace(",", "")
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


# ───────────────────────── the project venv ─────────────────────────


def load_floor():
    """The floor: one ``re.finditer`` pass over runs of numeral characters; no values."""
    finditer = FLOOR_RE.finditer
    return lambda text: [m.span() for m in finditer(text)]


def items_floor(text, raw):
    return [item(s, e, kind="span") for s, e in raw]


def load_suanpan():
    from service import extract

    return extract


def items_suanpan(text, raw):
    return [
        item(m["start"], m["end"], m["value"], m["min"], m["max"], m["dimension"]) for m in raw["mentions"]
    ]


# ───────────────────────── bench/.venv: the peers ─────────────────────────


def load_jionlp():
    import jionlp

    return lambda text: jionlp.ner.extract_money(text, with_parsing=True)


def items_jionlp(text, raw):
    out = []
    for m in raw:
        s, e = m["offset"]
        num = (m.get("detail") or {}).get("num")
        if isinstance(num, list):  # a range: [low, high]
            out.append(item(s, e, None, num[0], num[1], "money"))
        else:
            out.append(item(s, e, num, kind="money"))
    return out


def load_cn2an():
    import warnings

    import cn2an

    warnings.simplefilter("ignore")  # it warns on every scale word it cannot convert (亿, 万)
    return lambda text: cn2an.transform(text, "cn2an")


_NUMBER_OUT = re.compile(r"-?\d+(?:\.\d+)?%?")


def items_cn2an(text, raw):
    """cn2an rewrites the text; every number in its output, mapped back through a diff, is an item.

    So Arabic figures it leaves alone count too: cn2an plus a regex over its output is
    what a user would run to get numbers out of a report.
    """
    out = []
    spans = _align(text, raw)
    for m in _NUMBER_OUT.finditer(raw):
        s, e = spans(m.start(), m.end())
        out.append(item(s, e, m.group(), kind="percent" if m.group().endswith("%") else "number"))
    return out


def _align(src, dst):
    """A map from a span of ``dst`` to the span of ``src`` it was rewritten from."""
    blocks = difflib.SequenceMatcher(None, src, dst, autojunk=False).get_opcodes()

    def back(d0, d1):
        s0 = s1 = None
        for tag, i1, i2, j1, j2 in blocks:
            if j2 <= d0 and not (j1 == j2 == d0):
                continue
            if j1 >= d1 and j1 > d0:
                break
            if tag == "equal":
                lo, hi = i1 + max(0, d0 - j1), i1 + min(j2, d1) - j1
            else:
                lo, hi = i1, i2
            s0 = lo if s0 is None else min(s0, lo)
            s1 = hi if s1 is None else max(s1, hi)
        return s0, s1

    return back


def load_chinese2digits():
    import chinese2digits

    return lambda text: chinese2digits.takeNumberFromString(text)


# takeNumberFromString answers in simplified characters (伍 → 五, 两 → 二): the same fold,
# one character for one, finds its strings in the input.
_C2D_FOLD = str.maketrans("两壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "二一二二三三四五六六七八九十百千万亿")


def items_chinese2digits(text, raw):
    folded = text.translate(_C2D_FOLD)
    out, pos = [], 0
    for chunk, digits in zip(
        raw.get("CHNumberStringList", []), raw.get("digitsStringList", []), strict=False
    ):
        at = folded.find(chunk.translate(_C2D_FOLD), pos)
        value = _num(digits)
        is_percent = chunk.endswith(("%", "％")) or "百分之" in chunk
        if is_percent and value is not None:
            value *= 100  # it answers 12.5% as 0.125
        if at < 0:
            out.append(item(None, None, value, kind="percent" if is_percent else "number"))
            continue
        pos = at + len(chunk)
        out.append(item(at, pos, value, kind="percent" if is_percent else "number"))
    return out


def load_recognizers():
    from recognizers_number import Culture, NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer

    # Models built once, as recognize_number() would rebuild them on every call.
    numbers = NumberRecognizer(Culture.Chinese)
    units = NumberWithUnitRecognizer(Culture.Chinese)
    models = {
        "number": numbers.get_number_model(),
        "percent": numbers.get_percentage_model(),
        "currency": units.get_currency_model(),
        "dimension": units.get_dimension_model(),
    }

    def run(text):
        return {kind: model.parse(text) for kind, model in models.items()}

    return run


def items_recognizers(text, raw):
    out = []
    for kind, results in raw.items():
        for r in results:
            res = r.resolution or {}
            # its End is inclusive
            out.append(item(r.start, r.end + 1, res.get("value"), kind=kind))
    return out


def load_duckling():
    import duckling

    tz = duckling.load_time_zones("/usr/share/zoneinfo")
    ref = duckling.parse_ref_time(tz, "Asia/Shanghai", 0)
    lang = duckling.parse_lang("ZH")
    ctx = duckling.Context(ref, duckling.parse_locale("ZH_CN", duckling.default_locale_lang(lang)))
    dims = duckling.parse_dimensions(["number", "amount-of-money", "quantity", "distance"])
    return lambda text: duckling.parse(text, ctx, dims, False)


def items_duckling(text, raw):
    out = []
    for r in raw:
        v = r.get("value") or {}
        if v.get("type") == "interval":
            lo, hi = (v.get("from") or {}).get("value"), (v.get("to") or {}).get("value")
            out.append(item(r["start"], r["end"], None, lo, hi, r.get("dim")))
        else:
            out.append(item(r["start"], r["end"], v.get("value"), kind=r.get("dim")))
    return out


ENGINES = {
    # name: (venv, what it does, the call timed)
    "regex floor": (
        "project",
        "spans of numeral characters, no values",
        "re.finditer over [0-9…零一二…万亿]+",
    ),
    "suanpan": (
        "project",
        "full KPI extraction: mentions, KPIs, breakdowns, blanks, sections",
        "service.extract(text)",
    ),
    "jionlp": ("bench", "money amounts", "jionlp.ner.extract_money(text, with_parsing=True)"),
    "cn2an": ("bench", "Chinese numerals → Arabic, in place", 'cn2an.transform(text, "cn2an")'),
    "chinese2digits": (
        "bench",
        "numbers and percentages, no spans",
        "chinese2digits.takeNumberFromString(text)",
    ),
    "recognizers": (
        "bench",
        "number, percentage, currency, dimension (4 models)",
        "model.parse(text) for the 4 Chinese models",
    ),
    "duckling": ("bench", "number, amount-of-money, quantity, distance", "duckling.parse(text, ctx, dims)"),
}

LOADERS = {
    "regex floor": (load_floor, items_floor),
    "suanpan": (load_suanpan, items_suanpan),
    "jionlp": (load_jionlp, items_jionlp),
    "cn2an": (load_cn2an, items_cn2an),
    "chinese2digits": (load_chinese2digits, items_chinese2digits),
    "recognizers": (load_recognizers, items_recognizers),
    "duckling": (load_duckling, items_duckling),
}
