"""Totals and their parts: `共计2385件，其中住户咨询155件…`, and lists that add up.

Two rules:
- marked: after 其中 (or 在所有投诉中) the figures to the end of the sentence
  are parts of an earlier figure with the same unit.  With several such totals
  before it (共销售住宅41套，营业房2套。其中…39套…2套；…1套…1套) the parts are
  split in order into runs that add up to each total; otherwise each part goes
  to the total that fits best (same KPI, a total word like 共, shared label
  characters, nearness).
- unmarked: a run of later figures with the same unit that adds up to a figure
  (接听诉求132件，直接答复59件，分转73件), within the rounding of what is written.
Percentages are shares, not parts, and are left out.  The parts need not add up
to a marked total: the answer says whether they do.
"""

import itertools
import re
from bisect import bisect_left
from typing import Final

from service.engine.columns import ColumnRules
from service.engine.cues import CueIndex
from service.engine.findchars import find_any
from service.engine.lexicon import kpis
from service.engine.marked import MarkedRules
from service.engine.naming import OTHER_WORDS, PERIOD_RE
from service.engine.reading import FIGURE_IN_BRACKETS, Mention, counts_kinds, per_base
from service.engine.sections import LIST_ITEM_RE, Geometry
from service.engine.summed import SumRules
from service.engine.totals import (
    MAX_PARTS,
    PART_REACH,
    PARTABLE,
    PREVIOUS_RE,
    PREVIOUS_REACH,
    Breakdown,
    adds_up,
    same_kind,
    value_of,
)

STOCK_LEFT: Final = "units_remaining"  # (stock not sold: no part of what sold, 总房源 holds both)
SOLD: Final = "units_sold"


