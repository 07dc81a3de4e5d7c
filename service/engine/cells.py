"""Tables pasted as text: the unit a bare figure in a cell takes from its row's label
(销售额（万元） | 1,946 | 2,108) or from its column's header (门店 | 销售额(元) ⏎ 东城店 | 386,500).

A row is a line whose cells are set out with | or tabs, or with runs of two or more spaces
(three cells at least: fewer is a phrase with a gap in it).  A header is a row with
no bare figure after its first cell; it holds for the rows below it that are set out alike and
have as many cells.  One pass over the lines; which rows' figures are read is the Reader's
business (quantities.py), what their columns name is the namer's (tables.py).
"""

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Final

from service.engine.findchars import is_han, matches_at, positions, trie_pattern
from service.engine.lexicon import Unit, kpis, units

SOLD_OR_LEFT: Final = frozenset(("units_sold", "units_remaining"))  # a header naming one: the table's count
IN_BRACKETS: Final = ("count", "currency", "percent", "area")  # dimensions a bracketed unit may give
CELL_SEPS: Final = ("|", "\t")  # what separates a row's cells
# …or, in a row set out with spaces, runs of two or more: a cell is words with single spaces inside
SPACED_CELL_RE: Final = re.compile(r"\S(?: ?\S)*")  # (one full-width space parts cells: 滨江壹号　2210)
MIN_SPACED_CELLS: Final = 3
# a cell of words then, after one space, a figure alone: a label and its figure run together
LABEL_FIGURE_RE: Final = re.compile(r"(?<=[\u4e00-\u9fff)）]) ([+\-]?\d[\d,]*(?:\.\d+)?%?)$")
VISIT_UNITS: Final = ("人次", "台次", "件次", "户次")  # units a header may end on (门诊人次)
# measure words a header cell may be alone (渠道  间夜  占比; 场次 counts 场 as 件数 counts 件)
UNIT_HEADERS: Final = {
    "间夜": "间夜",
    "场次": "场",
    # (分公司  工单量  满意率: tickets counted, in 件 as the requests they are)
    "工单量": "件",
    "受理量": "件",
    "办结量": "件",
    "诉求量": "件",
    "投诉量": "件",
    "办件量": "件",
    "派单量": "件",
    "承办量": "件",
}
# a header's cell that names a count by its measure word (件数, 门诊人次), a cell gap or the line's
# end after it: a table with no unit note whose header gives its column's unit
HEAD_COUNT_RE: Final = re.compile(
    r"(?:[件人户单台套笔辆起宗场桌伙]数|"
    + "|".join(VISIT_UNITS + tuple(UNIT_HEADERS))
    + r")(?=[ \u3000]{2,}|[ \u3000]*[|\t]|[ \u3000]*(?:\n|$))"
)
# a label ending on the count of a measure word (成交套数, 来访人次), then its bare whole figure alone
COUNTED_NOUNS: Final = frozenset("件人户单台套笔辆宗场桌间家伙")  # (before 数: 套数 counts 套)
COUNTED_FIGURE_RE: Final = re.compile(
    r"[ \t\u3000]*[：:|\t\n \u3000][ \t\u3000|]*(?P<n>\d[\d,]*)(?![\d.,%％]|[ \t\u3000]*[\u4e00-\u9fff(（])"
)
# a title line: perhaps an item number, then words with no space, ending on brackets
TITLE_UNIT_RE: Final = re.compile(
    r"[ \u3000]*(?:(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,3}[)）])[ \u3000]*)?"
    r"[^\s\d（()）]{1,20}[（(][^（()）\d\s]{1,6}[)）][ \u3000]*[：:]?[ \u3000]*"
)  # (按品牌划分的营业额（港币百万元）：⏎品牌⇥2023年⇥2024年: its colon leads the table below)
MONEY_NOTE: Final = "金额"  # a unit note that names money (金额：万元), not every column's unit
BLANK_LINES_ABOVE: Final = 2  # empty lines passed between a unit line and the table below it
TABLE_HEAD_LINE: Final = 60  # the longest line passed as a header's second line
TABLE_CHARS: Final = ("|", "\t", " ", "\u3000")  # (a text with none of them holds no row)
# a cell that holds a figure alone, perhaps with a qualifier word (约120, 90余): the unit goes to its digits
CELL_FIGURE_RE: Final = re.compile(
    r"(?:约|近|超|逾|超过|不到)?[+\-−]?(?P<n>(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d+)?)(?P<s>万|亿)?(?:余|多|左右)?"
)  # (83.04亿 under 营业收入(元): the column's unit after the cell's own scale word; 8 877: grouped)
# a row set out with single spaces (a PDF's table read as text): its cells after the label are
# figures or dashes for none, as many as its header's, or it is no row of that table
EMPTY_CELLS: Final = frozenset(("-", "--", "---", "—", "——", "－", "/"))
RATE_CELL_RE: Final = re.compile(r"[+\-−]?\d+(?:\.\d+)?[%％]")  # …or a rate, which carries its own unit
NUMBER_HEADS: Final = frozenset(("序号", "编号", "No.", "NO.", "No"))  # a first column numbering the rows
RULE_LINE_CHARS: Final = frozenset("─━-—=_ ")  # a line drawn under a header
RULE_CHARS: Final = frozenset("-:=+ ")  # a Markdown table's rule under its header (---|:--:)
# the currency a unit note may name before its scale word (单位：港币万元; units.yaml currency_names)
NOTE_CURRENCIES: Final = ("人民币", "港币", "港元", "新台币", "美元", "澳门币", "澳门元")
NOTE_CURRENCY: Final = "(?:" + "|".join(NOTE_CURRENCIES) + ")?"
# a unit in brackets, a currency's name and a scale word perhaps before it: 销售额（万元）, 收入(百万港元),
# 营业额（港币百万元）, 库存（套/个）
UNIT_NOTE: Final = r"[（(]±?" + NOTE_CURRENCY + r"(千万|百万|万|亿|千)?([^（()）\d±\n]{1,3})[)）]"
LABEL_UNIT_RE: Final = re.compile(UNIT_NOTE + "$")  # …ending a label
# 单位：万元, （单位：台）: the unit of a table's figures, on the line above it
NOTE_UNIT: Final = NOTE_CURRENCY + r"(千万|百万|万|亿|千)?([^\s，,。；;）)\d|、/／]{1,3})"  # (港币万元)
UNIT_LINE_RE: Final = re.compile(
    r"(?:单位|金额|[（(](?![\u4e00-\u9fff]{0,3}单位)[\u4e00-\u9fff]{2,4})[：:]\s*" + NOTE_UNIT
)  # (（营业额：万元；来客：千单）: a column's name and its unit, in brackets)
# a note under a table that gives its unit (注：表中单位为件；…, 备注：以上数据单位：万元)
NOTE_BELOW_RE: Final = re.compile(
    r"^[ \t\u3000]*(?:注|备注|说明)[：:][ \t\u3000]*(?:表中|上表|以上|本表)?(?:各项)?(?:数据|数字)?"
    r"(?:计量)?单位均?(?:为|是|[：:])[ \t\u3000]*" + NOTE_UNIT,
    re.M,
)
NOTE_ROWS_UP: Final = 40  # rows walked up from a note under a table to its header, at most …
NOTE_ROW_REACH: Final = 200  # … each no longer than this
MONEY_HEADS: Final = ("额", "金额", "价款", "款", "收入", "费", "佣金")  # a header that says it holds money
MORE_UNIT_RE: Final = re.compile(
    r"\s*(?:[、/／]|[；;，,]\s*[^\s：:；;，,（()）]{1,4}[：:])\s*(千万|百万|万|亿|千)?([^\s，,。；;）)\d|、/／]{1,3})"
)  # (单位：套、万元; 金额：万元；订单：单)
# a column of rates or changes (满意度, 同比, 增长(%); not 本年度, 上季度: a period's column)
RATE_HEAD_RE: Final = re.compile(r"(?<![年季])[率比度幅]$|同比|环比|增减|增长|占比|变动|[(（]%[)）]$")
UNIT_HEADS: Final = ("单位", "计量单位")  # a header cell over a column of units
UNIT_COLUMN_RE: Final = re.compile(r"(?:计量)?单位(?=[ ]*[|\t])")  # …found where a cell ends on it
UNIT_CELL_RE: Final = re.compile(r"(千万|百万|万|亿|千)?([^\s\d|]{1,3})")  # a cell of that column: 万元, 人次
UNIT_IN_BRACKETS_RE: Final = re.compile(
    r"[（(][^（()）\d\n]{1,5}[)）]"
)  # (where a label's unit may be written)
# a heading's unit in brackets right before its colon (投诉分类（件）：, 维修工作量（单位：单）：) or
# ending its line (分品类（单位：万元）⏎) …
HEADING_UNIT_RE: Final = re.compile(
    r"[（(](?:单位[：:]\s*)?(千万|百万|万|亿|千)?([^（()）\d±\s：:]{1,3})[)）](?:[：:]|[ \t]*\n)"
)
HEADING_COLONS: Final = ("：", ":")
SHORT_TOTAL_ENDS: Final = ("合计", "小计", "总计", "合計", "小計", "總計")
TOTAL_ROWS: Final = frozenset(
    ("合计", "总计", "共计", "小计", "合计数", "总数", "全年")
)  # a list's or table's total row
SPACED_TOTAL_FIRSTS: Final = ("合", "总", "小", "共")  # (合  计: a total row's label spaced out)
# an item line under a title: its words, a gap or a colon, its one figure (perhaps an aside after it)
ITEM_LINE_RE: Final = re.compile(  # (possessive throughout: one pass over a line, whatever it holds)
    r"[ \u3000]*+(?P<w>[^\s：:]++)(?:[ \u3000]++|[ \u3000]*+[：:][ \u3000]*+)"
    r"(?P<n>\d{1,3}(?:,\d{3})++|\d++)(?:\.\d++)?(?:万|亿)?[ \u3000]*+(?:[（(][^\n]*+)?"
)
TITLE_RE: Final = re.compile(
    r"[^\s（()）|]{0,16}[\u4e00-\u9fff]{2}】?"
)  # (words before a title's bracket, no gap)
HEADING_UNIT_ENDS: Final = ("）：", "):", "）:", ")：", "）\n", ")\n")
# a table's or list's total row of figures alone: 合计  51,270, 合计 48905 52317 +6.98%
TOTAL_LINE_RE: Final = re.compile(
    r"^[ \t\u3000|]*(?:合计|总计|共计)[ \t\u3000|：:]+(?P<cells>[+\-−]?\d[\d,.]*%?(?:[ \t\u3000|]+(?:[+\-−]?\d[\d,.]*%?|—|-))*)"
    r"[ \t\u3000|]*$",
    re.M,
)
ROW_CELL_RE: Final = re.compile(r"[^ \t\u3000|：:\n]+")  # a cell of a row, whatever sets it out
RESTATED_REACH: Final = 1500  # characters above a total row where the figure it says again may stand
RESTATED_ROWS: Final = 40  # rows above a total row given its unit, at most
RESTATED_DIGITS: Final = 3  # digits a total row's figure has at least to be taken as said again
ROW_LINE: Final = 200  # the longest line read as a row
# a whole figure (51,270, 1 286, 52317) and a scale word perhaps, the unit read after it
SAID_FIGURE_RE: Final = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,3}(?:[, ]\d{3})+|\d{3,})(?![\d.,]\d|\d)[ \u3000]{0,2}(?P<s>万|亿)?"
)
HEADING_LIST_REACH: Final = 400  # … reaches the items after it this far at most
# … each a figure after a space or a colon (热水器 48.3, 处方药：162.3), with a space, a separator,
# a bracket or the end of its line after it
SPACED_FIGURE_RE: Final = re.compile(
    r"(?<=[ \u3000：:])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=[ \u3000；;，,、\n（(]|$)"
)
SCALES: Final = {"千": 10**3, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}
LABEL_WORDS: Final = 8  # characters of a label's words read before its brackets (销售额（万）: money)
# (万元, 万台, 万㎡: a scale word goes with money, counts, areas)
SCALED_DIMENSIONS: Final = ("currency", "count", "area")
SCALE_ONLY: Final = Unit("", "none", None)  # (the unit of a line 单位：万 that names a scale word alone)


