"""Finds the lexicon words (KPI cues, change words, target words …) of a text.

The words are compiled into one trie-shaped regular expression, so each text
position tries only the branches that start with its character; the longest
word at a position wins and matches do not overlap.  Gap cues (销售…面积) are
few and run as their own bounded patterns.  No word holds clause punctuation, so
a text is scanned clause by clause, each clause once and only when asked about.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from service.engine.findchars import WordScanner, trie_pattern
from service.engine.lexicon import kpis
from service.engine.sections import CLAUSE_END

DELIMITERS: Final = CLAUSE_END | {"\n"}
DENSE: Final = 16  # hits in a clause beyond which within() bisects instead of filtering the clause


@dataclass(frozen=True)
class Roles:
    """What one word means: KPIs it names (in taxonomy order), or none, or other roles."""

    kpis: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # KPIs this word names when it follows the figure (4名业务员相继离职)
    none: bool = False
    change: bool = False
    down: bool = False  # a change cue that states a fall (下降, 减少 …)
    gap: bool = False  # a comparison with another figure (高于底线 …), not a change
    net: bool = False  # a net change (净增会员2300名), even with a KPI word between
    target: bool = False
    total: bool = False
    plan: bool = False  # a comparison with the plan (较计划): what follows is a gap to it, no change


class Hit:
    """One lexicon word found in the text (a plain slotted class: there are many)."""

    __slots__ = ("start", "end", "word", "roles")

    def __init__(self, start: int, end: int, word: str, roles: Roles) -> None:
        self.start, self.end, self.word, self.roles = start, end, word, roles


@lru_cache(maxsize=1)
def _compiled():
    k = kpis()
    roles = {}

    def add(word, **kw):
        r = roles.get(word, Roles())
        names = ("kpis", "after", "none", "change", "down", "gap", "net", "target", "total", "plan")
        fields = {f: getattr(r, f) for f in names}
        for key, val in kw.items():
            fields[key] = fields[key] + val if key in ("kpis", "after") else (fields[key] or val)
        roles[word] = Roles(**fields)

    gaps = []
    for cue in k.cues:
        if cue.regex is not None:
            gaps.append(cue)
        elif cue.kpi is None:
            add(cue.text, none=True)
        else:
            add(cue.text, kpis=(cue.kpi,))
    for name, spec in k.kpis.items():
        for w in spec.after:
            add(w, after=(name,))
    for w in k.change_cues:
        add(w, change=True)
    for w in k.decline_cues:
        add(w, change=True, down=True)
    for base in k.comparison_bases:
        for lead in "比较":
            for verb, down in COMPARED_CHANGES:
                add(lead + base + verb, change=True, down=down)
                if len(verb) == 1:  # 比去年还低了2.4个百分点: an adverb between the base and the verb
                    for adverb in COMPARED_ADVERBS:
                        add(lead + base + adverb + verb, change=True, down=down)
    for w in (*k.gap_cues, *k.near_gap_cues):
        add(w, gap=True)
    for w in k.plan_gap_cues:
        add(w, gap=True, plan=True)
    for w in k.net_change_cues:
        add(w, net=True)
    for w in (*k.neutral_words, *k.per_head_words):  # (an average's word is read, naming nothing)
        add(w)
    for w in k.target_words:
        add(w, target=True)
    for w in k.total_markers:
        add(w, total=True)
    bad = sorted(w for w in roles if DELIMITERS & set(w))
    if bad:  # CueIndex scans clause by clause
        raise ValueError(f"cue words may not hold clause punctuation: {bad}")
    regex = re.compile(trie_pattern(sorted(roles)))
    # words that name a KPI or none, but only a topic before 问题 (合同问题472件 counts complaints)
    service = set(k.service_family) | {"resolved"}
    topical = frozenset(w for w, r in roles.items() if (r.kpis or r.none) and not service & set(r.kpis))
    # a gap cue runs only in clauses holding its first word (found for all of them in one scan)
    heads = re.compile(trie_pattern(sorted({c.text.split("…", 1)[0] for c in gaps}))) if gaps else None
    gap_cues = tuple((cue.text.split("…", 1)[0], cue.regex, Roles(kpis=(cue.kpi,))) for cue in gaps)
    by_head = {}  # head → (number in the lexicon, pattern, roles) of the gap cues it opens
    for i, (head, pattern, role) in enumerate(gap_cues):
        by_head.setdefault(head, []).append((i, pattern, role))
    return (
        regex,
        roles,
        by_head,
        heads,
        topical,
        tuple(k.topic_ends),
        tuple(k.fault_ends),
        WordScanner(roles),
    )


def _first(x: tuple[int, re.Pattern[str], Roles]) -> int:
    return x[0]


COMPARED_ADVERBS: Final = ("还", "又", "略", "稍", "要", "更")
COMPARED_CHANGES: Final = (
    ("多", False),
    ("少", True),
    ("升", False),
    ("跌", True),
    ("高", False),
    ("低", True),
    ("高出", False),
    ("超出", False),
    ("多出", False),
    ("多卖", False),
    ("多卖了", False),
    ("多售出", False),
    ("少卖", True),
    ("少卖了", True),
    ("少售出", True),
    ("多销售", False),
    ("少销售", True),
    ("多回款", False),
    ("少回款", True),
    ("提了", False),
    ("涨了", False),
    ("降了", True),
    ("掉了", True),
)  # 较去年同期升12%, 比上月低0.9个百分点, 较去年多卖了21辆, 较去年同期超出8%, 比上月提了1.1个百分点


class CueIndex:
    """The lexicon words of one (folded) text, searchable by span.

    No word spans a clause delimiter, so the text is scanned clause by clause, and
    only the clauses some figure or blank asks about: the same hits a scan of the
    whole text would give, at a fraction of the cost (most clauses hold no figure).
    """

    def __init__(self, text: str, clause_ends: list[int]) -> None:
        self.text = text
        self.ends = clause_ends  # offsets of the delimiters that end clauses, ascending
        self._clauses: dict[int, list[Hit]] = {}  # clause number → its hits, in order
        self._reach: dict[int, int] = {}  # clause number → where its last-ending hit ends
        # clause number → its hits' starts, for clauses of more than DENSE hits
        self._starts: dict[int, list[int]] = {}
        (
            _,  # (the whole pattern: words_kpis)
            self._roles,
            self._gaps,
            self._gap_heads,
            self._topical,
            self._topic_ends,
            self._fault_ends,
            self._scanner,
        ) = _compiled()

    def _clause(self, k: int) -> list[Hit]:
        hits = self._clauses.get(k)
        if hits is None:
            ends, text, roles = self.ends, self.text, self._roles
            lo = ends[k - 1] + 1 if k > 0 else 0
            hi = ends[k] if k < len(ends) else len(text)
            hits = [
                Hit(s, e, w, roles[w]) for s, e in self._scanner.spans(text, lo, hi) for w in (text[s:e],)
            ]
            topical, topic_ends, fault_ends = self._topical, self._topic_ends, self._fault_ends
            if hits and (topic_ends or fault_ends):
                hits = [
                    h
                    for h in hits
                    if (h.word not in topical or not text.startswith(topic_ends, h.end))
                    and not text.startswith(fault_ends, h.end)
                ]
            reach = hits[-1].end if hits else lo  # (the words found do not overlap)
            heads = self._heads(lo, hi) if self._gap_heads is not None else None
            if heads:  # (most clauses: none)
                extra = [
                    Hit(m.start(), m.end(), m.group(), role)
                    for _, regex, role in sorted((x for head in heads for x in self._gaps[head]), key=_first)
                    for m in regex.finditer(text, lo, hi)
                ]
                if extra:
                    # a word a gap cue ends on is its tail (应收…费 over 物业费 in 应收物业费): the
                    # longer reading names the figure
                    tails: dict[int, int] = {}  # where a gap cue ends → where the longest one starts
                    for x in extra:
                        tails[x.end] = min(x.start, tails.get(x.end, x.start))
                    hits = [h for h in hits if tails.get(h.end, h.start) >= h.start]
                    hits = sorted(hits + extra, key=lambda h: (h.start, h.end))
                    reach = max(h.end for h in hits)
            self._clauses[k] = hits
            self._reach[k] = reach
        return hits

    def _heads(self, lo: int, hi: int) -> set[str]:
        """The first words of gap cues in [lo, hi), also where two overlap (新开发: 新开, 开发)."""
        text, regex = self.text, self._gap_heads
        heads: set[str] = set()
        for m in regex.finditer(text, lo, hi):
            heads.add(m.group())
            for q in range(m.start() + 1, m.end()):  # (a head starting inside this one)
                inner = regex.match(text, q, hi)
                if inner is not None:
                    heads.add(inner.group())
        return heads

    def within(self, lo: int, hi: int) -> list[Hit]:
        """Hits that lie wholly inside [lo, hi), in text order (a list not to be changed)."""
        if hi <= lo:
            return []
        first, last = bisect_left(self.ends, lo), bisect_left(self.ends, hi - 1)
        if first == last:  # most spans asked about lie in one clause
            hits = self._clauses.get(first)
            if hits is None:
                hits = self._clause(first)
            if not hits or hits[0].start >= lo and self._reach[first] <= hi:
                return hits
            if len(hits) > DENSE:
                return self._slice(first, hits, lo, hi)
            return [h for h in hits if h.start >= lo and h.end <= hi]
        hits = self._clause(first)
        out = self._slice(first, hits, lo, hi) if len(hits) > DENSE else [h for h in hits if h.start >= lo]
        clauses = self._clauses
        for k in range(first + 1, last):  # clauses wholly inside the span
            hits = clauses.get(k)
            out += self._clause(k) if hits is None else hits
        hits = self._clause(last)
        out += self._slice(last, hits, lo, hi) if len(hits) > DENSE else [h for h in hits if h.end <= hi]
        return out

    def _slice(self, k: int, hits: list[Hit], lo: int, hi: int) -> list[Hit]:
        """The hits of a cue-dense clause k inside [lo, hi), found by bisection: the work
        follows the span asked about, not the clause (销售10套 repeated is one clause)."""
        starts = self._starts.get(k)
        if starts is None:
            starts = self._starts[k] = [h.start for h in hits]
        i = bisect_left(starts, lo)
        return [h for h in hits[i : bisect_left(starts, hi, i)] if h.end <= hi]


def words_kpis(words: str) -> list[str]:
    """The KPIs the cue words in a short phrase name (所有投诉 → [complaints])."""
    regex, roles = _compiled()[:2]
    return [k for hit in regex.finditer(words) for k in roles[hit.group()].kpis]
