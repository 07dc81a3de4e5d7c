"""Mentions + context → labels, KPI names and reporting periods.

The nearest cue word before a figure in its clause names it (受理消费者投诉615365件
→ complaints); a change word makes a rate growth_rate and an absolute change
nothing; a none-cue (净利润, 财政收入) leaves the figure without a KPI.  With no
cue before it, a cue after it (4名业务员相继离职) may name it, and a figure in a
list of like clauses (营业房2套 after 共销售住宅41套) takes its neighbour's KPI.
Target words in the sentence (计划, 目标, 要求 …) turn sales into sales_target.
Context windows are bounded, so the cost per figure is constant.
"""
from functools import lru_cache
import re

from service.engine.cues import trie_pattern
from service.engine.lexicon import kpis as load_kpis

IN_SCOPE = ("count", "currency", "percent", "area")
CHANGE = "change"
COORD_REACH = 6  # 投诉、举报、咨询: at most this many characters between joined categories  # choose(): an absolute change, which has no KPI
LEFT = 40  # characters of clause looked at before a figure
RIGHT = 16  # … and after it
SENTENCE = 120  # … and of its sentence, for target words and money context
SALES = ("units_sold", "sales_value", "sales_area")
STAFF_MOVES = ("staff_left", "staff_hired")
LEAD_IN = ("其中", "同时", "另外", "此外", "而且", "并且", "其次", "以及", "并", "而", "且", "和", "及")
TRAIL = ("达到了", "达到", "突破", "超过", "共计", "合计", "总计", "累计", "总共", "一共", "分别为",
         "分别", "约为", "大约", "将近", "接近", "不到", "不足", "高达", "多达", "已达",
         "为", "达", "是", "共", "约", "有", "已", "了", "的", "近", "超", "逾", "计", "到", "至")
TRAIL_BY_LAST = {c: tuple(k for k, w in enumerate(TRAIL) if w[-1] == c) for c in {w[-1] for w in TRAIL}}
PERIOD_CHARS = "年月季"  # every period PERIOD_RE finds holds one of these
PERIOD_HINT = re.compile("[" + PERIOD_CHARS + "]")
PERIOD_RE = re.compile(
    r"(?:(?:\d{4}|20[xX]{2}|[一二〇零三四五六七八九]{4})年(?:度|上半年|下半年|全年|前三季度|第?[一二三四1-4]季度)?"
    r"|上半年|下半年|全年|本年度|年度|今年|去年|当年|本月|当月|上月|本季度|前三季度|第?[一二三四]季度"
    r"|\d{1,2}\s?[—\-–~至]\s?\d{1,2}\s?月|[一二三四五六七八九十\d]{1,3}个月|[一二三四五六七八九十\d]{1,2}\s?月份?)"
)


