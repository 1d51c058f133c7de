"""The literal gate (rasd.text.prefilter.GatedPattern, required_literals) never changes a result: a text it rules out
holds no match, so every rule regex answers as the plain pattern does, on real news sentences and the windows the
event stage reads around positions in them; on small patterns, every string of a brute-forced alphabet that
matches holds one of the required literals. A gate that lacks one literal it needs is caught."""

from __future__ import annotations

import itertools
import re

import pytest

from rasd.events.modality import _FRAME_GROUPS
from rasd.kb.rules import all_rule_modules, load_rules
from rasd.text.normalize import normalize
from rasd.text.prefilter import GatedPattern, LiteralIndex, gated, required_literals
from rasd.text.segment import split_sentences

ARTICLES = 8
#: Window lengths read around a position (the rules' windows run from 6 to 250 characters).
WINDOWS = (12, 40, 100)


@pytest.fixture(scope="module")
def texts(subset_articles: list[str]) -> list[str]:
    """Folded sentences of real articles, and windows before and after every 60th character of each (with the
    trigger mark "\\x01" the frame rules read, as rasd.events.modality lays a window out)."""
    out = []
    for text in subset_articles[:ARTICLES]:
        for s in split_sentences(text):
            folded = normalize(text[s.start:s.end]).text
            out.append(folded)
            for pos in range(0, len(folded), 60):
                for w in WINDOWS:
                    out.append(folded[max(0, pos - w):pos] + "\x01" + folded[pos:pos + 8])
                    out.append(folded[pos:pos + w])
    return out


def _gated_rules() -> list[tuple[str, GatedPattern]]:
    rules = [(f"{m}.{name}", r.regex) for m in all_rule_modules() for name, r in load_rules(m).rules.items()]
    rules += [(f"frames{key}", rx) for key, rx in _FRAME_GROUPS.items()]
    return [(name, rx) for name, rx in rules if isinstance(rx, GatedPattern)]


def _differences(gate: GatedPattern, texts: list[str]) -> list[str]:
    """The texts on which the gate answers otherwise than its plain pattern. Where the gate lets a text through it
    hands it to the pattern itself, so a difference can only come from a text it rules out that the pattern
    matches (the gate's own answers on such a text are "no match" for every method: checked too)."""
    rx = gate.regex
    out = []
    for text in texts:
        if gate.may_match(text):
            continue
        if rx.search(text) is not None or gate.search(text) is not None or list(gate.finditer(text)) \
                or gate.findall(text) or gate.sub("#", text) != text or gate.split(text) != [text]:
            out.append(text)
    return out


def test_rules_are_gated() -> None:
    assert sum(1 for _name, gate in _gated_rules() if gate.literals) > 200  # nearly every rule holds a word


def test_gated_rules_answer_as_the_plain_patterns_on_real_text(texts: list[str]) -> None:
    matched = 0
    for name, gate in _gated_rules():
        assert not _differences(gate, texts), name
        for text in texts:
            if gate.may_match(text):  # handed to the pattern: the same match, from any pos / endpos too
                want = gate.regex.search(text)
                matched += want is not None
                assert (m.span() if (m := gate.search(text)) else None) == (want and want.span()), name
                assert (m.span() if (m := gate.search(text, 5, 60)) else None) == (
                    m2.span() if (m2 := gate.regex.search(text, 5, 60)) else None), name
    assert matched > 500  # the texts hold matches the gates must let through


def test_a_gate_missing_a_needed_literal_is_caught(texts: list[str]) -> None:
    """Take away from a gate the literal a real match holds: the check above then finds the text it misses."""
    caught = 0
    for _name, gate in _gated_rules():
        text = next((t for t in texts if gate.regex.search(t)), None)
        if text is None or not gate.literals or len(gate.literals) < 2:
            continue
        held = [s for s in gate.literals if s in text]
        broken = GatedPattern(gate.regex, gate.literals - set(held))
        assert _differences(broken, [text]) == [text]
        caught += 1
        if caught >= 20:
            break
    assert caught >= 20


