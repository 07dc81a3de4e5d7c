"""Breakdown rules for totals the text marks: 其中 (and 在所有投诉中, 报修中，), 含 in
brackets, a figure that scopes what follows (1286万元中，…).  A marker's parts go to the
total that fits them best: runs that add up, a shared label, the same KPI, nearness.
"""

import re
from bisect import bisect_left
from typing import Final

from mypy_extensions import trait

from service.engine.cues import words_kpis
from service.engine.findchars import SEMICOLONS, find_any, is_han, matches_at, positions, rfind_any
from service.engine.lexicon import kpis
from service.engine.naming import OTHER_WORDS, SELECTION_MARK
from service.engine.reading import SALES, Mention, opens_line
from service.engine.sections import LIST_ITEM_RE
from service.engine.totals import (
    CONTAINED_FIRSTS,
    CONTAINED_RE,
    CONTAINED_REACH,
    EARLIER_PERIODS,
    LEAD_RE,
    LEAD_REACH,
    LEAD_TAIL_RE,
    LIST_LEAD_REACH,
    LIST_NOUN_REACH,
    LOOKBACK,
    MARKER_FIRSTS,
    MARKER_RE,
    MARKER_REACH,
    MAX_PARTS,
    MAX_TOTALS,
    NEW_TOPIC_RE,
    PART_REACH,
    ROUNDING_CAP,
    SCOPE_ENDS,
    SCOPE_NOUN,
    SCOPE_NOUN_REACH,
    SELECTION_RE,
    SENTENCE_ENDS,
    Breakdown,
    FinderBase,
    adding_prefix,
    adding_subset,
    adds_up,
    common_prefix,
    same_kind,
    unit_class,
    value_of,
)

# a sentence opening on a word of some KPI and 中 (投诉中涉及…, 诉求中，): that KPI's figure before it is
# what its figures are parts of
SCOPE_NAMED_RE: Final = re.compile(
    r"(?:^|(?<=[。；;！？\n]))[ \t\u3000]*(?:在|其中)?([\u4e00-\u9fff]{1,6}?)中(?:[，,：:]|(?=涉及|包括))"
)
REST_REACH: Final = 6  # a selection's last part named the rest (OTHER_WORDS) within this many characters
SELECTION_STOPS: Final = "；;。"
SELECTION_FIRST: Final = 16  # characters from such a marker to the first kind's figure, at most
SELECTION_REACH: Final = 60  # characters from the total to such a marker, at most
SCOPE_OPENS: Final = "。；;！？\n"  # what a sentence opening on a scope starts after
SCOPE_NAMED_SPAN: Final = 12  # characters from its start to its 中, at most (spaces, 其中, six of name)
# the rest named with no figure after a list of parts (；其余为证照办理、能耗查询等)
REST_UNTOLD_RE: Final = re.compile(
    r"[，,；;]\s*(?:其余|其他|其它|剩下的|剩余的)(?:的)?(?:为|是|都是|主要是|包括|则为|就是|多为|多是|大多是|基本是)"
)
REST_UNTOLD_REACH: Final = 40  # characters read after the last part for it, and after it for a figure
SUBSET_ROWS: Final = 3  # 其中 rows under one row, at most
SET_IN: Final = (" ", "\u3000")  # what a row set in under a 其中 row opens on
BETWEEN_CELLS_RE: Final = re.compile(
    r"(?:[ \t\u3000|]+[+\-−]?\d+(?:\.\d+)?[%％])*[ \t\u3000|]*"
)  # gaps, rates
ROW_ABOVE: Final = 200  # characters of the row above a 其中 row read for the cells its columns part
BRACKET_NAME: Final = 8  # characters of the name before a bracketed subset's figure (5G手机)
MAX_FIGURE: Final = 12  # characters a figure with its unit takes at most
BRACKET_LIST: Final = 40  # characters of a bracket that lists a figure's parts (（收银2人、理货1人）)
LIST_SEPS: Final = "、，,；;和及与 "  # what parts each item of such a list from the one before
NOT_A_NAME: Final = (
    "其中",
    "含",
    "包含",
    "包括",
    "另",
    "外加",
    "不含",
    "未含",
    "除",
    "占",
    "约占",
    "为",
    "达",
    "共",
    "比",
    "较",
    "去年",
    "上年",
    "同期",
)


# a period's field opening a clause (9月：, 二季度：, 2024年：, 下半年：): after a semicolon, its own statement
PERIOD_FIELD_LEAD_RE: Final = re.compile(
    r"\s*(?:\d{1,2}月份?|[一二三四五六七八九十]{1,3}月份?|第?[一二三四1-4]季度|[上下]半年|\d{4}年度?)[：:]"
)


