"""Plan sections: the part of a report under a heading that announces what is planned
(四、2025年工作计划, 明年目标：, 下月重点).  A figure there is aimed at, not reached: sales and the
counts a plan sets (customers, orders) are targets, a change aimed at (力争同比增长12%) is a growth
rate all the same, and any other figure (a rate to hold, a cap on complaints) is no KPI of the period
reported.

A plan heading is a short line of its own that names a plan (kpis.yaml: plan_heading_words)
as a title does (after 四、, before a colon, or as its last word), names no outcome
(plan_heading_vetoes: 完成情况, 回顾) and holds no figure but a period (2025年, 11月).  Its section runs to the next heading that is no plan's (after 6. 9月计划, the title numbered 7.), or the end.  A line
that opens on a period to come and a colon (明天：, 下周目标：) is a plan of its own.  One pass
over the lines.
"""

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Final

from service.engine.findchars import trie_pattern
from service.engine.lexicon import kpis
from service.engine.sections import HEADING_RE

PLAN_HEAD_MAX: Final = 24  # the longest line read as a heading
PERIOD_RE: Final = re.compile(
    r"(?:[0-9０-９]+|20[xX×]{2})[ \t]?(?:年度?|月份?|季度|周)|(?:19|20)\d\d(?=[ \t]?(?:目标|计划|规划|展望|打算|任务|工作))"
    r"|Q[1-4](?![0-9])"
)  # (2025年, 11月, 2024目标, a template's 20xx年, Q3: a heading's period)
NUMBERED_PLAN: Final = 8  # the longest numbered line ending on a plan word read as a plan's title
ARABIC_HEAD_RE: Final = re.compile(
    r"(\d{1,2})(?:[、.．][ \t\u3000]*|[ \t\u3000]{2,})"
)  # (4. 明年打算, 4  2025 年目标: a number set off by spaces, as a PDF's text does)
BRACKET_HEAD_RE: Final = re.compile(r"【[一二三四五六七八九十\d]{1,3}】")  # (【五】明年: a numbered title)
CLAUSE_MARKS: Final = frozenset("，,。；;！？!?")
YEAR_RE: Final = re.compile(
    r"((?:19|20)\d\d)[ \t]?年(?![ \t]*(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月)"
)  # (not 2025年1月: a date)
# 五、2025年, 2025年展望：, 2024 年度 (a space in a PDF's text): a heading that names a year alone (one later than the report's is a plan's)
YEAR_HEAD_RE: Final = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?"
    r"[ \t\u3000]*((?:19|20)\d\d)[ \t]?年度?(?:展望|工作|打算)?[ \t\u3000]*[：:]?[ \t\u3000]*"
)
# …or a line that opens on a period to come, perhaps with a plan word, and a colon (明天：, 下周目标：,
# 🎯 明日冲刺：): the rest of the line is aims, as a work chat writes tomorrow's targets
LEAD_PERIODS: Final = (
    "明天",
    "明日",
    "明早",
    "次日",
    "下周",
    "下月",
    "下季度",
    "下半年",
    "下阶段",
    "明年",
    "来年",
)
PLAN_WORDS: Final = r"(?:工作)?(?:目标|计划|任务|冲刺|重点|指标|要点|打算|思路|安排|想法)"
PLAN_LEAD_RE: Final = re.compile(
    r"[^\w\n]{0,4}\s*(?:(?:"
    + "|".join((*LEAD_PERIODS, "下一步", "下个[\u4e00-\u9fff]{1,3}?"))  # (下个采暖季目标：)
    + ")"
    + PLAN_WORDS
    + "?"
    # (2025年打算：, Q3 计划：, 六月目标：: a year, a quarter or a month with a plan word)
    + r"|(?:(?:19|20)\d\d年度?|Q[1-4]|第?[一二三四1-4]季度|(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?)[ \t]*"
    + PLAN_WORDS
    + r")[：:]"
)


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = kpis()
    return re.compile(trie_pattern(sorted(lex.plan_heading_words))), re.compile(
        trie_pattern(sorted(lex.plan_heading_vetoes))
    )


@lru_cache(maxsize=1)
def _any_plan() -> re.Pattern[str]:
    lex = kpis()
    return re.compile(
        trie_pattern(sorted({*lex.plan_heading_words, *lex.plan_heading_starts, *LEAD_PERIODS}))
    )