class KpiNamer:
    """Names the mentions of one text; see the module docstring for the rules."""

    def __init__(self, folded, geometry, cue_index):
        self.t = folded
        self.geo = geometry
        self.cues = cue_index
        self.lex = load_kpis()
        self._clause_facts = {}  # clause bounds → (actual word, target word, outcome word in it)

    # -- per mention -------------------------------------------------------------
    def name_all(self, mentions):
        prev_by_sentence = {}
        for m in mentions:
            if m.dimension not in IN_SCOPE and m.dimension != "number":
                continue  # dates, durations, ages … name no KPI
            clo, chi = self.geo.clause(m.start, m.end)
            slo, shi = self.geo.sentence(m.start, m.end)
            left_lo = max(clo, m.start - LEFT)
            money_kpi = None
            if m.dimension == "number":
                money_kpi = self._money_context(m, max(slo, m.start - SENTENCE))
            if m.dimension not in IN_SCOPE:
                continue
            m.label = self.label(left_lo, m.start, m.end, chi)
            kpi, found = self.choose(m.dimension, m.unit, left_lo, m.start, m.end, min(chi, m.end + RIGHT))
            if kpi == CHANGE:
                kpi, m.change = None, True  # 较上年末增加2,661.11万户: a change, no KPI
            if kpi and self._counts_places(m.end, chi):
                kpi = None  # 销往全国十余个省份: places reached, not a business volume
            if "/" in (m.unit or ""):
                kpi = None  # a unit price (元/平方米) is a price, not a sales figure
            if not found and money_kpi:
                kpi = money_kpi  # the money word that made it currency names it too
            elif not found:
                prev = prev_by_sentence.get(slo)
                if prev is not None and prev.unit == m.unit and prev.kpi and prev.start < clo:
                    kpi = prev.kpi  # 公共区域752件 after 居家维修740件: a list of like clauses
            if kpi in SALES and self._is_target(m, slo, clo, chi):
                kpi = "sales_target"
            if kpi and self._vetoed(kpi, max(slo, m.start - SENTENCE), min(shi, m.end + SENTENCE)):
                kpi = None
            m.kpi = kpi
            prev_by_sentence[slo] = m

    def name_blank(self, blank):
        """The KPI a template blank would have been: its like clause's, or its cue's."""
        if blank.parallel_to is not None and blank.parallel_to.unit == blank.unit:
            blank.kpi = blank.parallel_to.kpi  # 车卡380张，非机动车张
            return
        clo, chi = self.geo.clause(blank.start, blank.end)
        if not self.cues.within(clo, chi):
            blank.kpi = None  # no cue word in its clause (xx户 in a list of blanks)
            return
        # the cue may sit inside the blank's own span (销售面积平方米): look up to its unit
        kpi, _ = self.choose(blank.dimension, blank.unit, max(clo, blank.start - LEFT),
                             blank.end - blank.written, blank.end, min(chi, blank.end + RIGHT))
        if kpi in SALES and self._is_target(blank, self.geo.sentence(blank.start, blank.end)[0], clo, chi):
            kpi = "sales_target"
        blank.kpi = kpi

    def choose(self, dimension, unit, lo, start, end, hi):
        """(kpi or None, whether any cue decided it) for a figure at [start, end)."""
        lex = self.lex
        left = self.cues.within(lo, start)
        for i in range(len(left) - 1, -1, -1):
            h = left[i]
            r = h.roles
            if r.change:
                if self.t.startswith(lex.level_after, h.end):
                    continue  # 提高至65%: a level, not a change
                if not r.kpis:
                    return ("growth_rate" if dimension == "percent" else CHANGE), True
            if r.kpis:
                for name in r.kpis:
                    if lex.allows(name, dimension, unit):
                        if i and any(x.word in lex.net_change_cues for x in left[:i]):
                            return (None if dimension != "percent" else "growth_rate"), True  # 净增会员2300名
                        if i > 0 and left[i - 1].roles.none and h.start == left[i - 1].end \
                                and not left[i - 1].word.startswith("其"):
                            return None, True  # 公共预算总收入, 财政收入: a modifier that is not sales
                        if name in lex.service_family and self._coordinated(left, i):
                            return "service_requests", True
                        if name == "service_requests":
                            name = self._specific(left, i, dimension, unit) or name
                        return self._staff_move(name, dimension, unit, lo, hi), True
                continue
            if r.none:
                return None, True
        for h in self.cues.within(end, hi):
            for name in sorted(h.roles.after, key=lambda n: n not in STAFF_MOVES):
                if lex.allows(name, dimension, unit):
                    return self._staff_move(name, dimension, unit, lo, hi), True
        return None, False

    def _staff_move(self, name, dimension, unit, lo, hi):
        """新进员工12名, 4名业务员相继离职: a hire or a departure in the clause beats headcount."""
        if name != "headcount":
            return name
        for h in self.cues.within(lo, hi):
            for k in h.roles.kpis + h.roles.after:
                if k in STAFF_MOVES and self.lex.allows(k, dimension, unit):
                    return k
        return name

    def _counts_places(self, end, hi):
        nxt = self.t[end:min(hi, end + 3)]
        return nxt.startswith(self.lex.place_nouns)

    def _specific(self, left, i, dimension, unit):
        """维修服务量 740件: a generic service word after a specific one names the specific."""
        if i == 0 or left[i - 1].end != left[i].start:
            return None
        return next((k for k in left[i - 1].roles.kpis
                     if k in self.lex.service_family and self.lex.allows(k, dimension, unit)), None)

    def _coordinated(self, left, i):
        """来访和咨询, 投诉、举报、咨询: service categories joined by 和/、 make a total."""
        h = left[i]
        for j in range(i - 1, -1, -1):
            prev = left[j]
            if h.start - prev.end > COORD_REACH:
                return False
            if any(k in self.lex.service_family for k in prev.roles.kpis):
                between = self.t[prev.end:h.start]
                return bool(between) and any(w in between for w in self.lex.coordinators) and not any(
                    c in between for c in "，,。；;")
        return False

    def _is_target(self, m, slo, clo, chi):
        """计划销售500套 is a target: a target word in the figure's clause, or in an earlier
        clause of its sentence when this clause reports no outcome (实现, 完成 …)."""
        facts = self._clause_facts.get((clo, chi))
        if facts is None:  # kept per clause: a long clause of many figures is read once
            own = self.t[clo:chi]
            facts = self._clause_facts[clo, chi] = (
                any(w in own for w in self.lex.actual_words), self._has_target_word(clo, chi),
                any(w in own for w in self.lex.outcome_words))
        actual, target, outcome = facts
        if actual:
            return False
        if target:
            return True
        return not outcome and self._has_target_word(max(slo, m.start - SENTENCE), clo)

    def _has_target_word(self, lo, hi):
        """计划, 目标 … in the sentence; 指标完成情况 reports actuals, so not before 完成."""
        if _target_hint().search(self.t, lo, hi) is None:
            return False  # (no target word written there: the clauses need no cue scan)
        return any(h.roles.target and not self.t.startswith("完成", h.end) for h in self.cues.within(lo, hi))

    def _vetoed(self, kpi, lo, hi):
        veto = self.lex.kpis[kpi].sentence_veto if kpi in self.lex.kpis else ()
        if not veto:
            return False
        around = self.t[lo:hi]  # (cut once, not once per veto word)
        return any(w in around for w in veto)

    def _money_context(self, m, lo):
        """保持600-700万/月 after 营业额: a bare 万/亿 figure in a money sentence is CNY."""
        for h in reversed(self.cues.within(lo, m.start)):
            for k in h.roles.kpis:
                if self.lex.allows(k, "currency", "CNY"):
                    m.dimension, m.unit = "currency", "CNY"
                    return k
        return None

    # -- labels and periods -------------------------------------------------------
    def label(self, lo, start, end, hi):
        """The phrase a figure measures: its clause before it, less lead-ins and verbs."""
        s = self.t[lo:start].strip()
        changed = True
        while changed and s:
            changed = False
            if s.startswith(LEAD_IN):  # (most labels need neither loop)
                for w in LEAD_IN:
                    if s.startswith(w) and len(s) > len(w):
                        s, changed = s[len(w):].lstrip("，, "), True
            j = -1  # TRAIL words are tried in order, each once a round, as they come to end s
            while s:
                ends = TRAIL_BY_LAST.get(s[-1])
                j = None if ends is None else next((k for k in ends if k > j and s.endswith(TRAIL[k])), None)
                if j is None:
                    break
                s, changed = s[:-len(TRAIL[j])].rstrip(), True
        s = s[-12:]
        if not s:
            right = self.t[end:min(hi, end + 6)]  # (no more can be kept: not the rest of the clause)
            cut = next((i for i, c in enumerate(right) if c in "的，,。；;、 \n" or not c.isalpha()), len(right))
            s = right[:cut]
        return s or None

    def period(self, m, section_title):
        """The reporting period stated before the figure in its sentence, else in its section title."""
        slo, _ = self.geo.sentence(m.start, m.end)
        found = None
        lo, t = max(slo, m.start - SENTENCE), self.t
        if PERIOD_HINT.search(t, lo, m.start):  # (else no period can be there)
            for p in PERIOD_RE.finditer(t, lo, m.start):
                found = p.group()
        if found is None and section_title:
            found = _title_period(section_title)
        return found


@lru_cache(maxsize=256)
def _title_period(title):
    """The period a section title states (全年销售工作总结 → 全年); titles recur, figures ask often."""
    p = PERIOD_RE.search(title)
    return p.group() if p else None


@lru_cache(maxsize=1)
def _target_hint():
    """Where a target word is written at all: a cue hit with the target role is one of these."""
    return re.compile(trie_pattern(load_kpis().target_words))