def label_unit(label: str) -> tuple[Unit, int] | None:
    """The unit a label gives in brackets at its end, with the factor of its scale word; a
    scale word alone after a word naming money is that much money (销售额（万）: 万元)."""
    m = LABEL_UNIT_RE.search(label)
    if m is None:
        return None
    found, scale = _scaled_unit(m), _scale_alone(m)
    if found is None and scale:
        if _money_words().search(label, 0, m.start()) is not None:
            return _money(scale)
        own = _noun_unit(label[: m.start()].strip())  # (接待人次（万）: the count, so many at a time)
        return (own[0], scale) if own is not None and own[0].dimension == "count" else None
    if found is not None and found[0].dimension == "currency":
        return _named_currency(m.group(), found)  # (港币万元: Hong Kong dollars, 10 000 at a time)
    return found


def currency_name_before(text: str, at: int) -> int:
    """The length of a currency's name ending at ``at`` (营业额（港币百万元）, 目標新台幣2,500萬元), or 0."""
    return next((len(w) for w in NOTE_CURRENCIES if text.endswith(w, 0, at)), 0)


def _scale_alone(m: re.Match[str]) -> int:
    """The factor of a scale word written alone where a unit was due (（万）, 单位：亿), else 0."""
    return SCALES[m.group(2)] if m.group(1) is None and m.group(2) in SCALES else 0


