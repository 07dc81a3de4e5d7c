"""Numbers as written in reports → values, ranges and qualifiers.

Reads Arabic digits (with thousands separators and decimals), full-width digits,
Chinese numerals (两, 〇/零, 点, financial forms), mixed forms (1.2万) and the
vague forms reports use (七八 = 7–8, 十几 = 11–19, 几十 = 20–99, 数亿, 三万余).
Plain Chinese integers go through cn2an; what cn2an reads wrongly for reports
(``cn2an.cn2an("七八")`` is 78) is handled here before it gets there.

Not handled yet (listed in tests/peers_exceptions.yaml): mixed fractions
(一又二分之一) and slash fractions (1/2), 半, spoken abbreviations (千一, 萬九), 兆,
and numbers spelled with spaces between their digits.
"""

import math
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Final, NamedTuple

import cn2an

from service.engine.findchars import positions

# One-to-one character folding: offsets in the folded text equal the input's.
# Full-width digits and signs fold to ASCII, and traditional numeral characters to the
# forms the reader knows (參 is the financial 叁 here, not 参); over these, every
# traditional character of data/traditional.tsv (OpenCC's table) folds to its simplified one.
TRADITIONAL_NUMERALS: Final = (
    "兩萬億點個塊圓貳參陸隻張輛臺幣負倆"  # (traditional forms: they mark the script)
)
FOLD_NUMERALS: Final = dict(
    zip(
        "０１２３４５６７８９．﹒％﹪－～＄￥＞＜｜╱" + TRADITIONAL_NUMERALS,
        "0123456789..%%-~$¥><|/两万亿点个块圆贰叁陆只张辆台币负两",
        strict=True,
    )
)  # ﹒: Hong Kong's decimal point; ﹪: the small percent sign; ｜: a table's column bar typed full-width;
# ╱ (a box-drawing diagonal): the slash of 元╱平方米
# full-width Latin letters as their ASCII selves (ＸＸ台 is a template's blank as XX台 is; ＧＭＶ)
FOLD_NUMERALS.update({chr(c): chr(c - 0xFEE0) for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]})
TRADITIONAL: Final = Path(__file__).resolve().parent / "data" / "traditional.tsv"


@lru_cache(maxsize=1)
def _fold_tables():
    """(str.translate table, regex finding a character to fold, regex finding a traditional
    character), loaded once.

    data/traditional.tsv: ``traditional<TAB>simplified`` lines, one character each,
    ``#`` comments; written by scripts/traditional_table.py from OpenCC's tables.
    """
    table = {}
    for line in TRADITIONAL.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            if len(a) == 1 and len(b) == 1:
                table[a] = b
    # (the traditional numerals and measure words of FOLD_NUMERALS count too: 套36億 is written so
    # only where traditional characters are; full-width digits and signs are not such)
    traditional = re.compile(
        "[" + re.escape("".join(sorted((set(table) - set(FOLD_NUMERALS)) | set(TRADITIONAL_NUMERALS)))) + "]"
    )
    table.update(FOLD_NUMERALS)
    # one character set of BMP characters: the regex scans simplified text at ~200 M chars/s,
    # where translating it would cost a tenth of the engine's time
    return str.maketrans(table), re.compile("[" + re.escape("".join(sorted(table))) + "]"), traditional


def fold(text: str) -> str:
    """The text with full-width digits and traditional characters folded to simplified, and groups of
    thousands parted by a space given a comma (same length).

    >>> fold("銷售住宅１２８套")
    '销售住宅128套'
    """
    table, finder, _ = _fold_tables()
    folded = text.translate(table) if finder.search(text) else text
    if "w" in folded or "k" in folded:
        folded = _scale_letters(folded)
    if " " in folded:
        folded = _spaced_thousands(folded)
    return folded


# 储蓄业务收入6 162.6万元, 售水量13 629万吨: a yearbook's thin space between groups of thousands, a
# word right before the figure and its unit or scale word right after (not 合计 141 126: two cells)
SPACED_THOUSANDS_RE: Final = re.compile(
    r"(?<=[\u4e00-\u9fff])\d{1,3}(?: \d{3})+(?:\.\d+)?(?=[\u4e00-\u9fff])"
)


def _spaced_thousands(text: str) -> str:
    """The text with the spaces that group thousands turned to commas (the spaces found with
    str.find: most texts have a few, and none of them between two digits)."""
    n = len(text)
    if not any(
        0 < i and i + 3 < n and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit()
        for i in positions(text, " ")
    ):
        return text
    return SPACED_THOUSANDS_RE.sub(_comma_grouped, text)