@trait
class MarkedRules(FinderBase):
    """Totals and parts that a marker word states."""

    def _marked(self) -> list[Breakdown]:
        out, scope = [], None  # scope: (X of 在X中, its marker's number), for a 其中 after it
        # (a cell above 其中 rows, and the 其中 row a division starts at or -1) → its subset (one for
        # all its plain 其中 rows)
        by_cell: dict[tuple[int, int], Breakdown] = {}
        t = self.t
        markers = list(matches_at(MARKER_RE, t, MARKER_FIRSTS))
        leads = [m for m in map(self._lead, LEAD_TAIL_RE.finditer(t)) if m]
        if leads:
            markers = sorted(markers + leads, key=lambda mk: mk.start())
        for n, mk in enumerate(markers):
            about = mk.group(mk.lastgroup) if mk.lastgroup else None
            if about is None and scope is not None and mk.start() <= self._scope_end(markers, scope[1]):
                about = scope[0]  # 在商品类投诉中，…。其中，食品类…471件
            parts = []
            i = bisect_left(self.starts, mk.end())
            if i < len(self.starts) and self.starts[i] < mk.end() + PART_REACH:  # (most markers: none near)
                hi = self._parts_end(markers, n)
                parts = self._part_candidates(mk.end(), hi)
            selection = t.startswith(SELECTION_MARK, mk.start())
            if parts and selection:
                # (主要为拒载甩站（412个）、…；（三）失物查找 647 个: the picked kinds end at the clause's
                # semicolon)
                stop = find_any(t, SELECTION_STOPS, mk.end(), hi)
                parts = [p for p in parts if stop < 0 or p.end <= stop]
                if parts and parts[0].start - mk.end() > SELECTION_FIRST:
                    parts = []  # (主要是对供暖单位收取陈欠供暖费…不满: a cause told, no kinds counted)
            if parts:
                hi = self._paren_end(mk.start(), hi)
                parts, inner = self._in_part_brackets([m for m in parts if m.end <= hi][:MAX_PARTS])
                parts = _unnested(parts)
                out += inner
                columns = self._columns_above(mk.start(), parts)
                if columns:
                    set_in = self._set_in_rows(mk.start(), columns)  # (其中：乘用车⏎      商用车: both)
                    # 合计（次）| 1,534 | 1,617 ⏎ 其中：报修（件）| 902 | 958: each column's part of
                    # the row above's cell in that column (本月 of 本月, 上月 of 上月); a 其中 row with rows
                    # set in under it is a division of its own
                    group = mk.start() if set_in else -1
                    for total, part in columns + set_in:
                        held = by_cell.get((id(total), group))
                        if held is None:
                            held = by_cell[(id(total), group)] = Breakdown(total, [], "subset")
                            out.append(held)
                        held.parts.append(part)  # (其中：新能源 and 其中：出口 under 销量: one subset)
                    continue
            if not parts:
                if about is not None and mk.group(0) != "其中":
                    scope = (about, n)  # how far it reaches is worked out if asked
                continue
            own = self.geo.sentence(mk.start(), mk.end())[0]
            lo = max(own, mk.start() - MARKER_REACH)
            reach = self._sentences_back(lo) if about is None else max(0, mk.start() - MARKER_REACH)
            for unit_parts in self._group_by_kind(parts):
                cands = self._nearest_before(reach, mk.start(), unit_parts[0])
                if about is None:
                    unit_parts = _below_own_total(cands, own, unit_parts)
                    # 上半年共售出2870台，其中海尔760台: the total of its own sentence first
                    fit = [
                        c
                        for c in cands
                        if c.start >= own and all(value_of(c) > value_of(p) for p in unit_parts)
                    ]
                    if not fit and self._scoped_by_other(own, mk.start(), unit_parts[0]):
                        cands = []  # 工单共涉及12个单位，其中城关镇41件: its parts, not an earlier total's
                    # (离职6人，其中…；新进5人，其中店员3人: the total of the marker's own statement)
                    semi = rfind_any(t, SEMICOLONS, own, mk.start())
                    fit = [c for c in fit if c.start > semi and c.kpi != "sales_target"] or fit
                    cands = fit or cands
                    if selection:
                        # (投诉21宗，主要集中在停车收费（十几宗）: only a count of service contacts
                        # just before it, in its sentence, has its kinds picked out so)
                        # (…2,934件，占比11.7%。⏎从投诉原因看，主要集中在…: or the sentence before's)
                        service = kpis().specific_service
                        near = [
                            c for c in cands if mk.start() - c.end <= SELECTION_REACH and c.kpi in service
                        ]
                        cands = [c for c in near if c.start >= own]
                        if not cands and near:
                            # (投诉9起，比去年的16起少了7起。主要是…: that sentence's first, not an
                            # earlier level after it)
                            lo = self.geo.sentence(near[-1].start, near[-1].end)[0]
                            cands = [next(c for c in near if c.start >= lo)]
                else:
                    named = [m for m in cands if about in (m.label or "")]
                    cands = named or [m for m in cands if self._names(m, about)]
                found = self._assign(cands, unit_parts)
                if found and SELECTION_RE.search(t, mk.start(), unit_parts[0].start):
                    for b in found:
                        if not (b.consistent and self._rest_named(b)):
                            b.kind = "subset"  # 其中，“变质”“标签不规范”等问题比较突出，分别…: a selection
                for b in found:  # 票务、餐饮、停车、广告等其他收入7.4亿元，其中票务…，广告…: two of four
                    if (
                        self._listed_kinds(b.total) > len(b.parts)
                        and not b.consistent
                        or self._rest_untold(b)
                    ):
                        b.kind = "subset"
                out += found
        for b in by_cell.values():
            if len(b.parts) > 1 and adds_up(b.total, b.parts):
                b.kind = "partition"  # (乘用车 and 商用车 under 销量: the whole of each cell)
        return out

    def _set_in_rows(self, at: int, columns: list[tuple[Mention, Mention]]) -> list[tuple[Mention, Mention]]:
        """The rows right after a 其中 row at ``at``, set in under it with as many cells of its kind
        (其中：乘用车⇥118,630 ⏎      商用车⇥13,322): more parts of the same cells above."""
        t, n, out = self.t, len(columns), []
        le = t.find("\n", at)
        for _ in range(SUBSET_ROWS):
            if le < 0 or t[le + 1 : le + 2] not in SET_IN:
                break
            ns, ne = le + 1, t.find("\n", le + 1)
            ne = len(t) if ne < 0 else ne
            cells = [m for m in self._between(ns, ne) if same_kind(m, columns[0][1])][:n]
            if len(cells) < n or any(
                BETWEEN_CELLS_RE.fullmatch(t, a.end, b.start) is None
                for a, b in zip(cells, cells[1:], strict=False)
            ):
                break
            out += [(above, c) for (above, _), c in zip(columns, cells, strict=True)]
            le = ne if ne < len(t) else -1
        return out

    def _columns_above(self, at: int, parts: list[Mention]) -> list[tuple[Mention, Mention]]:
        """The (cell above, part) pairs of a table row that opens on 其中 at ``at``, where its parts
        are two or more cells of the marker's line and the line above gives as many cells of their
        kind, each no smaller; [] otherwise."""
        t, geo = self.t, self.geo
        line = geo.line_start(at)
        row = [p for p in parts if geo.line_start(p.start) == line and same_kind(p, parts[0])]
        if (
            line == 0
            or len(row) < 2
            # (新能源汽车⇥46,318⇥29,054⇥59.42%⇥401,227: a rate's cell may stand between)
            or any(
                BETWEEN_CELLS_RE.fullmatch(t, a.end, b.start) is None
                for a, b in zip(row, row[1:], strict=False)
            )
        ):
            return []
        above_end = line - 1
        for _ in range(SUBSET_ROWS):  # (其中：出口 under 其中：新能源汽车: both rows of the row above them)
            above_start = geo.line_start(above_end)
            if above_start == 0 or not (
                self._subset_row(above_start, above_end)
                or t[above_start : above_start + 1] in SET_IN  # (      商用车 set in under 其中：乘用车)
                and self._subset_row(geo.line_start(above_start - 1), above_start)
            ):
                break
            above_end = above_start - 1
        # (a bounded look: a long line costs no more)
        lo = max(geo.line_start(above_end), above_end - ROW_ABOVE)
        above = [m for m in self._between(lo, above_end) if same_kind(m, row[0])]
        if len(above) < len(row):
            return []
        pairs = list(zip(above[: len(row)], row, strict=True))
        return pairs if all(value_of(a) >= value_of(b) for a, b in pairs) else []

    def _subset_row(self, ls: int, le: int) -> bool:
        """Whether the line [ls, le) opens on 其中 (past its indent)."""
        return self.t[ls:le].lstrip(" \t\u3000").startswith("其中")

    def _rest_untold(self, b) -> bool:
        """其中报修6,031件…表扬63件；其余为证照办理、能耗查询等: after the parts, the rest is named with
        no figure, so the parts are some of the whole, not all of it."""
        t, end = self.t, b.parts[-1].end
        found = REST_UNTOLD_RE.search(t, end, min(len(t), end + REST_UNTOLD_REACH))
        if found is None or find_any(t, SENTENCE_ENDS, end, found.start()) >= 0:
            return False
        hi = found.end() + REST_UNTOLD_REACH
        stop = find_any(t, SENTENCE_ENDS, found.end(), hi)
        return not any(c.isdigit() for c in t[found.end() : stop if stop >= 0 else hi])

    def _rest_named(self, b) -> bool:
        """Whether the last of a selection's parts is the rest (主要是…（6起）和…（5起），其他3起): the
        parts are all, picked out first and then the others."""
        last = b.parts[-1]
        lo = b.parts[-2].end if len(b.parts) > 1 else last.start - REST_REACH
        return any(w in self.t[max(lo, last.start - REST_REACH) : last.start] for w in OTHER_WORDS)

    def _in_part_brackets(self, parts: list[Mention]) -> tuple[list[Mention], list[Breakdown]]:
        """其中投诉281件（平台投诉175件、热线投诉106件），咨询38件: figures in brackets right after
        a part are that part's own parts, not more of the total's. The parts left, and the
        breakdowns of two or more in brackets (one alone is a subset _bracketed finds)."""
        t = self.t
        inside: set[int] = set()
        out: list[Breakdown] = []
        for p in parts:
            if id(p) in inside or t[p.end : p.end + 1] not in CONTAINED_FIRSTS:
                continue
            close = find_any(t, ")）", p.end + 1, p.end + 1 + PART_REACH)
            held = [q for q in parts if p.end < q.start and q.end <= close and same_kind(p, q)]
            if not held or sum(value_of(q) for q in held) > value_of(p) * (1 + ROUNDING_CAP):
                continue
            inside.update(id(q) for q in held)
            if len(held) > 1:
                out.append(Breakdown(p, held, "partition" if adds_up(p, held) else "subset"))
        return [p for p in parts if id(p) not in inside], out

    def _listed_kinds(self, total):
        """How many kinds a 、-list ending in 等 right before the total names (票务、餐饮、停车、广告等
        其他收入7.4亿元: 4), or 0."""
        t = self.t
        lo, _ = self.geo.clause(total.start, total.end)
        lo = max(lo, total.start - LIST_LEAD_REACH)
        k = t.rfind("等", lo, total.start)
        if k < 0 or total.start - k > LIST_NOUN_REACH:
            return 0  # (the 等 ends the total's own noun: 等其他收入7.4亿元)
        return t.count("、", lo, k) + 1

    def _lead(self, tail):
        """The lead-form marker (报修中，) whose 中 and comma ``tail`` found, or None."""
        t, p = self.t, tail.start()
        lo = max(0, p - LEAD_REACH)
        e = max(t.rfind(c, lo, p) for c in SENTENCE_ENDS)
        if e < 0 or t.startswith(("在", "所有", "全部"), e + 1):  # (MARKER_RE's own forms)
            return None
        m = LEAD_RE.match(t, e + 1)
        return m if m is not None and m.end() == p + 1 else None

    def _contained(self) -> list[Breakdown]:
        """286套(含回迁户38套), 12人团队（含3名实习生）: the bracket names a subset of the figure
        before it in its clause."""
        out, t = [], self.t
        for mk in matches_at(CONTAINED_RE, t, CONTAINED_FIRSTS):
            close = min(
                [
                    i
                    for i in (
                        t.find(")", mk.end(), mk.end() + PART_REACH),
                        t.find("）", mk.end(), mk.end() + PART_REACH),
                    )
                    if i >= 0
                ]
                or [-1]
            )
            if close < 0:
                continue
            lo, _ = self.geo.clause(mk.start(), mk.start())
            before = self._between(max(lo, mk.start() - CONTAINED_REACH), mk.start())
            parts = self._between(mk.end(), close)
            if (
                before
                and parts
                and all(same_kind(before[-1], p) for p in parts)
                and all(value_of(p) < value_of(before[-1]) for p in parts)
            ):
                out.append(Breakdown(before[-1], parts, "subset"))
        return out

    def _bracketed(self) -> list[Breakdown]:
        """销售手机412部（5G手机389部）, 新入网214户（5G套餐176户）: a bracket right after a figure that
        holds only a short name and one smaller figure of its kind names a subset of it (not
        （目标3万元）, （同比增加12部）, （累计1,230部）, （日均38部）: another figure about it)."""
        out, t = [], self.t
        lex = kpis()
        for m in self.ms:
            if t[m.end : m.end + 1] not in CONTAINED_FIRSTS:
                continue
            close = find_any(t, ")）", m.end + 1, m.end + 2 + BRACKET_NAME + MAX_FIGURE)
            if close < 0:
                continue
            parts = self._between(m.end + 1, close)
            if len(parts) != 1 or parts[0].end != close:
                continue
            p = parts[0]
            name = t[m.end + 1 : p.start]
            if (
                not 0 < len(name) <= BRACKET_NAME
                or not all(is_han(c) or c.isascii() and c.isalnum() for c in name)
                or name.startswith(NOT_A_NAME)
                or any(w in name for w in lex.average_leads)
                or any(
                    h.roles.change or h.roles.target or h.roles.total or h.roles.gap
                    for h in self.cues.within(m.end + 1, p.start)
                )
                or not same_kind(m, p)
                or not value_of(p) < value_of(m)
            ):
                continue
            out.append(Breakdown(m, [p], "subset"))
        return out

    def _bracketed_list(self) -> list[Breakdown]:
        """离职3人（收银2人、理货1人）, 新开发医院3家（县医院2家，妇幼1家）: a bracket right after a
        figure that lists two figures of its kind or more, each after a short name, names its
        parts (a partition where they add up to it, else a subset)."""
        out: list[Breakdown] = []
        t, ms = self.t, self.ms
        if "（" not in t and "(" not in t:
            return out
        for m in ms:
            if t[m.end : m.end + 1] not in CONTAINED_FIRSTS:
                continue
            close = find_any(t, ")）", m.end + 1, m.end + 2 + BRACKET_LIST)
            if close < 0:
                continue
            parts = self._between(m.end + 1, close)
            if len(parts) < 2 or parts[-1].end != close or not all(same_kind(m, p) for p in parts):
                continue
            lo, named = m.end + 1, True
            for p in parts:
                name = t[lo : p.start].lstrip(LIST_SEPS).strip(" \u3000")  # (噪音 4 起: a padded figure)
                if lo == m.end + 1:
                    name = name.removeprefix("其中")  # (在岗36人（其中回访岗14人、投诉岗9人）)
                if (
                    not 0 < len(name) <= BRACKET_NAME
                    or not all(map(is_han, name))
                    or name.startswith(NOT_A_NAME)
                ):
                    named = False
                    break
                lo = p.end
            if not named or any(
                h.roles.change or h.roles.target or h.roles.total or h.roles.gap
                for h in self.cues.within(m.end + 1, close)
            ):
                continue  # (（同比增加12人、下降3人）, （目标5家、完成3家）: other figures about it)
            if sum(value_of(p) for p in parts) > value_of(m) * (1 + ROUNDING_CAP):
                continue
            if m.kpi not in (None, "service_requests") and any(p.kpi not in (None, m.kpi) for p in parts):
                continue  # (年底38人（离职14人，新招6人）: what moved, no part of the team)
            out.append(Breakdown(m, parts, "partition" if adds_up(m, parts) else "subset"))
        return out

    def _scoped(self) -> list[Breakdown]:
        """全年销售额1286万元中，核心产品贡献900万元，其中…, 受理的96起投诉中，有57起…: the figures
        after 中 (to the next 其中 or the sentence end) are parts of the figure before it (and
        the few characters of its noun between)."""
        out, t = [], self.t
        for m in self.ms:
            q = find_any(t, "中里", m.end, m.end + SCOPE_NOUN + 1)  # (215宗投诉里：商品质量86宗…)
            if q < 0 or t[q + 1 : q + 2] not in SCOPE_ENDS or not all(map(is_han, t[m.end : q])):
                continue
            if (
                t[q] == "里"
                and t[q + 1 : q + 2] not in "：:"
                and not (t.startswith("，有", q + 1) and t[q + 3 : q + 4].isdigit())
            ):
                continue  # (投诉341条里，有效投诉208条：…: 里 heads a list before its colon, or 88条投诉里，有31条)
            _, hi = self.geo.sentence(q + 1, q + 1)
            hi = min(hi, q + PART_REACH)
            nxt = t.find("其中", q, hi)
            parts = [
                p
                for p in self._part_candidates(q + 1, hi if nxt < 0 else nxt)
                if same_kind(m, p) and value_of(p) < value_of(m)
            ][:MAX_PARTS]
            if parts:
                out.append(Breakdown(m, parts, "subset" if len(parts) == 1 else "partition"))
        return out

    def _scopes_named(self) -> list[re.Match[str]]:
        """The openings SCOPE_NAMED_RE matches, found from each 中 (str.find) and matched from the
        sentence start just before it: each character is looked at a few times, not the pattern
        tried at each."""
        t, out, last = self.t, [], -1
        for i in positions(t, "中"):
            lo = max(0, i - SCOPE_NAMED_SPAN)
            opener = rfind_any(t, SCOPE_OPENS, lo, i)
            start = opener + 1 if opener >= 0 else 0 if lo == 0 else -1
            if start >= 0 and start > last:
                mk = SCOPE_NAMED_RE.match(t, start)
                if mk is not None and mk.end() > i:
                    out.append(mk)
                    last = mk.end()
        return out

    def _scope_named(self) -> list[Breakdown]:
        """投诉7,536件…。投诉中涉及预付卡消费的约1200件，涉及网络购物的…89件; 处理各类诉求1,842件…。诉求中，
        维修类910件…: a sentence that opens on a KPI's word and 中 speaks of the last figure of that
        KPI before it (within PART_REACH); its figures of that kind are parts of it."""
        out: list[Breakdown] = []
        t = self.t
        if "中" not in t:
            return out
        for mk in self._scopes_named():
            named = set(words_kpis(mk.group(1)))
            if not named:
                continue
            k = bisect_left(self.starts, mk.start()) - 1
            total = None
            while k >= 0 and mk.start() - self.ms[k].end <= PART_REACH:
                c = self.ms[k]
                if c.kpi in named and not c.change:
                    total = c
                    break
                k -= 1
            if total is None:
                continue
            _, hi = self.geo.sentence(mk.end(), mk.end())
            semi = find_any(t, SEMICOLONS, mk.end(), hi)  # (…；餐饮业本月营业额412亿元: another statement)
            nxt = t.find("其中", mk.end(), hi)
            hi = min(x for x in (hi, semi, nxt) if x >= 0)
            parts = [p for p in self._part_candidates(mk.end(), hi) if same_kind(total, p)][:MAX_PARTS]
            if parts and all(value_of(p) < value_of(total) for p in parts):
                # (not 有效投诉总量中涉及财产险公司的12707件 after 承保纠纷3344个: a larger whole, said before)
                out.append(Breakdown(total, parts, "partition" if adds_up(total, parts) else "subset"))
        return out

    def _nearest_before(self, lo: int, hi: int, like):
        """The last MAX_TOTALS mentions of the kind of ``like`` inside [lo, hi), in text order:
        walked back from hi, so a marker costs as many figures as it weighs, not its reach."""
        ms, out = self.ms, []
        for k in range(bisect_left(self.starts, hi) - 1, bisect_left(self.starts, lo) - 1, -1):
            m = ms[k]
            if m.end <= hi and same_kind(m, like) and not self._aside(m, hi):
                out.append(m)
                if len(out) == MAX_TOTALS:
                    break
        out.reverse()
        return out

    def _scoped_by_other(self, own, pos: int, part):
        """Whether the figure right before a marker at ``pos``, in its sentence (from ``own``),
        counts the places its parts are counted for (12个单位，其中城关镇41件): the parts are
        that figure's items, so no earlier sentence's total takes them."""
        k = bisect_left(self.starts, pos) - 1
        if k < 0:
            return False
        m = self.ms[k]
        return (
            m.start >= own
            and pos - m.end <= SCOPE_NOUN_REACH
            and m.unit != part.unit
            and self.t.startswith(kpis().place_nouns, m.end)
        )

    def _aside(self, m, hi: int):
        """52,310人（另有劳务派遣用工4,120人），其中…: a figure in brackets closed before ``hi``
        is an aside, not the total a later 其中 splits."""
        t = self.t
        close = [i for i in (t.find("）", m.end, hi), t.find(")", m.end, hi)) if i >= 0]
        if not close:
            return False
        floor = max(0, m.start - MARKER_REACH)
        lo = max(t.rfind("（", floor, m.start), t.rfind("(", floor, m.start))
        return lo >= 0 and max(t.rfind("）", lo, m.start), t.rfind(")", lo, m.start)) < lo

    def _paren_end(self, pos: int, hi: int):
        """（其中无照经营210件）: a 其中 inside brackets reaches to the closing bracket only."""
        t = self.t
        floor = max(0, pos - MARKER_REACH)  # bounded: many markers in a long text stay linear
        lo = max(t.rfind("（", floor, pos), t.rfind("(", floor, pos))
        if lo < 0 or max(t.rfind("）", lo, pos), t.rfind(")", lo, pos)) > lo:
            return hi
        close = [i for i in (t.find("）", pos, hi), t.find(")", pos, hi)) if i >= 0]
        return min(close) if close else hi

    def _parts_end(self, markers, n: int):
        """Parts of marker n reach to its sentence end, the next marker, or PART_REACH characters."""
        mk = markers[n]
        lo, hi = self.geo.sentence(mk.start(), mk.end())
        t = self.t
        if t[mk.end() : mk.end() + 1] in ("：", ":") and opens_line(t, mk.start()):
            # 其中：会籍卡 512.3万元⏎      私教课 401.6万元: the lines set in under it go on with the parts
            while t[hi : hi + 1] == "\n" and t[hi + 1 : hi + 2] in SET_IN and hi < mk.end() + PART_REACH:
                nl = t.find("\n", hi + 1, mk.end() + PART_REACH)
                hi = nl if nl >= 0 else min(len(t), mk.end() + PART_REACH)
        hi = min(hi, mk.end() + PART_REACH)
        # the next marker ends the parts, but a part's own 其中 in brackets does not
        # (燃气报修9,712个（其中户内漏气抢修326个）；…)
        k = n + 1
        while (
            k < len(markers)
            and markers[k].start() < hi
            and self.t[markers[k].start() - 1] in CONTAINED_FIRSTS
        ):
            k += 1
        hi = min(hi, markers[k].start() if k < len(markers) else hi)
        aside = NEW_TOPIC_RE.search(self.t, mk.end(), hi)  # (up to the next marker: one look per character)
        if aside is not None:
            hi = aside.start()  # (…，另有实习生5名: a figure besides the total's, no part of it)
        nl = self.t.find("\n", mk.end(), hi)
        if nl >= 0 and self.t[mk.end() : nl].strip(" ：:，,") and LIST_ITEM_RE.match(self.t, nl + 1):
            hi = nl  # (1. 受理…，其中咨询…⏎2. …: the parts end with their item, not in the next)
        semi = find_any(self.t, SEMICOLONS, mk.end(), hi)
        if semi >= 0:
            before = self._part_candidates(mk.end(), semi)
            if before:
                # 零售业中，网购业年增11.2%…；餐饮业营业额412亿元: a list goes on past the ；only with
                # a part of a kind it has (其中现金交易5680笔…；银行卡7140笔)
                ends = not self._like_part_after(before, semi, hi)
            else:
                # 销售额620万元，其中会员贡献占比达58%…；Q2…: a clause's 其中 with no part before the
                # next ；ends there, and so does a list whose figures before it are no parts (changes)
                ends = bool(self.t[lo : min(mk.start(), lo + 8)].strip()) or any(
                    c.isdigit() for c in self.t[mk.end() : semi]
                )
            if ends or PERIOD_FIELD_LEAD_RE.match(self.t, semi + 1):
                hi = semi  # (8月：受理714单，其中…；9月：受理621单: the next period's own statement)
        return hi

    def _like_part_after(self, before, semi: int, hi: int) -> bool:
        """Whether the first figure after a ；(up to hi) is of a dimension the parts before it have,
        and of a KPI one of them has (or a kind of contact beside theirs): 其中临时工40余人；全年离职
        31人: the staff who left are no part of the staff there are."""
        after = self._part_candidates(semi + 1, hi)
        if not after:
            return True
        first = after[0]
        if not any(p.dimension == first.dimension for p in before):
            return False
        if len(before) == 1 and first.unit != before[0].unit:
            return False  # 其中人工话务约620万次；受理客户投诉12,380件: one part, then another statement
        return (
            first.kpi is None or first.kpi in kpis().service_family or any(p.kpi == first.kpi for p in before)
        )

    def _scope_end(self, markers, n: int):
        """Where a 在X中 scope with no parts of its own ends: the sentence after its own."""
        return self._sentence_after(self._paren_end(markers[n].start(), self._parts_end(markers, n)))

    def _sentence_after(self, hi: int):
        """The end of the sentence after the one ending at hi."""
        return self.geo.sentence(hi + 1, hi + 1)[1] if hi + 1 < len(self.t) else hi

    def _sentences_back(self, lo: int):
        floor = max(0, lo - MARKER_REACH)
        for _ in range(LOOKBACK):
            if lo <= floor:
                break
            lo, _hi = self.geo.sentence(lo - 1, lo - 1)
        return max(lo, floor)

    def _names(self, m, about):
        """Whether the words 所有投诉 name the KPI of m (投诉 → complaints)."""
        return bool(m.kpi) and m.kpi in words_kpis(about)

    @staticmethod
    def _group_by_kind(parts):
        groups, classes = {}, kpis().unit_classes
        for p in parts:
            groups.setdefault((p.dimension, unit_class(p, classes), p.change), []).append(p)
        return list(groups.values())

    def _assign(self, cands, parts):
        """Parts to totals: by sums, then by a shared label prefix, then all to the best one."""
        change = parts[0].change
        # 同比增加 … with 增加 …; a target is a total only of targets (目标2.8亿元，其中华东1.2亿元),
        # never of what was done after it (目标1.2亿元，实际完成1.34亿元，其中…)
        cands = [c for c in cands if c.change == change]
        if any(p.kpi not in (None, "sales_target") for p in parts) or any(c.kpi in SALES for c in cands):
            cands = [c for c in cands if c.kpi != "sales_target"]
        if not cands:
            return []
        if len(cands) >= 2:
            split = self._split(cands, parts) or _strided(cands, parts)
            if split:
                return split
            exact = [c for c in cands if adds_up(c, parts)]
            if exact:  # 全年销售额1286万元中，…900万元，其中420万元…380万元…100万元
                return [Breakdown(exact[-1], parts)]
        groups, rest = {}, []
        for p in parts:
            named = [c for c in cands if value_of(c) > value_of(p) and common_prefix(c.label, p.label) >= 2]
            if len(named) == 1:  # 代收社保养老金金额 → 代收金额, not 代付金额
                groups.setdefault(id(named[0]), (named[0], []))[1].append(p)
            else:
                rest.append(p)
        if rest:
            fits = [c for c in cands if all(value_of(c) > value_of(p) for p in rest)]
            if fits:
                recent = max(fits, key=lambda c: c.start)
                best = max(fits, key=lambda c: sum(self._fit(c, p, recent) for p in rest))
                groups.setdefault(id(best), (best, []))[1].extend(rest)
        out = []
        for total, ps in groups.values():
            if not self._of_earlier_period(total):
                ps = [
                    p for p in ps if not self._of_earlier_period(p)
                ]  # (上周成交714套/73129.42㎡: no part of this week's)
                if not ps:
                    continue
            ps.sort(key=lambda m: m.start)
            ps = adding_subset(total, adding_prefix(total, ps))
            out.append(Breakdown(total, ps, "subset" if len(ps) == 1 else "partition"))
        return out

    def _split(self, cands, parts):
        """Parts in order, cut into runs adding up to the last k totals in order."""
        for k in range(min(len(cands), 4, len(parts)), 1, -1):  # (each run holds a part at least)
            totals = cands[-k:]
            runs, i = [], 0
            for tot in totals:
                j = i + 1
                while j <= len(parts) and not adds_up(tot, parts[i:j]):
                    j += 1
                if j > len(parts):
                    break
                runs.append(Breakdown(tot, parts[i:j]))
                i = j
            if len(runs) == k and i == len(parts):
                return runs
        return None

    def _fit(self, cand, part, recent):
        """How well a candidate total fits a part: KPI, nearness, a total word, shared label."""
        score = 0.0
        if cand.kpi and cand.kpi == part.kpi:
            score += 3
        if cand is recent:
            score += 2
        if self._is_total(cand):
            score += 1
        if self._of_earlier_period(cand):
            score -= 3  # (…930套…；上周成交1325套；其中:新房住宅,成交535套: this week's, not last week's)
        score += min(len(set(cand.label or "") & set(part.label or "")), 3)
        return score + cand.start / 1e9  # nearer (later) wins a tie

    def _of_earlier_period(self, m: Mention) -> bool:
        """Whether the clause of a figure opens on an earlier period (上周成交1325套, 去年同期为…)."""
        lo = self.geo.clause(m.start, m.end)[0]
        return self.t[lo : m.start].lstrip(" \t\u3000").startswith(EARLIER_PERIODS)