class BreakdownFinder(MarkedRules, SumRules, ColumnRules):
    """Finds the breakdowns of one text.  The rules live by family: totals a word marks
    (marked.py), totals found by their sums (summed.py); find() holds their order."""

    def __init__(self, folded: str, mentions: list[Mention], geometry: Geometry, cue_index: CueIndex) -> None:
        self.t = folded
        self.geo = geometry
        self.cues = cue_index
        # unit prices (元/平方米) are rates, not amounts that add up; an earlier period's figure
        # (上月为100万元) is what a total is compared with, never part of one
        self.ms = [
            m
            for m in mentions
            if m.dimension in PARTABLE
            and value_of(m) is not None
            and "/" not in (m.unit or "")
            and not (m.dimension == "count" and per_base(folded, m.end))  # (0.50件/万人次 adds to nothing)
            and not (m.dimension == "count" and (m.number.value or 0) % 1)  # (万人次投诉0.31件: an average)
            and not (m.dimension == "count" and counts_kinds(folded, m))  # (最集中的两个问题: kinds)
            and PREVIOUS_RE.search(folded, max(0, m.start - PREVIOUS_REACH), m.start) is None
        ]
        self.starts = [m.start for m in self.ms]
        self._totals = {}  # mention start → whether a total word stands before it

    def find(self) -> list[Breakdown]:
        found = self._marked() + self._contained() + self._bracketed() + self._scoped()
        taken = {id(b.total) for b in found} | {id(p) for b in found for p in b.parts}
        found += [  # (其中投诉281件（平台175件、热线106件）: the marker's rule has it already)
            b
            for b in self._bracketed_list()
            if id(b.total) not in taken and not any(id(p) in taken for p in b.parts)
        ]
        trailing = self._trailing()
        # 其中卫浴（2310万），橱柜（1470万）合计3780万元: the sum is the part, not its addends
        by_total = {id(x.total): x for x in trailing}
        for b in found:
            ids = {id(p) for p in b.parts}
            addends: set[int] = set()
            for p in b.parts:
                x = by_total.get(id(p))
                if x is not None and all(id(q) in ids for q in x.parts):
                    addends.update(id(q) for q in x.parts)
            if addends:
                b.parts = [p for p in b.parts if id(p) not in addends]
                if len(b.parts) == 1:
                    b.kind = "subset"
        self._continued(found)
        self._completed(found)
        self._cut_at_semicolon(found)
        found += [inner for b in list(found) for inner in _nested(b, self.t)]
        table_totals = self._table_totals()
        if table_totals:
            # 按故障类型分：⏎电路故障 1,206…⏎合计 3,482: a marker's parts that are a table's rows over its
            # total line are that line's
            by_parts = {frozenset(map(id, b.parts)): i for i, b in enumerate(found)}
            for tb in table_totals:
                i = by_parts.get(frozenset(map(id, tb.parts)), -1)
                if i >= 0 and found[i].total.start < tb.parts[0].start:
                    found[i] = tb
        totals = {id(b.total) for b in found}
        used = {id(p) for b in found for p in b.parts}
        for b in table_totals:  # (a table's total row: its columns above it, a marker's parts,
            # before figures that merely add up: 880 over 60 — 320 500 in the rows below it, or the
            # cells of other columns a trailing sum runs over: 合计 376 over 8 64 41 23 120 …)
            if id(b.total) not in totals and not any(id(p) in used for p in b.parts):
                found.append(b)
                used.update(id(p) for p in b.parts)
        totals = {id(b.total) for b in found}
        for b in trailing:  # (its total may have a second partition after it: not added to totals)
            if id(b.total) not in totals and not any(id(p) in used for p in b.parts):
                found.append(b)
                used.update(id(p) for p in b.parts)
        totals = {id(b.total) for b in found}
        for b in self._summed():
            if (
                id(b.total) not in totals
                and id(b.total) not in used
                and b.total.kpi != "sales_target"
                and not any(id(p) in used for p in b.parts)
                and not _of_other_kpis(b)
            ):
                found.append(b)
                used.update(id(p) for p in b.parts)
        found += [b for b in self._lists(used) if not _of_other_kpis(b)]
        found += [b for b in self._column_sums(used) if not _of_other_kpis(b)]
        found += self._led_lists(used)
        listed = self._headed_lists(used) + self._classified_lists(used)
        for b in listed:
            if self._rest_untold(b):
                b.kind = "subset"  # 分渠道看：门店零售…，到家…，其余是大客户团购: some of it
        found += listed
        for b in self._scope_named():  # (投诉中涉及…: the figures no rule before has taken)
            if not any(id(p) in used for p in b.parts):
                found.append(b)
                used.update(id(p) for p in b.parts)
        found += self._summed_above(used)
        for b in self._by_share():
            b.parts = [p for p in b.parts if id(p) not in used]
            if b.parts:  # (its total may be a part itself: 财险公司投诉5,100件 of 12,000件)
                found.append(b)
                used.update(id(p) for p in b.parts)
        found += self._bracketed_counts(found, used)
        for b in found:
            if b.kind == "partition" and b.overlapping:
                b.kind = "subset"  # 客户2.46亿户，其中网银1.83亿户，微信2.02亿户: groups that overlap
        return sorted((b for b in found if not _mistaken(b)), key=lambda b: b.total.start)

    def _bracketed_counts(self, found: list[Breakdown], used: set[int]) -> list[Breakdown]:
        """成交1.35万㎡(210套)，其中住宅1.1万㎡(71套)…车位0.2万㎡(61个): where a total and its parts
        each carry a count in brackets right after them, the counts are a breakdown too."""
        t, after = self.t, {}
        for a, c in zip(self.ms, self.ms[1:], strict=False):
            if c.dimension == "count" and t[a.end : c.start] in FIGURE_IN_BRACKETS:
                after[id(a)] = c  # the count in brackets right after a figure
        out = []
        for b in found:
            total = after.get(id(b.total))
            parts = [after[id(p)] for p in b.parts if id(p) in after]
            if total is None or not parts or id(total) in used or any(id(p) in used for p in parts):
                continue
            whole = len(parts) == len(b.parts) and adds_up(total, parts)
            out.append(Breakdown(total, parts, "partition" if whole else "subset"))
            used.update(id(p) for p in parts)
        return out

    def _continued(self, found: list[Breakdown]) -> None:
        """咨询4130件；投诉3953件，其中商品类2073件，服务类1880件；举报621件: a 其中 list goes
        on after a nested 其中's parts; the figures of its kind after them in the sentence are
        its parts too where they make up exactly what its sum lacks."""
        inner_of = {id(b.total): b for b in found if b.consistent}
        used = {id(p) for b in found for p in b.parts}
        for b in found:
            inner = inner_of.get(id(b.parts[-1]))
            if b.kind != "partition" or inner is None or b.consistent:
                continue
            extra = self._after_parts(b.total, inner.parts[-1].end, used, MAX_PARTS)
            if extra and adds_up(b.total, b.parts + extra):
                b.parts = b.parts + extra
                used.update(id(m) for m in extra)

    def _completed(self, found: list[Breakdown]) -> None:
        """营业收入2,860万元，其中瓶装气…收入1,120万元；液态槽车配送收入1,740万元: the figures of
        its kind after a 其中's parts, past a semicolon to the sentence end (or in the next
        sentence), are its parts too where they make up exactly what its sum lacks."""
        used = {id(p) for b in found for p in b.parts} | {id(b.total) for b in found}
        for b in found:
            if (
                b.kind == "partition"
                and b.consistent
                or b.parts[0].start < b.total.end
                or "其中" not in self.t[b.total.end : b.parts[0].start]
            ):
                continue
            last = b.parts[-1].end
            end = self.geo.sentence(last, last)[1]
            semi = find_any(self.t, "；;", last, min(end, last + PART_REACH))
            if semi < 0:
                # (the marker's own reach took the parts up to the sentence end; the next
                # sentence's figures may still make the sum exact: …其中车站2.04万人次。城乡公交
                # 21.995万人次，城际公交5.79万人次)
                if end >= len(self.t) or end - last > PART_REACH:
                    continue
                semi = end + 1
            # (现有员工168人，其中…121人；全年新进员工47人: another KPI's figure, no part)
            after = self._after_parts(b.total, semi, used, MAX_PARTS - len(b.parts))
            after = [m for m in after if m.kpi == b.total.kpi]
            whole, run = value_of(b.total), sum(value_of(p) for p in b.parts)
            for k in range(1, len(after) + 1):
                run += value_of(after[k - 1])
                if run > whole * OVER_SUM:
                    break  # (figures are positive: once past the total, no longer prefix adds up)
                if adds_up(b.total, b.parts + after[:k]):
                    b.parts, b.kind = b.parts + after[:k], "partition"
                    used.update(id(x) for x in after[:k])
                    break

    def _cut_at_semicolon(self, found: list[Breakdown]) -> None:
        """员工312人，其中一线136人；全年离职158人, 新开发客户17家，其中重点客户4家；流失客户3家: past a
        semicolon, a figure of another KPI than its total, or one a word names as none (not 其他,
        其余: the rest of the list), is another statement's, not one more part of a list that
        does not add up; where the total's parts keep its KPI (not requests split by kind)."""
        t, lex = self.t, kpis()
        for b in found:
            spec = lex.kpis.get(b.total.kpi) if b.total.kpi else None
            if b.kind != "partition" or b.consistent or spec is None or not spec.parts_keep_kpi:
                continue
            semi = find_any(t, "；;", b.parts[0].end, b.parts[-1].start)
            if semi < 0 or t.startswith("\n", semi + 1) and LIST_ITEM_RE.match(t, semi + 2):
                continue  # (其中：⏎（1）维修质量 19起；⏎（2）服务态度 11起: items of one list, a line each)
            kept = [p for p in b.parts if p.start < semi or not self._another_statement(b.total, p, semi)]
            if 0 < len(kept) < len(b.parts):
                b.parts = kept
                if len(kept) == 1:
                    b.kind = "subset"

    def _another_statement(self, total: Mention, p: Mention, semi: int) -> bool:
        """Whether a figure past a semicolon belongs to a statement of its own, not to ``total``'s
        list: another KPI, or named as none by a word that is no 其他 (the list's rest), or
        one in a statement opening on a period or on what is new (其中金牌代理商9家；上半年新签
        代理商7家: this half year's, not a kind of the 58)."""
        if total.change or p.change:
            return False  # (增加6215件。其中：咨询…增加5006件；投诉…增加1873件: the change, split)
        if p.kpi is None:
            return p.named and not any(w in (p.label or "") for w in OTHER_WORDS)
        if p.kpi != total.kpi:
            return True
        head = self.t[semi + 1 : p.start].lstrip()
        return PERIOD_RE.match(head) is not None or head.startswith(NEW_LEADS)

    def _after_parts(self, total: Mention, end: int, used: set[int], limit: int) -> list[Mention]:
        """The figures of ``total``'s kind from ``end`` to the sentence end (PART_REACH at most,
        ``limit`` of them), no change and none in ``used``; a few times ``limit`` figures looked
        at, whatever they are (a run of marked totals costs each of them the same)."""
        hi = min(self.geo.sentence(end, end)[1], end + PART_REACH)
        out: list[Mention] = []
        first = bisect_left(self.starts, end)
        for i in range(first, min(len(self.ms), first + AFTER_LOOKS * max(limit, 1))):
            m = self.ms[i]
            if m.start >= hi or len(out) >= limit:
                break
            if same_kind(total, m) and not m.change and id(m) not in used:
                out.append(m)
        return out


