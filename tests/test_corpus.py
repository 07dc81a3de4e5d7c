"""The phrase corpus (tests/corpus/*.yaml) run against ``extract``: one test id per phrase.

Each YAML file is a list of entries ``{phrase, mentions, placeholders?, ignore?}``
(the format is documented at the top of tests/corpus/arabic.yaml). For each phrase:

- every expected mention must be reported at its exact span (``text``; a list
  gives spans a reader could take either way), with the expected value or
  min/max, unit, dimension, qualifier and, when the entry names it, kpi;
- no other in-scope mention (count, currency, percent, area) may be reported,
  except inside an ``ignore`` span; so ``mentions: []`` is a negative;
- every expected placeholder must overlap a reported placeholder with the
  expected kpi.

The expectations come from shared/corpus/GUIDELINE.md, not from the engine: a
failing phrase is a bug report for the engine, never a reason to edit the YAML.
"""

import math
from pathlib import Path

import pytest
import yaml

from service import extract

CORPUS = Path(__file__).parent / "corpus"
IN_SCOPE = {"count", "currency", "percent", "area"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "range"}
# The guideline's KPI table (shared/corpus/GUIDELINE.md, "KPIs").
KPI_NAMES = {
    "units_sold",
    "units_remaining",
    "sales_value",
    "sales_target",
    "sales_area",
    "completion_rate",
    "growth_rate",
    "customers",
    "orders",
    "headcount",
    "staff_hired",
    "staff_left",
    "service_requests",
    "inquiries",
    "complaints",
    "suggestions",
    "repairs",
    "praises",
    "calls",
    "resolved",
    "cards_issued",
    "satisfaction_rate",
    "resolution_rate",
    "collection_rate",
    "messages_sent",
}
MENTION_KEYS = {
    "text",
    "value",
    "min",
    "max",
    "unit",
    "dimension",
    "qualifier",
    "kpi",
    "start",
    "direction",
    "part_of",
}
ENTRY_KEYS = {"phrase", "mentions", "placeholders", "ignore", "breakdowns", "warnings"}
BREAKDOWN_KEYS = {"total", "parts", "kind"}
MIN_PHRASES = 320


def load_corpus():
    """Return ``[(file stem, entry), …]`` for every YAML file in tests/corpus, in file order."""
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append((path.stem, entry))
    return cases


CASES = load_corpus()


def case_id(stem, entry):
    return f"{stem}/{entry['phrase']}"


def spans_of(phrase, text):
    """Every (start, end) where ``text`` occurs in ``phrase``."""
    out, i = [], phrase.find(text)
    while i >= 0:
        out.append((i, i + len(text)))
        i = phrase.find(text, i + 1)
    return out


def alternatives(expected):
    texts = expected["text"]
    return texts if isinstance(texts, list) else [texts]


def expected_spans(phrase, expected):
    if "start" in expected:
        text = alternatives(expected)[0]
        return [(expected["start"], expected["start"] + len(text))]
    return [span for text in alternatives(expected) for span in spans_of(phrase, text)]


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def expected_qualifier(expected):
    if "qualifier" in expected:
        return expected["qualifier"]
    return "range" if "min" in expected else "exact"


def field_diffs(expected, got):
    """Differences between one expected mention and the reported one at its span."""
    diffs = []
    if "min" in expected or "max" in expected:
        want = {"value": None, "min": expected.get("min"), "max": expected.get("max")}
    else:
        want = {"value": expected["value"], "min": None, "max": None}
    for key, value in want.items():
        if not close(value, got.get(key)):
            diffs.append(f"{key}: want {value!r}, got {got.get(key)!r}")
    for key in ("unit", "dimension"):
        if got.get(key) != expected[key]:
            diffs.append(f"{key}: want {expected[key]!r}, got {got.get(key)!r}")
    if got.get("qualifier") != expected_qualifier(expected):
        diffs.append(f"qualifier: want {expected_qualifier(expected)!r}, got {got.get('qualifier')!r}")
    if "kpi" in expected and got.get("kpi") != expected["kpi"]:
        diffs.append(f"kpi: want {expected['kpi']!r}, got {got.get('kpi')!r}")
    return diffs


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def describe(m):
    if m.get("value") is not None:
        amount = m.get("value")
    else:
        amount = f"{m.get('min')}..{m.get('max')}"
    return (
        f"{m.get('text')!r}@{m.get('start')} = {amount} {m.get('unit')} "
        f"[{m.get('dimension')}, {m.get('qualifier')}, kpi={m.get('kpi')}]"
    )


