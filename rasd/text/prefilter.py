"""Regex matches found only where they can start: a literal prefilter for patterns Python's `re` scans at every
position.

A rule pattern that begins with a look-behind ("not inside a word") or an optional clitic or word has no literal
prefix `re` can skip ahead to, so `finditer` and `search` try the whole pattern at every character of the text,
and the matches are few. `PrefixScan` reads each pattern's parse tree and derives, by code, the literal strings
every match must begin with (its alternations, classes and optional parts expanded up to a few characters); one
pass of an Aho-Corasick automaton over the text finds where those strings occur, and the full pattern is tried
there only, with `pattern.match(text, pos)` (a look-behind still sees the text before `pos`, as in a search).

The matches are those `pattern.finditer` / `pattern.search` return, in the same order: every position a match can
start at is a candidate (a candidate set may hold more, never fewer), and the non-overlapping walk is the one
`finditer` makes. A pattern whose start cannot be reduced to literals (it may begin with any letter, a negated
class, a back-reference, or the ignore-case flag) is searched as before. One or two characters of a class that
cannot be spelled out (whitespace, `.`) may stand before the literal: "(?:^|\\s)word" is tried where "word" occurs and
one character before it.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator, Sequence

import ahocorasick

try:  # Python 3.11+
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: How many characters of each match's start are spelled out (longer prefixes: fewer false candidates).
DEPTH = 4
#: The most prefixes one pattern may expand to before its prefixes stop growing.
MAX_PREFIXES = 4096
#: Ranges of a character class spelled out one character at a time up to this size (else the class is "unknown").
MAX_RANGE = 64

#: How many single characters of a class that cannot be spelled out (`\s` in "(?:^|\s)word") may stand before a
#: prefix's literal: the candidate start is then that many characters before the literal.
MAX_LEAD = 2

# A prefix set: {(lead, literal string, complete)}: `lead` characters of any kind, then the literal; complete means
# the whole sub-pattern is exactly that, so what follows it may extend the literal; an incomplete one is only the
# start of the sub-pattern's match.
_Prefixes = frozenset[tuple[int, str, bool]]
_UNKNOWN: _Prefixes = frozenset({(0, "", False)})
_EMPTY: _Prefixes = frozenset({(0, "", True)})
_ONE_CHAR: _Prefixes = frozenset({(1, "", True)})  # one character of a class not spelled out
#: A lead of ANCHOR or more marks a prefix that stands at the text's start ("^" without MULTILINE, "\\A"): a match
#: through it can begin at position 0 only (ANCHOR + n: n characters not spelled out, then the literal, follow it).
ANCHOR = 1 << 20
_AT_START: _Prefixes = frozenset({(ANCHOR, "", True)})


class _Unsupported(Exception):
    """The pattern's start cannot be told by literals (the pattern is then searched without a prefilter)."""


def _class_chars(items: list) -> list[str] | None:
    """The characters a positive character class matches, or None when it cannot be spelled out."""
    chars: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.append(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] < MAX_RANGE:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \s, \d), a long range
            return None
    return chars


def _concat(head: _Prefixes, tail: _Prefixes) -> _Prefixes:
    out = set()
    for lead, s, complete in head:
        if not complete or len(s) >= DEPTH:
            out.add((lead, s[:DEPTH], False))
            continue
        free = lead - ANCHOR if lead >= ANCHOR else lead  # the characters not spelled out
        for t_lead, t, t_complete in tail:
            if t_lead >= ANCHOR:  # the text's start: the tail's prefix when nothing stands before it, else no more
                out.add((t_lead, t, t_complete) if not lead and not s else (lead, s, False))
                continue
            if t_lead and (s or free + t_lead > MAX_LEAD):
                out.add((lead, s, False))  # characters not spelled out after the literal (or too many): it ends here
                continue
            joined = s + t
            out.add((lead + t_lead, joined[:DEPTH], t_complete and len(joined) <= DEPTH))
    if len(out) > MAX_PREFIXES:  # stop growing: the head's strings, each marked incomplete, still start every match
        return frozenset((lead, s[:DEPTH], False) for lead, s, _ in head)
    return frozenset(out)


