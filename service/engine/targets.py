"""KPI rules, vetoes and turns: target words make sales a target (计划销售500套), up to a
semicolon and not in an outcome (完成年度目标的104%) or a judgement (低于预期); a sentence's
veto words rule a KPI out (股价).
"""

from bisect import bisect_left
from typing import Final

from mypy_extensions import trait

from service.engine.cues import Hit
from service.engine.findchars import find_any, matches_at, rfind_any
from service.engine.naming import (
    ACTUAL,
    COMPLETION_NOUNS,
    GOAL_HEAD_RE,
    JUDGED,
    LEFT,
    OUTCOME,
    OUTCOME_NOUNS,
    SENTENCE,
    TARGET_CONTEXT,
    TARGET_CONTEXT_REACH,
    NamerBase,
    statement_start,
    target_hint,
    words_regex,
)
from service.engine.numerals import CN_CHARS
from service.engine.totals import COMPARED_LEVEL_RE, COMPARED_LEVEL_REACH, CONTAINED_FIRSTS

EFFORT_WORDS: Final = ("冲刺", "力拼", "挑战")  # an effort, aimed at until a 了 says it was made
EFFORT_DONE: Final = 4  # characters after such a word where its 了 stands (冲刺卖了)
GOAL_HEAD_REACH: Final = 12  # characters from a sentence's start to the end of a goal heading opening it
TARGET_KPI: Final = "sales_target"
PLANNED_LEADS: Final = ("计划",)  # 计划实现销售额800万元，回款700万元: a cue word that opens on a plan plans
AMOUNT_DUE: Final = "应"  # 应收金额, 应缴总额: what is owed, no target set
ASIDE_REACH: Final = 30  # characters looked at either side of a word for the brackets of an aside
SHARE_OF_REACH: Final = 5  # 占年度销售目标的25%: characters from 占 to the target word it makes a share of


HEADER_CELL_GAPS: Final = ("\t", "  ", "\u3000", " |", "|")  # after 指标: a table header's cell, no target