def _comma_grouped(m: re.Match[str]) -> str:
    return m.group().replace(" ", ",")


# 12.3w, 10w+, 2.4k单: informal scale letters right after digits, read as 万 and 千 (lower case
# only: 100W is watts, 4K a screen) where no letter or digit follows (5w1h, 3k2 are codes)
SCALE_LETTERS: Final = {"w": "万", "k": "千"}
NOT_AFTER_SCALE_LETTER: Final = frozenset(string.ascii_letters + string.digits)


def _scale_letters(text: str) -> str:
    """The text with each scale letter after a digit replaced (its letters found with str.find:
    a regex scan of a whole report for two letters costs as much as reading its figures)."""
    pieces, last, n = [], 0, len(text)
    for i in positions(text, "wk"):
        if i and text[i - 1].isdecimal() and (i + 1 == n or text[i + 1] not in NOT_AFTER_SCALE_LETTER):
            pieces += [text[last:i], SCALE_LETTERS[text[i]]]
            last = i + 1
    return "".join(pieces) + text[last:] if pieces else text


def traditional_count(text: str) -> int:
    """How many traditional characters ``text`` writes (full-width digits are not such)."""
    return len(_fold_tables()[2].findall(text))


CN_DIGITS: Final = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
    "貳": 2,
    "參": 3,
    "陸": 6,
    "幺": 1,
}
CN_PLACES: Final = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG: Final = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
VAGUE: Final = "几数"  # a digit the writer left open

TENS: Final = {"廿": "二十", "卅": "三十", "卌": "四十"}  # 廿二 = 22
CN_CHARS: Final = "".join(CN_DIGITS) + "".join(CN_PLACES) + "".join(CN_BIG) + VAGUE + "".join(TENS)
DECIMAL_DIGITS: Final = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
# A number core: Arabic (1-3 digit groups with commas, or a plain run) or Chinese.
# between digit groups: a comma, or one space where the next group has exactly three digits
# (1 500万套, 12 680台, as Hong Kong tables and some reports write thousands)
GROUP_SEP: Final = (
    r"(?:[,，]|[ \u00a0\u2009](?=\d{3}(?![\d.%％])))"  # (not 240 118.5% or 300 100%: two columns)
)
NUMBER_RE: Final = re.compile(
    # (4点8个百分点: 点 as the decimal point, spoken style, only before a percentage: 8点30 is a time)
    r"(?P<ar>(?:\d{1,3}(?:" + GROUP_SEP + r"\d{3}(?!\d))+|\d+)(?:\.\d+|点\d+(?=个百分点|%))?)"
    r"|(?P<cn>[" + CN_CHARS + r"]+(?:点[" + DECIMAL_DIGITS + r"0-9]+)?)"
)


class Number(NamedTuple):
    """A number as read: a single ``value``, or ``min``/``max`` for a range.

    Immutable (a named tuple: cheaper to make than a frozen dataclass, and the
    reader makes several per figure), so parsed values can be cached and shared.
    """

    value: float | None
    min: float | None = None
    max: float | None = None
    qualifier: str = "exact"
    ulp: float = 1.0  # the unit of the last written digit, for rounding tolerance

    def scaled(self, factor):
        """The same number times ``factor`` (a scale word such as 万)."""
        return Number(
            _mul(self.value, factor),
            _mul(self.min, factor),
            _mul(self.max, factor),
            self.qualifier,
            self.ulp * factor,
        )

    def with_qualifier(self, qualifier):
        return Number(self.value, self.min, self.max, qualifier, self.ulp)

    def negated(self):
        lo, hi = _mul(self.max, -1), _mul(self.min, -1)
        return Number(_mul(self.value, -1), lo, hi, self.qualifier, self.ulp)


def _mul(v, factor):
    return None if v is None else tidy(v * factor)


EXACT_INT: Final = 10**15  # integers below this survive the 15-digit round trip unchanged


def tidy(v: float | None) -> int | float | None:
    """Round away float noise (1.2*10000 → 12000) and give ints where integral."""
    if type(v) is int and -EXACT_INT < v < EXACT_INT:
        return v  # (what the float round trip below would give back)
    if v is None or not math.isfinite(v):
        return None
    r = float(f"{v:.15g}")  # 544.7 * 1e8 is 54470000000.00001 in binary floating point
    r = round(r, 9)
    if r == int(r) and abs(r) < 2**63:
        return int(r)
    return r