def _money(factor: int) -> tuple[Unit, int]:
    """Yuan, so many at a time (a money column or label whose scale word stands alone)."""
    return units().by_text["元"], factor


@lru_cache(maxsize=1)
def _money_words() -> re.Pattern[str]:
    """The cue words of KPIs counted in money (销售额, 营业收入, 回款 …)."""
    lex = kpis()
    words = {c.text for c in lex.cues if c.regex is None and c.kpi and lex.allows(c.kpi, "currency", "CNY")}
    return re.compile(trie_pattern(sorted(words)))


@lru_cache(maxsize=1)
def _money_only_words() -> re.Pattern[str]:
    """The cue words that name money and no count (销售额, not 销量): between two unit notes,
    a column they head is the one in money."""
    lex = kpis()
    named: dict[str, set[str]] = {}
    for c in lex.cues:
        if c.regex is None and c.kpi:
            named.setdefault(c.text, set()).add(c.kpi)
    words = {
        w
        for w, ks in named.items()
        if any(lex.allows(k, "currency", "CNY") for k in ks)
        and not any("count" in lex.kpis[k].dimensions for k in ks)
    }
    return re.compile(trie_pattern(sorted(words)))


def _scaled_unit(m: re.Match[str]) -> tuple[Unit, int] | None:
    """The unit (group 2) and the factor of the scale word before it (group 1) a match gives,
    where the unit may be written so (a table's: money, counts, percentages, areas)."""
    written, table = m.group(2), units().by_text
    if "/" in written:
        # 均价(元/㎡): a price per unit, money with its per unit (CNY/m2)
        money, _, per = written.partition("/")
        u, per_unit = table.get(money), units().per_units.get(per)
        other = table.get(per)
        if u is not None and other is not None and u.dimension == other.dimension == "count":
            return u, SCALES.get(m.group(1) or "", 1)  # 库存（套/个）: counted in either, read as the first
        if u is None or u.dimension != "currency" or per_unit is None or m.group(1):
            return None
        return Unit(written, "currency", f"{u.unit}/{per_unit}"), 1
    # (单位:亿元人民币: the longest unit the words open with)
    u = next(
        (
            table[w]
            for w in (written, written[:2], written[:1])
            if w in table
            and all(map(is_han, written[len(w) :]))
            and (w == written or table[w].dimension == "currency")
        ),
        None,
    )  # (not 元/股: a unit per share; not B店（本田）: a name that opens on a measure word)
    if u is None or u.dimension not in IN_BRACKETS:
        return None
    scale = m.group(1)
    if scale and u.dimension not in SCALED_DIMENSIONS:
        return None
    return u, SCALES[scale] if scale else 1


