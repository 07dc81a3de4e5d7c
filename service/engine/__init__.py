"""The extraction engine: text → numerals → quantities → KPIs → one JSON-ready dict.

Plain Python (no Flask), deterministic, and linear in the length of the text:
each stage is one pass with bounded look-arounds.  See docs/CONTRACT.md for the
answer's shape.
"""
import functools
import hashlib
import os

from service.engine.breakdowns import BreakdownFinder, mark_from_to
from service.engine.cues import CueIndex
from service.engine.kpis import IN_SCOPE, KpiNamer
from service.engine.lexicon import data_path, taxonomy
from service.engine.numerals import fold, tidy
from service.engine.placeholders import BlankFinder
from service.engine.quantities import Reader
from service.engine.sections import Geometry, find_sections

__version__ = "0.1.0"
LEXICON = (("SUANPAN_UNITS_FILE", "units.yaml"), ("SUANPAN_KPIS_FILE", "kpis.yaml"),
           ("SUANPAN_PLACEHOLDERS_FILE", "placeholders.yaml"))
OPTIONS = ("kpis", "out_of_scope")
EVIDENCE = 60  # characters of clause kept as a KPI's evidence

__all__ = ["OPTIONS", "version", "TooManyMentions", "__version__", "extract", "taxonomy"]


def version():
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


class TooManyMentions(ValueError):
    """The text holds more mentions than the caller's ``max_mentions``; ``count`` says how many."""

    def __init__(self, count, limit):
        super().__init__(f"{count} mentions, more than {limit}")
        self.count, self.limit = count, limit


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
    return (set(kpis) if kpis is not None else None), oos


def extract(text, options=None, *, max_mentions=None):
    """Every quantity, KPI, breakdown and blank in ``text``, as a JSON-ready dict.

    With ``max_mentions``, a text with more mentions raises TooManyMentions as soon as
    they are read, before the rest of the work and the answer (which would be far larger
    than the text) are built.

    >>> extract("共销售住宅41套")["kpis"][0]["name"]
    'units_sold'
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    only_kpis, out_of_scope = _check_options(options)
    folded = fold(text)
    sections = find_sections(text)
    geo = Geometry(folded, sections)
    cue_index = CueIndex(folded, geo.clause_ends)
    reader = Reader(folded)
    mentions = reader.mentions()
    if max_mentions is not None and len(mentions) > max_mentions:
        raise TooManyMentions(len(mentions), max_mentions)
    namer = KpiNamer(folded, geo, cue_index)
    namer.name_all(mentions)
    mark_from_to(folded, mentions, geo)
    blanks = BlankFinder(folded, mentions, geo, reader.no_figures).find()
    for b, section in zip(blanks, geo.sections_of(b.start for b in blanks)):  # (blanks come in text order)
        b.section = section
        namer.name_blank(b)
    breakdowns = BreakdownFinder(folded, mentions, geo, cue_index).find()
    if not out_of_scope:
        mentions = [m for m in mentions if m.dimension in IN_SCOPE]
    return _answer(text, sections, geo, namer, mentions, breakdowns, blanks, only_kpis)


def _answer(text, sections, geo, namer, mentions, breakdowns, blanks, only_kpis):
    ids = {}
    out_mentions, out_kpis = [], []
    # (mentions come in text order)
    for i, (m, section) in enumerate(zip(mentions, geo.sections_of(m.start for m in mentions))):
        mid = f"m{i}"
        ids[id(m)] = mid
        value, low, high, qualifier, _ = m.number
        start, end = m.start, m.end
        out_mentions.append({
            "id": mid, "text": text[start:end], "start": start, "end": end,
            "value": value, "min": low, "max": high, "unit": m.unit,
            "dimension": m.dimension, "qualifier": qualifier, "label": m.label,
            "kpi": m.kpi, "section": section,
        })
        if m.kpi and (only_kpis is None or m.kpi in only_kpis):
            lo, hi = geo.clause(start, end)
            lo, hi = max(lo, start - EVIDENCE), min(hi, end + EVIDENCE)
            out_kpis.append({
                "name": m.kpi, "value": value, "min": low, "max": high, "unit": m.unit,
                "dimension": m.dimension, "qualifier": qualifier, "mention": mid,
                "start": start, "end": end, "label": m.label,
                "period": namer.period(m, sections[section].title), "section": section,
                "evidence": text[lo:hi].strip(),
            })
    out_breakdowns, warnings = [], []
    for b in breakdowns:
        if id(b.total) not in ids or not all(id(p) in ids for p in b.parts):
            continue
        parts_sum = tidy(b.parts_sum)
        ok = b.consistent
        out_breakdowns.append({
            "total": ids[id(b.total)], "parts": [ids[id(p)] for p in b.parts],
            "unit": b.total.unit, "total_value": b.total.number.value,
            "parts_sum": parts_sum, "consistent": ok,
        })
        if not ok:
            warnings.append({
                "code": "breakdown_mismatch",
                "message": (f"parts add up to {parts_sum}, not to the total "
                            f"{b.total.number.value} ({text[b.total.start:b.total.end]})"),
                "start": b.total.start, "end": b.total.end,
            })
    out_blanks = [{"start": b.start, "end": b.end, "text": text[b.start:b.end], "unit": b.unit,
                   "kpi": b.kpi, "section": b.section} for b in blanks]
    data = text.encode("utf-8", "surrogatepass")
    return {
        "extractor": {"name": "suanpan", "version": version()},
        "document": {
            "chars": len(text), "sha256": hashlib.sha256(data).hexdigest(),
            "sections": [{"index": s.index, "title": s.title, "start": s.start, "end": s.end}
                         for s in sections],
        },
        "mentions": out_mentions,
        "kpis": out_kpis,
        "breakdowns": out_breakdowns,
        "placeholders": out_blanks,
        "warnings": warnings,
    }