def check_phrase(entry, answer):
    """All problems with ``answer`` for one corpus entry, as readable lines (empty = pass)."""
    phrase = entry["phrase"]
    reported = [m for m in answer.get("mentions", []) if m.get("dimension") in IN_SCOPE]
    kpis = answer.get("kpis", [])
    used = set()
    problems = []
    for expected in entry.get("mentions", []):
        spans = expected_spans(phrase, expected)
        hit = None
        for i, m in enumerate(reported):
            if i not in used and (m.get("start"), m.get("end")) in spans:
                hit = i
                break
        if hit is None:
            near = [
                describe(m)
                for i, m in enumerate(reported)
                if i not in used
                and any(overlaps(m.get("start", -1), m.get("end", -1), s, e) for s, e in spans)
            ]
            problems.append(
                f"missing {alternatives(expected)[0]!r}"
                + (f" (reported instead: {'; '.join(near)})" if near else "")
            )
            continue
        used.add(hit)
        got = reported[hit]
        for diff in field_diffs(expected, got):
            problems.append(f"{alternatives(expected)[0]!r}: {diff}")
        if expected.get("kpi"):
            listed = [
                k
                for k in kpis
                if k.get("name") == expected["kpi"]
                and (
                    k.get("mention") == got.get("id")
                    or (k.get("start"), k.get("end")) == (got.get("start"), got.get("end"))
                )
            ]
            if not listed:
                problems.append(f"{alternatives(expected)[0]!r}: no {expected['kpi']} entry in kpis")
            else:
                problems += kpi_diffs(expected, got, listed[0], answer)
    ignore = [span for text in entry.get("ignore", []) for span in spans_of(phrase, text)]
    for i, m in enumerate(reported):
        if i in used:
            continue
        if any(overlaps(m.get("start", -1), m.get("end", -1), s, e) for s, e in ignore):
            continue
        problems.append(f"unexpected in-scope mention {describe(m)}")
    free = list(answer.get("placeholders", []))
    for expected in entry.get("placeholders", []):
        spans = spans_of(phrase, expected["text"])
        match = next(
            (p for p in free if any(overlaps(p.get("start", -1), p.get("end", -1), s, e) for s, e in spans)),
            None,
        )
        if match is None:
            problems.append(f"missing placeholder {expected['text']!r}")
            continue
        free.remove(match)
        if "kpi" in expected and match.get("kpi") != expected["kpi"]:
            problems.append(
                f"placeholder {expected['text']!r}: kpi want {expected['kpi']!r}, got {match.get('kpi')!r}"
            )
    if "placeholders" in entry and not entry["placeholders"]:
        # an explicit empty list: no blank may be reported at all
        problems += [f"unexpected placeholder {p.get('text')!r}" for p in free]
    return problems


def kpi_diffs(expected, mention, kpi, answer):
    """A KPI's sign and direction (a fall is negative: 下降12.5% → −12.5) and its total."""
    diffs, name = [], alternatives(expected)[0]
    if "direction" in expected:
        if kpi.get("direction") != expected["direction"]:
            diffs.append(f"{name!r}: direction want {expected['direction']!r}, got {kpi.get('direction')!r}")
        sign = -1 if expected["direction"] == "down" else 1
        if mention.get("value") is not None:
            written = sign * abs(mention["value"])
            if not close(kpi.get("value"), written):
                diffs.append(f"{name!r}: KPI value want {written!r}, got {kpi.get('value')!r}")
        elif mention.get("min") is not None and mention.get("max") is not None:
            # a range's ends, each signed: 下降15%至18% is −18 to −15, 增长15%至18% is 15 to 18
            lo, hi = sorted((sign * abs(mention["min"]), sign * abs(mention["max"])))
            if not (close(kpi.get("min"), lo) and close(kpi.get("max"), hi)):
                diffs.append(
                    f"{name!r}: KPI range want {lo!r}–{hi!r}, got {kpi.get('min')!r}–{kpi.get('max')!r}"
                )
    if "part_of" in expected:
        totals = [m["id"] for m in answer.get("mentions", []) if m.get("text") == expected["part_of"]]
        if expected["part_of"] is None and kpi.get("part_of") is not None:
            diffs.append(f"{name!r}: part_of want null, got {kpi.get('part_of')!r}")
        elif expected["part_of"] is not None and kpi.get("part_of") not in totals:
            diffs.append(f"{name!r}: part_of want {expected['part_of']!r}, got {kpi.get('part_of')!r}")
    return diffs


