"""Finding words and characters in a text: str.find runs in C far faster than a regex scan,
and a list of words compiles to one trie-shaped pattern.  The floor every stage stands on."""

import re
from collections.abc import Iterable, Iterator
from typing import Any, Final


def is_han(c: str) -> bool:
    """A CJK ideograph (of the common block): a character of a word, not a sign or a bracket."""
    return "\u4e00" <= c <= "\u9fff"


def positions(t: str, chars: Iterable[str], lo: int = 0, hi: int = -1) -> list[int]:
    """Offsets of any of a few characters (or words) in t[lo:hi], in order."""
    hi = len(t) if hi < 0 else hi
    found = []
    for c in chars:
        i = t.find(c, lo, hi)
        while i >= 0:
            found.append(i)
            i = t.find(c, i + 1, hi)
    return sorted(found)


SEMICOLONS: Final = "；;"  # what ends a statement inside a sentence


def find_any(t: str, chars: str, lo: int, hi: int) -> int:
    """Where the first of any of a few characters stands in t[lo:hi], or -1."""
    found = [i for i in (t.find(c, lo, hi) for c in chars) if i >= 0]
    return min(found) if found else -1


def rfind_any(t: str, chars: str, lo: int, hi: int) -> int:
    """Where the last of any of a few characters stands in t[lo:hi], or -1."""
    return max(t.rfind(c, lo, hi) for c in chars)


def matches_at(regex: re.Pattern[str], t: str, firsts: Iterable[str]) -> Iterator[re.Match[str]]:
    """regex.finditer(t) for a pattern that can only start with one of a few rare
    characters ``firsts``: they are found with str.find, the pattern matched there."""
    end = 0
    for p in positions(t, firsts):
        if p >= end:
            m = regex.match(t, p)
            if m is not None:
                end = m.end()
                yield m


def _trie(words: Iterable[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = True
    return trie


def _emit(node: dict[str, Any]) -> str:
    end = node.get("", False)
    branches = [re.escape(c) + _emit(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if end else body


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, shaped as a trie."""
    return _emit(_trie(words))


LATIN: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class WordScanner:
    """regex.finditer(t, lo, hi) for trie_pattern(words), found faster: the regex engine tries
    the alternatives of a branch one after another, so a pattern of many first characters costs
    a pass over hundreds of them at each place one of them stands.  Here a walk over the
    characters finds those places, and the first character picks the small pattern of what may
    follow it."""

    def __init__(self, words: Iterable[str]) -> None:
        trie = _trie(words)
        self.rest = {c: re.compile(_emit(child)) for c, child in trie.items()}
        # the characters that may follow a first character, where it is no word by itself: most
        # places a first character stands start no word, and this says so without a match
        self.seconds: dict[str, frozenset[str]] = {
            c: frozenset(k for k in child if k) for c, child in trie.items() if "" not in child
        }

    def spans(self, t: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """(start, end) of each word found in t[lo:hi], longest at each place, none overlapping."""
        out: list[tuple[int, int]] = []
        rest, seconds = self.rest, self.seconds
        i = lo
        while i < hi:  # (a walk over the characters: cheaper than a search call per place)
            first = t[i]
            pattern = rest.get(first)
            if pattern is None:
                i += 1
                continue
            nxt = seconds.get(first)
            if nxt is not None and (i + 1 >= hi or t[i + 1] not in nxt):
                i += 1
                continue
            m = pattern.match(t, i + 1, hi)
            if m is None:
                i += 1
                continue
            e = m.end()
            if (
                first in LATIN
                and i > 0
                and t[i - 1] in LATIN
                or e < len(t)
                and t[e] in LATIN
                and t[e - 1] in LATIN
            ):
                i += 1  # (UV inside SUV, PV inside PVC: a Latin word is only a whole word)
            else:
                out.append((i, e))
                i = e
        return out
