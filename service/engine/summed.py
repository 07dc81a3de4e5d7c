"""Breakdown rules for totals found by their sums: a run of figures right after a figure that
adds up to it (接听诉求132件，直接答复59件，分转73件), a whole list that adds up to a figure
written before it, which may be a second or third partition of the same total, and a total
word's figure after the run that adds up to it (咨询120件、投诉80件，合计200件).
"""

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from operator import attrgetter
from typing import Final

from mypy_extensions import trait

from service.engine.findchars import find_any, is_han, positions, rfind_any
from service.engine.lexicon import kpis
from service.engine.naming import LIST_LEAD_RE, OTHER_WORDS, PERIOD_RE, SENTENCE
from service.engine.numerals import tidy
from service.engine.reading import FIGURE_IN_BRACKETS, SIGNS, Mention, skip_ws
from service.engine.totals import (
    LIST_GAP,
    LIST_HEADS,
    LIST_LEAD_REACH,
    LIST_REACH,
    MAX_PARTS,
    MIN_TRAILING,
    MIN_UNMARKED,
    NEW_TOPIC_LEADS,
    PART_REACH,
    RANKED_RE,
    ROUNDING_CAP,
    SPLIT_WORDS,
    SUM_REACH,
    TOTAL_WORD_REACH,
    UNMARKED_CAP,
    Breakdown,
    FinderBase,
    adds_up,
    classified_in,
    classified_spans,
    half_ulp,
    same_kind,
    sentence_break,
    unit_class,
    value_of,
)

PART_PERIODS: Final = ("季度", "月", "月份")  # the periods a total's parts may be set out by, in turn
QUARTERS: Final = "一二三四1234"  # a quarter's number, either way written
MONTHS: Final = {
    **{str(i): i for i in range(1, 13)},
    **{c: i + 1 for i, c in enumerate("一二三四五六七八九十")},
    "十一": 11,
    "十二": 12,
}
HEADED_ITEM: Final = 40  # characters from an item line's start to its first figure, at most
HEADED_LINE: Final = 60  # characters of a list's heading line, at most
HEADED_REACH: Final = 200  # characters above the heading where the list's total may stand
HEADED_ENDS: Final = ("注", "合计", "总计", "共计", "小计", "说明", "相加", "上述", "以上")
CLASSIFIED_OVER: Final = 0.1  # how far the items under a heading that classifies may overshoot its total
CLASSIFIED_SEPS: Final = "、，,；;"  # what parts the items of an inline classified list
LIST_ENDS: Final = "。\n"  # …and what ends it
QUOTA_WORDS: Final = ("编制", "定编")  # right before a figure: the posts a team is allowed
START: Final = attrgetter("start")
# characters from a part to a figure in brackets right after it (（兼职5人）, （其中持证 19 人）)
BRACKET_HOLD: Final = 16
BRACKET_REACH: Final = 60  # characters from such a part to its bracket's close, at most
LISTED_DIMENSIONS: Final = ("count", "currency")  # (各门店：⏎· 人民路店：31.5万元: takings by store)
INDENTS: Final = (" ", "\u3000", "\t")  # what an item line set in opens on
HEADED_SHARE: Final = 0.85  # what the items of a headed list make up of their total, at least
ITEM_STOPS: Final = "，,。；;：:\n"  # what ends a list item's words
LABEL_REACH: Final = 6  # characters before a part read as its label (退货件数318件, 净销量6,102件)
COMPARED_REACH: Final = 6  # characters before a part where the period compared with or a change word ends


# …3,120件，占财险公司投诉总量的61.2%: a figure's share of a total, written right after it
SHARE_AFTER_RE: Final = re.compile(r"[，,、（(]\s*占(?:到|了)?[^，。；,;\d%]{0,16}?(\d{1,2}(?:\.\d{1,2})?)%")
# …and after a few words of its own: 服务投诉有953宗，排行第一，占服务总投诉量的59.79%; 以527宗位列第二，占比33.06%
SHARE_LEAD: Final = r"[^，。；,;\d%\n]{0,6}?[，,、（(]\s*(?:[^，。；,;\d%\n（(]{1,6}[，,])?占"
SHARE_LATER_RE: Final = re.compile(SHARE_LEAD + r"(?:到|了)?[^，。；,;\d%]{0,16}?(\d{1,2}(?:\.\d{1,2})?)%")
SHARE_LATER_REACH: Final = 22  # characters after a figure where the 占 of its share may stand
BARE_SHARE_RE: Final = re.compile(SHARE_LEAD + r"比(?:为|达|约)?")  # a share that names no total
SHARE_TOTAL_REACH: Final = 800  # characters back from such a figure to the total it is a share of
SHARE_TOTAL_TRIES: Final = 40  # figures tried back, at most


def _rounding(m: Mention) -> float:
    """The unit of a scaled figure's last written digit (0.1亿 for 14.5亿元); 0 for one written out."""
    return m.number.ulp if m.scaled else 0.0


def _shares_whole(shares: list[tuple[float, int]]) -> bool:
    """Whether shares written to their own decimals make 100 % (each may be off by half its last digit)."""
    return abs(sum(v for v, _ in shares) - 100) <= sum(0.5 * 10.0**-d for _, d in shares) + 1e-9


@lru_cache(maxsize=64)
def _kpi_pairs(name: str) -> frozenset[str]:
    """The pairs of characters of the cue words of a KPI (投诉, 诉量 … for complaints)."""
    return frozenset(p for c in kpis().cues if c.kpi == name for p in _pairs(c.text))


