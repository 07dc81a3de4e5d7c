"""Headings and sections, and the sentence and clause around any offset.

A report made of several articles (篇一…篇八, a repeated title line, 一、…,
Markdown headings) is split into flat sections, each from its heading line to
the next one.  Clauses end at ，；：。 etc.; a single line break ends one only
where it is not a PDF line wrap inside a sentence.
"""

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from service.engine.findchars import is_han, positions, rfind_any

SENTENCE_END: Final = set("。！？!?")
CLAUSE_END: Final = SENTENCE_END | set("，,；;：:")
TITLE_STOPS: Final = frozenset(CLAUSE_END | {"、"})  # never in a title line of its own
MAX_HEADING: Final = 40
ASCII_LETTERS: Final = frozenset(string.ascii_letters)
LATIN_NEXT: Final = ASCII_LETTERS | {" "}
IN_NUMBER: Final = frozenset(",，:")  # between two digits, inside a number (615,365; 1:4), not a clause end
# A line break ends a sentence next to a blank, another break or an end of the text; between
# two words it may be a PDF wrap inside a sentence, and ends one only after a short line.
LINE_BLANKS: Final = frozenset(" \t\r\n\u3000")
WORD_GAP: Final = (" ", "\u3000", "\t")  # between two words: a clause break (_word_gaps)
PADDED_UNIT: Final = 3  # the longest unit _padded reads back over
GAP_AFTER: Final = frozenset(
    "%％)）"
)  # … or two spaces after a rate or a bracket (完成率：108%  同比：+14%: two fields)
BARE_FIGURE_RE: Final = re.compile(r"[0-9][0-9,.，．]*")  # a line that holds a figure alone
CONTINUES: Final = ("，", ",", "、", "其中")  # what a line ends on when its sentence goes on
PROSE_MARKS: Final = ("，", ",", "、", "；", "。")  # …and what shows a line is prose, not a table's cell
SHORT_LINE: Final = 25  # a line shorter than this ends at its break (a heading, a list item), not wraps
START: Final = re.Match.start
ITEM_ENDS: Final = "；;"  # what the lines of an unmarked list end on, but its last
LIST_LEAD_RE: Final = re.compile(r"[：:][^\S\n]*\n")  # a colon ending a line, perhaps before blanks
# a list item's line: a bullet or an Arabic item number (一、 is a heading, see HEADING_RE)
# … or a numbered sub-item (2.3 报修按月分布：, 1.2.1 …): after a line ending in a semicolon, a statement of its own
SUB_ITEM: Final = r"\d{1,2}(?:[.．]\d{1,2}){1,2}[ \t\u3000]+(?![\d万亿千百%％])"
SUB_ITEM_RE: Final = re.compile(r"[ \t\u3000]*" + SUB_ITEM)
LIST_ITEM_RE: Final = re.compile(
    r"[ \t\u3000]*(?:[-•·●▪◆■*](?!\d)|——?(?!\d)|\d{1,2}[.、．)）](?!\d)|[（(]\d{1,2}[)）]|" + SUB_ITEM + ")"
)
TOP_HEADING: Final = r"[一二三四五六七八九十]{1,3}[、.．]"  # 一、 (二、投诉分析 …)
SUB_HEADING: Final = r"[（(][一二三四五六七八九十]{1,3}[)）]"  # （一） (… under it: （二）按类别分布)
TOP_HEADING_RE: Final = re.compile(TOP_HEADING)
SUB_HEADING_RE: Final = re.compile(SUB_HEADING)
PARENT_REACH: Final = 12  # sections looked back over for a sub-heading's parent, at most
HEADING_RE: Final = re.compile(
    r"(?:#{1,6}\s*\S"  # Markdown
    r"|篇[一二三四五六七八九十\d]+"  # 篇一
    r"|第[一二三四五六七八九十百\d]+[章节篇部分]"  # 第一章
    rf"|{TOP_HEADING}|{SUB_HEADING})"
)


@dataclass
class Section:
    index: int
    title: str | None
    start: int
    end: int