def _sequence(items, multiline: bool = False) -> _Prefixes:
    """The prefixes of a sequence of parse-tree items (`multiline`: "^" also stands after each newline)."""
    out = _EMPTY
    for item in items:
        if all(not complete or len(s) >= DEPTH for _, s, complete in out):
            break
        out = _concat(out, _item(*item, multiline=multiline))
    return out


def _item(op, av, multiline: bool = False) -> _Prefixes:
    """The prefixes of one parse-tree item."""
    if op is sre_c.LITERAL:
        return frozenset({(0, chr(av), True)})
    if op is sre_c.IN:
        chars = _class_chars(av)
        return _ONE_CHAR if chars is None else frozenset((0, c, True) for c in chars)
    if op in (sre_c.ANY, sre_c.NOT_LITERAL):
        return _ONE_CHAR
    if op is sre_c.BRANCH:
        return frozenset().union(*(_sequence(alt, multiline) for alt in av[1]))
    if op is sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unsupported("a group changes the ignore-case flag")
        return _sequence(sub, multiline)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or op is getattr(sre_c, "POSSESSIVE_REPEAT", None):
        lo, hi, sub = av
        once = _sequence(sub, multiline)
        if lo == hi == 1:
            return once
        more = frozenset((lead, s, False) for lead, s, _ in once)  # another repetition may follow: its start only
        if lo == 0:
            return _EMPTY | (once if hi == 1 else more)
        return more
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _sequence(av, multiline)
    if op is sre_c.ASSERT and av[0] == 1:
        # A look-ahead consumes nothing, but the text where it stands starts with what it matches: its prefixes,
        # which nothing after it may extend (what follows is matched from the same place).
        return frozenset((lead, s, False) for lead, s, _ in _sequence(av[1], multiline))
    if op is sre_c.AT and (av is sre_c.AT_BEGINNING_STRING or av is sre_c.AT_BEGINNING and not multiline):
        return _AT_START  # only at the text's start: a match through it begins at position 0
    if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
        return _EMPTY  # zero-width: the match's characters start after it
    if op in (sre_c.GROUPREF, sre_c.GROUPREF_EXISTS):
        raise _Unsupported("a back-reference")
    return _UNKNOWN