def _cells(line: str, at: int, least: int = MIN_SPACED_CELLS) -> tuple[str, list[tuple[int, str]]] | None:
    """(the row's separator, [(where a cell's words start, its words)]) for a table row, or None."""
    sep = next((c for c in CELL_SEPS if c in line), None)
    if sep is not None:
        pieces, spans, k = line.split(sep), [], 0
        for piece in pieces:
            words = piece.strip()
            spans.append((at + k + (piece.find(words) if words else 0), words))
            k += len(piece) + 1
        if sep == "|" and not spans[0][1]:
            spans = spans[1:]  # (| a | b |: the rule that opens the row)
        if sep == "|" and spans and not spans[-1][1]:
            spans = spans[:-1]  # (…and the one that closes it; an empty last tab cell is a cell)
        return (sep, spans) if len(spans) >= 2 else None
    spans = []
    for c in SPACED_CELL_RE.finditer(line):
        tail = LABEL_FIGURE_RE.search(c.group())
        if tail is not None and tail.start() > 0:
            # 安装/维修预约 3,960 under 类型  数量: a long label leaves one space before its figure
            spans += [
                (at + c.start(), c.group()[: tail.start()]),
                (at + c.start() + tail.start() + 1, tail.group(1)),
            ]
        else:
            spans.append((at + c.start(), c.group()))
    if len(spans) > 2 and spaced_total(spans[0][1], spans[1][1]):
        spans[:2] = [(spans[0][0], spans[0][1] + spans[1][1])]  # 合  计  326.0: the label spaced out
    return ("  ", spans) if len(spans) >= least else None


def spaced_total(first: str, second: str) -> bool:
    """Whether a row's first two cells are a total's label spaced out to its column (合  计)."""
    return second == "计" and first in SPACED_TOTAL_FIRSTS


def cell_units(text: str) -> dict[int, tuple[Unit, int]]:
    """Where each bare figure of a table cell starts (its digits, past a sign) → the unit and
    scale factor its row's label gives it or, failing that, its column's header, or the line
    above the table (单位：万元, 各车型销量（单位：台）) for a column that is no rate.

    Only lines that write a unit in brackets or after 单位 are read first (most texts: none,
    found by two scans); a table's rows below them are read up to the next such line."""
    out: dict[int, tuple[Unit, int]] = {}
    if any(w in text for w in HEADING_UNIT_ENDS):
        _heading_lists(text, out)
    _counted_labels(text, out)
    if not any(c in text for c in TABLE_CHARS):
        return out
    if any(w in text for w in TOTAL_ROWS):
        _restated_totals(text, out)
    # line start → the units its 单位 notes give (金额单位：万元　数量单位：台: two), or None
    anchors: dict[int, list[tuple[Unit, int]] | None] = {}
    for regex, firsts in ((UNIT_COLUMN_RE, "计单"), (UNIT_IN_BRACKETS_RE, "(（"), (UNIT_LINE_RE, "单金(（")):
        line, seen = 0, 0
        for m in matches_at(regex, text, firsts):
            nl = text.rfind("\n", seen, m.start())  # (looked for since the last match only: linear)
            line, seen = (nl + 1 if nl >= 0 else line), m.start()
            if regex is UNIT_COLUMN_RE:
                # 指标 | 单位 | 上年度 | 本年度: a header with a column of units, one for each row
                k = m.start() - 1
                while k > line and text[k] == " ":
                    k -= 1
                if k >= line and text[k] in "|\t":
                    anchors.setdefault(line, None)
            elif regex is UNIT_IN_BRACKETS_RE:
                if line not in anchors and label_unit(text[max(line, m.start() - LABEL_WORDS) : m.end()]):
                    anchors[line] = None
            else:
                unit = _note_unit(m)
                if unit is not None:
                    more = MORE_UNIT_RE.match(text, m.end())  # 单位：套、万元: a unit for each kind of column
                    also = _scaled_unit(more) if more is not None else None
                    anchors[line] = (anchors.get(line) or []) + [unit] + ([also] if also is not None else [])
    nl = -1
    for m in HEAD_COUNT_RE.finditer(text):
        if m.start() <= nl:
            continue  # (one anchor a line)
        ls = text.rfind("\n", 0, m.start()) + 1
        nl = text.find("\n", m.end())
        nl = len(text) if nl < 0 else nl
        if (
            ls not in anchors
            and (
                not any(c.isdigit() for c in text[ls:nl])
                or not any(c.isspace() for c in text[ls : m.start()].strip())  # (its first cell: a label)
                and not any(c in CELL_SEPS for c in text[ls:nl])  # (a row of cells set out by spaces only)
            )
        ):
            # 类型  件数  占比: a header with no digit, its rows below; 维修台次  6532  4870: a row whose
            # label names the count of its figures
            anchors[ls] = None
    if "单位" in text:
        _notes_below(text, out)
    starts = sorted(anchors)
    above = None  # the unit of a 单位 line right above a header that gives units of its own
    for n, ls in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(text)
        default = anchors[ls]
        le = text.find("\n", ls, stop)
        le = stop if le < 0 else le
        if default is None and TITLE_UNIT_RE.fullmatch(text, ls, le) is not None:
            # 二、分校区收入（万元）⏎校区  收入  同比: a title line (its words, perhaps after an item
            # number) whose brackets give the unit, no row of the table: a unit note for the rows below
            unit = label_unit(text[ls:le].strip().rstrip("：:").rstrip())
            default = [unit] if unit is not None else None
        if default is None:
            _table(text, out, ls, le, stop, above)  # (the line with a label's unit is the table's)
            above = None
        elif le + 1 < stop:
            first = le + 1
            for _ in range(BLANK_LINES_ABOVE):  # (…统计如下（单位：件）：⏎⏎类别  数量: an empty line between)
                nl = text.find("\n", first, stop)
                if nl < 0 or text[first:nl].strip():
                    break
                first = nl + 1
            if first >= stop:
                above = (
                    default  # （单位：套）⏎⏎楼栋  总套数  已售: a header of its own (套数) below, read next
                )
                continue
            nxt = text.find("\n", first, stop)
            _table(text, out, first, stop if nxt < 0 else nxt, stop, default)  # (the rows below it)
            above = None
        else:
            above = default  # 单位：万 ⏎ 门店  销售额  客流（人次）: the header is the next line read
    return out


