"""The extraction engine: text → numerals → quantities → KPIs → one JSON-ready dict.

Plain Python (no Flask), deterministic, and linear in the length of the text:
each stage is one pass with bounded look-arounds.  See docs/CONTRACT.md for the
answer's shape.
"""

import functools
import gc
import hashlib
import os
import re
from collections.abc import Mapping
from typing import Any, Final

from service.engine.breakdowns import BreakdownFinder, mark_from_to
from service.engine.cues import CueIndex
from service.engine.currency import resolve as resolve_currency
from service.engine.glosses import Glosses, strip_glosses
from service.engine.kpis import IN_SCOPE, KpiNamer
from service.engine.lexicon import data_path, taxonomy, units
from service.engine.numerals import fold, tidy
from service.engine.placeholders import BlankFinder, Placeholder
from service.engine.quantities import Reader
from service.engine.reading import Mention, TooManyMentions
from service.engine.sections import Geometry, Section, find_sections
from service.engine.stacked import tabulate_stacked
from service.engine.totals import Breakdown

__version__ = "0.2.0"
LEXICON: Final = (
    ("SUANPAN_UNITS_FILE", "units.yaml"),
    ("SUANPAN_KPIS_FILE", "kpis.yaml"),
    ("SUANPAN_PLACEHOLDERS_FILE", "placeholders.yaml"),
)
OPTIONS: Final = ("kpis", "out_of_scope", "currency")
GC_PAUSE_CHARS: Final = 50_000  # texts this long run with the cyclic collector paused (see extract)
EVIDENCE: Final = 60  # characters of clause kept as a KPI's evidence
LABEL_REACH: Final = 64  # a label stands within this many characters of its figure

CURRENCY_CODE: Final = re.compile("[A-Z]{3}")

__all__ = ["OPTIONS", "version", "TooManyMentions", "__version__", "extract", "taxonomy"]


def version() -> str:
    """``__version__`` plus a digest of the lexicon files in use: changes whenever answers can.

    A deployer's own SUANPAN_KPIS_FILE (or units, placeholders) gives its own version, so
    ETags and caches keyed on it never mix answers of two lexicons.
    """
    return _version(tuple(os.environ.get(env) for env, _ in LEXICON))


@functools.lru_cache(maxsize=8)
def _version(chosen):
    digest = hashlib.sha256()
    for env, name in LEXICON:
        data = data_path(env, name).read_bytes()
        digest.update(b"%d\0" % len(data) + data)
    return f"{__version__}+{digest.hexdigest()[:12]}"


class OptionError(ValueError):
    """An unknown or ill-typed option."""


def _check_options(options):
    options = dict(options or {})
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise OptionError(f"unknown option(s): {', '.join(unknown)}")
    kpis = options.get("kpis")
    if kpis is not None:
        names = {k["name"] for k in taxonomy()}
        if not isinstance(kpis, (list, tuple)) or not all(isinstance(k, str) for k in kpis):
            raise OptionError("kpis must be a list of KPI names")
        bad = sorted(set(kpis) - names)
        if bad:
            raise OptionError(f"unknown KPI name(s): {', '.join(bad)}")
    oos = options.get("out_of_scope", True)
    if not isinstance(oos, bool):
        raise OptionError("out_of_scope must be true or false")
    currency = options.get("currency")
    if currency is not None and not (isinstance(currency, str) and CURRENCY_CODE.fullmatch(currency)):
        raise OptionError("currency must be an ISO 4217 code such as HKD")
    return (set(kpis) if kpis is not None else None), oos, currency