def literal_starts(pattern: re.Pattern[str]) -> frozenset[tuple[int, str]] | None:
    """The (lead, literal) pairs, one of which begins every match of `pattern`: `lead` (0 to MAX_LEAD) characters
    of any kind, then the literal (1 to DEPTH characters), derived from its parse tree; None when some match may
    begin otherwise (so no prefilter can be built for it)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        prefixes = _sequence(tree, bool(tree.state.flags & re.MULTILINE))
    except (_Unsupported, RecursionError):
        return None
    starts = frozenset((lead, s) for lead, s, _ in prefixes)
    # Every match is non-empty: it begins with a literal, or at the text's start with at least one character.
    return None if not starts or any(not s and lead <= ANCHOR for lead, s in starts) else starts


class PrefixScan:
    """`finditer(k, text)` and `search(k, text, pos, endpos)` of the k-th of `patterns`, trying each pattern only
    where one of its literal starts occurs (found for all the patterns in one automaton pass per text)."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]):
        self.patterns = list(patterns)
        self._automaton = ahocorasick.Automaton()
        self.filtered: list[bool] = []
        self._at_start: list[int] = []  # the patterns some of whose matches can begin only at position 0
        by_key: dict[str, list[tuple[int, int]]] = {}
        for k, rx in enumerate(self.patterns):
            starts = literal_starts(rx)
            self.filtered.append(starts is not None)
            for lead, s in sorted(starts or ()):
                if lead >= ANCHOR:  # ("^word": no literal to look for, position 0 is a candidate)
                    if k not in self._at_start:
                        self._at_start.append(k)
                    continue
                by_key.setdefault(s, []).append((k, len(s) - 1 + lead))  # from the literal's last character back
        for key, hits in by_key.items():
            self._automaton.add_word(key, tuple(hits))
        if by_key:
            self._automaton.make_automaton()
        self._keyed = bool(by_key)  # (no keys: every filtered pattern is anchored at the start)
        self._last: tuple[str, list[list[int]]] | None = None

    def starts(self, text: str) -> list[list[int]]:
        """For each pattern, the sorted positions of `text` a match of it may start at (memoised for the last
        text: the callers ask about one article's text pattern after pattern)."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found: list[set[int]] = [set() for _ in self.patterns]
        if self._keyed:
            for end, hits in self._automaton.iter(text):
                for k, back in hits:
                    if end >= back:  # (a lead reaching before the text's start is no start)
                        found[k].add(end - back)
        for k in self._at_start:
            found[k].add(0)
        out = [sorted(s) for s in found]
        self._last = (text, out)
        return out

    def finditer(self, k: int, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """What `patterns[k].finditer(text, pos, endpos)` yields."""
        rx = self.patterns[k]
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if not self.filtered[k]:
            yield from rx.finditer(text, pos, endpos)
            return
        resume = max(0, pos)
        match = rx.match
        candidates = self.starts(text)[k]
        for i in range(bisect_left(candidates, resume), len(candidates)):
            start = candidates[i]
            if start >= endpos:
                break
            if start < resume:
                continue
            m = match(text, start, endpos)
            if m is not None:
                yield m
                resume = m.end()  # a literal start is at least one character: matches are never empty

    def search(self, k: int, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """What `patterns[k].search(text, pos, endpos)` returns."""
        rx = self.patterns[k]
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if not self.filtered[k]:
            return rx.search(text, pos, endpos)
        candidates = self.starts(text)[k]
        match = rx.match
        for i in range(bisect_left(candidates, max(0, pos)), len(candidates)):
            start = candidates[i]
            if start >= endpos:
                break
            m = match(text, start, endpos)
            if m is not None:
                return m
        return None


# ---------------------------------------------------------------------------------------------------------------
# Literals every match must contain: a gate before a search that usually fails.

#: The most strings one required set may hold (a product of alternatives is cut where it would grow past it).
MAX_REQUIRED = 1024
#: Up to this many required literals, a gate looks for each with `in` rather than with its automaton.
FEW_LITERALS = 3


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of several sets one string of which every match contains (all are true; the one whose
    shortest string is longest rules out most texts), or None when none holds a non-empty string only."""
    usable = [c for c in candidates if c and "" not in c]
    return max(usable, key=lambda c: (min(map(len, c)), -len(c))) if usable else None


def _product(head: frozenset[str], tail: frozenset[str]) -> frozenset[str]:
    return frozenset(h + t for h in head for t in tail)


#: What a parse-tree item tells: (exact, need). `exact`: the finite set of strings the item always matches one of
#: (None when it may match other text); `need`: a set one string of which the text holds wherever the item matches
#: (None when nothing is known).
_Need = tuple[frozenset[str] | None, frozenset[str] | None]
_ZERO_WIDTH: _Need = (frozenset({""}), None)
_NOTHING_KNOWN: _Need = (None, None)


def _need_sequence(items) -> _Need:
    """(exact, need) of a sequence: adjacent items with exact sets join into longer strings (a zero-width item
    between them leaves the consumed text contiguous); the need is the best of those runs and of the items' own
    needs."""
    run: frozenset[str] = frozenset({""})
    candidates: list[frozenset[str]] = []
    exact_all = True
    for op, av in items:
        exact, need = _need_item(op, av)
        if need is not None:
            candidates.append(need)
        if exact is not None and len(run) * len(exact) <= MAX_REQUIRED:
            run = _product(run, exact)
            continue
        exact_all = False
        candidates.append(run)
        run = exact if exact is not None else frozenset({""})
    candidates.append(run)
    return (run if exact_all else None), _best(candidates)