def _heading_kind(line: str) -> int:
    """2 for a plan heading naming a target (明年目标, 四、下半年计划), 1 for another plan heading
    (四、下一阶段), 0 for another heading (a numbered or colon-ended title line), -1 for a line
    that is no heading."""
    s = line.strip()
    if not s or len(s) > PLAN_HEAD_MAX or any(c in CLAUSE_MARKS for c in s):
        return -1
    if "|" in s or "\t" in s:
        return -1  # (一级指标 | 二级指标 | 单位: a table's header row, no title)
    titled = HEADING_RE.match(s) is not None or s[-1] in "：:" or BRACKET_HEAD_RE.match(s) is not None
    words = BRACKET_HEAD_RE.sub(
        "", HEADING_RE.sub("", s, count=1), count=1
    )  # (past its 四、, （二） or 【五】)
    if s[0] == "【" and s[-1] == "】":
        words, titled = s[1:-1], True  # (【下半年】: a title in brackets, a line of its own)
    lex = kpis()
    # (4. 明年打算, 6. 四季度目标: a numbered item is a title where a period to come opens it or,
    # short, a plan word ends it; and a plan's title or none)
    numbered = ARABIC_HEAD_RE.match(words)
    rest = words[numbered.end() :] if numbered is not None else ""
    numbered_plan = rest.startswith(lex.plan_heading_starts) or (
        # (5、2025年工作目标: its period counts for nothing)
        0 < len(PERIOD_RE.sub("", rest)) <= NUMBERED_PLAN and rest.endswith(lex.plan_heading_words)
    )
    if numbered_plan:
        words, titled = rest, True
    if any(c.isdigit() for c in PERIOD_RE.sub("", words)):
        return -1  # (a figure in it: a line of a list, no title)
    plan, veto = _words()
    if veto.search(s) is None and (
        titled
        and (plan.search(s) is not None or words.lstrip().startswith(lex.plan_heading_starts))
        or s.endswith(lex.plan_heading_words)
    ):
        # (四、下月计划, 明年目标：; unmarked, a title ends on the plan word: 2025年工作计划; 【五】明年:
        # a period to come alone, all of it aimed at)
        bare = words.strip(" \t\u3000：:") in LEAD_PERIODS
        return 2 if bare or any(w in s for w in lex.plan_target_heads) else 1
    return 0 if titled and not numbered_plan else -1  # (3. 下半年计划完成: an item, not a title)


def plan_spans(text: str) -> tuple[list[int], list[int]]:
    """The plan sections of a text as [start, end, start, end, …] in order, and those of them
    whose heading names a target (most texts: none)."""
    if _any_plan().search(text) is None and YEAR_HEAD_RE.search(text) is None:
        return [], []  # (most texts: no word a plan heading is made of)
    spans: list[int] = []
    targets: list[int] = []
    start, strong = -1, False  # where the open plan section starts (or -1), and whether it names a target
    pos, latest = 0, 0
    number = 0  # the Arabic number of the open plan section's heading (6. 9月计划), if it has one
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = nl if nl >= 0 else len(text)
        kind = _heading_kind(text[pos:end]) if end - pos <= PLAN_HEAD_MAX + 8 else -1
        if kind < 0 and start >= 0 and number and _next_numbered_title(text[pos:end], number):
            kind = 0  # 6. 9月计划 … 7. 其他: the next numbered title ends the plan (its items restart at 1)
        year = YEAR_HEAD_RE.fullmatch(text, pos, end) if kind == 0 and latest else None
        if year is not None and int(year.group(1)) > latest:
            kind = 1  # 五、2025年 in a report on 2024: the year to come, a plan of it
        for y in YEAR_RE.finditer(text, pos, end):
            latest = max(latest, int(y.group(1)))  # (the latest year the report has named so far)
        lead = PLAN_LEAD_RE.match(text, pos, end) if kind < 0 and start < 0 else None
        if lead is not None:
            spans += [lead.end(), end]  # 明天：销售17w, 下周目标：认购20套: a line of aims
            targets += [lead.end(), end]
        elif kind >= 1 and start < 0:
            start, strong = end + 1, kind == 2
            head = ARABIC_HEAD_RE.match(text[pos:end].strip())
            number = int(head.group(1)) if head is not None else 0
        elif kind == 0 and start >= 0:
            spans += [start, pos]
            targets += [start, pos] if strong else []
            start = -1
        if nl < 0:
            break
        pos = nl + 1
    if start >= 0 and start < len(text):
        spans += [start, len(text)]
        targets += [start, len(text)] if strong else []
    return spans, targets


def _next_numbered_title(line: str, number: int) -> bool:
    """Whether a line is a short title numbered one on from ``number`` (7. 其他 after 6. 9月计划),
    with no figure or clause mark in its words."""
    s = line.strip()
    head = ARABIC_HEAD_RE.match(s)
    if head is None or int(head.group(1)) != number + 1:
        return False
    words = s[head.end() :].strip(" \t\u3000：:")
    return (
        0 < len(words) <= NUMBERED_PLAN
        and not any(c.isdigit() for c in words)
        and not any(c in CLAUSE_MARKS for c in words)
    )


def in_plan(spans: list[int], pos: int) -> bool:
    """Whether pos lies in one of the plan sections."""
    return bisect_right(spans, pos) % 2 == 1