@lru_cache(maxsize=4096)
def parse_arabic(s: str) -> Number:
    """'81,833.14' → Number(81833.14), '4点8' → 4.8; the separators must already be ASCII."""
    digits = (
        s.replace("点", ".")
        .replace(",", "")
        .replace("，", "")
        .replace(" ", "")
        .replace("\u00a0", "")
        .replace("\u2009", "")
    )
    if "." in digits:
        ulp = 10.0 ** -len(digits.split(".", 1)[1])
        return Number(tidy(float(digits)), ulp=ulp)
    return Number(int(digits), ulp=1.0)


@lru_cache(maxsize=4096)
def _cn_integer(s: str):
    """A plain Chinese integer via cn2an; None when it is not one."""
    if not s:
        return None
    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(v) if v == int(v) else None


def _place_of_last(s):
    """The place value of the last written digit (三万二 → 1000, 三万 → 10000)."""
    if not s:
        return 1
    last = s[-1]
    if last in CN_PLACES:
        return CN_PLACES[last]
    if last in CN_BIG:
        return CN_BIG[last]
    if len(s) >= 2 and s[-2] in CN_BIG and last in CN_DIGITS:
        return CN_BIG[s[-2]] // 10  # 三万二 = 32000: the 二 is thousands
    if len(s) >= 2 and s[-2] in CN_PLACES and last in CN_DIGITS and s[-2] != "十":
        return CN_PLACES[s[-2]] // 10  # 三百五 = 350
    return 1


def _split_big(s):
    """Split off the trailing big scale words: '三十五万' → ('三十五', 10000)."""
    factor = 1
    while s and s[-1] in CN_BIG:
        factor *= CN_BIG[s[-1]]
        s = s[:-1]
    return s, factor


def _digit_pair(a, b):
    """七八 / 两三 / 三五: two adjacent digits that read as a range."""
    x, y = CN_DIGITS.get(a), CN_DIGITS.get(b)
    if x is None or y is None or a in "〇零" or b in "〇零":
        return None
    if y == x + 1 or (x, y) == (3, 5):
        return x, y
    return None


@lru_cache(maxsize=4096)
def parse_chinese(s: str) -> Number | None:
    """Read a Chinese numeral string (no unit); None when it is not a number.

    >>> parse_chinese("两千万").value
    20000000
    >>> (parse_chinese("七八").min, parse_chinese("七八").max)
    (7, 8)
    """
    if not s:
        return None
    if any(c in TENS for c in s):
        s = "".join(TENS.get(c, c) for c in s)
    if "点" in s:
        return _parse_cn_decimal(s)
    body, factor = _split_big(s)
    if not body:
        return None
    if body in VAGUE and factor > 1:
        return Number(None, 2 * factor, 10 * factor - 1, "range")
    if body in ("十", "百", "千") and factor > 1:
        return Number(CN_PLACES[body] * factor, ulp=CN_PLACES[body] * factor)
    vague = _parse_vague(body)
    if vague is not None:
        if body[0] in VAGUE:  # 几十万 → 200000..999999: up to the next scale less one
            return Number(None, vague.min * factor, (vague.max + 1) * factor - 1, "range")
        return vague.scaled(factor)
    rng = _parse_pair_range(body)
    if rng is not None:
        return rng.scaled(factor)
    if all(c in CN_DIGITS for c in body) and len(body) > 1:
        # digit by digit: 二〇二三 → 2023 (a year or a code, never a count)
        return Number(int("".join(str(CN_DIGITS[c]) for c in body)), ulp=1.0).scaled(factor)
    whole = _cn_integer(s) if factor > 1 and any(c in CN_BIG for c in body) else None
    if whole is not None:  # 五亿三千万: a big scale inside as well as at the end
        return Number(whole, ulp=_place_of_last(s))
    v = _cn_integer(body)
    if v is None:
        return None
    return Number(v, ulp=_place_of_last(body)).scaled(factor)


def parse_under_yi(s: str) -> Number | None:
    """三亿一千 before 多万: 3亿 and the 一千 under it (300,001,000, as 三亿零一千), which the 万 after
    the 多 then scales (qualifiers._under_larger); None where s is not so written. Alone, 三亿一千 is
    not read: spoken, it is 3.1亿."""
    head, yi, tail = s.rpartition("亿")
    if not yi or not head or not tail or tail[0] in "零〇":
        return None
    high, low = _cn_integer(head + yi), _cn_integer(tail)
    if high is None or low is None or not 0 < low < 10**4:
        return None
    return Number(high + low, ulp=_place_of_last(tail))


