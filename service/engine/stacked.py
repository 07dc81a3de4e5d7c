"""Tables pasted one cell per line (a spreadsheet copied into a plain-text box), set out again
as rows of tab-separated cells, every offset kept (a line break between two cells of a row
becomes a tab), so the table stages (cells.py, tables.py) read them as they read any table:

    指标⏎本月⏎上月⏎来电量（通）⏎9,842⏎10,315⏎投诉量（件）⏎37⏎52
    → 指标⇥本月⇥上月⏎来电量（通）⇥9,842⇥10,315⏎投诉量（件）⇥37⇥52

A block is a run of short lines with no clause punctuation.  Its first bare figure and the
figures right after it give the number of columns (that many, and the row label before
them); the same number of words right before that label, none a figure, are its header.  Each
row after is a label and as many figures; two rows at least.  A label and its figure line by
line (销售额⏎486.2⏎毛利额⏎97.3) is a table of two columns with no header.
"""

import re
from functools import lru_cache
from typing import Final

from service.engine.lexicon import units

CELL_LINE: Final = 24  # characters a cell's line holds at most
MIN_ROWS: Final = 2
MIN_HEADED_COLUMNS: Final = 3  # … or one row, under a header this wide
# a cell holding a figure alone (9,842, 52.4%, -3.1, ↑9.03%), or a dash or slash for one left out
FIGURE_CELL_RE: Final = re.compile(r"[+\-−↑↓]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?|[—–\-/]{1,2}")
# a line of a figure alone (perhaps with the bar a web page's table scraped cell by cell ends it on)
FIGURE_LINE_RE: Final = re.compile(r"\n[ \t]*[+\-−↑↓]?\d[\d,.]*[%％]?[ \t]*\|?[ \t]*(?:\n|$)")
FIGURE_UNIT_RE: Final = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?([\u4e00-\u9fff]{1,3})")
CELL_DIMENSIONS: Final = ("count", "currency")
PROSE_CHARS: Final = frozenset("。，；;！？!?|\t")  # (a line with one is a sentence or already a row)


def tabulate_stacked(text: str) -> str:
    """``text`` with each table found written one cell per line set out as tab-separated rows."""
    if text.count("\n") < 2 * MIN_ROWS - 1 or FIGURE_LINE_RE.search(text) is None:
        return text  # (two rows of a label and a figure: four lines; most texts: no figure alone on a line)
    out: list[str] | None = None
    lines = text.split("\n")
    starts, k = [], 0
    for line in lines:
        starts.append(k)
        k += len(line) + 1
    cells = [_unbarred(line) for line in lines]
    i = 0
    while i < len(lines):
        if not _cell_like(cells[i]):
            i += 1
            continue
        # the block's cell lines; a page may leave one empty line after each cell
        block, j = [i], i + 1
        while j < len(lines):
            if _cell_like(cells[j]):
                block.append(j)
            elif lines[j].strip() or j + 1 == len(lines) or not _cell_like(cells[j + 1]):
                break
            j += 1
        joins = _joins([cells[n] for n in block])  # (the cells, by place in the block, that end one)
        if joins:
            if out is None:
                out = list(text)
            for n in block:  # (the bar ending a scraped cell: a tab will part it)
                if len(cells[n]) < len(lines[n]):
                    out[starts[n] + len(cells[n])] = " "
            joined = set(joins)  # (a set: a block of thousands of cells is asked of each)
            for k in range(min(joins), max(joins) + 1):
                a, b = block[k], block[k + 1]
                end = starts[a] + len(lines[a])  # (the line break after the cell)
                if k in joined:
                    out[end] = "\t"
                    out[end + 1 : starts[b]] = " " * (starts[b] - end - 1)
                elif b > a + 1:  # (the next row, after an empty line: the row goes on as spaces)
                    out[end : starts[b] - 1] = " " * (starts[b] - 1 - end)
        i = j
    return text if out is None else "".join(out)


def _unbarred(line: str) -> str:
    """A line with the bar that ends a cell of a table scraped cell by cell (销售额 |) left off."""
    words = line.rstrip(" \t")
    return words[:-1] if words.endswith("|") and words.count("|") == 1 else line


def _cell_like(line: str) -> bool:
    words = line.strip()
    return 0 < len(words) <= CELL_LINE and not PROSE_CHARS.intersection(words)


def _is_figure(line: str) -> bool:
    words = line.strip()
    if FIGURE_CELL_RE.fullmatch(words) is not None:
        return True
    # a figure and its measure word or currency (1,826件, 418.6万元), not a label (1月, 3号楼)
    m = FIGURE_UNIT_RE.fullmatch(words)
    return m is not None and m.group(1) in _cell_units()


@lru_cache(maxsize=1)
def _cell_units() -> frozenset[str]:
    """The units a cell's figure may carry: counts' and money's, bare or after 万 or 亿."""
    written = {w for w, u in units().by_text.items() if u.dimension in CELL_DIMENSIONS}
    return frozenset(written | {s + w for w in written for s in ("万", "亿")})


def _joins(block: list[str]) -> list[int]:
    """The lines of a block whose line break joins the next line's cell to its row."""
    figures = [_is_figure(line) for line in block]
    if True not in figures:
        return []
    f = figures.index(True)
    if f == 0:
        return []
    c = 0
    while f + c < len(block) and figures[f + c]:
        c += 1
    columns = c + 1  # the row label and its figures
    label = f - 1
    head = label - columns
    joins: list[int] = []
    headed = head >= 0 and not any(figures[head:label])
    if headed:
        joins += range(head, label - 1)  # the header's cells, joined as one row
    rows, r = 0, label
    while r + columns <= len(block) and not figures[r] and all(figures[r + 1 : r + columns]):
        joins += range(r, r + columns - 1)
        rows += 1
        r += columns
    # one row is a table too under a header of three columns or more (区县⏎2864⏎-6.35%⏎1.20%)
    return joins if rows >= MIN_ROWS or rows and headed and columns >= MIN_HEADED_COLUMNS else []
