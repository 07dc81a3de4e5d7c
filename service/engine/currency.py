"""The document's currency: which yuan a bare 元 is, and which dollar a bare $ is.

A figure's own unit always wins (5.6億港元, HK$100, 人民币100元).  A bare 元, 万元 or
亿元 is CNY unless the text is written in traditional characters and names a currency
(港幣, 新台幣, 澳門元, HK$, 人民幣 …): then it is the one named most, the places the text
names counting with the currency words (台北 → TWD); else the request option ``currency`` (``{"currency": "HKD"}``);
else, in traditional text, that of the place it names most (台灣 → TWD); else CNY.  A bare $ is the dollar the text names (港元, NT$, 美元 …), else the option's
(unless CNY), else that of a place the text names (香港 → HKD, 台灣 → TWD, 澳門 → MOP),
else USD.  Ties go to the currency written first.

Simplified text that names 港元 once (a Hong Kong share price in a mainland report)
keeps its bare 元 as CNY: mainland reports quote HK prices, Hong Kong reports are
written in traditional characters.
"""

import re
from functools import lru_cache
from typing import Final

from service.engine.lexicon import units
from service.engine.numerals import traditional_count
from service.engine.reading import Mention

TRADITIONAL_SHARE: Final = 0.05  # folded (traditional) characters per character that make a traditional text
ROC_YEAR: Final = r"(?<![\d.,])1[0-4]\d年(?!\d|历史|的历史)"  # 113年: a year of Taiwan's calendar (2024)
NOT_A_DATE: Final = r"(?<![0-9一二三四五六七八九十〇零两])"  # (12月增幅, 2023年增幅: a date, then a change)
TAIWAN_CHANGE_AFTER: Final = r"(?=[0-9率幅达逾])"  # 年增5.3%, 年增率12.4%, 年减幅: a change before its figure


def resolve(original: str, folded: str, mentions: list[Mention], option: str | None = None) -> None:
    """Give the bare 元 and $ figures of ``mentions`` the document's currency (in place)."""
    traditional = folded is not original and _traditional(original)
    if not (traditional or option or "$" in folded):
        return  # (a simplified text: 元 is CNY, and no $ asks which dollar)
    u = units()
    money = [m for m in mentions if m.dimension == "currency" and m.unit]
    dollar_sign = [m for m in money if str(m.unit).startswith("USD") and _is_bare_dollar(folded, m)]
    yuan_sign = [m for m in money if str(m.unit).startswith("CNY") and _is_bare_yuan(folded, m)]
    stated = _stated(folded) if dollar_sign or yuan_sign and traditional else []
    yuan = None
    if traditional and any(code in u.local_currencies or code == "CNY" for code in stated):
        # the places it names count with the currency words: 人民币 once in a Taipei report
        # (若还原人民币营收) does not outweigh 台北 and 台湾
        yuan = _most(stated + _places(folded), u.local_currencies | {"CNY"})
    if yuan is None:
        yuan = option or (_place(folded) if traditional else None) or "CNY"
    for m in yuan_sign:
        m.unit = yuan + str(m.unit)[3:]  # CNY/m2 → HKD/m2
    if dollar_sign:
        dollar = _most(stated, u.local_currencies | {"USD"}) or (option if option != "CNY" else None)
        dollar = dollar or _place(folded) or "USD"
        for m in dollar_sign:
            m.unit = dollar + str(m.unit)[3:]


def _is_bare_yuan(folded, m):
    """元, 万元, 块 or ¥ with no 人民币 next to it (the reader made it CNY for want of a name)."""
    near = folded[max(0, m.start - 4) : m.end]
    return not any(w in near for w in _explicit_yuan())


def _is_bare_dollar(folded, m):
    """A figure after a lone $ (not HK$, US$ …)."""
    s = m.core_start
    if folded[s - 1 : s] != "$":
        return False
    return not any(folded.startswith(sign, s - len(sign)) for sign in units().currency_signs if len(sign) > 1)


def _traditional(original):
    """Whether the text is written in traditional characters (not just full-width digits)."""
    changed = traditional_count(original)
    return changed >= 2 and changed >= TRADITIONAL_SHARE * len(original)


def _stated(folded):
    """The currencies the text names, in the order written (港币, 新台币, HK$, 人民币 …)."""
    words = _currency_words()
    return [words[m.group()] for m in _currency_regex().finditer(folded)]


def _most(stated, among):
    """The currency of ``among`` named most often, the first written on a tie; None if none is."""
    counts = {}
    for code in stated:
        if code in among:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(code for code in stated if counts.get(code) == best)


def _place(folded):
    """The currency of the place the text names most often (香港 → HKD), the first on a tie."""
    return _most(_places(folded), set(units().currency_places.values()))


def _places(folded):
    """The currencies of the places the text names, in the order written (香港 → HKD …), and
    TWD for each of Taiwan's words for a change right before its figure (年增5.3%; not 较上年增加,
    按年减少) and each year of its calendar (113年)."""
    u = units()
    places = u.currency_places
    segments = [
        (m.start(), m.end()) for w in u.not_currency_places for m in re.finditer(re.escape(w), folded)
    ]
    stated = [
        (m.start(), places[m.group()])
        for p in places
        for m in re.finditer(re.escape(p), folded)
        if not any(a <= m.start() and m.end() <= b for a, b in segments)
    ]
    stated += [(m.start(), "TWD") for m in _taiwan_regex().finditer(folded)]
    return [code for _, code in sorted(stated)]


@lru_cache(maxsize=1)
def _taiwan_regex() -> re.Pattern[str]:
    """Taiwan's words for a change right before its figure (not after 按: 按年减少 is Hong Kong's),
    or a year of its calendar."""
    words = "|".join(map(re.escape, units().taiwan_changes)) or "(?!)"
    return re.compile(r"(?<!按)" + NOT_A_DATE + "(?:" + words + ")" + TAIWAN_CHANGE_AFTER + "|" + ROC_YEAR)


@lru_cache(maxsize=1)
def _currency_words():
    """Written currency → code, for every word that names one (not 元, 块 or a bare sign)."""
    u = units()
    words = {w: x.unit for w, x in u.by_text.items() if x.dimension == "currency" and x.unit != "CNY"}
    words.update(u.currency_names)
    words.update({s: c for s, c in u.currency_signs.items() if len(s) > 1})
    return words


@lru_cache(maxsize=1)
def _currency_regex():
    return re.compile("|".join(map(re.escape, sorted(_currency_words(), key=len, reverse=True))))


@lru_cache(maxsize=1)
def _explicit_yuan():
    return tuple(w for w, c in _currency_words().items() if c == "CNY")