def _parse_cn_decimal(s):
    """九十八点五 → 98.5; 三点五万 → 35000."""
    head, _, tail = s.partition("点")
    tail, factor = _split_big(tail)
    if not tail or any(c not in CN_DIGITS and not c.isdigit() for c in tail):
        return None
    whole = _cn_integer(head) if head else 0
    if whole is None:
        return None
    frac = "".join(c if c.isdigit() else str(CN_DIGITS[c]) for c in tail)  # 一百点123
    v = float(f"{whole}.{frac}")
    return Number(tidy(v), ulp=10.0 ** -len(frac)).scaled(factor)


def _parse_pair_range(body):
    """七八 → 7–8, 十七八 → 17–18, 七八十 → 70–80, 三四百 → 300–400, 一百二三十 → 120–130."""
    # a pair at the end after 十 / 百 …: 十七八, 一百五六
    if len(body) >= 3 and _digit_pair(body[-2], body[-1]) and body[-3] in CN_PLACES:
        head = _cn_integer(body[:-2])
        if head is None:
            return None
        lo, hi = _digit_pair(body[-2], body[-1])
        place = CN_PLACES[body[-3]] // 10
        return Number(None, head + lo * place, head + hi * place, "range")
    # a pair between two place words: 一百二三十 → 120–130, 一千三四百 → 1300–1400
    if (
        len(body) >= 4
        and body[-1] in CN_PLACES
        and body[-4] in CN_PLACES
        and CN_PLACES[body[-1]] < CN_PLACES[body[-4]]
        and _digit_pair(body[-3], body[-2])
    ):
        head = _cn_integer(body[:-3])
        if head is None:
            return None
        lo, hi = _digit_pair(body[-3], body[-2])
        place = CN_PLACES[body[-1]]
        return Number(None, head + lo * place, head + hi * place, "range")
    # a pair first, then one place word: 七八十, 三四百
    if len(body) in (2, 3) and _digit_pair(body[0], body[1]):
        lo, hi = _digit_pair(body[0], body[1])
        place = CN_PLACES.get(body[2], None) if len(body) == 3 else 1
        if place is None:
            return None
        return Number(None, lo * place, hi * place, "range")
    return None


def _parse_vague(body):
    """几/数 as a digit: 十几 → 11–19, 几十 → 20–99, 二十几 → 21–29, 数百 → 200–999."""
    if not any(c in VAGUE for c in body):
        return None
    if body.count("几") + body.count("数") != 1:
        return None
    i = max(body.find("几"), body.find("数"))
    head, tail = body[:i], body[i + 1 :]
    if body[i] == "数" and (head or not tail):
        return None  # 数 is only vague first: 数十, 数百, 数亿
    if not tail:
        # trailing: 十几 → 10 + 1..9, 二十几 → 20 + 1..9, 一百几 → 100 + 1..9
        if not head or head[-1] not in CN_PLACES:
            return None
        base = _cn_integer(head)
        if base is None:
            return None
        place = CN_PLACES[head[-1]] // 10
        return Number(None, base + place, base + 9 * place, "range")
    if tail in CN_PLACES and not head:
        # leading: 几十 → 20..99, 几百 → 200..999 (twice the place up to the next, less one)
        place = CN_PLACES[tail]
        return Number(None, 2 * place, 10 * place - 1, "range")
    if tail in CN_PLACES and head and head[-1] in CN_PLACES:
        # 一百几十 → 120..199
        base = _cn_integer(head)
        if base is None:
            return None
        place = CN_PLACES[tail]
        return Number(None, base + 2 * place, base + 10 * place - 1, "range")
    return None


def parse_core(core: str) -> Number | None:
    """A number core (all Arabic or all Chinese numerals, as NUMBER_RE finds) → Number or None."""
    return parse_arabic(core) if core[0].isdigit() else parse_chinese(core)


def read_core(m: re.Match[str]) -> Number | None:
    """Turn one NUMBER_RE match on folded text into a Number (or None)."""
    return parse_core(m.group())


def big_scale_of(s: str) -> int:
    """The factor of the big scale words a Chinese numeral ends with (二十五万 → 10000)."""
    return _split_big(s)[1]


SCALE_VALUES: Final = {**CN_PLACES, **CN_BIG, "兆": 10**12}  # 兆 as Taiwan writes money: 1兆4,265億元
TRILLION_BEFORE: Final = frozenset("元亿0123456789")  # 兆 is that scale only before these (兆瓦 is a unit)


def scale_value(word: str) -> int:
    """万亿 → 1e12: scale words multiply."""
    f = 1
    for c in word:
        f *= SCALE_VALUES.get(c, 1)
    return f
