"""The phrase a figure measures (its label) and the period it covers (上半年), read from
the clause before it and, for the period, from its section's title.
"""

from functools import lru_cache

from mypy_extensions import trait

from service.engine.naming import (
    LEAD_IN,
    PERIOD_RE,
    SENTENCE,
    TRAIL,
    TRAIL_BY_LAST,
    NamerBase,
    last_period,
)
from service.engine.reading import Mention


@trait
class LabelRules(NamerBase):
    """Labels and periods."""

    def label(self, lo: int, start: int, end: int, hi: int) -> str | None:
        """The phrase a figure measures: its clause before it, less lead-ins and verbs."""
        s = self.t[lo:start].strip()
        changed = True
        while changed and s:
            changed = False
            if s.startswith(LEAD_IN):  # (most labels need neither loop)
                for w in LEAD_IN:
                    if s.startswith(w) and len(s) > len(w):
                        s, changed = s[len(w) :].lstrip("，, "), True
            j: int | None = -1  # TRAIL words are tried in order, each once a round, as they come to end s
            while s:
                ends = TRAIL_BY_LAST.get(s[-1])
                j = (
                    None
                    if ends is None
                    else next((k for k in ends if k > (j or -1) and s.endswith(TRAIL[k])), None)
                )
                if j is None:
                    break
                s, changed = s[: -len(TRAIL[j])].rstrip(), True
        s = s[-12:]
        if not s:
            right = self.t[end : min(hi, end + 6)]  # (no more can be kept: not the rest of the clause)
            cut = next(
                (i for i, c in enumerate(right) if c in "的，,。；;、 \n" or not c.isalpha()), len(right)
            )
            s = right[:cut]
        return s or None

    def period(self, m: Mention, section_title: str | None) -> str | None:
        """The reporting period stated before the figure in its sentence, else in its section title."""
        slo, _ = self.geo.sentence(m.start, m.end)
        found = last_period(self.t, max(slo, m.start - SENTENCE), m.start)
        if found is None and section_title:
            found = _title_period(section_title)
        return found


@lru_cache(maxsize=256)
def _title_period(title):
    """The period a section title states (全年销售工作总结 → 全年); titles recur, figures ask often."""
    p = PERIOD_RE.search(title)
    return p.group() if p else None