def _need_item(op, av) -> _Need:
    """(exact, need) of one parse-tree item."""
    if op is sre_c.LITERAL:
        return frozenset({chr(av)}), None
    if op is sre_c.IN:
        chars = _class_chars(av)
        return (frozenset(chars) if chars else None), None
    if op is sre_c.BRANCH:
        alts = [_need_sequence(alt) for alt in av[1]]
        exact = None if any(e is None for e, _ in alts) else frozenset().union(*(e for e, _ in alts))
        needs = [_best([n for n in (need, e) if n is not None]) for e, need in alts]
        return exact, (None if any(n is None for n in needs) else frozenset().union(*needs))
    if op is sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unsupported("a group changes the ignore-case flag")
        return _need_sequence(sub)
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _need_sequence(av)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or op is getattr(sre_c, "POSSESSIVE_REPEAT", None):
        lo, hi, sub = av
        exact, need = _need_sequence(sub)
        if lo == hi == 1:
            return exact, need
        if lo == 0:  # may match nothing: only an optional item's exact strings (with "") are known
            return (exact | {""} if hi == 1 and exact is not None else None), None
        return None, _best([n for n in (need, exact) if n is not None])  # once at least: what one repetition needs
    if op is sre_c.ASSERT:
        # A look-around consumes nothing (the run goes on across it), but the text holds what it matches.
        _exact, need = _need_sequence(av[1])
        return frozenset({""}), _best([n for n in (need, _exact) if n is not None])
    if op in (sre_c.ASSERT_NOT, sre_c.AT):
        return _ZERO_WIDTH
    return _NOTHING_KNOWN  # any character, a category, a negated class, a back-reference, a conditional


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which the text holds wherever `pattern` matches it, derived from the pattern's parse tree;
    None when none can be told (the pattern may match with no fixed string, or it ignores case)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        return _need_sequence(sre_parse.parse(pattern.pattern, pattern.flags))[1]
    except (_Unsupported, RecursionError):
        return None


class _Open:
    """Stands for the automaton of a gate whose pattern has no required literal: every text may match."""

    @staticmethod
    def iter(_text: str) -> Iterator[bool]:
        return iter((True,))