def _strided(cands, parts):
    """产销1159.9万辆和1151.4万辆。其中，二轮…1032.5万辆和1021.8万辆，三轮…127.4万辆和129.6万辆:
    pairs in turn under a pair of totals; every k-th part adds up to the k-th of the last k totals."""
    for k in range(min(len(cands), 3), 1, -1):
        if len(parts) % k or len(parts) == k:
            continue
        totals = cands[-k:]
        runs = [parts[j::k] for j in range(k)]
        if all(adds_up(tot, run) for tot, run in zip(totals, runs, strict=True)):
            return [Breakdown(tot, run) for tot, run in zip(totals, runs, strict=True)]
    return None


NEGATING: Final = frozenset("非无未不")  # before a label: the kind apart from it


def _unnested(parts):
    """其中商用车4,412辆…；轻型商用车3,870辆: a part whose label holds an earlier part's whole
    label is a part of that one, not another part of the total."""
    labels = []
    out = []
    for p in parts:
        label = p.label or ""
        if not any(len(x) >= 2 and len(label) > len(x) and _holds(label, x) for x in labels):
            out.append(p)
        labels.append(label)
    return out


def _holds(label: str, other: str) -> bool:
    """Whether ``label`` names a kind of ``other`` (not 非抢修类工单, the rest beside 抢修类工单)."""
    i = label.find(other)
    return i >= 0 and label[i - 1 : i] not in NEGATING


def _below_own_total(cands, own: int, parts):
    """销量为30.2万辆…；其中海外销售3.6万辆，一季度累计销量逾62万辆: the parts end before the first
    figure larger than every total of the marker's own sentence (a later statement's figure)."""
    mine = [value_of(c) for c in cands if c.start >= own]
    if not mine:
        return parts
    top = max(mine)
    for k in range(1, len(parts)):
        if value_of(parts[k]) >= top:
            return parts[:k]
    return parts