def _mistaken(b: Breakdown) -> bool:
    """Whether ``b`` is no breakdown: one part the size of its whole, in its unit, is the figure
    said again (a headline's 13935件 in the body); stock left is no part of what sold (签约203套
    （剩余11套）…合计签约487套: a list that takes it in has mistaken its items)."""
    total, part = b.total, b.parts[0]
    if b.kind == "partition" and len(b.parts) == 1:
        if part.unit == total.unit and part.number.value == total.number.value:
            return True
    if total.kpi == "sales_target" and all(p.kpi not in (None, "sales_target") for p in b.parts):
        return True  # 全年目标1.2亿元（实际完成1.05亿元）: what was done against the target, no part of it
    return total.kpi == SOLD and any(p.kpi == STOCK_LEFT for p in b.parts)


def _nested(b: Breakdown, t: str) -> list[Breakdown]:
    """其中涉及网约车平台的186宗，包括服务态度112宗、多收费50宗、拒载24宗: parts right after a
    part that add up to it exactly are its own partition, not more parts of the total (a part
    an enumeration comma follows is their sibling: 卫生类23起、噪音类14起、其他9起). The
    nested breakdowns found, b's parts cut to the rest."""
    if len(b.parts) < 3 or b.consistent and not b.overlapping:
        return []  # (其中物业100件，绿化60件，停车40件: parts that add up to the total are its own)
    parts = sorted(b.parts, key=lambda p: p.start)
    inner: list[Breakdown] = []
    i = 0
    while i < len(parts) - 2:
        head, total, j = parts[i], 0.0, i + 1
        while j < len(parts) and total < (head.number.value or 0) and parts[j].unit == head.unit:
            total += parts[j].number.value or 0
            j += 1
        if (
            j - i > 2
            and total == head.number.value
            and not t.startswith("、", head.end)
            and not _same_kind_word(t, head, parts[i + 1])
        ):
            inner.append(Breakdown(head, parts[i + 1 : j]))
            i = j
        else:
            i += 1
    nested = {id(p) for x in inner for p in x.parts}
    rest = [p for p in b.parts if id(p) not in nested]
    if inner and Breakdown(b.total, rest, b.kind if len(rest) > 1 else "subset").consistent:
        b.parts = rest
        if len(b.parts) == 1:
            b.kind = "subset"
        return inner
    return []