def _note_unit(m: re.Match[str]) -> tuple[Unit, int] | None:
    """The unit a note gives (its groups: NOTE_UNIT), with its scale word's factor."""
    unit = _scaled_unit(m)
    if unit is None and _scale_alone(m):
        return SCALE_ONLY, _scale_alone(m)  # 单位：万: money in the columns that name it
    if unit is not None and m.group().lstrip("（(").startswith(MONEY_NOTE) and unit[0].text == "元":
        return SCALE_ONLY, unit[1]  # 金额：万元: yuan in the columns that name money, no other
    if unit is not None and unit[0].dimension == "currency":
        return _named_currency(m.group(), unit)  # 单位：港币万元: Hong Kong dollars
    return unit


def _notes_below(text: str, out) -> None:
    """类别⇥7月⇥8月 ⏎ 咨询⇥41,206⇥45,837 … ⏎ 注：表中单位为件: a note right under a table gives the
    unit of its columns that give none; the table is the rows above the note up to its header,
    the first row with no bare figure (its cells are read as under a 单位 line above the header)."""
    for m in NOTE_BELOW_RE.finditer(text):
        ls = m.start()
        if ls == 0:
            continue
        unit = _note_unit(m)
        if unit is None:
            continue
        row, header = ls, -1
        for _ in range(NOTE_ROWS_UP):
            if row == 0:
                break
            above = text.rfind("\n", max(0, row - 1 - NOTE_ROW_REACH), row - 1) + 1
            line = text[above : row - 1]
            cells = _cells(line, above, 2) if line.strip() else None
            if cells is None or above == 0 and row - 1 > NOTE_ROW_REACH:
                break
            row = above
            if all(_figure_at(words) < 0 for _, words in cells[1][1:]):
                header = above  # (类别⇥7月⇥8月: no cell a bare figure)
                break
        if header >= 0:
            le = text.find("\n", header)
            _table(text, out, header, le, ls - 1, [unit])


def _counted_labels(text: str, out) -> None:
    """成交套数：69, 实际推售套数⏎198, 来访人次  867: a bare whole figure right after a label that
    ends on the count of a measure word (套数, 人次) counts in that measure word (the labels found
    by their last character with str.find: a regex scan of the whole text costs more)."""
    for i in positions(text, "数次"):
        if i < 2 or not is_han(text[i - 2]):
            continue
        noun = text[i - 1 : i + 1]
        if noun not in VISIT_UNITS and not (text[i] == "数" and text[i - 1] in COUNTED_NOUNS):
            continue
        m = COUNTED_FIGURE_RE.match(text, i + 1)
        unit = units().by_text.get(noun if noun in VISIT_UNITS else noun[0])
        if m is not None and unit is not None and unit.dimension == "count":
            out.setdefault(m.start("n"), (unit, 1))


def _named_currency(note: str, unit: tuple[Unit, int]) -> tuple[Unit, int]:
    """The unit a note gives, in the currency it names before its scale word (单位：新台币亿元)."""
    name = next((w for w in NOTE_CURRENCIES if w in note), None)
    return unit if name is None else (Unit(unit[0].text, "currency", units().currency_names[name]), unit[1])


