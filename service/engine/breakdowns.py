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
import re
from bisect import bisect_left
from dataclasses import dataclass

from service.engine.cues import words_kpis
from service.engine.lexicon import kpis
from service.engine.numerals import tidy

PARTABLE = ("count", "currency", "area")
# 其中 …, or a scope 在(所有)X中 naming the total by its label or KPI
# (every branch starts with a character, so the regex engine skips to 其, 在, 所 or 全 in C)
_SCOPE = r"[^，。；,;！？\n]{1,8}?"
MARKER_RE = re.compile(r"其中|在(?:所有|全部)?(?P<in>" + _SCOPE + r")中|所有(?P<all>" + _SCOPE + r")中"
                       r"|全部(?P<whole>" + _SCOPE + r")中"
                       # 报修中，公共区域240件…: a sentence opened by what its figures are parts of
                       r"|(?<=[。；;\n])(?P<lead>[^，。；,;！？\n\d]{1,6}?)中(?=[，,：:])")
LOOKBACK = 3  # sentences before the marker where its total may stand
MARKER_REACH = 800  # characters before a 所有…中 marker searched for its total
MIN_UNMARKED = 10  # a total found only by its sum is at least this
LIST_HEADS = 3  # figures at the head of a list that may be its total rather than a part
LIST_GAP = 30  # characters between the figures of one list
LIST_REACH = 2000  # characters before a list searched for the total it adds up to
SUM_REACH = 300  # characters after a figure searched for parts that add up to it
MAX_PARTS = 12
MAX_TOTALS = 6  # nearest candidate totals weighed for one 其中
PART_REACH = 400  # characters after a marker searched for its parts
SCOPE_ENDS = ("，", ",", "：", ":")
CONTAINED_RE = re.compile(r"[（(]\s*(?:其中)?(?:包)?含")
CONTAINED_REACH = 12  # characters between a figure and the bracket naming its subset
RANKED_RE = re.compile(r"依次|排名|排序|位居|居前|前\d+位|前[二三四五六七八九十]+位|分别为")


@dataclass
class Breakdown:
    """A total and its parts; ``kind`` is "partition" where the parts are listed as the
    whole (其中A…，B…，C…) and "subset" where one part is named (其中别墅12套, 含回迁户38套)."""

    total: object
    parts: list
    kind: str = "partition"

    @property
    def parts_sum(self):
        return sum(p.number.value for p in self.parts)

    @property
    def consistent(self):
        """A partition adds up to its total; a subset's part is no larger than it."""
        if self.kind == "subset":
            return self.parts_sum <= _value(self.total) * (1 + ROUNDING_CAP)
        return adds_up(self.total, self.parts)


def _value(m):
    return m.number.value


ROUNDING_CAP = 0.005  # rounded figures may miss their total by at most 0.5 %
UNMARKED_CAP = 0.002  # … and by 0.2 % where no 其中 says they are parts


def _half_ulp(m):
    """Half the unit of the last written digit: 4,522亿 may be 4,521.5–4,522.5亿; 39套 is exact."""
    if m.number.ulp >= 1 and not m.scaled:
        return 0.0
    return m.number.ulp / 2


def adds_up(total, parts, cap=ROUNDING_CAP):
    """Whether parts sum to the total within the rounding of the written figures."""
    tol = _half_ulp(total) + sum(_half_ulp(p) for p in parts)
    tol = min(tol, abs(_value(total)) * cap)
    return abs(sum(_value(p) for p in parts) - _value(total)) <= tol + 1e-9


def _prefix(a, b):
    """Length of the common prefix of two labels."""
    n = 0
    for x, y in zip(a or "", b or ""):
        if x != y:
            break
        n += 1
    return n


def _adding_prefix(total, parts):
    """投诉1.61万件、举报6943件、立案674件 under 2.3万件: keep the run that adds up, if one does."""
    for k in range(2, len(parts)):
        if adds_up(total, parts[:k]):
            return parts[:k]
    return parts


def _unit_class(m):
    """Count units that may stand together under one total: people (12人团队含3名实习生), and
    the measure words of service contacts (受理1325件，其中…咨询服务260次…报修302起)."""
    return kpis().unit_classes.get(m.unit, m.unit) if m.dimension == "count" else m.unit


def _adding_subset(total, parts):
    """其中转办2274件，办结1715件，…直办6673件 under 8947个: the parts less one or two that are
    a subset of another part (办结 of 转办), where what is left adds up exactly."""
    if len(parts) < 3 or adds_up(total, parts):
        return parts
    for drop in range(len(parts)):
        rest = parts[:drop] + parts[drop + 1:]
        if adds_up(total, rest, UNMARKED_CAP):
            return rest
    return parts