def _pairs(words: str) -> set[str]:
    """The pairs of Chinese characters side by side in ``words`` (财险公司 → 财险, 险公, 公司)."""
    return {words[k : k + 2] for k in range(len(words) - 1) if is_han(words[k]) and is_han(words[k + 1])}


# 以上三项合计本季度实现销售额约2,715万元, 上述两部分共计…: a total of the figures above it
# 以上三项合计, 上述各项共计, 三块合计, 这两项加起来: the words before a sum word (found by str.find)
# that say it sums the items above it, how many where they say
ABOVE_HEAD_RE: Final = re.compile(
    r"(?:(?:以上|上述|前述)([一二三四五六七八九两\d]?)(?:项|类|块|部分|个项目|个渠道|个部分|家)?"
    # (三块合计, 这两项加起来 opening a line, a clause or a bracket: how many items, then the sum)
    r"|(?:^|(?<=[\n。；;，,（(]))这?([一二三四五六七八九两])(?:项|块|部分|个项目|个渠道|个部分))"
    r"[^，,。；;\d]{0,4}?$",
    re.M,
)
ABOVE_HEAD_REACH: Final = 16  # characters before a sum word where those words may start
ABOVE_SUM_WORDS: Final = ("合计", "共计", "总计", "相加", "加起来", "汇总")
ITEM_NUMBERS: Final = "一二三四五六七八九"  # (两 is read as 二 below)
ABOVE_FIGURE_REACH: Final = 16  # characters from such words to their total
ABOVE_PARTS_REACH: Final = 800  # characters back from them where its parts may stand
ABOVE_TRIES: Final = 40  # figures looked at back, at most
ITEM_JOINS: Final = frozenset("、和及与")  # what joins a list's items (a total stands alone)
ITEM_COUNTS: Final = frozenset("个家")  # measure words of a count of the items summed (两个部门合计)
ITEM_NOUN: Final = 8  # characters from such a count to the total it says is summed