def _heading_lists(text: str, out) -> None:
    """投诉分类（件）：① 工程质量 42 ② 物业服务 37: a heading that gives its unit in brackets before
    its colon gives it to the bare figures of the items after it, set out with spaces, up to the
    end of the sentence or a blank line."""
    # (brackets that give no unit, 东区 66.2 （含团购）⏎, neither head a list nor end one)
    heads = [
        (m, unit) for m in matches_at(HEADING_UNIT_RE, text, "(（") if (unit := _scaled_unit(m)) is not None
    ]
    for k, (m, unit) in enumerate(heads):
        colon = m.group().endswith(HEADING_COLONS)
        if not colon and not TITLE_RE.fullmatch(text, text.rfind("\n", 0, m.start()) + 1, m.start()):
            # (a title line: 诉求分类（单位：件）⏎; not 月份   新单保费(万元)   有效人力(人)⏎, a table's
            # header whose columns are read apart, nor (个) (个)⏎ of a table pasted from a PDF)
            continue
        # (up to the next such heading: each character is looked at for one heading at most)
        hi = min(
            len(text),
            m.end() + HEADING_LIST_REACH,
            heads[k + 1][0].start() if k + 1 < len(heads) else len(text),
        )
        for end in (text.find("。", m.end(), hi), text.find("\n\n", m.end(), hi)):
            if end >= 0:
                hi = end
        if colon:
            for f in SPACED_FIGURE_RE.finditer(text, m.end(), hi):
                out.setdefault(f.start(), unit)
            continue
        # a title line: its items one to a line, each its words and one figure (热水器 48.3), to the
        # first line that is none
        ls = m.end()
        while ls < hi:
            le = text.find("\n", ls, hi)
            le = hi if le < 0 else le
            item = ITEM_LINE_RE.fullmatch(text, ls, le)
            if item is None or not any(map(is_han, item.group("w"))):
                break
            out.setdefault(item.start("n"), unit)
            ls = le + 1


def _restated_totals(text: str, out) -> None:
    """生成工单 51,270 张 … ⏎ 查件催件    29,880 ⏎ … ⏎ 合计        51,270: a total row of bare figures
    that says again a figure of the text above it (RESTATED_REACH characters at most), written
    there with its unit, gives that unit to its cell and to the cells of that column in the rows
    above it, up to the first row that has no bare figure there (the header)."""
    said: dict | None = None  # digits → [(where, unit)] of the figures written with a unit (one pass)
    for row in TOTAL_LINE_RE.finditer(text):
        cells = list(ROW_CELL_RE.finditer(text, row.start("cells"), row.end("cells")))
        for k, cell in enumerate(cells):
            at = _figure_at(cell.group())
            if at < 0 or cell.start() + at in out or "%" in cell.group():
                continue
            digits = cell.group()[at:].replace(",", "")
            if not digits.isdigit() or len(digits) < RESTATED_DIGITS:
                continue  # (a small figure is said again by chance)
            if said is None:
                said = _figures_with_units(text)
            found = said.get(digits, [])
            before = bisect_left(found, (row.start(),)) - 1  # (the last time before the row: one look)
            if before < 0 or found[before][0] < row.start() - RESTATED_REACH:
                continue
            unit = found[before][1]
            out[cell.start() + at] = unit
            right = len(cells) - 1 - k  # (the column counted from the right: a label may hold spaces)
            ls = row.start()
            for _ in range(RESTATED_ROWS):
                if ls == 0:
                    break
                above = text.rfind("\n", max(0, ls - 1 - ROW_LINE), ls - 1) + 1
                line = list(ROW_CELL_RE.finditer(text, above, ls - 1))
                if len(line) < 2 or right >= len(line) - 1:
                    break
                c = line[len(line) - 1 - right]
                f = _figure_at(c.group())
                if f < 0:
                    break  # (the header, or a line of prose: the column starts below it)
                out.setdefault(c.start() + f, unit)
                ls = above


def _figures_with_units(text: str) -> dict:
    """Each whole figure of three digits or more written with a count's or money's unit after it
    (51,270 张, 52,317 件, 3,560万元), by its digits: [(where it starts, (unit, scale))]."""
    found: dict = {}
    table = units()
    for m in SAID_FIGURE_RE.finditer(text):
        scale = m.group("s") or ""
        u = table.match(text, m.end())
        if u is not None and u.dimension in SCALED_DIMENSIONS and (not scale or u.dimension == "currency"):
            digits = re.sub(r"[, \u3000]", "", m.group("n"))
            found.setdefault(digits, []).append((m.start(), (u, SCALES[scale] if scale else 1)))
    return found


