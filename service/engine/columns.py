"""Breakdown rule for tables pasted as text: a total row (合计, 总计 …) under rows of figures
holds, cell by cell, the totals of the columns above it.

    类别        本季    上季
    室温不达标   3,862   4,510
    投诉           187     241
    合计         7,370   7,582

The total row is a marker, as 其中 is: its column's figures are parts whether or not they add
up (the answer says whether they do). Its cells are matched to the rows' cells from the right
(a total row leaves out a 序号 column or merges the label cells) or, where that does not add up
and matching from the left does, from the left (合计 214.0 141 under 6月 40.4 30 26). Bounded
looks: a row is at most ROW_REACH characters, each row's cells are found once, and a column is
walked up MAX_PARTS rows at most.
"""

import re
from bisect import bisect_left
from typing import Final

from mypy_extensions import trait

from service.engine.cells import EMPTY_CELLS, RULE_LINE_CHARS, SPACED_TOTAL_FIRSTS, TOTAL_ROWS, spaced_total
from service.engine.findchars import find_any
from service.engine.totals import (
    MAX_PARTS,
    MIN_UNMARKED,
    UNMARKED_CAP,
    Breakdown,
    FinderBase,
    adds_up,
    same_kind,
    value_of,
)

ROW_REACH: Final = 300  # the longest line read as a table row
COLUMN_SUM_REACH: Final = 600  # characters before a table with no total row looked at for its columns' total
STATED_LOOKBACK: Final = 40  # …and the figures there, the nearest first
SPACED_CELL_RE: Final = re.compile(r"[^ \t\u3000\n|]+")  # a cell of a row set out with spaces
# a cell of a row set out with | or tabs, spaces around it left out
CELL_RE: Final = re.compile(r"[^\t\n|\s](?:[^\t\n|]*[^\t\n|\s])?")
# two cells lined up by spaces: a run of two or more between them (one space parts no cells)
SPACED_GAP_RE: Final = re.compile(r"[^ \u3000\n][ \u3000]{2,}[^ \u3000\n]")
PROSE_MARKS: Final = "，。；：！？"  # what a sentence has and a row of cells does not
LEADS: Final = " \t\u3000|"  # what may stand before a row's first cell
WHOLE_AREAS: Final = ("全市", "全省", "全区", "全县", "全国")  # a row for the whole under its districts' rows
# a total row's label naming what it totals (区域合计, 全公司总计): not 其余五个项目合计, a row of the rest
SCOPED_TOTAL_RE: Final = re.compile(r"(?![其另])[\u4e00-\u9fff]{1,4}?(?:合计|总计)")
TOTAL_WORDS: Final = (*TOTAL_ROWS, *WHOLE_AREAS)  # (for str.startswith)