KIND_WORDS: Final = ("类", "问题", "方面")
AFTER_LOOKS: Final = 3  # figures looked at past a list's parts, per part that may still be added
OVER_SUM: Final = 1.01  # a running sum this far past its total cannot round to it
NEW_LEADS: Final = (
    "新签",
    "新增",
    "新开发",
    "新开",
    "新发展",
    "新招",
    "新进",
)  # …；新签代理商7家: what is new


def _same_kind_word(t: str, a: Mention, b: Mention) -> bool:
    """计费类2,104件，网络类1,688件，携号转网类416件: figures each named as a kind (…类) are
    siblings, whatever their sums happen to be."""
    return any(t.endswith(w, 0, a.start) and t.endswith(w, 0, b.start) for w in KIND_WORDS)


FROM_RE: Final = re.compile(r"[从由]")


TO_WORDS: Final = ("到", "至", "为")


def mark_from_to(folded: str, mentions: list[Mention], geometry: Geometry) -> None:
    """从3月的1.2万辆提升到7月的2万辆: both ends are one quantity at two times."""
    if FROM_RE.search(folded) is None:
        return  # (no 从 or 由 anywhere: nothing to mark)
    scoped = [m for m in mentions if m.dimension in PARTABLE or m.dimension == "percent"]
    first_from: dict[int, int] = {}  # clause start → where its first 从/由 stands (searched once per clause)
    for a, b in itertools.pairwise(scoped):
        if a.unit != b.unit:
            continue
        lo, hi = geometry.clause(a.start, a.end)
        if b.start >= hi:
            continue
        at = first_from.get(lo)
        if at is None:
            found = FROM_RE.search(folded, lo, hi)
            at = first_from[lo] = found.start() if found else hi
        if at < a.start:
            between = folded[a.end : b.start]
            if any(w in between for w in TO_WORDS):
                a.from_to = b.from_to = True


def _of_other_kpis(b: Breakdown) -> bool:
    """新进6人，离职4人，调离2人: figures that happen to add up to a figure of another KPI, none of
    theirs its own, are no parts of it (a kind of contact is a part of all requests, though)."""
    total = b.total.kpi
    if total is None or total == "service_requests":
        return False
    if all(p.kpi is not None and p.kpi != total for p in b.parts):
        return True
    # 顾问23人、经理3人，入职9人、离职11人: one figure of another kind (neither a kind of contact)
    # among them rules a chance sum out
    family = kpis().service_family
    return total not in family and any(p.kpi not in (None, total) and p.kpi not in family for p in b.parts)