@trait
class SumRules(FinderBase):
    """Totals and parts found by their sums."""

    def _summed(self) -> list[Breakdown]:
        out = []
        ms = self.ms
        alike = self._next_alike()
        none_named: dict[int, bool] = {}  # a figure → _none_named (each candidate asked once)
        for i, tot in enumerate(ms):
            v = value_of(tot)
            if v < MIN_UNMARKED or tot.number.qualifier != "exact" or tot.from_to:
                continue  # (2 = 1 + 1 is chance)
            if self.t.endswith(QUOTA_WORDS, max(0, tot.start - 2), tot.start):
                continue  # (编制28人，实际在岗25人…，缺编3人: the posts allowed, no total of the staff)
            # like figures after it (same dimension and unit, exact, not 从…到), taken as the
            # search asks for them: most totals are settled by the first one or two
            same: list[Mention] = []
            reach, k = tot.end + SUM_REACH, alike[i]
            window = min(i + 1 + 3 * MAX_PARTS, len(ms))
            best = None
            negligible = half_ulp(tot)
            for a in range(3):
                if a == len(same):
                    if k >= window or ms[k].start > reach:
                        break  # (in text order: the rest lie further still)
                    same.append(ms[k])
                    k = alike[k]
                total_so_far = 0.0
                for b in range(a, a + MAX_PARTS):
                    if b == len(same):
                        if b and k < window and self._held_by(same[b - 1], ms[k]):
                            # (团课教练7人（兼职5人）: a part's own parts, to the bracket's close, add to no sum)
                            close = find_any(self.t, "）)", same[b - 1].end, same[b - 1].end + BRACKET_REACH)
                            while k < window and ms[k].start < close:
                                k = alike[k]
                        if k >= window or ms[k].start > reach:
                            break
                        same.append(ms[k])
                        k = alike[k]
                    x = value_of(same[b])
                    total_so_far += x
                    if x <= 0 or x >= v or tot.kpi is not None and self._named_none(same[b], none_named):
                        break  # (客单价963元, 尾款68万: named as no KPI, no part of a named sum)
                    near = abs(total_so_far - v) <= abs(v) * UNMARKED_CAP + 1e-6
                    if b > a and near and adds_up(tot, same[a : b + 1], UNMARKED_CAP):
                        # (客单价68元 beside 1,426万元, 人均消费186 in a table in 万元: under the
                        # total's rounding, no part of it)
                        best = [p for p in same[a : b + 1] if value_of(p) >= negligible]
                        if a and self._rows_apart(tot, same[0]):
                            best = None  # ⏎银行卡 41笔⏎贷款 33笔⏎理财 19笔⏎柜面 22笔: rows of one list
                        break
                    if total_so_far > v * 1.01:
                        break
                if best:
                    break
            if (
                best
                and len(best) > 1
                and not self._ranked(tot)
                and not self._compared(best)
                and not self._another_division(tot, best[0])
                and not self._new_topic(tot, best[0])
                and not self._net_of_returns(best)
                and self.t[best[-1].start] not in SIGNS  # (1,486 ⇥ 1,352 ⇥ +134: last year's and the change)
                and self.t[tot.end : tot.end + 1] != "、"  # (城乡建设27件、农村农业7件…: a list's first item)
                and not self._shared_whole(tot, best)
            ):
                out.append(Breakdown(tot, best))
        return out

    def _summed_above(self, used: set[int]) -> list[Breakdown]:
        """（一）商铺…成交金额1,836万元 （二）车位…380.6万元 （三）公寓…498万元 ⏎以上三项合计…约2,715万元:
        a total that says it sums the items above it is a partition of the last figures of its
        kind and KPI before it (as many as it says), where they add up to it."""
        out: list[Breakdown] = []
        t, ms = self.t, self.ms
        sums = sorted((i, i + len(w)) for w in ABOVE_SUM_WORDS for i in positions(t, (w,)))
        for at, sum_end in sums:
            mk = ABOVE_HEAD_RE.search(t, max(0, at - ABOVE_HEAD_REACH), at)
            if mk is None:
                continue
            count = mk.group(1) or mk.group(2) or ""
            k = bisect_left(self.starts, sum_end)
            if k >= len(ms) or ms[k].start - sum_end > ABOVE_FIGURE_REACH:
                continue
            total = ms[k]
            if total.change or id(total) in used:
                continue
            kpi = total.kpi  # (以上5单合计328.5万: a sum no word names takes its parts' KPI)
            want = ITEM_NUMBERS.find(count.replace("两", "二")) + 1 if count else 0  # (以上三项: three)
            if count.isdigit():
                want = int(count)
            parts: list[Mention] = []
            j = bisect_left(self.starts, mk.start()) - 1
            tries = 0
            while j >= 0 and tries < ABOVE_TRIES and mk.start() - ms[j].end <= ABOVE_PARTS_REACH:
                c = ms[j]
                j, tries = j - 1, tries + 1
                if not same_kind(c, total) or c.change:
                    continue
                if kpi is None:
                    kpi = c.kpi  # (the last figure of its kind above: the KPI the items share, if named)
                if c.kpi == kpi and kpi is not None and c.part_of is None:
                    if id(c) in used:
                        break
                    parts.insert(0, c)
                    if (
                        want
                        and len(parts) == want
                        or not want
                        and len(parts) >= 2
                        and adds_up(total, parts, ROUNDING_CAP)
                    ):
                        break
            if len(parts) >= 2 and (not want or len(parts) == want) and adds_up(total, parts, ROUNDING_CAP):
                out.append(Breakdown(total, parts, named_by_parts=total.kpi is None))
                used.update(id(p) for p in parts)
        return out

    def _shared_whole(self, tot: Mention, parts: list[Mention]) -> bool:
        """发动机25件,占21%,传动系19件,占17%,…制动系8件,占7%,车体系统11件,占10%: a share right after
        the total and after each of its parts makes them items of one list, shares of one whole,
        whatever some of them add up to."""
        return all(SHARE_AFTER_RE.match(self.t, m.end) is not None for m in (tot, *parts))

    def _by_share(self) -> list[Breakdown]:
        """财险公司投诉5,100件…财险公司涉及理赔纠纷投诉3,120件，占财险公司投诉总量的61.2%: a figure
        whose share of a total is written after it is a part of the nearest figure before it of
        its kind that the share is of (3,120 ÷ 5,100 = 61.2 %, to the share's last digit)."""
        ms, t = self.ms, self.t
        by_total: dict[int, list[Breakdown]] = {}  # a total → its runs of parts, a sentence each
        shares: dict[int, tuple[float, int]] = {}  # a part → its share written, and its decimals
        for i, x in enumerate(ms):
            if t.find("占", x.end, x.end + SHARE_LATER_REACH) < 0:
                continue  # (most figures: no share clause after them)
            m = SHARE_LATER_RE.match(t, x.end)
            if m is None or x.number.qualifier != "exact":
                continue
            share = float(m.group(1))
            bare_share = BARE_SHARE_RE.fullmatch(t, x.end, m.start(1)) is not None  # (、占比17.0%)
            v = value_of(x)
            if v <= 0:
                continue
            # (the share's own digits, and the rounding of figures written in 万 or 亿: 14.5億元 of
            # 20.1億元 is 72.1 %, written 72.2 %; a count in units is exact)
            tolerance = (
                0.5 * 10.0 ** -len(m.group(1).partition(".")[2]) + 1e-9 + share * 0.5 * _rounding(x) / v
            )
            for _, c in self._figures_before(i):
                cv = value_of(c)
                if (
                    cv > v
                    and same_kind(c, x)
                    and abs(v / cv * 100 - share) <= tolerance + share * 0.5 * _rounding(c) / cv
                    # (of its own measure: not 投流费用136万元，占GMV的13.3%, a cost against the sales;
                    # a count no word named may be a topic of it: 质量问题4120件，占投诉总量的77.4%; a sum
                    # too, where its share names no other total: 电子设备49.02亿元、占比17.0%)
                    and (
                        x.kpi == c.kpi
                        or x.kpi is None
                        and not x.named
                        and (x.dimension == "count" or x.dimension == "currency" and bare_share)
                    )
                ):
                    shares[id(x)] = (share, len(m.group(1).partition(".")[2]))
                    runs = by_total.setdefault(id(c), [])
                    if runs and not sentence_break(t, runs[-1].parts[-1].end, x.start):
                        runs[-1].parts.append(x)
                    else:
                        runs.append(Breakdown(c, [x], "subset"))
                    break
        out = [b for runs in by_total.values() for b in runs]
        for b in out:
            if len(b.parts) > 1 and (
                adds_up(b.total, b.parts) or _shares_whole([shares[id(p)] for p in b.parts])
            ):
                # (一季度4500万元(占比16%)…四季度9000万元(占比32%): the whole; so are parts whose shares
                # make 100 %, though their figures miss the total by a few: 20309件，占37.48%；…)
                b.kind = "partition"
        return out

    def _led_lists(self, used: set[int]) -> list[Breakdown]:
        """受理投诉1.10万件。…投诉问题主要有：食品安全(3465件)、质量(1198件)、售后服务(1671件): a list a
        lead word opens (主要有, 依次为, 排名前五的…：), its figures of one kind naming one KPI, is a
        part of the nearest figure before it of that kind and KPI that can hold the list."""
        out, ms, t = [], self.ms, self.t
        i = 0
        while i < len(ms):
            run, j = [ms[i]], i + 1
            while (
                j < len(ms)
                and same_kind(ms[j], run[-1])
                and ms[j].kpi == run[0].kpi
                and ms[j].start - run[-1].end <= LIST_GAP
                and not sentence_break(t, run[-1].end, ms[j].start)
            ):
                run.append(ms[j])
                j += 1
            first = run[0]
            if (
                len(run) >= 2
                and first.kpi is not None
                and not any(id(p) in used for p in run)
                and find_any(t, "\t|", first.end, run[1].start)
                < 0  # (2月⇥64⇥198: a table row's cells, no list)
                and LIST_LEAD_RE.search(t, max(0, first.start - LIST_LEAD_REACH), first.start) is not None
            ):
                total = self._led_total(i, run, first)
                if total is not None:
                    out.append(Breakdown(total, run, "partition" if adds_up(total, run) else "subset"))
                    used.update(id(p) for p in run)
            i = j
        return out

    def _headed_lists(self, used: set[int]) -> list[Breakdown]:
        """受理诉求18,652件。⏎按业务类型分：⏎故障报修 9,877件⏎业务咨询 5,120件 …: items a line each
        (numbered, dashed or bare) under a line ending on a colon (or a 【heading】), each line's
        first figure of one kind, are the parts of the nearest figure of their kind before that
        line (the heading's own, or the sentence's before it) that their sum comes close to:
        categories listed as the whole, whether or not they add up."""
        out, ms, t = [], self.ms, self.t
        i = 0
        while i < len(ms):
            m = ms[i]
            ls = t.rfind("\n", max(0, m.start - HEADED_ITEM), m.start) + 1
            head = self._list_head(ls)
            if head < 0 or id(m) in used or m.dimension not in LISTED_DIMENSIONS:
                i += 1
                continue
            run, j, seen = [m], i + 1, m.end  # (seen: where the search for the line's end goes on)
            indented = t[ls : ls + 1] in INDENTS
            while j < len(ms) and len(run) < MAX_PARTS:
                nxt = ms[j]
                nl = t.find("\n", seen, nxt.start)
                if nl < 0:
                    seen = max(seen, nxt.start)  # (each character of a long line is looked at once)
                    j += 1  # (a figure of the same item line: 其中表井漏水418件, not an item)
                    continue
                if (
                    t.find("\n", nl + 1, nxt.start) >= 0
                    or nxt.start - nl > HEADED_ITEM
                    or not same_kind(nxt, m)
                    or any(w in t[nl + 1 : nxt.start] for w in HEADED_ENDS)
                    or classified_in(t, nl + 1, nxt.start)  # (按来源：…: another list)
                    or (t[nl + 1 : nl + 2] in INDENTS) != indented  # (items set in, then a line that is not)
                ):
                    # (an empty line, a line with no figure first, or a note's or a total's line
                    # (（注：…约1500件未列入, 上述合计4,274件) ends the list)
                    break
                run.append(nxt)
                seen, j = nxt.end, j + 1
            total = self._headed_total(head, run) if len(run) >= 2 else None
            if total is not None and not any(id(p) in used for p in run) and not _other_family(total, run):
                out.append(Breakdown(total, run))
                used.update(id(p) for p in run)
            i = j  # (past the list: each figure is looked at in one run at most)
        return out

    def _classified_lists(self, used: set[int]) -> list[Breakdown]:
        """全年投诉合计94件。按原因看：停车难41件、装修噪音29件、宠物问题18件…: items of one kind
        listed in the sentence a heading that classifies (CLASSIFIED_RE, on a colon) opens are the
        parts of the figure before it they come close to (as a headed list's), though they may
        overshoot it a little (部分投诉涉及两类原因)."""
        out: list[Breakdown] = []
        ms, t = self.ms, self.t
        if "：" not in t and ":" not in t and not any(w + "。" in t for w in SPLIT_WORDS):
            return out  # (a heading that classifies ends on a colon, or on 。 after 分类, 构成 …)
        for mk_start, mk_end in classified_spans(t):
            if t[mk_end - 1] not in "：:。":
                continue
            k = bisect_left(self.starts, mk_end)
            if k >= len(ms) or ms[k].start - mk_end > HEADED_ITEM or ms[k].dimension not in LISTED_DIMENSIONS:
                continue
            first = ms[k]
            end = find_any(t, LIST_ENDS, mk_end, min(len(t), mk_end + PART_REACH))  # (；parts its items)
            end = end if end >= 0 else min(len(t), mk_end + PART_REACH)
            run, j = [first], k + 1
            while j < len(ms) and len(run) < MAX_PARTS and ms[j].end <= end:
                nxt = ms[j]
                j += 1
                if same_kind(nxt, first) and not nxt.change:
                    if find_any(t, CLASSIFIED_SEPS, run[-1].end, nxt.start) < 0:
                        break  # (an item's own second figure: not an item)
                    run.append(nxt)
            if len(run) < 2 or any(id(p) in used for p in run):
                continue
            total = self._headed_total(mk_start, run)
            if total is not None and id(total) not in used and not _other_family(total, run):
                out.append(Breakdown(total, run))
                used.update(id(p) for p in run)
        return out

    def _list_head(self, ls: int) -> int:
        """Where the heading line right above the item line at ls starts (it ends on a colon, or
        is a 【heading】 alone), or -1."""
        t = self.t
        if ls < 2:
            return -1
        hs = t.rfind("\n", max(0, ls - 1 - HEADED_LINE), ls - 1) + 1
        line = t[hs : ls - 1].rstrip()
        if not line or not (line.endswith(("：", ":")) or line.startswith("【") and line.endswith("】")):
            return -1
        return hs

    def _headed_total(self, head: int, run: list[Mention]) -> Mention | None:
        """The figure the items under the heading at ``head`` make up: of their kind, in the
        heading line or the lines just above it (HEADED_REACH), the nearest whose value the
        items' sum comes close to (HEADED_SHARE of it at least, a rounding over at most)."""
        whole = sum(value_of(p) for p in run)
        # (按投诉原因分：(1) 11件 (2) 8件 (3) 5件 (4) 4件 under 27件: a heading that says it classifies
        # lists the whole, though its items may overshoot it a little, a slip of the writer's)
        over = CLASSIFIED_OVER if classified_in(self.t, head, run[0].start) else ROUNDING_CAP
        k = bisect_left(self.starts, run[0].start) - 1
        target = None  # (GMV 3275万元…；任务3500万元，完成93.6%。⏎分品类：…: the takings, not the target)
        while k >= 0 and run[0].start - self.ms[k].end <= HEADED_REACH + HEADED_LINE:
            c = self.ms[k]
            if c.end <= head - HEADED_REACH:
                break
            v = value_of(c)
            if (
                same_kind(c, run[0])
                and not c.change
                and v * HEADED_SHARE <= whole <= v * (1 + over)
                and not _other_family(c, run)  # (办结3,042件 after 受理3,186件: not what is classified)
            ):
                if c.kpi != "sales_target" or any(p.kpi == "sales_target" for p in run):
                    return c
                target = target or c
            k -= 1
        return target

    def _led_total(self, i: int, run: list[Mention], first: Mention) -> Mention | None:
        """The total a led list at ms[i] is a part of: of the figures before it of its kind and KPI
        that stand alone and can hold it, back to the first one smaller than the list, the one
        whose words before it share most with the list's lead (财险公司投诉量居前三的依次为: 财险公司
        投诉4,800件, not 寿险公司投诉7,200件 after it), the nearest where none shares more."""
        t = self.t
        whole = sum(value_of(p) for p in run)
        lo = max(0, first.start - LIST_LEAD_REACH)
        # the lead's sentence, less the words of the KPI (投诉 names it, whichever the total)
        lead = _pairs(t[max(lo, rfind_any(t, "。！？\n", lo, first.start) + 1) : first.start])
        lead -= _kpi_pairs(first.kpi or "")
        best, best_shared = None, -1
        for k, c in self._figures_before(i):
            if not (same_kind(c, first) and c.kpi == first.kpi and c.number.qualifier == "exact"):
                continue
            if value_of(c) * (1 + ROUNDING_CAP) < whole:
                break  # (a smaller one of its kind: another matter, and the search ends)
            if self._item_of_like(k):
                continue  # (an item of a list of its measure before it: 分别售出12万和9万辆，三个品牌…依次为)
            shared = len(lead & _pairs(t[max(0, c.start - LABEL_REACH - 2) : c.start]))
            if shared > best_shared:
                best, best_shared = c, shared
        return best

    def _figures_before(self, i: int) -> Iterator[tuple[int, Mention]]:
        """The figures before ms[i], nearest first, as far back as a total is sought for a part
        (SHARE_TOTAL_TRIES figures, SHARE_TOTAL_REACH characters): (index, figure)."""
        ms, start = self.ms, self.ms[i].start
        for k in range(i - 1, max(-1, i - 1 - SHARE_TOTAL_TRIES), -1):
            if start - ms[k].end > SHARE_TOTAL_REACH:
                return
            yield k, ms[k]

    def _item_of_like(self, k: int) -> bool:
        """Whether ms[k] is joined (、和及与) to a figure beside it of its kind and KPI: an item of a
        list of one measure (12万和9万辆), not a total (投诉1,342件、举报208件: other measures)."""
        ms, t, c = self.ms, self.t, self.ms[k]
        if k > 0 and t[c.start - 1 : c.start] in ITEM_JOINS:
            b = ms[k - 1]
            if same_kind(b, c) and b.kpi == c.kpi and c.start - b.end <= LIST_GAP:
                return True
        if k + 1 < len(ms) and t[c.end : c.end + 1] in ITEM_JOINS:
            n = ms[k + 1]
            if same_kind(n, c) and n.kpi == c.kpi and n.start - c.end <= LIST_GAP:
                return True
        return False

    def _compared(self, parts):
        """同比8.12亿元增加1.24亿元: the level compared with and the change, not parts, though
        they add up to the figure before them."""
        t, periods = self.t, kpis().compared_periods
        for p in parts:
            lo = max(0, p.start - COMPARED_REACH)
            if t.endswith(periods, lo, p.start):
                return True
            hits = self.cues.within(lo, p.start)
            if hits and hits[-1].roles.change and t[hits[-1].end : p.start] in ("", "了"):
                return True
            if any(h.roles.net for h in hits):
                return True  # 新开门店207家，关闭门店72家，净增门店135家: the net change, no part
        return False

    def _trailing(self) -> list[Breakdown]:
        """咨询120件、投诉80件，合计200件: a figure a total word marks, after a run of like figures
        of its sentence that adds up to it, is their total (the parts written first). The
        longest such run ending right before it: walked back from the total, adding as it
        goes, and given up once its sum passes the total's (so a few figures per total)."""
        out, ms, t = [], self.ms, self.t
        items = kpis().summed_item_units
        classes = kpis().unit_classes
        markers = kpis().total_markers
        firsts = {w[0] for w in markers}
        for i, tot in enumerate(ms):
            v = value_of(tot)
            # (药师2名，营业员5名，收银1名，共8人: a total word marks it, so a small one too)
            if v < MIN_TRAILING or tot.number.qualifier != "exact" or tot.from_to:
                continue
            last, stated = i - 1, 0.0
            if last >= 0 and self._items_counted(ms[last], tot, items, markers):
                stated = ms[last].number.value or 0.0
                last -= 1
            if last < 0 or not same_kind(ms[last], tot):
                continue  # (most figures: the one before is of another kind)
            near = t[max(0, tot.start - TOTAL_WORD_REACH) : tot.start]
            if not any(c in near for c in firsts) or not self._is_total(tot):
                continue  # (no total word's first character near: most figures are passed over here)
            kind = unit_class(tot, classes)
            run, nxt, total_so_far, longest = [], tot, 0.0, 0
            for j in range(last, max(-1, last - MAX_PARTS), -1):
                m = ms[j]
                if m.number.value is None and m.dimension == tot.dimension:
                    nxt = m  # (投诉 188单，其中…七八单⏎总计：: a range inside an item is no summand)
                    continue
                if j > 0 and self._held_by(ms[j - 1], m):
                    nxt = m  # (报修120件（含公共区域30件）, 咨询80件（占36.4%）: an item's aside, no item)
                    continue
                if (
                    m.dimension != tot.dimension
                    or unit_class(m, classes) != kind
                    or m.number.qualifier != "exact"
                    or m.from_to
                    or nxt.start - m.end > LIST_GAP
                    or sentence_break(t, m.end, nxt.start, lines=False)
                ):
                    break
                run.append(m)
                nxt = m
                total_so_far += value_of(m)
                if len(run) > 1 and abs(total_so_far - v) <= abs(v) * UNMARKED_CAP + 1e-6:
                    longest = len(run)
                if total_so_far > v * 1.01:
                    break
            if longest:
                parts = run[:longest][::-1]
                if adds_up(tot, parts, UNMARKED_CAP):
                    out.append(Breakdown(tot, parts, named_by_parts=True))
            elif (
                2 <= stated <= len(run)
                and stated == int(stated)
                and find_any(t, "\t|\n", run[int(stated) - 1].start, tot.start) < 0
            ):  # (其余五个项目合计⇥2,387 in a table: its items are rows above, not the cells before it)
                # 一部4,560万元，二部3,870万元，两个部门合计完成9,100万元: as many figures as the text
                # says are summed are the parts, whatever they add up to (the mismatch is warned)
                out.append(Breakdown(tot, run[: int(stated)][::-1], named_by_parts=True))
        return out

    def _items_counted(self, m: Mention, tot: Mention, items, markers) -> bool:
        """两项合计3780万元, 两个部门合计完成9,100万元: m, right before a total, says how many items
        it sums (a count of items, or one in 个/家 with a noun and the total's word after it)."""
        if m.unit in items:
            return True
        return (
            m.unit in ITEM_COUNTS
            and tot.start - m.end <= ITEM_NOUN
            and any(w in self.t[m.end : tot.start] for w in markers)
        )

    def _another_division(self, item: Mention, first: Mention) -> bool:
        """建议11件、…、咨询30件。按内容分类:城乡建设27件、…: an item of one list, then a heading
        that divides the whole again: the list after it is no division of that item."""
        return self._in_list(item) and classified_in(self.t, item.end, first.start)

    def _named_none(self, p: Mention, known: dict[int, bool]) -> bool:
        """_none_named, asked once a figure."""
        got = known.get(id(p))
        if got is None:
            got = known[id(p)] = self._none_named(p)
        return got

    def _none_named(self, p: Mention) -> bool:
        """Whether the cue nearest before ``p`` in its clause names no KPI (客单价963元, 68万的尾款
        after it is not looked at): a figure read as no KPI adds to no total by chance."""
        if p.kpi is not None or p.dimension != "currency":
            return False  # (a count's none cue may name a kind of it: 收费争议 67起 is a complaint)
        clo, _ = self.geo.clause(p.start, p.end)
        hits = self.cues.within(max(clo, p.start - LABEL_REACH), p.start)
        return (
            bool(hits)
            and hits[-1].roles.none
            and not hits[-1].roles.kpis
            and hits[-1].word not in OTHER_WORDS
        )

    def _net_of_returns(self, parts: list[Mention]) -> bool:
        """销售件数6,420件，退货件数318件，净销量6,102件: what was returned and what was sold net add
        up to the gross, no parts of it."""
        sold = kpis().kpis.get("units_sold")  # (a deployer's KPI file may have none)
        t, undone = self.t, sold.clause_veto if sold is not None else ()
        for p in parts:
            clo, _ = self.geo.clause(p.start, p.end)
            words = t[max(clo, p.start - LABEL_REACH) : p.start]  # (its own label: not 净开设230个（42个…）)
            if "净" in words or any(w in words for w in undone):
                return True
        return False

    def _new_topic(self, tot: Mention, first: Mention) -> bool:
        """上月共成交住宅20套。本月认购12套，签约8套: figures of a later sentence that opens on
        another matter (此外, 另外) or names another period than the total's are no parts of
        it, though they add up to it (全年受理2000件。全年咨询1200件，投诉800件: parts)."""
        t = self.t
        if not sentence_break(t, tot.end, first.start, lines=False):
            return False
        lo, _ = self.geo.sentence(first.start, first.start)
        if t.startswith(NEW_TOPIC_LEADS, skip_ws(t, lo)):
            return True
        period = PERIOD_RE.search(t, lo, first.start)
        if period is None:
            return False
        tlo, _ = self.geo.sentence(tot.start, tot.start)
        # (the period nearest the total: 8 月 10 日消息，…7 月，汽车产销…238.7 万辆 is July's)
        named = [
            p.group().replace(" ", "")
            for p in PERIOD_RE.finditer(t, max(tlo, tot.start - SENTENCE), tot.start)
        ]
        _, hi = self.geo.sentence(first.start, first.start)
        periods = {p.group().replace(" ", "") for p in PERIOD_RE.finditer(t, lo, min(hi, lo + SENTENCE))}
        # (进站车辆3,217台次。一季度1,402台次，二季度1,815台次: the total's period in turn, quarters of
        # a half or a year, months of a quarter; not 一季度投诉20件。4月…，5月…)
        quarter = named[-1] if named and named[-1].endswith("季度") else None
        if (
            len(periods) > 1
            and all(p.endswith(PART_PERIODS) for p in periods)
            and not (named and named[-1].endswith(("月", "月份")))
            and (quarter is None or all(_month_of(quarter, p) for p in periods))
        ):
            return False
        return not named or named[-1] != period.group().replace(" ", "")

    def _rows_apart(self, tot: Mention, nxt: Mention) -> bool:
        """Whether the like figure after ``tot`` stands on the line right after tot's (two rows of
        one list): a sum of the rows after that next one is chance."""
        e = self.t.find("\n", tot.end, nxt.start)
        return e >= 0 and self.t.find("\n", e + 1, nxt.start) < 0

    def _in_list(self, m: Mention) -> bool:
        """投诉15件、咨询30件: a figure a 、 joins to the figure before it or after it."""
        t = self.t
        if t[m.end : m.end + 1] == "、":
            return True
        i = bisect_left(self.starts, m.start)
        if i == 0:
            return False
        prev = self.ms[i - 1]
        return (
            t[prev.end : prev.end + 1] == "、"
            and m.start - prev.end <= LIST_GAP
            and not any(c in ITEM_STOPS for c in t[prev.end + 1 : m.start])
        )

    def _held_by(self, part: Mention, m: Mention) -> bool:
        """Whether m stands in brackets opened right after ``part`` (7人（兼职5人）)."""
        return (
            self.t[part.end : part.end + 1] in FIGURE_IN_BRACKETS
            and m.start - part.end <= BRACKET_HOLD
            and find_any(self.t, ")）", part.end, m.start) < 0  # (still inside them)
        )

    def _next_alike(self) -> list[int]:
        """For each figure, the index of the next one of its dimension and unit that is exact
        and not one end of 从…到 (len(self.ms) where none is), in one walk from the end."""
        ms, nxt = self.ms, [0] * len(self.ms)
        last: dict[tuple[str, str | None], int] = {}
        for i in range(len(ms) - 1, -1, -1):
            m = ms[i]
            kind = (m.dimension, m.unit)
            nxt[i] = last.get(kind, len(ms))
            if m.number.qualifier == "exact" and not m.from_to:
                last[kind] = i
        return nxt

    def _ranked(self, tot):
        """依次为：人保财险111件，太平财险90件…: a ranking, where sums are chance."""
        lo, hi = self.geo.sentence(tot.start, tot.end)
        return RANKED_RE.search(self.t, max(lo, tot.start - 200), min(hi, tot.end + SUM_REACH)) is not None

    def _lists(self, used):
        """交办2388件、直办107件 … 按期回复2424件、逾期回复71件 … 求决类1878件、咨询类267件…:
        a whole list (figures of one kind, close together, in one sentence) whose sum is
        exactly an earlier figure is a partition of it, however far back (LIST_REACH)."""
        out, ms, t = [], self.ms, self.t
        classes = kpis().unit_classes
        by_value = {}  # (kind, value) → figures seen so far, in text order
        run = []

        def close_run():
            # the whole list, or the list after its first figures (投诉工单共计26件，按类别分别为：
            # 频繁停电工单9件、…: the total may open the run)
            for a in range(min(LIST_HEADS, len(run) - 1)):
                parts = run[a:]
                total = tidy(sum(value_of(p) for p in parts))
                seen = by_value.get((*kind, total), [])
                if all(p.unit == "个" and p.kpi == "headcount" for p in parts):
                    # (全店在岗45人，前厅28个，后厨17个: staff counted in 个 add up to people)
                    seen = sorted(seen + by_value.get(("person", kind[1], total), []), key=START)
                cands = [
                    c
                    for c in seen
                    if parts[0].start - LIST_REACH <= c.start < parts[0].start
                    # (a total opening the run stands right before its parts: 信用卡30笔⏎房贷25笔⏎
                    # 基金12笔⏎储蓄18笔 holds no 30 = 12 + 18)
                    and (c.start < run[0].start or c is run[a - 1])
                    and c.kpi != "sales_target"
                    and not self._another_division(c, parts[0])
                    and not self._new_topic(c, parts[0])
                ]
                if cands and adds_up(cands[-1], parts, UNMARKED_CAP) and not self._net_of_returns(parts):
                    out.append(Breakdown(cands[-1], list(parts)))
                    used.update(id(p) for p in parts)
                    return

        kind = None  # (unit class, dimension) of the run's figures
        bracketed = False  # (whether the run opened inside brackets: its list ends where they close)
        for m in ms:
            if m.number.value is None:
                continue  # (a range is no summand, and breaks no list it stands in)
            ok = m.number.qualifier == "exact" and not m.from_to and not m.change and id(m) not in used
            mkind = (unit_class(m, classes), m.dimension)
            if len(run) > 1 and self._held_by(run[-1], m) and _lone_in_bracket(t, run[-1].end, m):
                # 管理2人，导购6人（其中试用期的3人），收银1人: an item's own part, alone in brackets
                # right after it; the list goes on past them (not 在岗23人（坐席18人、质检3人）: its parts)
                by_value.setdefault((*mkind, value_of(m)), []).append(m)
                continue
            if run and (
                not ok
                or mkind != kind
                or m.start - run[-1].end > LIST_GAP
                or sentence_break(t, run[-1].end, m.start, lines=False)  # (a list may run a line an item)
                or bracketed
                and find_any(t, "）)", run[0].end, run[-1].end) < 0  # (not one bracket an item: 物（3件）、)
                and _bracket_closes(t, run[-1].end, m.start)
                or _bracket_opens(t, run[-1].end, m.start)  # (8人（主管1人…: its parts, no next item)
            ):
                close_run()
                run = []
            if ok:
                if not run:
                    # 8人（主管1人，前台4人，专员3人）；本月离职1人: the list in brackets ends at their close
                    o = rfind_any(t, "（(", max(0, m.start - LIST_GAP), m.start)
                    bracketed = o >= 0 and find_any(t, "）)", o, m.start) < 0
                run.append(m)
                kind = mkind
            if ok or m.number.qualifier == "approx" and not m.from_to and not m.change:
                # (营业收入约为120亿元。分业态看，…: a total said to be about what its parts add up to)
                by_value.setdefault((*mkind, value_of(m)), []).append(m)
                if m.unit == "个" and (m.kpi == "headcount" or t.startswith("人", m.end)):
                    # (区域一共36个人：区域经理1人，城市经理5人…: 个 of people totals a list in 人)
                    by_value.setdefault(("person", m.dimension, value_of(m)), []).append(m)
            if len(run) > MAX_PARTS:
                run = run[1:]
        close_run()
        return out