@trait
class TargetRules(NamerBase):
    """Target words that turn sales into a target, and words that veto a KPI."""

    def _is_target(self, m, slo: int, clo: int, chi: int) -> bool:
        """计划销售500套 is a target: a target word in the figure's clause, or in an earlier
        clause of its sentence when this clause reports no outcome (实现, 完成 …).  A
        semicolon or a line break starts a new statement: a target before it governs nothing
        after it (…明年的开店计划\n经营概况 - 2024年集团实现营业收入36.5亿元)."""
        clo = max(clo, self.geo.line_start(m.start))
        if self._meets_target(m.dimension, m.start, m.end, clo):
            return False  # 累计签约280套，完成季度目标的93%: what met the target
        said = COMPARED_LEVEL_RE.search(self.t, max(clo, m.start - COMPARED_LEVEL_REACH), m.start)
        if said is not None and not self._has_target_word(said.start(), m.start):
            return False  # 目标达成率95.3%，与去年的412万元相比: what was done then (not 比去年目标的)
        # 经济指标 | 总收入 | 万元 | 21177: a table row's other cells are its labels, no clauses
        # before it (a target cell names its figures itself: the column or row header decides)
        cell = rfind_any(self.t, "|\t", clo, m.start) if self._cell_seps else -1
        clo = max(clo, cell + 1)
        if cell >= 0:
            end = find_any(self.t, "|\t\n", m.end, chi)
            chi = end if end >= 0 else chi  # (…and to the cell's end)
        if self.t[m.end : m.end + 1] in CONTAINED_FIRSTS and chi > m.end:
            chi = m.end  # 营业额：28,650元（目标3万元）: a target in brackets after the figure is its aside
        actual, target, outcome = self._facts(clo, chi)
        if actual:
            return False
        if self._labelled_actual(clo):
            return False  # 年度任务：销量1.5万台  实际：1.62万台: the field's label says it is the actual
        if target:
            return True
        if cell >= 0:
            return False
        if self._in_goal_list(slo, clo):
            return True  # 工作目标：实现合同成交额4亿元，完成回款3.2亿元: a list of goals (not 目标：1871万，达成2394万)
        if outcome:
            return False
        lo = statement_start(self.t, max(slo, m.start - SENTENCE), clo)
        # 任务指标为760万元，实际完成销售812万元，回款745万元: after an actual, the clauses report actuals
        lo = max(lo, self._last_word(ACTUAL, lo, clo))
        # 签约任务8.2亿元，全年实现认购金额7.96亿元，网签金额7.41亿元, 完成下达目标的95.1%，回款…:
        # past a clause that reports an outcome (no target word before its outcome word), the
        # clauses report outcomes too (not after 计划实现销售额500万元)
        p = self._last_word(OUTCOME, lo, clo)
        if p >= 0:
            plo, phi = self.geo.clause(p, p + 1)
            planned = self._has_target_word(max(plo, lo), p, named=True) or any(
                h.start <= p < h.end and TARGET_KPI in h.roles.kpis for h in self.cues.within(plo, phi)
            )  # (计划实现营业收入: a cue word that holds the outcome word plans it)
            if not planned:
                lo = max(lo, phi)
        return self._has_target_word(lo, clo)

    def _in_goal_list(self, slo: int, clo: int) -> bool:
        """Whether the clause at ``clo`` follows a colon that opens a list of goals in its
        statement (目标是：…，新增客户60户), and no figure stands right after that colon."""
        lo = statement_start(self.t, max(slo, clo - SENTENCE), clo)
        head = GOAL_HEAD_RE.search(self.t, lo, clo)
        if head is None and lo > slo:
            # a heading that opens the sentence (2025年目标：销售额1.2亿元；新车销量3,000台): its
            # items run on past semicolons
            head = GOAL_HEAD_RE.search(self.t, slo, min(lo, slo + GOAL_HEAD_REACH))
            if head is not None and (
                self._has_word(OUTCOME, head.end(), clo) or self._has_word(ACTUAL, head.end(), clo)
            ):
                return False  # (GMV目标：…，达成…；其中复购用户新增12.8万人: how the goals went)
        return head is not None and not self._figure_at(head.end())

    def _reports_outcome(self, clo: int, chi: int) -> bool:
        """A clause that states an actual or an outcome and names no target of its own."""
        actual, target, outcome = self._facts(clo, chi)
        return (actual or outcome) and not target

    def _facts(self, clo: int, chi: int) -> tuple[bool, bool, bool]:
        """(an actual word, a target word, an outcome word) in a clause, read once per clause:
        a long clause of many figures would otherwise be read once for each."""
        facts = self._clause_facts.get((clo, chi))
        if facts is None:
            facts = self._clause_facts[clo, chi] = (
                self._has_word(ACTUAL, clo, chi),
                self._has_target_word(clo, chi, named=True),
                self._has_word(OUTCOME, clo, chi),
            )
        return facts

    def _has_word(self, kind: str, lo: int, hi: int) -> bool:
        """Whether a word of ``kind`` (ACTUAL, OUTCOME) starts in [lo, hi)."""
        starts = self._starts_of(kind)
        i = bisect_left(starts, lo)
        return i < len(starts) and starts[i] < hi

    def _last_word(self, kind: str, lo: int, hi: int) -> int:
        """Where the last word of ``kind`` starting in [lo, hi) starts; -1 if none does."""
        starts = self._starts_of(kind)
        i = bisect_left(starts, hi) - 1
        return starts[i] if i >= 0 and starts[i] >= lo else -1

    def _starts_of(self, kind: str) -> list[int]:
        """Where the words of ``kind`` start: the text is searched for each kind once, on first
        asking, and then looked up by bisection."""
        starts = self._word_starts.get(kind)
        if starts is None:
            words = self.lex.actual_words if kind == ACTUAL else self.lex.outcome_words
            firsts = {w[0] for w in words}  # (a few characters, found by str.find)
            starts = self._word_starts[kind] = [
                m.start() for m in matches_at(words_regex(words), self.t, firsts)
            ]
        return starts

    def _has_target_word(self, lo: int, hi: int, named: bool = False) -> bool:
        """计划, 目标 … in the sentence; 指标完成情况 reports actuals, so not before 完成; 低于预期,
        超出预期 judge an outcome against a plan, so not after 于, 出 …  ``named``: a word naming the
        target KPI (销售任务, 保费计划) counts too, as within a clause (销售任务是45套、回款6,000万元:
        the list it opens); not across clauses, where a report goes on to the actuals."""
        if target_hint().search(self.t, lo, hi) is None:
            return False  # (no target word written there: the clauses need no cue scan)
        t = self.t
        return any(
            (
                h.roles.target
                or TARGET_KPI in h.roles.kpis
                and (named and not h.word.startswith(AMOUNT_DUE) or h.word.startswith(PLANNED_LEADS))
            )
            and (not t.startswith("完成", h.end) or self._plans_to_complete(h))
            and not t.startswith(OUTCOME_NOUNS, h.end)  # 考核情况：办结率100%: how it went
            and t[h.start - 1 : h.start] not in JUDGED
            and not any(w in t[max(lo, h.start - 6) : h.start] for w in self.lex.outcome_words)
            and not self._served(lo, h.start)
            and "占" not in t[max(lo, h.start - SHARE_OF_REACH) : h.start]
            and not self._aside(h.start, h.end, lo, hi)
            and not (
                h.word in EFFORT_WORDS and "了" in t[h.end : h.end + EFFORT_DONE]
            )  # (冲刺卖了41套: done)
            and not (
                h.word == "指标"
                and (
                    t.startswith(HEADER_CELL_GAPS, h.end) or t.endswith(self.lex.indicator_leads, 0, h.start)
                )
            )  # (指标  2023年  2024年: a header; 主要指标：满意度95.1%: what came out)
            for h in self.cues.within(lo, hi)
        )  # (完成年度目标的104%, 占全年任务的25%: an outcome; 围绕“冲量保利”目标开展工作: what the work served)

    def _served(self, lo: int, at: int) -> bool:
        """Whether the target word at ``at`` names a goal the work served (围绕“冲量保利”目标, 纳入
        满意率考核), in its own clause: 纳入年度考核，力争满意率回升至98% aims all the same."""
        t, lo = self.t, max(lo, at - TARGET_CONTEXT_REACH)
        lo = max(lo, rfind_any(t, "，,；;", lo, at) + 1)  # (its own clause only)
        return any(t.find(w, lo, at) >= 0 for w in TARGET_CONTEXT)

    def _aside(self, start: int, end: int, lo: int, hi: int) -> bool:
        """Whether [start, end) is inside brackets that close before hi: 解答率90%(原定指标75%),满意度98.9%
        names a target in an aside, no aim of what follows."""
        # (an aside is short: a bounded look either way)
        return (
            self._in_brackets(max(lo, start - ASIDE_REACH), start)
            and find_any(self.t, ")）", end, min(hi, end + ASIDE_REACH)) >= 0
        )

    def _figure_at(self, p: int) -> bool:
        """Whether a figure is written right at p (目标：1871万: the target itself, then its outcome)."""
        c = self.t[p : p + 1]
        return c.isdigit() or c in CN_CHARS

    def _plans_to_complete(self, h: Hit) -> bool:
        """下半年计划完成销售额500万元: a planning verb before 完成 plans it (but 计划完成情况,
        计划完成率 report how far a plan was met)."""
        return h.word in self.lex.planning_verbs and self.t[h.end + 2 : h.end + 3] not in COMPLETION_NOUNS

    def _vetoed(self, kpi: str, lo: int, hi: int, clo: int, start: int) -> bool:
        """A word of the KPI's sentence_veto in [lo, hi), or of its clause_veto in the clause
        before the figure ([clo, start): 受理微信留言18,642条 were received, not sent)."""
        spec = self.lex.kpis.get(kpi)
        if spec is None:
            return False
        if spec.clause_veto:
            before = self.t[max(clo, start - LEFT) : start]  # (near the figure: a long clause stays linear)
            if any(w in before for w in spec.clause_veto) and not any(
                w in before for w in spec.veto_lifted_by
            ):
                return True
        if not spec.sentence_veto:
            return False
        around = self.t[lo:hi]  # (cut once, not once per veto word)
        return any(w in around for w in spec.sentence_veto)
