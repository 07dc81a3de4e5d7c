"""Mentions + context → labels, KPI names and reporting periods.

The nearest cue word before a figure in its clause names it (受理消费者投诉615365件
→ complaints); a change word makes a rate growth_rate and an absolute change
nothing; a none-cue (净利润, 财政收入) leaves the figure without a KPI.  With no
cue before it, a cue after it (4名业务员相继离职) may name it, and a figure in a
list of like clauses (营业房2套 after 共销售住宅41套) takes its neighbour's KPI.
Target words in the sentence (计划, 目标, 要求 …) turn sales into sales_target.
Context windows are bounded, so the cost per figure is constant.
"""
import re
from functools import lru_cache
from typing import NamedTuple

from service.engine.findchars import trie_pattern
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


class Choice(NamedTuple):
    """What the cues around a figure make of it."""

    kpi: str | None
    found: bool  # some cue decided (so no neighbour's KPI is taken)
    down: bool = False  # the change cue that made it growth_rate states a fall
    cue: str | None = None  # the word that decided


NOTHING = Choice(None, False)
CATEGORY_MARKS = ("类", "方面")  # 投诉类4733件, 重复投诉方面…239件: a category of a heading
HEADING_ENDS = "：:"  # 各季度满意度：第一季度90.2%: the clause before a colon heads a list
ITEM_BREAK = "、，,；;"
RATE_ENDS = "率度"  # 回款率, 满意度: a rate's name, which a target word may follow
LEVEL = "level"  # Choice.cue of a level reached (提高至65%)
SPECIFIC_REACH = 3  # 解决群众诉求: characters between a specific word and a generic noun
ANAPHORA = tuple("此该这")  # 此类: the category named in the clause before
_AVERAGE = re.compile("[均每]")
SHARE_REACH = 8  # 占比27%: characters after a word in which its share is written
JUDGED = tuple("于出合过及乎")  # 低于预期, 超出预期, 符合预期: a judgement, not a target  # an after-cue is read only up to the next list item


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
        """Name each mention: its cues first, then, where none decided, its neighbours."""
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
            # 1. cues: in the clause, its category words, its colon heading
            choice = self.choose(m.dimension, m.unit, left_lo, m.start, m.end, min(chi, m.end + RIGHT))
            choice = self._category(m, clo, choice)
            if not choice.found or choice.cue == LEVEL:
                choice = self._heading(m, clo) or choice
            if choice.cue in self.lex.outcome_words and self._states_actual(clo, chi) \
                    and self._target_before(slo, clo):
                choice = self._actual_of(m, slo, clo) or choice  # 目标1.2亿元，实际达成1.34亿元
            if not choice.found and money_kpi:
                choice = Choice(money_kpi, True)  # the money word that made it currency names it too
            # 2. neighbours, where no cue decided
            prev = prev_by_sentence.get(slo)
            if prev is not None and (prev.start >= clo or m.from_to or self._parts_follow(prev, m)):
                prev = None  # only a like clause before, not across 其中, not a level of 从…到
            if not choice.found:
                choice = self._from_neighbours(m, prev, slo, clo, chi)
            elif choice.kpi == "service_requests" and prev is not None:
                choice = self._same_as_before(m, prev, left_lo) or choice
            kpi = choice.kpi
            # 3. vetoes and turns
            if kpi == CHANGE:
                kpi, m.change = None, True  # 较上年末增加2,661.11万户: a change, no KPI
            if kpi and self._counts_places(m.end, chi):
                kpi = None  # 销往全国十余个省份: places reached, not a business volume
            if "/" in (m.unit or ""):
                kpi = None  # a unit price (元/平方米) is a price, not a sales figure
            if kpi in SALES and self._is_target(m, slo, clo, chi):
                kpi = "sales_target"
            if kpi and self._vetoed(kpi, max(slo, m.start - SENTENCE), min(shi, m.end + SENTENCE)):
                kpi = None
            if kpi == "growth_rate":
                m.direction = "down" if choice.down or (m.number.value or m.number.min or 0) < 0 else "up"
            m.kpi = kpi
            m.named = choice.found
            prev_by_sentence[slo] = m

    def _from_neighbours(self, m, prev, slo, clo, chi):
        """A figure no cue named: its list's KPI (公共区域752件 after 居家维修740件), what an
        actual after a target measures (目标30万人，实际达成34.5万人), or its sentence's money word."""
        if self._states_actual(clo, chi) and self._target_before(slo, clo):
            actual = self._actual_of(m, slo, clo)
            if actual:
                return actual
        if self.t.startswith("的", m.end):
            return NOTHING  # 年消费超5000元的会员: a figure inside a noun phrase states nothing
        if prev is not None and prev.unit == m.unit and prev.kpi and self._may_inherit(prev, m, clo):
            return Choice(prev.kpi, False, prev.direction == "down")
        if m.dimension == "currency":
            kpi = self._sentence_money(m, slo, clo)
            if kpi:
                return Choice(kpi, False)  # 销售额占比27%，首次突破300万元
        return NOTHING

    def _may_inherit(self, prev, m, clo):
        """A like clause takes its neighbour's KPI, except: a total of all requests passes it
        on only to its own average (共处理12,580起，日均处理约50起), since the clauses after a
        total are its parts (交办1250件，直办70件); a change rate stops at a semicolon."""
        spec = self.lex.kpis.get(prev.kpi)
        if spec is not None and not spec.parts_keep_kpi \
                and not _AVERAGE.search(self.t, max(clo, m.start - LEFT), m.start):
            return False
        if prev.kpi == "growth_rate" and (self.t.find("；", prev.end, m.start) >= 0
                                          or self.t.find(";", prev.end, m.start) >= 0):
            return False
        return True

    def _same_as_before(self, m, prev, left_lo):
        """接待客户987人次，日均接待2,706人次: the same generic word again measures the same thing."""
        if prev.unit != m.unit or prev.kpi not in self.lex.service_family or prev.kpi == "service_requests":
            return None
        words = {h.word for h in self.cues.within(left_lo, m.start)}
        if not words or not all(set(h.roles.kpis) <= {"service_requests"}
                                for h in self.cues.within(left_lo, m.start) if h.roles.kpis):
            return None
        plo, _ = self.geo.clause(prev.start, prev.end)
        before = {h.word for h in self.cues.within(plo, prev.start)}
        return Choice(prev.kpi, True) if words & before else None

    def _parts_follow(self, prev, m):
        """其中 between two figures: the later one is a part, named by its own words or its total."""
        return self.t.find("其中", prev.end, m.start) >= 0

    def _sentence_money(self, m, slo, clo):
        """The nearest money word before a currency figure's clause, in its sentence
        (销售额占比27%，首次突破300万元); a word that names no KPI stops the search
        (净利润-22亿元，同期为-14亿元), unless it named a share (占比27%)."""
        t = self.t
        for h in reversed(self.cues.within(max(slo, m.start - SENTENCE), clo)):
            for k in h.roles.kpis:
                if k != "sales_target" and self.lex.allows(k, "currency", m.unit):
                    return k
            if h.roles.none and "%" not in t[h.end:h.end + SHARE_REACH]:
                return None
        return None

    def name_parts(self, breakdowns):
        """Mark each part with its total, and name the parts no specific word named.

        A part takes its total's KPI (泉源公司266起 under 报修302起) where its own words
        name nothing or only the generic noun (频繁停电工单9件 under 投诉工单26件), unless the
        total's parts are categories of their own (工单 → 咨询, 投诉 …: ``parts_keep_kpi:
        false``); there a part named only by the generic noun is a route or a channel
        (信箱转派工单20件), no KPI.  A part named by a place (东城区1400通) is always a
        share of its total's own KPI."""
        lex = self.lex
        for b in breakdowns:
            total = b.total
            spec = lex.kpis.get(total.kpi)
            for p in b.parts:
                if p.part_of is None:
                    p.part_of = total
                if spec is None or not lex.allows(total.kpi, p.dimension, p.unit):
                    continue
                unnamed = p.kpi is None and not p.named or p.kpi == "service_requests" != total.kpi
                if spec.parts_keep_kpi or self._place_part(p):
                    if unnamed or p.kpi == "service_requests":
                        p.kpi = total.kpi
                elif p.kpi == total.kpi == "service_requests":
                    p.kpi = None

    def _place_part(self, p):
        label = (p.label or "").rstrip("共计为有达")
        return label.endswith(self.lex.place_suffixes)

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
        kpi = self.choose(blank.dimension, blank.unit, max(clo, blank.start - LEFT),
                          blank.end - blank.written, blank.end, min(chi, blank.end + RIGHT)).kpi
        slo = self.geo.sentence(blank.start, blank.end)[0]
        if kpi is None and self._states_actual(clo, chi) and self._target_before(slo, clo):
            actual = self._actual_of(blank, slo, clo)  # 目标设定为XX台，实际完成XX台
            kpi = actual.kpi if actual else None
        if kpi in SALES and self._is_target(blank, slo, clo, chi):
            kpi = "sales_target"
        blank.kpi = None if kpi == CHANGE else kpi

    def choose(self, dimension, unit, lo, start, end, hi):
        """What the cues around a figure at [start, end) make of it (see Choice)."""
        lex, t = self.lex, self.t
        left = self.cues.within(lo, start)
        level = False  # 提升1.7个百分点至44.79%: the figure is a level, change cues do not name it
        for i in range(len(left) - 1, -1, -1):
            h = left[i]
            r = h.roles
            if r.gap and h.end < start and not r.kpis:
                return Choice(None, True)  # 高于底线1.2个百分点: a gap to another figure
            if r.change and not level:
                if t.startswith(lex.level_after, h.end) or _level_after_change(t, h.end, start):
                    level = True  # 提高至65%; 提升1.7个百分点至44.79%
                    continue
                if not r.kpis:
                    return Choice("growth_rate" if dimension == "percent" else CHANGE, True, r.down)
            if r.kpis:
                if h.start and t.endswith(lex.negations, 0, h.start) and any(
                        lex.allows(n, dimension, unit) for n in r.kpis):
                    return Choice(None, True)  # 未解决312件, 不满意3件
                for name in r.kpis:
                    if lex.allows(name, dimension, unit):
                        if i and any(x.word in lex.net_change_cues for x in left[:i]):
                            return Choice(None if dimension != "percent" else "growth_rate", True,
                                          any(x.roles.down for x in left[:i]))  # 净增会员2300名
                        if i > 0 and left[i - 1].roles.none and h.start == left[i - 1].end \
                                and not left[i - 1].word.startswith("其"):
                            return Choice(None, True)  # 公共预算总收入, 财政收入: a modifier that is not sales
                        if name in lex.service_family and self._coordinated(left, i):
                            return Choice("service_requests", True)
                        if name == "service_requests":
                            name = self._specific(left, i, dimension, unit) or name
                        name = self._intake(name, h, start)
                        if dimension == "percent" and h.word[-1] in RATE_ENDS \
                                and t.startswith(lex.target_words, h.end):
                            return Choice(None, True)  # 回款率目标不低于95%: a target for a rate
                        return Choice(self._staff_move(name, dimension, unit, lo, hi), True, cue=h.word)
                continue
            if r.none:
                return Choice(None, True)
        if level:
            return Choice(None, True, cue=LEVEL)  # a level reached (提高至65%) with no cue of its own
        stop = _item_end(t, end, hi)
        for h in self.cues.within(end, stop):
            if h.roles.change and dimension == "percent" and not h.roles.kpis \
                    and not t.startswith(lex.level_after, h.end):
                return Choice("growth_rate", True, h.roles.down)  # 实现32%增长 (从2.3%降至1.66%: levels)
            for name in sorted(h.roles.after, key=lambda n: n not in STAFF_MOVES):
                if lex.allows(name, dimension, unit):
                    return Choice(self._staff_move(name, dimension, unit, lo, hi), True)
        return NOTHING

    def _category(self, m, clo, choice):
        """求决类1878件 (no KPI), 咨询类267件 (inquiries): a service category names its own KPI.

        A category word before a service count in its clause (…类, …方面, or a topic
        modifier: 反映停水的工单33件) decides: the specific service KPI its words name, else
        none (a category is a part, not all requests).  此类 points back to the clause
        before; 各类工单 (every kind) and 分类 (a heading) are no category."""
        lex, t = self.lex, self.t
        if m.dimension != "count" or m.unit not in self._service_units \
                or (choice.kpi is not None and choice.kpi not in lex.service_family):
            return choice
        clo = max(clo, m.start - LEFT)  # (bounded: a clause of many figures is read near each)
        mark = max(t.rfind(w, clo, m.start) for w in CATEGORY_MARKS)
        if mark >= 0 and t[mark - 1:mark] in "各分":
            mark = -1
        lo = max(clo, t.rfind("、", clo, mark) + 1)
        if mark < 0:
            mark = lo = self._topic_modifier(clo, m.start)
            if mark < 0:
                return choice
            lo = clo  # the whole modifier: 群众咨询社保、户籍等政策的工单
        if t[mark - 1:mark] in ANAPHORA:  # 重复投诉工单较多，本周共办理此类工单47件
            lo = self.geo.sentence(clo, clo)[0]
        for h in reversed(self.cues.within(lo, m.start)):
            for name in h.roles.kpis:
                if name in lex.service_family and name != "service_requests" \
                        and lex.allows(name, m.dimension, m.unit):
                    return Choice(name, True)
        return Choice(None, True)

    def _topic_modifier(self, clo, start):
        """Where 的 ends a topic modifier of the figure's noun (反映停水停电的工单33件), or -1."""
        t = self.t
        de = t.rfind("的", clo, start)
        if de < 0 or not any(w in t[clo:de] for w in self.lex.topic_words):
            return -1
        return de

    @property
    def _service_units(self):
        return self.lex.kpis["service_requests"].units or ()

    def _heading(self, m, clo):
        """各季度满意度：第一季度90.2%: a figure with no cue takes the KPI its colon heading names."""
        if clo == 0 or self.t[clo - 1] not in HEADING_ENDS:
            return None
        hlo, _ = self.geo.clause(clo - 1, clo - 1)
        choice = self.choose(m.dimension, m.unit, max(hlo, clo - 1 - LEFT), clo - 1, clo - 1, clo - 1)
        return choice if choice.found and choice.kpi not in (None, CHANGE) else None

    def _states_actual(self, clo, chi):
        return self._facts(clo, chi)[0]

    def _target_before(self, slo, clo):
        """A target word in the sentence before the clause (within SENTENCE characters)."""
        return any(h.roles.target for h in self.cues.within(max(slo, clo - SENTENCE), clo))

    def _actual_of(self, m, slo, clo):
        """实际达成34.5万人 after 新增付费用户目标30万人: the KPI the target was set for (or none,
        转化率目标4.2%，实际达成4.7%), from the words before the target."""
        for h in reversed(self.cues.within(max(slo, m.start - SENTENCE), clo)):
            if h.roles.target:
                continue
            for name in h.roles.kpis:
                if name != "sales_target" and self.lex.allows(name, m.dimension, m.unit):
                    return Choice(name, True)
            if h.roles.none:
                return Choice(None, True)
        return None

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
        """维修服务量 740件, 解决群众诉求1700余万件: a generic service noun after a specific word
        (at most SPECIFIC_REACH characters before it) names the specific."""
        j = i - 1
        if j < 0 or left[i].start - left[j].end > SPECIFIC_REACH:
            return None
        near = left[i].start == left[j].end  # 来电受理: a channel names the count only when it touches
        return next((k for k in left[j].roles.kpis
                     if k in self.lex.specific_service and (near or k not in self.lex.channel_kpis)
                     and self.lex.allows(k, dimension, unit)), None)

    def _intake(self, name, h, start):
        """共受理群众来电(留言)9230件: a channel counted with another channel is all requests."""
        if name not in self.lex.channel_kpis:
            return name
        between = self.t[h.end:start]
        return "service_requests" if any(w in between for w in self.lex.other_channels) else name

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
        clause of its sentence when this clause reports no outcome (实现, 完成 …).  A
        semicolon starts a new statement: a target before it governs nothing after it."""
        actual, target, outcome = self._facts(clo, chi)
        if actual:
            return False
        if target:
            return True
        if outcome:
            return False
        lo = max(slo, m.start - SENTENCE)
        lo = max(lo, self.t.rfind("；", lo, clo) + 1, self.t.rfind(";", lo, clo) + 1)
        return self._has_target_word(lo, clo)

    def _facts(self, clo, chi):
        """(an actual word, a target word, an outcome word) in a clause, read once per clause:
        a long clause of many figures would otherwise be read once for each."""
        facts = self._clause_facts.get((clo, chi))
        if facts is None:
            own = self.t[clo:chi]
            facts = self._clause_facts[clo, chi] = (
                any(w in own for w in self.lex.actual_words), self._has_target_word(clo, chi),
                any(w in own for w in self.lex.outcome_words))
        return facts

    def _has_target_word(self, lo, hi):
        """计划, 目标 … in the sentence; 指标完成情况 reports actuals, so not before 完成; 低于预期,
        超出预期 judge an outcome against a plan, so not after 于, 出 …"""
        if _target_hint().search(self.t, lo, hi) is None:
            return False  # (no target word written there: the clauses need no cue scan)
        t = self.t
        return any(h.roles.target and not t.startswith("完成", h.end) and t[h.start - 1:h.start] not in JUDGED
                   and not any(w in t[max(lo, h.start - 6):h.start] for w in self.lex.outcome_words)
                   for h in self.cues.within(lo, hi))  # (完成年度目标的104%: an outcome)

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


def _level_after_change(t, pos, start):
    """提升1.7个百分点至44.79%: a figure after 至/到 that follows the change's own figure."""
    between = t[pos:start].rstrip()
    return between.endswith(("至", "到")) and any(c.isdigit() or c in "]】］" for c in between)


def _item_end(t, end, hi):
    """Where the list item of a figure ending at ``end`` ends (before ``hi``)."""
    for i in range(end, hi):
        if t[i] in ITEM_BREAK or t[i].isdigit():
            return i
    return hi


@lru_cache(maxsize=256)
def _title_period(title):
    """The period a section title states (全年销售工作总结 → 全年); titles recur, figures ask often."""
    p = PERIOD_RE.search(title)
    return p.group() if p else None


@lru_cache(maxsize=1)
def _target_hint():
    """Where a target word is written at all: a cue hit with the target role is one of these."""
    return re.compile(trie_pattern(load_kpis().target_words))