class GatedPattern:
    """A compiled pattern that first asks whether the text holds one of its required literals (one Aho-Corasick
    pass over the text, in C) and answers "no match" at once when it holds none: a text without them cannot match
    anywhere, from any `pos` to any `endpos`, so every answer is the pattern's own. Worth it for patterns searched
    in many short texts where they seldom match and `re` has no literal prefix to skip to (a rule that begins with
    "(?:^|\\s)" and an optional clitic, or an alternation of such rules, is tried whole at every character).

    The literals are derived on the first call that needs them (re-parsing the pattern costs ~0.5 ms: hundreds of
    rule files' patterns at start-up would be serial time before a run's workers start); a pattern with none is
    handed every text. It answers what a `re.Pattern` answers (search, match, fullmatch, finditer, findall, sub,
    subn, split and the pattern's attributes); `match` and `fullmatch` try one position only and are the pattern's
    own methods."""

    __slots__ = ("regex", "_literals", "_few", "_automaton", "pattern", "flags", "groups", "groupindex", "match",
                 "fullmatch")

    def __init__(self, regex: re.Pattern[str], literals: frozenset[str] | None = None):
        self.regex = regex
        self._literals = literals
        self._few: tuple[str, ...] | None = None
        self._automaton = None  # built on first use (_prepare), or _Open
        self.pattern, self.flags, self.groups, self.groupindex = regex.pattern, regex.flags, regex.groups, regex.groupindex
        self.match, self.fullmatch = regex.match, regex.fullmatch
        if literals is not None:
            self._prepare()

    def _prepare(self) -> None:
        literals = self._literals = required_literals(self.regex) if self._literals is None else self._literals
        if not literals:
            self._automaton = _Open
            return
        # A few literals are looked for one by one (`in`, a fast C scan each); more, in one automaton pass.
        self._few = tuple(sorted(literals)) if len(literals) <= FEW_LITERALS else None
        automaton = ahocorasick.Automaton()
        for s in sorted(literals):
            automaton.add_word(s, len(s))
        automaton.make_automaton()
        self._automaton = automaton

    @property
    def literals(self) -> frozenset[str] | None:
        """The strings one of which every text the pattern matches holds (None: no such set could be told)."""
        if self._automaton is None:
            self._prepare()
        return self._literals or None

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in `text`."""
        few = self._few
        if few is not None:
            for literal in few:
                if literal in text:
                    return True
            return False
        automaton = self._automaton
        if automaton is None:
            self._prepare()
            return self.may_match(text)
        return next(automaton.iter(text), None) is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # (may_match inlined: this runs a few hundred times per article)
        few = self._few
        if few is not None:
            for literal in few:
                if literal in string:
                    return self.regex.search(string, pos, endpos)
            return None
        automaton = self._automaton
        if automaton is None:
            self._prepare()
            return self.search(string, pos, endpos)
        if next(automaton.iter(string), None) is None:
            return None
        return self.regex.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.regex.finditer(string, pos, endpos) if self.may_match(string) else iter(())

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.regex.findall(string, pos, endpos) if self.may_match(string) else []

    def sub(self, repl, string: str, count: int = 0) -> str:
        return self.regex.sub(repl, string, count) if self.may_match(string) else string

    def subn(self, repl, string: str, count: int = 0) -> tuple[str, int]:
        return self.regex.subn(repl, string, count) if self.may_match(string) else (string, 0)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.regex.split(string, maxsplit) if self.may_match(string) else [string]

    def __repr__(self) -> str:
        return f"GatedPattern({self.regex!r})"

    def __eq__(self, other: object) -> bool:
        return self.regex == (other.regex if isinstance(other, GatedPattern) else other)

    def __hash__(self) -> int:
        return hash(self.regex)


def gated(regex: re.Pattern[str]) -> re.Pattern[str] | GatedPattern:
    """`regex` behind a GatedPattern (its literals derived on first use), or `regex` itself when it ignores case (no
    literal gate can be told for it)."""
    return regex if regex.flags & re.IGNORECASE or not isinstance(regex.pattern, str) else GatedPattern(regex)


class LiteralIndex:
    """The required literals (GatedPattern.literals) of several patterns in one automaton, so one pass over a text
    tells where a literal of each pattern occurs. A caller that gates many patterns in windows of one stretch of
    text (nested windows before or after a word) scans the widest window once and asks, per pattern, whether one of
    its literals lies inside that pattern's window: the answer its GatedPattern would give for the window's text.

    A pattern with no literal gate (not a GatedPattern, or none could be told for it) is `always` tried."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | GatedPattern]):
        self.patterns = list(patterns)
        self.always: frozenset[int] = frozenset(
            k for k, p in enumerate(self.patterns) if not isinstance(p, GatedPattern) or p.literals is None)
        by_literal: dict[str, list[int]] = {}
        for k, p in enumerate(self.patterns):
            if k not in self.always:
                for s in p.literals:  # type: ignore[union-attr]
                    by_literal.setdefault(s, []).append(k)
        self._automaton = ahocorasick.Automaton()
        for s, ks in by_literal.items():
            self._automaton.add_word(s, (len(s), tuple(ks)))
        if by_literal:
            self._automaton.make_automaton()
        self._empty = not by_literal

    def last_starts(self, text: str) -> list[int]:
        """For each pattern, the greatest start in `text` of one of its literals (-1: none occurs): a suffix
        text[i:] holds one exactly when that start is at least i."""
        out = [-1] * len(self.patterns)
        if not self._empty:
            for last, (length, ks) in self._automaton.iter(text):
                start = last - length + 1
                for k in ks:
                    if start > out[k]:
                        out[k] = start
        return out

    def first_ends(self, text: str) -> list[int]:
        """For each pattern, the smallest end (exclusive) in `text` of one of its literals (len(text) + 1: none
        occurs): a prefix text[:j] holds one exactly when that end is at most j."""
        never = len(text) + 1
        out = [never] * len(self.patterns)
        if not self._empty:
            for last, (_length, ks) in self._automaton.iter(text):  # (in order of their ends)
                for k in ks:
                    if out[k] == never:
                        out[k] = last + 1
        return out

    def search(self, k: int, text: str) -> re.Match[str] | None:
        """`patterns[k].search(text)` once the caller has found the gate open (or the pattern has none)."""
        p = self.patterns[k]
        return (p.regex if isinstance(p, GatedPattern) else p).search(text)