@trait
class ColumnRules(FinderBase):
    """Columns of figures over a table's total row."""

    def _table_totals(self) -> list[Breakdown]:
        t, out = self.t, []
        at = {m.start: m for m in self.ms}
        rows: dict[int, list[tuple[int, int]]] = {}  # a line's start → its cells (each line once)
        for m in self.ms:
            ls = t.rfind("\n", max(0, m.start - ROW_REACH), m.start) + 1
            if ls == 0 and m.start > ROW_REACH:
                continue  # (a line longer than any row)
            first = ls
            while first < m.start and t[first] in LEADS:
                first += 1
            if (
                SCOPED_TOTAL_RE.match(t, first) is None
                and not t.startswith(TOTAL_WORDS, first)
                and not (t.startswith(SPACED_TOTAL_FIRSTS, first) and t[first + 1 : first + 2] in LEADS)
            ):
                continue  # (most figures: on a line that is no total row; 合  计 spaced out may be one)
            cells = self._row(ls, rows)
            if not cells or (m.start, m.end) not in cells:
                continue
            label = self._label(cells)
            if not self._is_total_label(label):
                continue
            scoped = label not in TOTAL_WORDS
            k = cells.index((m.start, m.end))
            right = self._column(m, ls, len(cells) - 1 - k, True, rows, at)
            parts = right
            if len(right) < 2 or not adds_up(m, right):
                if label in WHOLE_AREAS:
                    continue  # 全市  4310 under 主城区  1926 …: the whole area's row, a total where they add up
                left = self._column(m, ls, k, False, rows, at)
                if len(left) >= 2 and adds_up(m, left):
                    parts = left
                elif len(right) < 2 or not self._aligned(ls, len(cells), rows):
                    continue  # (neither reading adds up, and the rows are set out otherwise)
            if scoped and not adds_up(m, parts):
                continue  # (区域合计 names its scope: a total where its column adds up to it)
            # (the parts name the total, as in 咨询120件、投诉80件，合计200件)
            out.append(Breakdown(m, parts, "partition", named_by_parts=True))
        return out

    def _column_sums(self, used: set[int]) -> list[Breakdown]:
        """全年共受理企业诉求9,846件 … 园区⇥受理量⇥投诉 ⏎ 苏州工业坊⇥3,120⇥92 ⏎ …: a table with no total
        row whose column of figures adds up exactly to a figure of their kind stated before the
        table, not long before, is that figure's partition. Bounded looks: a row is at most
        ROW_REACH characters, a table at most MAX_PARTS rows, and the figures looked at for the
        total lie within COLUMN_SUM_REACH characters before it."""
        t, out = self.t, []
        at = {m.start: m for m in self.ms}
        rows: dict[int, list[tuple[int, int]]] = {}
        table: list[int] = []  # the starts of the lines of the table being read
        row_lines: dict[int, bool] = {}  # a line's start → whether it is set out as a row
        last_end = -2
        for m in self.ms:
            ls = t.rfind("\n", max(0, m.start - ROW_REACH), m.start) + 1
            if ls == 0 and m.start > ROW_REACH or table and ls == table[-1]:
                continue
            le = t.find("\n", m.end, ls + ROW_REACH + 1)
            le = len(t) if le < 0 else le
            is_row = row_lines.get(ls)
            if is_row is None:
                is_row = row_lines[ls] = self._is_row_line(ls, le)  # (a line's figures ask once)
            if not is_row:
                continue  # (a line that is no table row)
            if ls != last_end + 1:
                out += self._summed_columns(table, rows, at, used)
                table = []
            table.append(ls)
            last_end = le
        out += self._summed_columns(table, rows, at, used)
        return out

    def _summed_columns(self, table: list[int], rows: dict, at: dict, used: set[int]) -> list[Breakdown]:
        """The breakdowns of one table's columns (see _column_sums)."""
        if not 2 <= len(table) <= MAX_PARTS:
            return []
        cells = [self._row(ls, rows) for ls in table]
        n = len(cells[0])
        if (
            not 2 <= n <= MAX_PARTS
            or any(len(c) != n for c in cells)
            or any(self._is_total_label(self._label(c)) for c in cells)
        ):
            return []  # (rows set out otherwise, or a total row: _table_totals reads it)
        out = []
        for k in range(1, n):
            found = [at.get(c[k][0]) for c in cells]
            parts = [p for p, c in zip(found, cells, strict=True) if p is not None and p.end == c[k][1]]
            if len(parts) < len(cells) or any(
                p.number.qualifier != "exact" or id(p) in used or not same_kind(p, parts[0]) for p in parts
            ):
                continue
            total = self._stated_before(table[0], parts)
            if total is not None:  # (a part may total its own column)
                # (园区⇥受理量: each row a share of the requests its header names; 类别⇥件数: kinds of them)
                rows_named = self._header_names(table[0], n, k, total.kpi, rows)
                out.append(Breakdown(total, parts, "partition", rows=rows_named))
                used.update(id(p) for p in parts)
        return out

    def _stated_before(self, lo: int, parts: list):
        """The last figure before ``lo`` (and within COLUMN_SUM_REACH of it), outside any table row,
        of the parts' kind that they add up to exactly; None where there is none."""
        t = self.t
        i, j = bisect_left(self.starts, lo - COLUMN_SUM_REACH), bisect_left(self.starts, lo)
        for k in range(
            j - 1, max(i, j - STATED_LOOKBACK) - 1, -1
        ):  # (a bounded look: dense text stays linear)
            c = self.ms[k]
            if (
                c.end <= lo
                and c.number.qualifier == "exact"
                and value_of(c) >= MIN_UNMARKED
                and same_kind(c, parts[0])
                and adds_up(c, parts, UNMARKED_CAP)
            ):
                ls = t.rfind("\n", max(0, c.start - ROW_REACH), c.start) + 1
                le = t.find("\n", c.end, c.end + ROW_REACH)
                if self._is_row_line(ls, le if le >= 0 else len(t)):
                    continue  # (a figure of another table's row)
                return c
        return None

    def _header_names(self, first: int, n: int, k: int, kpi: str | None, rows: dict) -> bool:
        """Whether the header line right above a table's first row at ``first`` names ``kpi`` in
        its cell ``k`` (of ``n``)."""
        if kpi is None or first == 0:
            return False
        head = self.t.rfind("\n", max(0, first - 1 - ROW_REACH), first - 1) + 1
        cells = self._row(head, rows)
        if len(cells) != n:
            return False
        return any(kpi in h.roles.kpis for h in self.cues.within(cells[k][0], cells[k][1]))

    def _is_total_label(self, label: str) -> bool:
        """合计, 全市, or a total naming its scope (区域合计)."""
        return label in TOTAL_WORDS or SCOPED_TOTAL_RE.fullmatch(label) is not None

    def _is_row_line(self, ls: int, le: int) -> bool:
        """Whether the line [ls, le) is set out as a table row: with tabs, cells between |, or
        cells lined up by runs of spaces and no sentence's punctuation (离焦镜片    31.2    新品)."""
        t = self.t
        if t.find("\t", ls, le) >= 0 or t.count("|", ls, le) >= 2:
            return True
        return SPACED_GAP_RE.search(t, ls, le) is not None and find_any(t, PROSE_MARKS, ls, le) < 0

    def _column(self, total, ls: int, k: int, from_right: bool, rows: dict, at: dict) -> list:
        """The figures right above the total in its column (k cells from the row's right end,
        or from its left), up to the first row that has none there (the header)."""
        t, row = self.t, ls
        parts: list = []
        while len(parts) < MAX_PARTS and row > 0:
            prev = t.rfind("\n", max(0, row - 1 - ROW_REACH), row - 1) + 1
            if prev == 0 and row - 1 > ROW_REACH:
                break
            line = t[prev : row - 1]
            if not line.strip() or set(line) <= RULE_LINE_CHARS:
                break  # (an empty line, or ───── under the header: the rows stop there)
            cells = self._row(prev, rows)
            i = len(cells) - 1 - k if from_right else k
            if i < 1 or i >= len(cells) or self._label(cells) in TOTAL_ROWS:
                break  # (a row with no label cell before it, or another total row: no part of this one)
            if t[cells[i][0] : cells[i][1]] in EMPTY_CELLS:
                row = prev  # (— for none in this column: the rows above go on)
                continue
            part = at.get(cells[i][0])
            if part is None or part.end != cells[i][1] or not same_kind(part, total):
                break
            parts.append(part)
            row = prev
        parts.reverse()
        return parts

    def _aligned(self, ls: int, n: int, rows: dict) -> bool:
        """Whether the row right above the total row has as many cells (no cell left out)."""
        prev = self.t.rfind("\n", max(0, ls - 1 - ROW_REACH), ls - 1) + 1
        return len(self._row(prev, rows)) == n

    def _row(self, ls: int, rows: dict) -> list[tuple[int, int]]:
        """The cells of the line at ls: split at |, else at tabs, else at spaces."""
        cells = rows.get(ls)
        if cells is None:
            t = self.t
            le = t.find("\n", ls, ls + ROW_REACH + 1)
            le = min(len(t), ls + ROW_REACH + 1) if le < 0 else le
            split = CELL_RE if t.count("|", ls, le) >= 2 or "\t" in t[ls:le] else SPACED_CELL_RE
            cells = [c.span() for c in split.finditer(t, ls, le)]
            if len(cells) > 2 and spaced_total(t[cells[0][0] : cells[0][1]], t[cells[1][0] : cells[1][1]]):
                cells[:2] = [(cells[0][0], cells[1][1])]  # (合  计: the label spaced out, one cell)
            rows[ls] = cells
        return cells

    def _label(self, cells: list[tuple[int, int]]) -> str:
        """A row's first cell, its words run together (合  计 is 合计)."""
        return "".join(self.t[cells[0][0] : cells[0][1]].split())