def _bracket_closes(t: str, lo: int, hi: int) -> bool:
    """Whether a bracket closes in [lo, hi) and none opens after it (电压质量（146件）、服务态度（58件）:
    each item's figure in brackets of its own)."""
    c = find_any(t, "）)", lo, hi)
    return c >= 0 and rfind_any(t, "（(", c, hi) < 0


def _lone_in_bracket(t: str, opened: int, m: Mention) -> bool:
    """Whether m is the one figure of the bracket opened at ``opened``, which closes after it."""
    close = find_any(t, "）)", m.end, m.end + BRACKET_REACH)
    return (
        close >= 0
        and find_any(t, "0123456789", opened, m.start) < 0
        and find_any(t, "0123456789", m.end, close) < 0
    )


def _bracket_opens(t: str, lo: int, hi: int) -> bool:
    """Whether a bracket opens in [lo, hi) and none closes there (8人（主管1人: not 安全(56件)、其他(42件))."""
    o = rfind_any(t, "（(", lo, hi)
    return o >= 0 and find_any(t, "）)", lo, hi) < 0


def _month_of(quarter: str, period: str) -> bool:
    """Whether ``period`` is a month of ``quarter`` (一季度: 1月–3月; 二季度 holds no 1月)."""
    q = QUARTERS.find(quarter[-3:-2]) % 4 if quarter[-3:-2] in QUARTERS else -1
    month = MONTHS.get(period.removesuffix("份").removesuffix("月"), 0)
    return q >= 0 and 3 * q < month <= 3 * q + 3


def _other_family(total: Mention, parts: list[Mention]) -> bool:
    """支付订单11.2万笔 …【服务】⏎旺旺咨询9.6万个⏎投诉24件: items named as another KPI than a
    total outside the service family (orders, sales, staff) are no parts of it, however near
    their sum comes (a contact total's parts are named by their own categories)."""
    k = total.kpi
    return k is not None and k not in kpis().service_family and any(p.kpi not in (None, k) for p in parts)