@pytest.mark.parametrize("pattern", [
    r"(?:^|\s)[وف]?قتل", r"ab(?:c|de)?f", r"(?<![^\s])x(?:y|z)+w", r"(?:a|b)c(?=dd)", r"(?:^|\s)(?:ab|a\s+b)c",
    r"a(?:bc)*d", r"(?:ab){2}c?", r"[abc]d|e[fg]", "\x01(?:ال)?(?:غار|ضرب)", r"^\S+\s+(?:ال)?(?:ab|cd)(?:\s|$)",
    r"(?:x|y\S*)z", r"(?!ab)abc|dd", r"a[^b]c", r"(?:ab|)c",
])
def test_every_matching_string_holds_a_required_literal(pattern: str) -> None:
    """Brute force: all strings of up to 5 characters (4 over a larger alphabet) over the pattern's letters and a
    space."""
    rx = re.compile(pattern)
    literals = required_literals(rx)
    assert literals and "" not in literals
    gate = gated(rx)
    alphabet = sorted({c for c in pattern if c.isalpha() or c == "\x01"} | {" "})
    checked = 0
    for n in range(1, 6 if len(alphabet) <= 7 else 5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            if rx.search(text):
                checked += 1
                assert any(s in text for s in literals), (pattern, text, sorted(literals))
            assert (gate.search(text) is None) == (rx.search(text) is None)
    assert checked > 0


@pytest.mark.parametrize("pattern", [r"\w+", r"(?i)abc", r"a?", r".*x?", r"(?:a|\s)", r"\S*"])
def test_patterns_with_no_required_literal_are_handed_every_text(pattern: str) -> None:
    rx = re.compile(pattern)
    assert required_literals(rx) is None
    gate = gated(rx)
    assert gate is rx or gate.literals is None
    for text in ("", "aa1 abc ABC xy 12 ", "x", "  "):
        assert gate is rx or gate.may_match(text)
        assert (m.span() if (m := gate.search(text)) else None) == (m2.span() if (m2 := rx.search(text)) else None)
        assert [m.span() for m in gate.finditer(text)] == [m.span() for m in rx.finditer(text)]


def test_literals_are_derived_on_first_use() -> None:
    gate = gated(re.compile(r"(?:^|\s)[وف]?قتل"))
    assert gate._automaton is None  # nothing derived when the rule files load
    assert gate.search("وقتل جندي") is not None and gate._automaton is not None
    assert gate.literals == {"قتل", "وقتل", "فقتل"}


def test_required_literals_join_adjacent_parts() -> None:
    assert required_literals(re.compile(r"(?:^|\s)[وف]?قتل")) == {"قتل", "وقتل", "فقتل"}
    assert required_literals(re.compile(r"(?:ال)?(?:غار|ضرب)\s+x")) == {"غار", "ضرب"}  # (the shorter set: as telling)
    assert required_literals(re.compile(r"\S+\s+abc\S*")) == {"abc"}


def test_a_few_literals_looked_for_one_by_one_give_the_automaton_answer(texts: list[str]) -> None:
    few = [gate for _name, gate in _gated_rules() if gate.literals and gate._few is not None]
    assert len(few) > 20
    for gate in few:
        for text in texts[::7]:
            assert gate.may_match(text) == (next(gate._automaton.iter(text), None) is not None)


def test_literal_index_tells_each_gate_for_every_suffix_and_prefix(texts: list[str]) -> None:
    """One pass of LiteralIndex over a text gives, for each pattern, what its own gate says of any suffix (the
    greatest literal start) or prefix (the smallest literal end) of that text."""
    gates = [gate for _name, gate in _gated_rules()][::3] + [re.compile(r"(?i)abc")]  # (an ungated one too)
    index = LiteralIndex(gates)
    assert len(index.always) >= 1
    opened = 0
    for text in texts[::11]:
        starts, ends = index.last_starts(text), index.first_ends(text)
        for cut in sorted({0, 1, len(text) // 3, len(text) // 2, len(text) - 1, len(text)}):
            for k, gate in enumerate(gates):
                if k in index.always:
                    continue
                assert (starts[k] >= cut) == gate.may_match(text[cut:]), (gate, text, cut)
                assert (ends[k] <= cut) == gate.may_match(text[:cut]), (gate, text, cut)
                opened += starts[k] >= cut
    assert opened > 100


def test_frames_gated_together_open_the_windows_each_gate_opens(subset_articles: list[str]) -> None:
    """modality._open_frames (one pass per side) opens exactly the window groups whose own gate lets their window
    through, and _frame_of names the frame the groups searched one by one name."""
    from types import SimpleNamespace

    from rasd.doc import Doc
    from rasd.events import modality
    from rasd.model import Span

    def plain_frame(trig: Span, cand, doc: Doc) -> str | None:
        s0, s1 = cand.sentence
        texts = {key: modality._frame_text(key[0], key[1], trig, doc, s0, s1) for key in _FRAME_GROUPS}
        texts = {key: text for key, text in texts.items() if _FRAME_GROUPS[key].search(text)}
        return next((r.name for r in modality._FRAMES if (text := texts.get((r.side, r.window))) is not None
                     and r.regex.search(text)), None)

    framed = checked = 0
    for text in subset_articles[:12]:
        doc = Doc(text=text)
        doc.set_sentences(split_sentences(text))
        for s in doc.sentences:
            cand = SimpleNamespace(sentence=(s.start, s.end))
            for pos in range(s.start, s.end - 4, 9):
                trig = Span.of(text, pos, pos + 4)
                want = {key for key, gate in _FRAME_GROUPS.items()
                        if gate.may_match(modality._frame_text(key[0], key[1], trig, doc, s.start, s.end))}
                assert {key for key, _index, _k in modality._open_frames(trig, doc, s.start, s.end)} == want
                name = modality._frame_of(trig, cand, doc)
                assert name == plain_frame(trig, cand, doc)
                framed += name is not None
                checked += 1
    assert checked > 1000 and framed > 10