def _table(text: str, out, ls: int, le: int, stop: int, default) -> None:
    """The rows of a table whose first row is [ls, le), up to stop: a first row with no bare
    figure is its header, whose units (else ``default``) the rows below take."""
    # (below a unit line a table may have two columns: 项目          产值 ⏎ 机修保养      612,400)
    least = 2 if default or _count_header(text, ls, le) else MIN_SPACED_CELLS
    row = _cells(text[ls:le], ls, least)
    if row is None:
        _single_table(text, out, ls, le, stop, default)
        return
    sep, cells = row
    figures = [_figure_at(words) for _, words in cells]
    heads: list | None = None
    own = None  # (the unit the last row's label gave, for a 其中 row under it)
    if any(f >= 0 for f in figures[1:]):
        # 销售额（万元） | 1,946: a table with no header, each row's label giving its unit (else
        # the 单位 line above, for a label that names money: 金额单位：万元 ⏎ 销售额⇥486.2)
        own = label_unit(cells[0][1]) or _column_default(cells[0][1], default) or _noun_unit(cells[0][1])
        _assign(out, cells, figures, own, None)
    else:
        heads = _header_units(cells, default)
    header = [words for _, words in cells]
    unit_column = any(words in UNIT_HEADS for words in header)
    while le + 1 < stop:
        ls = le + 1
        le = text.find("\n", ls, stop)
        le = stop if le < 0 else le  # (the line before the next anchor line ends at its break)
        row = _cells(text[ls:le], ls, least)
        if row is None or row[0] != sep:
            break  # (a line that is no row, or a row set out otherwise, ends the table)
        cells = row[1]
        if all(set(words) <= RULE_CHARS for _, words in cells):
            continue  # (a Markdown rule under the header)
        figures = [_figure_at(words) for _, words in cells]
        if heads is None:
            # (其中：线上订单⇥745 under 本月新增订单（单）⇥1,208: a part counts in its total's unit)
            above = own if cells[0][1].startswith("其中") else None
            own = (
                label_unit(cells[0][1])
                or _column_default(cells[0][1], default)
                or _noun_unit(cells[0][1])
                or above
            )
            _assign(out, cells, figures, own, None)
            continue
        same = len(cells) == len(heads)
        if unit_column and same and _row_unit(out, cells, figures, header):
            continue  # 总收入 | 万元 | 21177 | 21740: the row's own unit, in its column of units
        # (合计   214.0   141: a total row that leaves its last columns out reads the first ones)
        # (其余六家合计  21,035: a label that ends on a total's word is a total row too)
        label = cells[0][1]
        short_total = (
            not same and (label in TOTAL_ROWS or label.endswith(SHORT_TOTAL_ENDS)) and len(cells) < len(heads)
        )
        row_heads: list | None = heads[: len(cells)] if short_total else heads if same else None
        # (维修台次  6532  4870: a label that ends on the count it names gives the row its unit)
        _assign(out, cells, figures, label_unit(label) or _noun_unit(label), row_heads)


def _count_header(text: str, ls: int, le: int) -> bool:
    """类型          件数: a header with no figure that names its column's count by the measure
    word heads a table of two columns (label, figure) as a unit line would."""
    return HEAD_COUNT_RE.search(text, ls, le) is not None and not any(c.isdigit() for c in text[ls:le])


@lru_cache(maxsize=1)
def _stock_words() -> re.Pattern[str]:
    """The cue words of what was sold or is left (已售, 剩余), as a header may name a column."""
    lex = kpis()
    words = {c.text for c in lex.cues if c.kpi in SOLD_OR_LEFT and c.regex is None}
    return re.compile(trie_pattern(sorted(words)))


def _header_units(cells: list[tuple[int, str]], default) -> list:
    """The unit each cell of a header row gives its column: its own in brackets, the line
    above's, or the measure word it counts (台数); a column headed by what was sold or is left
    (已售, 剩余) counts in the one measure word another column names (产品  总套数  已售  剩余)."""
    heads = [label_unit(words) or _head_unit(words, default) for _, words in cells]
    counts = {h[0].text for h in heads if h is not None and h[0].dimension == "count"}
    if len(counts) == 1:
        only = next(h for h in heads if h is not None and h[0].dimension == "count")
        for k, (_, words) in enumerate(cells):
            if (
                heads[k] is None
                and _stock_words().search(words) is not None
                and _money_only_words().search(words) is None  # (渠道 | 订单数 | 销售额: a column in money)
            ):
                heads[k] = only
    return heads


def _head_unit(words: str, default) -> tuple[Unit, int] | None:
    """A header cell's unit from the note above, else its own measure word (台数); its own where
    the note gives money (进厂台次 under 产值单位：万元: a count whatever the money's unit)."""
    noted, own = _column_default(words, default), _noun_unit(words)
    if noted is not None and own is not None and noted[0].dimension == "currency":
        return own
    return noted or own


def unit_cell(words: str) -> tuple[Unit, int] | None:
    """The unit a cell of a column of units writes (万元, 人次, %), or None."""
    m = UNIT_CELL_RE.fullmatch(words)
    return _scaled_unit(m) if m is not None else None


def _row_unit(out, cells, figures, header) -> bool:
    """The unit a row writes in a cell of its own (万元, 人次, %) for its bare figures after it,
    up to the first column whose header names a rate or change (merged header cells shift the
    columns right of it); whether the row wrote one."""
    for k in range(1, len(cells)):
        unit = unit_cell(cells[k][1])
        if unit is None:
            continue
        for j in range(k + 1, len(cells)):
            if RATE_HEAD_RE.search(header[j]):
                break
            if figures[j] >= 0:
                out[cells[j][0] + figures[j]] = unit
        return True
    return False


