"""Template blanks: figures left out (共销售多层套, 实现销售万元) or masked (未交xx户).

A blank is never a mention with a value; it is reported with the KPI it would
have been.  Rules and word lists live in data/placeholders.yaml.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import yaml

from service.engine.cells import UNIT_NOTE, label_unit
from service.engine.findchars import find_any, is_han, matches_at, positions, trie_pattern
from service.engine.lexicon import data_path, units
from service.engine.numerals import CN_CHARS
from service.engine.reading import ASCII_LETTERS, INLINE_SPACE, PUNCT, Mention
from service.engine.sections import Geometry

MONEY_SLOT_REACH: Final = 8  # GMV累计突破[X]: characters from a money word's start to its slot
SLOT_REACH: Final = 4  # a slot word must end at most this many characters before the unit
APPROX_SLOTS: Final = ("约", "近", "超", "共", "计")  # …then a form's gap and a measure word: a blank
# spaces a form leaves for a figure before its unit, at most (签约面积        平方米)
FIGURE_AFTER_COLON_RE: Final = re.compile(r"[ \t\u3000]*[：:][ \t\u3000]*\d")
SPACED_BLANK: Final = 10
FORM_GAP: Final = 2  # spaces, at least, where a form left a figure out (上月  件): a blank
ENDS_SLOT: Final = set(PUNCT) | {"未", ""}
PERCENT_WORD: Final = "百分之"  # 百分之xx: a percentage written out, its figure masked
ITEM_NAME_REACH: Final = 10  # characters from a masked name's unit to its item's colon, at most
MASK_RUN: Final = 4  # masks one blank runs to at most
SCALE_SLOTS: Final = ("万", "亿")  # 当月成交金额××万: a masked sum written with its scale word only

MASKED_NAMES: Final = frozenset(
    ("支行", "分行", "部门", "分部", "总部", "分店", "门店", "人眼", "人看")
)  # (在xx人眼中)


@dataclass(slots=True)
class Placeholder:
    start: int
    end: int
    unit: str | None
    dimension: str
    kpi: str | None = None
    section: int = 0
    written: int = 1  # length of the unit as written (万元 → 2), where the figure would end
    # the mention (or blank) of a like clause before it (车卡380张，非机动车张; 剩余xx套，其中住宅套)
    parallel_to: "Mention | Placeholder | None" = None


@lru_cache(maxsize=1)
def _rules():
    raw = yaml.safe_load(data_path("SUANPAN_PLACEHOLDERS_FILE", "placeholders.yaml").read_text("utf-8"))
    u = units()
    scoped = {w: x for w, x in u.by_text.items() if x.dimension in ("count", "currency", "area", "percent")}
    mask_units = sorted(set(scoped) | set(raw["mask_units"]), key=len, reverse=True)
    masks = re.escape(raw["masks"])
    # xx户, ****套, 4xx7736元 (digits around a mask), xx.88个百分点
    mask_re = re.compile(
        r"\d*(?:["
        + masks
        + r"]{1,4}\d*){1,3}(?:[.．](?:\d|["
        + masks
        + r"])+)?[ \t]?[余多]?(?:[万亿千百][余多]?)?("
        + trie_pattern(mask_units)
        # (or a scale word alone, ending the word: 认购金额××万, tried after every unit)
        + "|["
        + "".join(SCALE_SLOTS)
        + "](?![\u4e00-\u9fff]))"
    )
    # 达到Y万次, 保持在A%以上: one capital letter standing for a figure
    letter_re = re.compile(
        # (the letter first: a pattern opening with a character class is scanned for in C; the
        # character before it is one of letter_before, checked in _letters, so no letter or digit)
        r"[A-Z](?![A-Za-z0-9])[ \t]?(?:[万亿千百])?("
        + trie_pattern(sorted(set(mask_units) - set(raw["not_letter_units"]), key=len, reverse=True))
        # (or a scale word alone, ending the word, after a money word: 销售额Z万, 贡献Y亿)
        + "|["
        + "".join(SCALE_SLOTS)
        + "](?![\u4e00-\u9fff]))"
    )
    # [具体数量]家, 同比[具体百分比], [X]万元: a bracketed slot, then its unit if one is written
    # (or round brackets with nothing but spaces inside, a unit after them: 接待顾客（  ）人次)
    bracket_re = re.compile(
        r"(?:[\[【［]([^\]】］\d\n]{0,8})[\]】］]|[（(]([ \t\u3000]{1,6})[)）])[ \t]?(?:[万亿千百])?("
        + trie_pattern(mask_units)
        + ")?"
    )
    clear_re = re.compile(trie_pattern(raw["clear_units"]))
    never = set(raw.get("never_blank_units") or ())
    count_units = {w for w, x in u.by_text.items() if x.dimension == "count" and w not in never}
    # unit → the characters that would continue it into a longer unit (个 → 月 for 个月)
    prefixes = {}
    for w in u.by_text:
        for v in u.by_text:
            if v != w and v.startswith(w):
                prefixes.setdefault(w, set()).add(v[len(w)])
    return {
        "unit_prefixes": prefixes,
        "mask_re": mask_re,
        "letter_re": letter_re,
        "letter_before": set(raw["letter_before"]),
        "bracket_re": bracket_re,
        "bracket_kinds": dict(raw["bracket_kinds"]),
        "money_slot_words": tuple(raw.get("money_slot_words") or ()),
        "figure_slots": tuple(raw.get("figure_slots") or ()),
        "masks": set(raw["masks"]),
        "clear_re": clear_re,
        "clear_firsts": "".join(sorted({w[0] for w in raw["clear_units"]})),
        "yuan_slot_words": tuple(sorted(raw.get("yuan_slot_words") or (), key=len, reverse=True)),
        "not_before_clear": set(raw["not_before_clear"]),
        "not_after_clear": tuple(raw.get("not_after_clear") or ()),
        "slot_re": re.compile(trie_pattern(raw["slot_words"])),
        "stop_words": frozenset(raw["stop_words"]),
        "vague_before_stop": set(raw["vague_before_stop"]),
        # what a measure word ending a blank never follows (bar a digit, checked with isdigit)
        "not_before_slot_end": frozenset(CN_CHARS) | PUNCT | set(raw["masks"]) | set(raw["not_before_count"]),
        "count_units": count_units,
        # a measure word ending its slot: followed by punctuation, 未 or the end (C-level filter)
        # (one character class, so the scan skips in C: a two-character unit, 人次, is found by
        # its last character and widened back)
        "count_char_re": re.compile(
            "["
            + re.escape("".join(sorted({w[-1] for w in count_units if len(w) <= 2})))
            + "](?=["
            + re.escape("".join(sorted(ENDS_SLOT - {""})))
            + "]|$)"
        ),
        "two_char_counts": frozenset(w for w in count_units if len(w) == 2),
    }


ROUND_GAPS: Final = tuple(b + g for b in "(（" for g in " \t\u3000")  # a round bracket opening on a gap


@lru_cache(maxsize=1)
def blank_masks() -> frozenset[str]:
    """The characters templates write for a figure left out (placeholders.yaml ``masks``)."""
    return frozenset(_rules()["masks"])


UNIT_NOTE_RE: Final = re.compile(UNIT_NOTE)  # a header's or a label's unit in brackets, anywhere


def _numeral(c):
    return c.isdigit() or c in CN_CHARS


class BlankFinder:
    """Finds the blanks of one folded text, given its mentions."""

    def __init__(
        self, folded: str, mentions: list[Mention], geometry: Geometry, no_figures: bytearray
    ) -> None:
        """``no_figures``: the reader's map of set phrases and web addresses (千家万户 leaves
        no figure blank), one byte per character, nonzero where covered."""
        self.t = folded
        self.geo = geometry
        self.r = _rules()
        self.covered = bytearray(no_figures)
        for m in mentions:
            self.covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        if "（" in folded or "(" in folded:
            # (库存（套/个）, 佣金（港币万元）: a column's unit, no blank)
            for note in UNIT_NOTE_RE.finditer(folded):
                if label_unit(note.group()) is not None:
                    self.covered[note.start() : note.end()] = b"\x01" * (note.end() - note.start())
        self.by_end = {m.end: m for m in mentions}
        self.blank_ends: dict[int, Placeholder] = {}  # (the blanks found so far, by where they end)

    def find(self) -> list[Placeholder]:
        found = {}
        finders = (
            self._bracketed,
            self._percent_word,
            self._masked,
            self._letters,
            self._clear,
            self._bare_yuan,
            self._counts,
            self._vague,
        )
        for finder in finders:
            for ph in finder():  # each finder sees what the ones before it took
                if self.covered.find(1, ph.start, ph.end) < 0 and ph.start not in found:
                    found[ph.start] = ph
                    self.blank_ends[ph.end] = ph
                    self.covered[ph.start : ph.end] = b"\x01" * (ph.end - ph.start)
        return [found[k] for k in sorted(found)]

    def _unit(self, word):
        u = units().by_text.get(word)
        return (u.unit, u.dimension) if u else (word, "duration")

    def _masked(self) -> list[Placeholder]:
        """未交xx户, 接到了xxx个电话, 计划实现销售xx元 (but 20xx年 is a year)."""
        t, out = self.t, []
        u = units()
        prefixes = self.r["unit_prefixes"]
        for m in matches_at(self.r["mask_re"], t, self.r["masks"]):
            s, e = m.span()
            while s > 0 and t[s - 1].isdigit():
                s -= 1  # 4xx7736元: the written digits belong to the blank
            if s > 0 and (t[s - 1].isascii() and t[s - 1].isalpha() or t[s - 1] == "第"):
                run = t[s : m.start(1)].rstrip("万亿千百余多 \t")
                if t[s - 1] == "第" or len(run) < 2 or not all(c in "_＿" for c in run):
                    continue  # (第XX条: an ordinal; AXX型: a name; but GMV____万元 is a form's blank)
            if not any(c in self.r["masks"] for c in t[s : m.start(1)]):
                continue  # (digits alone are the reader's)
            word = m.group(1)
            run = t[s : m.start(1)]
            if ("_" in run or "＿" in run) and (
                any(c.isdigit() for c in run)
                or len(run) < 2
                and not (s > 0 and is_han(t[s - 1]) and t[e : e + 1] in ENDS_SLOT)
            ):
                # (_40_元: underscores joining a scraped page's words; a form's blank is ____元, or
                # one _ between a word and its unit that ends the clause: 营业收入_元，)
                continue
            if (
                t[e - len(word) : e + 1] in MASKED_NAMES
                or not ("_" in run or "＿" in run)
                and self._names_an_item(e)
            ):
                continue  # ××支行, ××部门, XX片（集采品种）：: a masked name, not a blank figure
            if run[:1] in "×*＊" and run[1:].replace(".", "").isdigit():
                continue  # 办结件数/受理件数*100%, 课程收入×35%: a formula's times, no blank
            if t[m.start(1) : m.start(1) + 2] in u.unit_word_starts:
                continue  # 多少?笔者认为: a question mark, then a word that opens with a unit
            if word in prefixes and t[e : e + 1] in prefixes[word]:
                longest = u.match(t, m.start(1))
                if longest is not None and longest.text != word:
                    continue  # x个月: the mask stands before a longer, out-of-scope unit
            if word in SCALE_SLOTS:
                if self._money_word_before(s) < 0:
                    continue  # (xx万 after no money word: no telling what it counts)
                out.append(Placeholder(s, e, "CNY", "currency", None, 0, 1))
                continue
            x = u.by_text[word]
            out.append(Placeholder(s, e, x.unit, x.dimension, None, 0, len(word)))
        return out

    def _names_an_item(self, e: int) -> bool:
        """Whether the words after a masked figure's unit run, as a name's do, to an item's colon
        (1）XX注射液：, 2）XX片（集采品种）：4,300盒): a masked product's name, no blank."""
        t = self.t
        colon = find_any(t, "：:", e, min(len(t), e + ITEM_NAME_REACH))
        return colon > e and all(is_han(c) or c in "（）()" for c in t[e:colon])

    def _bracketed(self) -> list[Placeholder]:
        """新开门店[具体数量]家, 同比[具体百分比], 销售总额为[X]元: a slot in brackets; with no
        unit after it, the words inside say what it holds (百分比 → %, 金额 → 元)."""
        t, u = self.t, units()
        out: list[Placeholder] = []
        if "[" not in t and "【" not in t and "［" not in t and not any(g in t for g in ROUND_GAPS):
            return out
        prev_end = 0
        for m in self.r["bracket_re"].finditer(t):
            round_ = m.group(1) is None
            inside, word = m.group(2) if round_ else m.group(1), m.group(3)
            money = -1
            if round_ and not word:
                continue  # (  ): a gap in brackets is a slot only before its unit
            if word:
                if not self._figure_slot(inside):
                    continue  # 【市场开拓】对重点客户: a heading in brackets, then a word
                x = u.by_text[word]
                unit, dim = x.unit, x.dimension
            else:
                kind = next((v for k, v in self.r["bracket_kinds"].items() if k in inside), None)
                if kind is None and self._figure_slot(inside):
                    money = self._money_word_before(m.start())
                if money >= 0:
                    kind = ("CNY", "currency")  # GMV突破[X]: the money word says what it holds
                if kind is None:
                    continue  # [注], [1]: a note, not a slot
                unit, dim = kind
            lo, _ = self.geo.clause(m.start(), m.end())
            start = max(lo, prev_end, m.start() - SLOT_REACH)  # the slot's words: 同比, 新开门店 …
            if money >= 0:
                start = max(min(start, money), prev_end)  # (its money word whole: GMV突破[X])
            start = self._past_covered(start, m.start())  # (较上一年度提升了[X]个百分点)
            while start < m.start() and t[start] in " \t\u3000":
                start += 1
            out.append(Placeholder(start, m.end(), unit, dim, None, 0, m.end() - m.start()))
            prev_end = m.end()
        return out

    def _past_covered(self, start: int, s: int) -> int:
        """A blank's words start no earlier than the figure or blank before it ends: the first
        place from ``start`` up to the blank itself at ``s`` that none covers."""
        while start < s and self.covered[start]:
            start += 1
        return start

    def _figure_slot(self, inside: str) -> bool:
        """[X], [xx], [具体数值]: a slot that says only that a figure goes there."""
        masks = self.r["masks"]
        return (
            all(c in masks or c in ASCII_LETTERS or c in INLINE_SPACE for c in inside)
            or any(w in inside for w in self.r["figure_slots"])
            or any(w in inside for w in self.r["bracket_kinds"])
        )

    def _money_word_before(self, s: int) -> int:
        """Where a money word stands right before s, perhaps with a verb between (GMV突破[X],
        成交额为[X]), or -1."""
        t = self.t
        lo = max(0, s - MONEY_SLOT_REACH)
        for k in range(s - 1, lo - 1, -1):
            if t[k] in PUNCT:
                lo = k + 1  # (the clause's own words only)
                break
        return max(t.rfind(w, lo, s) for w in self.r["money_slot_words"])

    def _percent_word(self) -> list[Placeholder]:
        """满意率为百分之xx, 百分之〇〇: the figure of 百分之 masked."""
        t, masks, out = self.t, self.r["masks"], []
        for s in positions(t, (PERCENT_WORD,)):
            e = s + len(PERCENT_WORD)
            while e < len(t) and e - s - len(PERCENT_WORD) < MASK_RUN and t[e] in masks:
                e += 1
            if e > s + len(PERCENT_WORD) and not (e < len(t) and (t[e] in masks or t[e].isdigit())):
                out.append(Placeholder(s, e, "%", "percent", None, 0, 0))
        return out

    def _letters(self) -> list[Placeholder]:
        """达到Y万次, 接待Z万人次, 保持在A%以上: a capital letter where the figure goes, after a
        word that a figure follows (到, 待, 在 …), so A类, B座 stay names."""
        t, out, u = self.t, [], units()
        for m in self.r["letter_re"].finditer(t):
            s = m.start()
            if m.group(1) in SCALE_SLOTS:
                money = self._money_word_before(s)
                if money >= 0:  # (Z万 after no money word: no telling what it counts)
                    out.append(Placeholder(money, m.end(), "CNY", "currency", None, 0, m.end() - s))
                continue
            if s == 0 or t[s - 1] not in self.r["letter_before"]:
                continue
            x = u.by_text[m.group(1)]
            start = self._past_covered(max(0, s - 2), s)  # (任务XXX万元的Y%)
            out.append(Placeholder(start, m.end(), x.unit, x.dimension, None, 0, m.end() - s))
        return out

    def _clear(self) -> list[Placeholder]:
        """销售面积平方米, 实现销售万元: a unit no ordinary word ends with, and no number."""
        t, out = self.t, []
        for m in matches_at(self.r["clear_re"], t, self.r["clear_firsts"]):
            s = m.start()
            k = s
            while k > 0 and s - k < SPACED_BLANK and t[k - 1] in " \u3000":
                k -= 1  # 销售金额达到  万元: a form's blank left as spaces
            prev = t[k - 1] if k > 0 else ""
            if k < s and not is_han(prev):
                continue
            if not prev or _numeral(prev) or prev in self.r["not_before_clear"] or prev in self.r["masks"]:
                continue
            if prev in PUNCT or self.covered[s]:
                continue
            if t.startswith(self.r["not_after_clear"], m.end()):
                continue  # 万元户 is an idiom; 亿元规模, 千万元级: a size, no blank
            word = m.group()
            unit, dim = self._unit(word.lstrip("万亿"))
            lo, _ = self.geo.clause(k - 1 if k < s else s, m.end())  # (a gap of spaces ends no clause here)
            start = self._past_covered(max(lo, k - 4), k)  # (指标XX万元的多少%)
            out.append(Placeholder(start, m.end(), unit, dim, written=len(word)))
        return out

    def _bare_yuan(self) -> list[Placeholder]:
        """本月实际完成销售元，回款目标为元: 元 right after a word a sum follows, ending its clause."""
        t, words = self.t, self.r["yuan_slot_words"]
        out: list[Placeholder] = []
        if not words:
            return out
        for s in positions(t, "元"):
            if t[s + 1 : s + 2] not in ENDS_SLOT or self.covered[s]:
                continue  # 元旦, 元素; a figure's own 元
            word = next((w for w in words if t.endswith(w, 0, s)), None)
            if word is not None:
                lo, _ = self.geo.clause(s, s + 1)
                out.append(Placeholder(max(lo, s - len(word)), s + 1, "CNY", "currency"))
        return out

    def _counts(self) -> list[Placeholder]:
        """共销售多层套, 剩余户未放户, 非机动车张: a measure word ending a slot with no number."""
        t, r, out = self.t, self.r, []
        covered, no_slot, stop_words = self.covered, r["not_before_slot_end"], r["stop_words"]
        count_units = r["count_units"]
        two_char = r["two_char_counts"]
        for m in r["count_char_re"].finditer(t):  # (which has seen the slot end after it)
            i, end = m.start(), m.end()
            if i and t[i - 1 : i + 1] in two_char:
                i -= 1  # 总计人次: the unit whole
            elif m.group() not in count_units:
                continue  # (the last character of a two-character unit, alone)
            if covered[i] or covered[end - 1] or i == 0 or FIGURE_AFTER_COLON_RE.match(t, end):
                continue  # (来访人次：867: a label, its figure after the colon)
            if t[end : end + 1] in ("\t", "|") and is_han(t[i - 1]) and self._header_line(i):
                continue  # (类别⇥接待人次⇥间夜: a table header's cell, no blank)
            k = i
            while k > 0 and i - k < SPACED_BLANK and t[k - 1] in " \u3000":
                k -= 1
            if k < i and t[k - 1 : k] in APPROX_SLOTS:
                # 累计到场客户约   组: a form's gap after 约, where the figure goes
                out.append(Placeholder(k - 1, end, t[i:end], "count"))
                continue
            if i - k >= FORM_GAP and (is_han(t[k - 1]) or t[k - 1] in "（(") and t[end : end + 1] != "\n":
                # 上月  件）, 超期工单  件，, XX社区（  件）: a form's gap of spaces, then the measure word,
                # in running text (名称    件 ending a line: a table's header)
                start = k - 1
                while start > 0 and k - start < SLOT_REACH and is_han(t[start - 1]):
                    start -= 1  # (the words the gap is of)
                out.append(Placeholder(start, end, t[i:end], "count"))
                continue
            prev = t[i - 1]
            if (
                prev in no_slot
                or prev.isdigit()
                or t[i - 1 : i + 1] in stop_words
                or t[i - 2 : i + 1] in stop_words
            ):
                continue  # a figure, punctuation, a mask, 的人, or a word (客户, 配套, 销售部)
            if prev in "余多" and t[i - 2 : i - 1] not in r["vague_before_stop"]:
                continue  # 客户量余个 is the vague rule's
            c = t[i:end]
            lo, _ = self.geo.clause(i, i + 1)
            parallel = self._parallel(lo)
            if parallel is not None and parallel.unit != c:
                parallel = None
            slot = None
            for sm in r["slot_re"].finditer(t, max(lo, i - SLOT_REACH - 2), i):
                if sm.end() >= i - SLOT_REACH:
                    slot = sm
                    break
            if slot is None and parallel is None:
                continue
            start = slot.start() if slot else max(lo, t.rfind("、", lo, i) + 1)  # (其中住宅套、商铺套: each)
            while start < i and t[start] in " \t\u3000":
                start += 1
            out.append(Placeholder(start, end, c, "count", parallel_to=parallel))
        return out

    def _header_line(self, i: int) -> bool:
        """Whether the line holding ``i`` holds no digit (a table's header, not a row with blanks)."""
        t = self.t
        lo = t.rfind("\n", 0, i) + 1
        hi = t.find("\n", i)
        return not any(c.isdigit() for c in t[lo : hi if hi >= 0 else len(t)])

    def _parallel(self, clause_lo: int):
        """The mention ending the clause just before this one, in the same sentence."""
        j = clause_lo - 1
        if j < 0 or self.t[j] in "。！？!?\n":
            return None
        return self.by_end.get(j) or self.blank_ends.get(j)  # (剩余xx套，其中住宅套: a blank's too)

    def _vague(self) -> list[Placeholder]:
        """客户量余个: 余/多 + measure word with no number before it."""
        t, out, u, stop = self.t, [], units(), self.r["vague_before_stop"]
        for s in positions(t, "余多"):
            prev = t[s - 1] if s > 0 else ""
            if not prev or _numeral(prev) or prev in stop or prev in PUNCT:
                continue
            unit = u.match(t, s + 1)
            if unit is None or unit.dimension != "count":
                continue
            end = s + 1 + len(unit.text)
            nxt = t[end] if end < len(t) else ""
            if nxt not in ENDS_SLOT:
                continue
            lo, _ = self.geo.clause(s, end)
            out.append(Placeholder(max(lo, s - 3), end, unit.unit, "count", written=len(unit.text) + 1))
        return out