def extract(
    text: str, options: Mapping[str, Any] | None = None, *, max_mentions: int | None = None
) -> dict[str, Any]:
    """Every quantity, KPI, breakdown and blank in ``text``, as a JSON-ready dict.

    With ``max_mentions``, a text with more mentions raises TooManyMentions as soon as
    they are read, before the rest of the work and the answer (which would be far larger
    than the text) are built.

    >>> extract("共销售住宅41套")["kpis"][0]["name"]
    'units_sold'
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    only_kpis, out_of_scope, currency = _check_options(options)
    # A long text makes hundreds of thousands of objects that form no cycle; the cyclic
    # collector's passes over them, ever longer as they pile up, cost a quarter of a 1 MB
    # extraction. It is paused for long texts only (a process-wide switch: short ones lose
    # nothing by it, and concurrent threads keep it on most of the time).
    paused = len(text) >= GC_PAUSE_CHARS and gc.isenabled()
    if paused:
        gc.disable()
    try:
        read, glosses = strip_glosses(text)  # (銷(xiāo)售90.92萬(wàn)箱: a mirror site's pinyin)
        answer = _extract(read, only_kpis, out_of_scope, currency, max_mentions)
        if glosses is not None:
            _as_given(answer, read, text, glosses)
        return answer
    finally:
        if paused:
            gc.enable()


def _extract(
    text: str, only_kpis: set[str] | None, out_of_scope: bool, currency: str | None, max_mentions: int | None
) -> dict[str, Any]:
    folded = tabulate_stacked(fold(text))  # (a table pasted one cell per line: rows again)
    sections = find_sections(folded)  # (第一節 is a heading too)
    geo = Geometry(folded, sections, units().unit_firsts)
    cue_index = CueIndex(folded, geo.clause_ends)
    reader = Reader(folded)
    mentions = reader.mentions(limit=max_mentions)  # (stops at the cap: dense text costs no more)
    mark_from_to(folded, mentions, geo)
    namer = KpiNamer(folded, geo, cue_index)
    namer.name_all(mentions)
    resolve_currency(text, folded, mentions, currency)
    blanks = BlankFinder(folded, mentions, geo, reader.no_figures).find()
    for b, section in zip(
        blanks, geo.sections_of(b.start for b in blanks), strict=True
    ):  # (blanks come in text order)
        b.section = section
        namer.name_blank(b)
    namer.name_blank_parts(mentions, blanks)  # (累计交车[具体数量]台；其中1月146台: the blank's parts)
    breakdowns = BreakdownFinder(folded, mentions, geo, cue_index).find()
    namer.name_parts(breakdowns)
    if not out_of_scope:
        mentions = [m for m in mentions if m.dimension in IN_SCOPE]
    if folded is not text:
        for m in mentions:
            m.label = _as_written(text, folded, m.label, m.start, m.end)
        for s in sections:
            if s.title:
                i = folded.find(s.title, s.start)
                s.title = text[i : i + len(s.title)]
    return _answer(text, sections, geo, namer, mentions, breakdowns, blanks, only_kpis)


def _as_given(answer: dict[str, Any], read: str, given: str, glosses: Glosses) -> None:
    """Offsets and quotes of the text read (glosses taken out) made those of the text given."""
    at, end = glosses.at, glosses.end
    for m in answer["mentions"]:
        m["start"], m["end"] = at(m["start"]), end(m["end"])
        m["text"] = given[m["start"] : m["end"]]
    for k in answer["kpis"]:
        lo = read.find(k["evidence"], max(0, k["start"] - EVIDENCE))  # (a quote of the text read)
        k["start"], k["end"] = at(k["start"]), end(k["end"])
        k["evidence"] = given[at(lo) : end(lo + len(k["evidence"]))] if lo >= 0 else k["evidence"]
    for x in answer["placeholders"] + answer["warnings"]:
        x["start"], x["end"] = at(x["start"]), end(x["end"])
        if "text" in x:
            x["text"] = given[x["start"] : x["end"]]
    for s in answer["document"]["sections"]:
        s["start"], s["end"] = at(s["start"]), end(s["end"])
    data = given.encode("utf-8", "surrogatepass")
    answer["document"]["chars"] = len(given)
    answer["document"]["sha256"] = hashlib.sha256(data).hexdigest()


def _neg(x):
    return None if x is None else -x


def _signed_qualifier(qualifier, direction):
    """下降超过5%: at least a 5 % fall is at most −5 once the sign is put on the value."""
    if direction != "down":
        return qualifier
    return {"at_least": "at_most", "at_most": "at_least"}.get(qualifier, qualifier)


def _as_written(text, folded, label, start, end):
    """A label read in the folded text, as the input writes it (銷售住宅, not 销售住宅).

    A label is cut from the figure's clause, before it or else right after it."""
    if not label:
        return label
    i = folded.rfind(label, max(0, start - LABEL_REACH), start)
    if i < 0:
        i = folded.find(label, end, end + LABEL_REACH)
    return text[i : i + len(label)] if i >= 0 else label