def _noun_unit(words: str) -> tuple[Unit, int] | None:
    """台数, 套数, 户数: a column header naming the count of a measure word gives it as the unit;
    so does one ending on a unit of visits (门诊人次, 进厂台次)."""
    if words in UNIT_HEADERS:
        return units().by_text[UNIT_HEADERS[words]], 1
    if words.endswith(VISIT_UNITS):
        return units().by_text[words[-2:]], 1
    if len(words) < 2 or not words.endswith("数") or words[-2:] not in units().unit_word_starts:
        return None
    u = units().by_text.get(words[-2])
    return (u, 1) if u is not None and u.dimension == "count" else None


def _figure_at(words: str) -> int:
    """Where the digits of the figure a cell holds alone start in it (past a sign or a qualifier
    word: 约120), or -1 where the cell holds more or less than a figure."""
    m = CELL_FIGURE_RE.fullmatch(words)
    return m.start("n") if m is not None else -1


def _scaled_cell(words: str) -> bool:
    """Whether a cell's figure carries its own scale word (83.04亿)."""
    m = CELL_FIGURE_RE.fullmatch(words)
    return m is not None and m.group("s") is not None


def _single_cells(line: str, at: int) -> list[tuple[int, str]] | None:
    """The cells of a line set out with single spaces only (营业收入(元) 收入比例(%) 毛利率(%)),
    three at least; None for any other line."""
    if "  " in line or "\t" in line or "|" in line or "\u3000" in line:
        return None
    spans, k = [], 0
    for piece in line.split(" "):
        if piece:
            spans.append((at + k, piece))
        k += len(piece) + 1
    return spans if len(spans) >= MIN_SPACED_CELLS else None


def _single_table(text: str, out, ls: int, le: int, stop: int, default) -> None:
    """A table set out with single spaces under the line at [ls, le): its header there (a row
    with no figure), then rows of as many cells, each after the label a figure, a rate or a dash;
    a line drawn under the header, or a header's second line before the first row, is passed.
    Under a 序号 header the label is each row's second cell, and a total row may leave the
    number out (合计 298 135 under 1 ERP 210 95)."""
    cells = _single_cells(text[ls:le], ls)
    if cells is None or any(_figure_at(words) >= 0 for _, words in cells):
        return
    heads = _header_units(cells, default)
    numbered = cells[0][1] in NUMBER_HEADS
    label = 2 if numbered else 1  # (the cells after the row's label: past a 序号 cell too)
    rows = passed = 0
    while le + 1 < stop:
        ls = le + 1
        le = text.find("\n", ls, stop)
        le = stop if le < 0 else le
        line = text[ls:le]
        if line and set(line) <= RULE_LINE_CHARS:
            continue
        row = _single_cells(line, ls)
        if numbered and row is not None and len(row) == len(heads) - 1 and row[0][1] in TOTAL_ROWS:
            row = [(ls, "")] + row  # (the total row's empty 序号 cell)
        figures = [_figure_at(words) for _, words in row] if row is not None else []
        if (
            row is None
            or len(row) != len(heads)
            or (numbered and row[0][1] and not row[0][1].isdigit())
            or any(
                f < 0 and words not in EMPTY_CELLS and RATE_CELL_RE.fullmatch(words) is None
                for f, (_, words) in zip(figures[label:], row[label:], strict=True)
            )
        ):
            if rows or passed or any(f >= 0 for f in figures) or len(line) > TABLE_HEAD_LINE:
                break  # (a line that is no row of it ends the table)
            passed = 1  # (the header's second line: 签约未完工订单金额 订单金额)
            continue
        rows += 1
        if numbered:
            figures[1] = -1  # (the label: 3 数据中台)
        _assign(out, row, figures, label_unit(row[label - 1][1]), heads)


def _column_default(words: str, default):
    """The unit the line above a table gives a column headed ``words``: none for a column of
    rates; a scale word alone (单位：万) only for a column that names money (销售额); of two
    notes (金额单位：万元　数量单位：台), the one in money for such a column, the other for the rest."""
    if not default or RATE_HEAD_RE.search(words):
        return None
    money = (_money_words() if len(default) == 1 else _money_only_words()).search(words) is not None or (
        len(default) > 1 and words.rstrip().endswith(MONEY_HEADS)  # (金额, 成交额, 价款: money by name)
    )
    for unit in default:
        if unit[0] is SCALE_ONLY:
            if money:
                return _money(unit[1])
        elif len(default) == 1 or (unit[0].dimension == "currency") == money:
            return unit
    return None


def _assign(out, cells, figures, own, heads) -> None:
    """Each bare figure of a row (after its first cell) → its row label's unit, else its column's
    (not a scale word's on top of the cell's own: 1.2亿 under 金额（万元）)."""
    for k in range(1, len(cells)):
        unit = own or (heads[k] if heads is not None else None)
        at = figures[k]
        if at >= 0 and unit is not None and not (unit[1] > 1 and _scaled_cell(cells[k][1])):
            out[cells[k][0] + at] = unit