def _same_kind(a, b):
    return a.dimension == b.dimension and _unit_class(a) == _unit_class(b)


class BreakdownFinder:
    def __init__(self, folded, mentions, geometry, cue_index):
        self.t = folded
        self.geo = geometry
        self.cues = cue_index
        # unit prices (元/平方米) are rates, not amounts that add up
        self.ms = [m for m in mentions if m.dimension in PARTABLE and _value(m) is not None
                   and "/" not in (m.unit or "")]
        self.starts = [m.start for m in self.ms]
        self._totals = {}  # mention start → whether a total word stands before it

    def _between(self, lo, hi):
        """Partable mentions lying wholly inside [lo, hi), found by bisection."""
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [m for m in self.ms[i:j] if m.end <= hi]

    def find(self):
        found = self._marked() + self._contained() + self._scoped()
        totals = {id(b.total) for b in found}
        used = {id(p) for b in found for p in b.parts}
        for b in self._summed():
            if id(b.total) not in totals and id(b.total) not in used and b.total.kpi != "sales_target" \
                    and not any(id(p) in used for p in b.parts):
                found.append(b)
                used.update(id(p) for p in b.parts)
        found += self._lists(used)
        return sorted(found, key=lambda b: b.total.start)

    # -- 含 in brackets ----------------------------------------------------------------
    def _contained(self):
        """286套(含回迁户38套), 12人团队（含3名实习生）: the bracket names a subset of the figure
        before it in its clause."""
        out, t = [], self.t
        for mk in CONTAINED_RE.finditer(t):
            close = min([i for i in (t.find(")", mk.end(), mk.end() + PART_REACH),
                                     t.find("）", mk.end(), mk.end() + PART_REACH)) if i >= 0] or [-1])
            if close < 0:
                continue
            lo, _ = self.geo.clause(mk.start(), mk.start())
            before = [m for m in self._between(max(lo, mk.start() - CONTAINED_REACH), mk.start())]
            parts = self._between(mk.end(), close)
            if before and parts and all(_same_kind(before[-1], p) for p in parts) \
                    and all(_value(p) < _value(before[-1]) for p in parts):
                out.append(Breakdown(before[-1], parts, "subset"))
        return out

    # -- a figure that scopes what follows: 1286万元中，… ----------------------------------
    def _scoped(self):
        """全年销售额1286万元中，核心产品贡献900万元，其中…: the figures after 中 (to the next
        其中 or the sentence end) are parts of the figure before it."""
        out, t = [], self.t
        for m in self.ms:
            if not t.startswith("中", m.end) or t[m.end + 1:m.end + 2] not in SCOPE_ENDS:
                continue
            _, hi = self.geo.sentence(m.end + 1, m.end + 1)
            hi = min(hi, m.end + PART_REACH)
            nxt = t.find("其中", m.end, hi)
            parts = [p for p in self._part_candidates(m.end + 1, hi if nxt < 0 else nxt)
                     if _same_kind(m, p) and _value(p) < _value(m)][:MAX_PARTS]
            if parts:
                out.append(Breakdown(m, parts, "subset" if len(parts) == 1 else "partition"))
        return out

    # -- lists that add up to an earlier total ----------------------------------------
    def _lists(self, used):
        """交办2388件、直办107件 … 按期回复2424件、逾期回复71件 … 求决类1878件、咨询类267件…:
        a whole list (figures of one kind, close together, in one sentence) whose sum is
        exactly an earlier figure is a partition of it, however far back (LIST_REACH)."""
        out, ms, t = [], self.ms, self.t
        by_value = {}  # (kind, value) → figures seen so far, in text order
        run = []

        def close_run():
            # the whole list, or the list after its first figures (投诉工单共计26件，按类别分别为：
            # 频繁停电工单9件、…: the total may open the run)
            for a in range(min(LIST_HEADS, len(run) - 1)):
                parts = run[a:]
                total = tidy(sum(_value(p) for p in parts))
                cands = [c for c in by_value.get((_unit_class(parts[0]), parts[0].dimension, total), ())
                         if parts[0].start - LIST_REACH <= c.start < parts[0].start and c.kpi != "sales_target"]
                if cands and adds_up(cands[-1], parts, UNMARKED_CAP):
                    out.append(Breakdown(cands[-1], list(parts)))
                    used.update(id(p) for p in parts)
                    return

        for m in ms:
            ok = m.number.qualifier == "exact" and not m.from_to and not m.change and id(m) not in used
            if run and (not ok or not _same_kind(run[-1], m) or m.start - run[-1].end > LIST_GAP
                        or _sentence_break(t, run[-1].end, m.start)):
                close_run()
                run = []
            if ok:
                run.append(m)
                by_value.setdefault((_unit_class(m), m.dimension, _value(m)), []).append(m)
            if len(run) > MAX_PARTS:
                run = run[1:]
        close_run()
        return out

    # -- marked by 其中 ----------------------------------------------------------------
    def _marked(self):
        out, scope = [], None  # scope: (X of 在X中, its marker's number), for a 其中 after it
        markers = list(MARKER_RE.finditer(self.t))
        for n, mk in enumerate(markers):
            about = mk.group(mk.lastgroup) if mk.lastgroup else None
            if about is None and scope is not None and mk.start() <= self._scope_end(markers, scope[1]):
                about = scope[0]  # 在商品类投诉中，…。其中，食品类…471件
            parts = []
            i = bisect_left(self.starts, mk.end())
            if i < len(self.starts) and self.starts[i] < mk.end() + PART_REACH:  # (most markers: none near)
                hi = self._parts_end(markers, n)
                parts = self._part_candidates(mk.end(), hi)
            if parts:
                hi = self._paren_end(mk.start(), hi)
                parts = [m for m in parts if m.end <= hi][:MAX_PARTS]
            if not parts:
                if about is not None and mk.group(0) != "其中":
                    scope = (about, n)  # how far it reaches is worked out if asked
                continue
            lo = max(self.geo.sentence(mk.start(), mk.end())[0], mk.start() - MARKER_REACH)
            reach = self._sentences_back(lo) if about is None else max(0, mk.start() - MARKER_REACH)
            for unit_parts in self._group_by_kind(parts):
                cands = self._nearest_before(reach, mk.start(), unit_parts[0])
                if about is not None:
                    named = [m for m in cands if about in (m.label or "")]
                    cands = named or [m for m in cands if self._names(m, about)]
                out += self._assign(cands, unit_parts)
        return out

    def _part_candidates(self, lo, hi):
        """Figures in [lo, hi) that may be parts: not one end of 从…到, not a modifier (超5000元的会员)."""
        return [m for m in self._between(lo, hi) if not m.from_to and not self.t.startswith("的", m.end)]

    def _nearest_before(self, lo, hi, like):
        """The last MAX_TOTALS mentions of the kind of ``like`` inside [lo, hi), in text order:
        walked back from hi, so a marker costs as many figures as it weighs, not its reach."""
        ms, out = self.ms, []
        for k in range(bisect_left(self.starts, hi) - 1, bisect_left(self.starts, lo) - 1, -1):
            m = ms[k]
            if m.end <= hi and _same_kind(m, like):
                out.append(m)
                if len(out) == MAX_TOTALS:
                    break
        out.reverse()
        return out

    def _paren_end(self, pos, hi):
        """（其中无照经营210件）: a 其中 inside brackets reaches to the closing bracket only."""
        t = self.t
        floor = max(0, pos - MARKER_REACH)  # bounded: many markers in a long text stay linear
        lo = max(t.rfind("（", floor, pos), t.rfind("(", floor, pos))
        if lo < 0 or max(t.rfind("）", lo, pos), t.rfind(")", lo, pos)) > lo:
            return hi
        close = [i for i in (t.find("）", pos, hi), t.find(")", pos, hi)) if i >= 0]
        return min(close) if close else hi

    def _parts_end(self, markers, n):
        """Parts of marker n reach to its sentence end, the next marker, or PART_REACH characters."""
        mk = markers[n]
        lo, hi = self.geo.sentence(mk.start(), mk.end())
        hi = min(hi, mk.end() + PART_REACH)
        if self.t[lo:min(mk.start(), lo + 8)].strip():  # (a clause's 其中, not a sentence's)
            # 销售额620万元，其中会员贡献占比达58%…；Q2…: a clause's 其中 with no part before the
            # next ；ends there; with one (其中现金交易5680笔…；银行卡7140笔) its list goes on
            semi = [i for i in (self.t.find("；", mk.end(), hi), self.t.find(";", mk.end(), hi)) if i >= 0]
            if semi and not self._part_candidates(mk.end(), min(semi)):
                hi = min(semi)
        return min(hi, mk.end() + PART_REACH, markers[n + 1].start() if n + 1 < len(markers) else hi)

    def _scope_end(self, markers, n):
        """Where a 在X中 scope with no parts of its own ends: the sentence after its own."""
        return self._sentence_after(self._paren_end(markers[n].start(), self._parts_end(markers, n)))

    def _sentence_after(self, hi):
        """The end of the sentence after the one ending at hi."""
        return self.geo.sentence(hi + 1, hi + 1)[1] if hi + 1 < len(self.t) else hi

    def _sentences_back(self, lo):
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
        groups = {}
        for p in parts:
            groups.setdefault((p.dimension, _unit_class(p), p.change), []).append(p)
        return list(groups.values())

    def _assign(self, cands, parts):
        """Parts to totals: by sums, then by a shared label prefix, then all to the best one."""
        change = parts[0].change
        # 同比增加 … with 增加 …; a target is never a total of what follows it
        cands = [c for c in cands if c.change == change and c.kpi != "sales_target"]
        if not cands:
            return []
        if len(cands) >= 2:
            split = self._split(cands, parts)
            if split:
                return split
            exact = [c for c in cands if adds_up(c, parts)]
            if exact:  # 全年销售额1286万元中，…900万元，其中420万元…380万元…100万元
                return [Breakdown(exact[-1], parts)]
        groups, rest = {}, []
        for p in parts:
            named = [c for c in cands if _value(c) > _value(p) and _prefix(c.label, p.label) >= 2]
            if len(named) == 1:  # 代收社保养老金金额 → 代收金额, not 代付金额
                groups.setdefault(id(named[0]), (named[0], []))[1].append(p)
            else:
                rest.append(p)
        if rest:
            fits = [c for c in cands if all(_value(c) > _value(p) for p in rest)]
            if fits:
                recent = max(fits, key=lambda c: c.start)
                best = max(fits, key=lambda c: sum(self._fit(c, p, recent) for p in rest))
                groups.setdefault(id(best), (best, []))[1].extend(rest)
        out = []
        for total, ps in groups.values():
            ps.sort(key=lambda m: m.start)
            ps = _adding_subset(total, _adding_prefix(total, ps))
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
        score += min(len(set(cand.label or "") & set(part.label or "")), 3)
        return score + cand.start / 1e9  # nearer (later) wins a tie

    def _is_total(self, m):
        """共, 合计 … just before the figure (kept per figure: every part asks it of every total)."""
        got = self._totals.get(m.start)
        if got is None:
            lo, _ = self.geo.clause(m.start, m.end)
            got = self._totals[m.start] = any(h.roles.total for h in self.cues.within(max(lo, m.start - 12), m.start))
        return got

    # -- lists that add up ----------------------------------------------------------
    def _summed(self):
        out = []
        ms = self.ms
        alike = self._next_alike()
        for i, tot in enumerate(ms):
            v = _value(tot)
            if v < MIN_UNMARKED or tot.number.qualifier != "exact" or tot.from_to:
                continue  # (2 = 1 + 1 is chance)
            # like figures after it (same dimension and unit, exact, not 从…到), taken as the
            # search asks for them: most totals are settled by the first one or two
            same, reach, k = [], tot.end + SUM_REACH, alike[i]
            window = min(i + 1 + 3 * MAX_PARTS, len(ms))
            best = None
            for a in range(3):
                if a == len(same):
                    if k >= window or ms[k].start > reach:
                        break  # (in text order: the rest lie further still)
                    same.append(ms[k])
                    k = alike[k]
                total_so_far = 0
                for b in range(a, a + MAX_PARTS):
                    if b == len(same):
                        if k >= window or ms[k].start > reach:
                            break
                        same.append(ms[k])
                        k = alike[k]
                    x = _value(same[b])
                    total_so_far += x
                    if x <= 0 or x >= v:
                        break
                    near = abs(total_so_far - v) <= abs(v) * UNMARKED_CAP + 1e-6
                    if b > a and near and adds_up(tot, same[a:b + 1], UNMARKED_CAP):
                        best = same[a:b + 1]
                        break
                    if total_so_far > v * 1.01:
                        break
                if best:
                    break
            if best and not self._ranked(tot):
                out.append(Breakdown(tot, best))
        return out

    def _next_alike(self):
        """For each figure, the index of the next one of its dimension and unit that is exact
        and not one end of 从…到 (len(self.ms) where none is), in one walk from the end."""
        ms, nxt, last = self.ms, [0] * len(self.ms), {}
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


def _sentence_break(t, lo, hi):
    return any(c in t[lo:hi] for c in "。！？\n")


FROM_RE = re.compile(r"[从由]")
TO_WORDS = ("到", "至", "为")


def mark_from_to(folded, mentions, geometry):
    """从3月的1.2万辆提升到7月的2万辆: both ends are one quantity at two times."""
    if FROM_RE.search(folded) is None:
        return  # (no 从 or 由 anywhere: nothing to mark)
    scoped = [m for m in mentions if m.dimension in PARTABLE or m.dimension == "percent"]
    first_from = {}  # clause start → where its first 从/由 stands (searched once per clause)
    for a, b in zip(scoped, scoped[1:]):
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
            between = folded[a.end:b.start]
            if any(w in between for w in TO_WORDS):
                a.from_to = b.from_to = True