def _answer(
    text: str,
    sections: list[Section],
    geo: Geometry,
    namer: KpiNamer,
    mentions: list[Mention],
    breakdowns: list[Breakdown],
    blanks: list[Placeholder],
    only_kpis: set[str] | None,
) -> dict[str, Any]:
    ids = {id(m): f"m{i}" for i, m in enumerate(mentions)}
    out_mentions, out_kpis = [], []
    # (mentions come in text order)
    for m, section in zip(mentions, geo.sections_of(m.start for m in mentions), strict=True):
        mid = ids[id(m)]
        value, low, high, qualifier, _ = m.number
        start, end = m.start, m.end
        out_mentions.append(
            {
                "id": mid,
                "text": text[start:end],
                "start": start,
                "end": end,
                "value": value,
                "min": low,
                "max": high,
                "unit": m.unit,
                "dimension": m.dimension,
                "qualifier": qualifier,
                "label": m.label,
                "kpi": m.kpi,
                "section": section,
            }
        )
        if m.kpi and (only_kpis is None or m.kpi in only_kpis):
            lo, hi = geo.clause(start, end)
            lo, hi = max(lo, start - EVIDENCE), min(hi, end + EVIDENCE)
            if m.direction == "down" and (value or low or 0) > 0:
                # a fall is a negative change; the mention keeps the figure as written
                value, low, high = _neg(value), _neg(high), _neg(low)
            out_kpis.append(
                {
                    "name": m.kpi,
                    "value": value,
                    "min": low,
                    "max": high,
                    "unit": m.unit,
                    "dimension": m.dimension,
                    "qualifier": _signed_qualifier(qualifier, m.direction),
                    "direction": m.direction,
                    "mention": mid,
                    "part_of": ids.get(id(m.part_of)) if m.part_of is not None else None,
                    "start": start,
                    "end": end,
                    "label": m.label,
                    "period": namer.period(m, sections[section].title),
                    "section": section,
                    "evidence": text[lo:hi].strip(),
                }
            )
    out_breakdowns, warnings = [], []
    for b in breakdowns:
        if id(b.total) not in ids or not all(id(p) in ids for p in b.parts):
            continue
        parts_sum = tidy(b.parts_sum)
        ok = b.consistent
        out_breakdowns.append(
            {
                "total": ids[id(b.total)],
                "parts": [ids[id(p)] for p in b.parts],
                "kind": b.kind,
                "unit": b.total.unit,
                "total_value": b.total.number.value,
                "parts_sum": parts_sum,
                "consistent": ok,
            }
        )
        if not ok and b.kind == "partition":
            warnings.append(
                {
                    "code": "breakdown_mismatch",
                    "message": (
                        f"parts add up to {parts_sum}, not to the total "
                        f"{b.total.number.value} ({text[b.total.start : b.total.end]})"
                    ),
                    "start": b.total.start,
                    "end": b.total.end,
                }
            )
    out_blanks = [
        {
            "start": b.start,
            "end": b.end,
            "text": text[b.start : b.end],
            "unit": b.unit,
            "kpi": b.kpi,
            "section": b.section,
        }
        for b in blanks
    ]
    data = text.encode("utf-8", "surrogatepass")
    return {
        "extractor": {"name": "suanpan", "version": version()},
        "document": {
            "chars": len(text),
            "sha256": hashlib.sha256(data).hexdigest(),
            "sections": [
                {"index": s.index, "title": s.title, "start": s.start, "end": s.end} for s in sections
            ],
        },
        "mentions": out_mentions,
        "kpis": out_kpis,
        "breakdowns": out_breakdowns,
        "placeholders": out_blanks,
        "warnings": warnings,
    }
