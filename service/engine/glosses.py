"""Pinyin glosses that mirror sites write after characters (銷(xiāo)售90.92萬(wàn)箱, 2個(gè)百分點(diǎn)):
taken out before reading, since they split words, figures and units; a short list of where
they stood maps every offset read back into the text as given, so each span still points into
what the client sent (and quotes the glosses inside it)."""

import re
from bisect import bisect_right
from typing import Final

# a syllable in brackets with a tone mark, right after a CJK ideograph: (wàn), (gè), (diǎn)
GLOSS_RE: Final = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}\)")


class Glosses:
    """Where glosses were taken out: ``starts[k]`` is an offset of the text read from which
    ``shifts[k]`` characters more stand before it in the text given."""

    def __init__(self, starts: list[int], shifts: list[int]) -> None:
        self.starts = starts
        self.shifts = shifts

    def at(self, i: int) -> int:
        """The offset in the text given of the character at i in the text read."""
        k = bisect_right(self.starts, i) - 1
        return i + (self.shifts[k] if k >= 0 else 0)

    def end(self, i: int) -> int:
        """…of the end of a span ending at i: past its last character, not the gloss after it
        (2個(gè)百分點 of 2個(gè)百分點(diǎn)), as a reader marks the figure."""
        return self.at(i - 1) + 1 if i > 0 else 0


def strip_glosses(text: str) -> tuple[str, Glosses | None]:
    """The text without its glosses, and where they stood (None where it has none)."""
    if "(" not in text:
        return text, None
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    last = shift = 0
    for m in GLOSS_RE.finditer(text):
        pieces.append(text[last : m.start()])
        shift += m.end() - m.start()
        starts.append(m.end() - shift)  # (the next character read, where it now stands)
        shifts.append(shift)
        last = m.end()
    if not starts:
        return text, None
    pieces.append(text[last:])
    return "".join(pieces), Glosses(starts, shifts)