def _is_heading(s, has_next=True):
    """Whether a stripped, non-empty line of at most MAX_HEADING characters is a heading."""
    if s[-1] in SENTENCE_END or s[-1] in "，,；;":
        return False
    if HEADING_RE.match(s):
        return True
    # a short title line of its own (销售部年终总结范文): no clause punctuation, no figures,
    # and text after it (a one-line report is a sentence, not a title)
    return has_next and len(s) <= 24 and TITLE_STOPS.isdisjoint(s) and not any(map(str.isdigit, s))


def find_sections(text: str) -> list[Section]:
    """Flat sections: the text before the first heading, then one per heading."""
    heads = []
    pos = 0
    lines = text.splitlines(keepends=True)
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    for i, line in enumerate(lines):
        s = line.strip()
        if s and len(s) <= MAX_HEADING and _is_heading(s, i < last):
            lead = len(line) - len(line.lstrip())
            heads.append((pos + lead, s.lstrip("#").strip()))
        pos += len(line)
    sections = []
    if not heads or heads[0][0] > 0 and text[: heads[0][0]].strip():
        sections.append(Section(0, None, 0, heads[0][0] if heads else len(text)))
    for i, (start, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        if sections and not sections[-1].title and sections[-1].start == sections[-1].end:
            sections.pop()
        sections.append(Section(len(sections), title, start if sections else 0, end))
    if not sections:
        sections.append(Section(0, None, 0, len(text)))
    return sections


def _word_gaps(text: str) -> list[int]:
    """Spaces between two words (申诉33303件 查处违规企业389家): a headline's or a pasted
    table's clause break, where a comma would stand in running text (not 2385  件, a figure
    spaced from its unit)."""
    found = []
    n = len(text)
    for i in positions(text, WORD_GAP):
        if i and (is_han(text[i - 1]) or text[i - 1] in GAP_AFTER):
            j = i + 1
            while j < n and text[j] in WORD_GAP:
                j += 1
            if j < n and is_han(text[j]) and (j - i > 1 or is_han(text[i - 1]) and not _padded(text, i)):
                found.append(i)
    return found


def _padded(text: str, i: int) -> bool:
    """Whether the space at i ends a figure and its unit that a space opens too (也有过 1次 客人投诉):
    the writer spaces figures from words, and the space parts no clauses."""
    k = i - 1
    while k >= 0 and i - k <= PADDED_UNIT and is_han(text[k]):
        k -= 1  # (the unit: 次, 人次, 万元)
    if k == i - 1 or k < 0 or not text[k].isdigit():
        return False
    while k >= 0 and (text[k].isdigit() or text[k] in ".,"):
        k -= 1
    return k > 0 and text[k] == " " and is_han(text[k - 1])


def _clause_marks(text: str) -> list[int]:
    """Offsets of the punctuation that ends clauses, unsorted (str.find per mark: far faster than
    a regex scan with a look-around at every character)."""
    found = []
    last = len(text) - 1
    for c in CLAUSE_END:
        i = text.find(c)
        if c in IN_NUMBER:
            while i >= 0:
                if not (0 < i < last and text[i - 1].isdecimal() and text[i + 1].isdecimal()) and not (
                    c == "," and 0 < i < last and text[i - 1] in ASCII_LETTERS and text[i + 1] in LATIN_NEXT
                ):  # (First Call Resolution, FCR: a comma in English words ends no Chinese clause)
                    found.append(i)
                i = text.find(c, i + 1)
        else:
            while i >= 0:
                found.append(i)
                i = text.find(c, i + 1)
    return found


def _ascii_stops(text: str) -> list[int]:
    """The "." a text types for 。: after a Chinese character, before one or a break or the end
    (停车1件.同比去年…, 下降.⏎): not a decimal point, an abbreviation or a list number (1.)."""
    found = []
    last = len(text) - 1
    i = text.find(".")
    while i >= 0:
        if i > 0 and is_han(text[i - 1]) and (i == last or is_han(text[i + 1]) or text[i + 1] in LINE_BLANKS):
            found.append(i)
        i = text.find(".", i + 1)
    return found


class Geometry:
    """Sentence, clause and section bounds of one text, looked up by offset."""

    def __init__(self, text: str, sections: list[Section], unit_firsts: frozenset[str] = frozenset()) -> None:
        """``unit_firsts``: the characters a unit may open with (units.yaml): a figure alone on a
        line whose unit opens the next is one quantity across the breaks."""
        self.text = text
        self.unit_firsts = unit_firsts
        line_ends, items = [], []  # (the line breaks that end a line, in order; see LINE_BLANKS)
        last, line_start = len(text) - 1, 0
        self.breaks = positions(text, "\n")
        soft = self._soft_breaks(self.breaks)
        for i in self.breaks:
            if i in soft:
                line_start = i + 1
                continue  # (a sentence chopped into lines: 接听来电⏎41.6⏎万人次，其中⏎年费类⏎357⏎件)
            if i == last or i == 0 or text[i + 1] in LINE_BLANKS or text[i - 1] in LINE_BLANKS:
                line_ends.append(i)  # next to a blank, another break or an end of the text
            elif i - line_start < SHORT_LINE:
                line_ends.append(i)  # between two words: a short line's end (a heading, a list item)
            elif self._note_ends(line_start, i):
                line_ends.append(i)  # …其他315件。（注：…约两百个）⏎热点前三：: a note of its own, ended
            elif text[i - 1] not in CLAUSE_END and LIST_ITEM_RE.match(text, i + 1):
                items.append(i)  # a long line's wrap before a list item: the item is a clause of its own
            elif text[i - 1] in "；;" and SUB_ITEM_RE.match(text, i + 1):
                line_ends.append(i)  # …其他369单；⏎2.3 报修按月分布：: the next item, a statement of its own
            line_start = i + 1
        stops = _ascii_stops(text)  # (停车1件.同比去年…: a full stop typed as ".")
        self.clause_ends = sorted(_clause_marks(text) + line_ends + items + _word_gaps(text) + stops)
        # sentence ends are the clause ends at 。！？ or a line break, bar the breaks inside a
        # list that a line ending in a colon opens (其中：⏎1.物业管理32件⏎2.绿化15件 reads as
        # its one-line form 其中：物业管理32件；绿化15件)
        listed = self._listed()
        self.sentence_ends = sorted(
            positions(text, SENTENCE_END)
            + stops
            + ([i for i in line_ends if i not in listed] if listed else line_ends)
        )
        self.section_starts = [s.start for s in sections]
        self.section_titles = [s.title or "" for s in sections]

    def _note_ends(self, line_start: int, i: int) -> bool:
        """Whether the line before the break at i ends on the closing bracket of a note that
        opened after a full stop (。（注：…）): a sentence of its own, which the break ends."""
        text = self.text
        if text[i - 1] not in "）)":
            return False
        o = rfind_any(text, "（(", line_start, i - 1)
        return o > line_start and text[o - 1] in SENTENCE_END

    def _soft_breaks(self, breaks: list[int]) -> set[int]:
        """Line breaks inside a sentence a copy from a PDF chopped into lines: the two around a
        figure alone on its line whose unit opens the next one (来电⏎41.6⏎万人次), and one after a
        line that ends on a comma or on 其中 where no list item follows (件，其中⏎年费类)."""
        text, firsts = self.text, self.unit_firsts
        soft: set[int] = set()
        for k, i in enumerate(breaks):
            if i == 0 or i + 1 >= len(text) or text[i + 1] in LINE_BLANKS or text[i - 1] in LINE_BLANKS:
                continue
            nxt = breaks[k + 1] if k + 1 < len(breaks) else -1
            if (
                nxt > i + 1
                and nxt + 1 < len(text)
                and BARE_FIGURE_RE.fullmatch(text, i + 1, nxt)
                and text[nxt + 1] in firsts
            ):
                soft.update((i, nxt))
            elif text.endswith(CONTINUES, 0, i) and not LIST_ITEM_RE.match(text, i + 1):
                soft.add(i)
            elif self._label_wraps(i, breaks[k - 1] + 1 if k else 0, nxt if nxt > i else len(text)):
                soft.add(i)
        return soft

    def _label_wraps(self, i: int, start: int, end: int) -> bool:
        """Whether the break at i parts a label from its figure in wrapped prose (实现销售收入⏎1.87
        亿元，同比增长⏎9.4%。): the line ends on a word, the next opens on a figure and its unit,
        and one of the two lines is prose (a comma or a stop in it), not a table's cell."""
        text = self.text
        if not is_han(text[i - 1]) or LIST_ITEM_RE.match(text, i + 1):
            return False
        m = BARE_FIGURE_RE.match(text, i + 1)
        if m is None or m.end() >= end or not (text[m.end()] in self.unit_firsts or text[m.end()] in "%％"):
            return False
        return any(text.find(c, start, end) >= 0 for c in PROSE_MARKS)

    def _listed(self) -> set[int]:
        """The line breaks that end a list item's line, or its lead's, within one list: lines
        opening on a list marker (-, •, 1., （2）), ending on a semicolon (and the line after
        such a one: 其中：⏎咨询4,105件；⏎投诉86件。) or short ones with a figure each (按区域分布：⏎
        城区网点41起⏎合计67起) right after a line that ends in a colon.

        Each list is walked from its lead, a line ending in a colon (found in one scan), so a
        text of many lines and few lists costs a search for colons; no line is walked twice."""
        text, listed = self.text, set()
        for colon in positions(text, "：:"):  # (str.find: far faster than a regex scan)
            lead = LIST_LEAD_RE.match(text, colon)
            if lead is None:
                continue
            i = lead.end() - 1  # (the lead line's break)
            semi = False  # (whether the line before ends on a semicolon)
            # (any break: one after a long item line is no line end, yet the list goes on)
            while i >= 0 and i not in listed:
                nxt = text.find("\n", i + 1)
                end = nxt if nxt >= 0 else len(text)
                last = text[end - 1]
                if not (semi or last in ITEM_ENDS or self._figure_item(i + 1, end)) and (
                    LIST_ITEM_RE.match(text, i + 1) is None
                ):
                    break
                listed.add(i)  # (a line break the next line's item continues)
                semi, i = last in ITEM_ENDS, nxt
        return listed

    def _figure_item(self, lo: int, hi: int) -> bool:
        """Whether the line [lo, hi) reads as an unmarked list item: short, with a figure, and no
        clause ending inside it (城区网点41起, 合计67起)."""
        text = self.text
        if hi <= lo or hi - lo >= SHORT_LINE and len(" ".join(text[lo:hi].split())) >= SHORT_LINE:
            return False  # (its cells lined up by runs of spaces count one space each)
        return any(c.isdigit() for c in text[lo:hi]) and not any(
            c in CLAUSE_END and not (c == "," and text[k - 1 : k].isdigit() and text[k + 1 : k + 2].isdigit())
            for k, c in enumerate(text[lo : hi - 1], lo)
        )  # (12,486件: a thousands comma ends no clause)

    def _bounds(self, ends: list[int], start: int, end: int) -> tuple[int, int]:
        """(lo, hi): just after the last end before start, and the first end at or after end."""
        i = bisect_left(ends, start)
        j = bisect_left(ends, end, i)
        return (ends[i - 1] + 1 if i else 0), (ends[j] if j < len(ends) else len(self.text))

    def line_start(self, pos: int) -> int:
        """Where the line holding pos starts (a bisect: str.rfind back over a long line would
        make a line of many figures quadratic)."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def line_end(self, pos: int) -> int:
        """Where the line holding pos ends (its line break, or the text's end)."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.clause_ends, start, end)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.sentence_ends, start, end)

    def title_at(self, pos: int) -> str:
        """The title of the section holding ``pos`` ("" before the first heading)."""
        k = bisect_right(self.section_starts, pos) - 1
        return self.section_titles[k] if k >= 0 else ""

    def titles_up(self, pos: int) -> list[str]:
        """The title of the section holding ``pos`` and, where it is a sub-heading (（一）), the
        title of the heading above it (二、投诉分析 over （二）按类别分布), nearest first."""
        k = bisect_right(self.section_starts, pos) - 1
        if k < 0:
            return []
        titles = [self.section_titles[k]]
        if SUB_HEADING_RE.match(titles[0]):
            for j in range(k - 1, max(-1, k - PARENT_REACH), -1):
                if TOP_HEADING_RE.match(self.section_titles[j]):
                    titles.append(self.section_titles[j])
                    break
        return titles

    def sections_of(self, positions: Iterable[int]) -> Iterator[int]:
        """The section holding each of ascending positions, in one walk."""
        starts, k = self.section_starts, 0
        for pos in positions:
            while k + 1 < len(starts) and starts[k + 1] <= pos:
                k += 1
            yield k