def breakdown_problems(entry, answer):
    """Each expected breakdown reported with its total, exactly its parts and its kind."""
    text = {m["id"]: m["text"] for m in answer.get("mentions", [])}
    got = [
        (text.get(b["total"]), sorted(text.get(p) for p in b["parts"]), b.get("kind"))
        for b in answer.get("breakdowns", [])
    ]
    problems = []
    for want in entry.get("breakdowns", []):
        key = (want["total"], sorted(want["parts"]), want.get("kind", "partition"))
        if key not in got:
            problems.append(f"breakdown {key} not reported (reported: {got})")
    if "warnings" in entry and len(answer.get("warnings", [])) != entry["warnings"]:
        problems.append(f"warnings: want {entry['warnings']}, got {answer.get('warnings')}")
    return problems


@pytest.mark.parametrize("entry", [pytest.param(e, id=case_id(s, e)) for s, e in CASES])
def test_phrase(entry):
    answer = extract(entry["phrase"])
    problems = check_phrase(entry, answer) + breakdown_problems(entry, answer)
    assert not problems, f"{entry['phrase']!r}:\n  " + "\n  ".join(problems)


# ── the corpus itself ──


def test_corpus_is_large_enough():
    assert len(CASES) >= MIN_PHRASES


def test_corpus_ids_are_unique():
    ids = [case_id(s, e) for s, e in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_corpus_has_negatives_and_placeholders():
    assert sum(1 for _, e in CASES if not e["mentions"] and not e.get("placeholders")) >= 60
    assert sum(1 for _, e in CASES if e.get("placeholders")) >= 10


@pytest.mark.parametrize("stem,entry", [pytest.param(s, e, id=case_id(s, e)) for s, e in CASES])
def test_corpus_entry_is_well_formed(stem, entry):
    assert set(entry) <= ENTRY_KEYS and "phrase" in entry and "mentions" in entry
    phrase = entry["phrase"]
    assert isinstance(phrase, str) and phrase
    for expected in entry["mentions"]:
        assert set(expected) <= MENTION_KEYS, set(expected) - MENTION_KEYS
        for text in alternatives(expected):
            assert isinstance(text, str) and text in phrase, text
        assert expected["dimension"] in IN_SCOPE
        assert isinstance(expected["unit"], str) and expected["unit"]
        assert expected_qualifier(expected) in QUALIFIERS
        if "min" in expected or "max" in expected:
            assert "value" not in expected and expected_qualifier(expected) == "range"
            assert expected["min"] <= expected["max"]
        else:
            assert isinstance(expected["value"], (int, float)) and not isinstance(expected["value"], bool)
            assert expected_qualifier(expected) != "range"
        if "kpi" in expected:
            assert expected["kpi"] is None or expected["kpi"] in KPI_NAMES
    for expected in entry.get("placeholders", []):
        assert expected["text"] in phrase
        assert expected.get("kpi") is None or expected["kpi"] in KPI_NAMES
    for text in entry.get("ignore", []):
        assert text in phrase
    for want in entry.get("breakdowns", []):
        assert set(want) <= BREAKDOWN_KEYS and want["total"] in phrase
        assert all(p in phrase for p in want["parts"]) and want.get("kind", "partition") in (
            "partition",
            "subset",
        )
    for expected in entry["mentions"]:
        assert expected.get("direction") in (None, "up", "down")
        assert "direction" not in expected or expected.get("kpi") == "growth_rate"
