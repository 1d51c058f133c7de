"""Context rules as data: the Arabic word lists and phrase patterns of the event layer, read from
rasd/kb/data/rules/<module>.yaml.

Each rule is named and says what the code does when it matches (`action`: drop, hypothetical, background, retype,
trigger, boundary, attach, context...) and, where the code reads it in a window around a trigger, that window in
characters. A rule's `pattern` keeps the structure of the phrase (word order, optional words, anchors) and names its
word lists: `{name}` is replaced by the list `name` of the rule (or of the file's `lists:`) as an alternation, each
entry written as words separated by spaces (matched across any whitespace) with a final `*` for "any ending";
`{+وف}` lets one of those proclitics stand before the next word (rasd.text.clitics.proclitic_class), as does a
list's `clitics:`. Word lists and patterns are folded (rasd.text.normalize.fold) like the text they are matched
against, unless the rule says `fold: false`. Python keeps what patterns cannot say: clauses, attachment, precedence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import KBError
from rasd.kb.yaml_loader import StrictLoader
from rasd.text.clitics import proclitic_class
from rasd.text.normalize import fold
from rasd.text.prefilter import GatedPattern, gated

RULES_DIR = Path(__file__).parent / "data" / "rules"
#: What the code does with a rule's match (rasd/kb/data/rules/README.md says what each means).
ACTIONS: frozenset[str] = frozenset({
    "drop", "hypothetical", "background", "modality", "retype", "trigger", "mention", "boundary", "attach",
    "attribution", "context", "link", "split", "toll", "place", "date", "genre"})
_SLOT = re.compile(r"\{(\+?)([^{}\d,][^{},]*)\}")
_OPTIONAL = re.compile(r"\(([^()]*)\)")
_LOADER = StrictLoader


@dataclass(frozen=True, slots=True)
class Rule:
    """One named context pattern: the compiled regex and what the code does with a match. The regex is gated
    (rasd.text.prefilter.GatedPattern) when words every match holds can be told from it: most rules are searched in
    short windows where they seldom match, and `re` would try them at every character to tell."""

    name: str
    module: str
    action: str
    regex: re.Pattern[str] | GatedPattern
    window: int | None = None  # characters of text the code reads the rule in, next to the trigger or place
    side: str | None = None  # "before" or "after" the trigger or place
    doc: str = ""


def _entry(word: str) -> str:
    """One list entry as regex: words across any whitespace; in a word, `(ت)` / `(ها|ه)` is an optional part,
    `[يت]` one of those letters and a final `*` any ending (so "[يت]سيطر علي(ها|ه)" and "سيطر*")."""
    pieces = []
    for piece in word.split():
        piece = _OPTIONAL.sub(r"(?:\1)?", piece)
        pieces.append(piece[:-1] + r"\S*" if piece.endswith("*") else piece)
    return r"\s+".join(pieces)


def cue_words(categories: str | list[str]) -> list[str]:
    """The folded forms of the KB's cue categories (rasd/kb/data/cues.yaml), longest first: the one place a cue word
    is written, which a rule's list names (`{cue: report}`) instead of spelling the words again."""
    from rasd.kb.lexicon import load_cues  # the lexicon reads the taxonomy, which the event layer imports

    cues = _cues(load_cues)
    names = [categories] if isinstance(categories, str) else list(categories)
    unknown = [n for n in names if n not in cues]
    if unknown:
        raise KBError(f"a rule list names unknown cue categories {unknown} (cues.yaml has {sorted(cues)})")
    return sorted({f for n in names for f in cues[n].forms}, key=lambda w: (-len(w), w))


@cache
def _cues(loader) -> dict[str, Any]:
    return loader()


#: The tenses a `conjugate:` list may keep (rasd.kb.lexicon.conjugate: past forms start with the past stem).
TENSES: frozenset[str] = frozenset({"past", "present", "both"})


def conjugated_words(spec: dict[str, Any], where: str = "a rule list") -> list[str]:
    """The folded forms of a `{conjugate: [[past, present], ...], tense: past|present|both, pronouns: [...]}` list:
    each verb's news conjugations and passives made by the lexicon (rasd.kb.lexicon.conjugate / passives), kept to
    one tense when asked, each also with the object pronouns listed (قتلهم), longest first. A verb is written once
    as its lemma pair and every form follows, as for the triggers of triggers.yaml."""
    from rasd.kb.lexicon import conjugate, passives  # the lexicon reads the taxonomy, which the event layer imports

    tense = spec.get("tense", "both")
    if tense not in TENSES:
        raise KBError(f"{where}: tense must be one of {sorted(TENSES)}, not {tense!r}")
    out: set[str] = set()
    for pair in spec["conjugate"]:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise KBError(f"{where}: each verb to conjugate is [past, present], got {pair!r}")
        past, present = fold(str(pair[0])), fold(str(pair[1]))
        forms = set(conjugate(past, present)) | set(passives(past, present))
        if tense == "past":
            forms = {f for f in forms if f.startswith(past[:2])}
        elif tense == "present":
            forms = {f for f in forms if not f.startswith(past[:2])}
        out |= forms
    out -= {fold(str(w)) for w in spec.get("exclude") or ()}
    pronouns = [fold(str(p)) for p in spec.get("pronouns") or ()]
    out |= {f + p for f in out for p in pronouns if not f.endswith("ا")}  # "قتلاه" is قتلى + pronoun, not a verb
    return sorted(out, key=lambda w: (-len(w), w))


def trie_alternation(words: list[str]) -> str:
    """A regex matching exactly `words`, written as a prefix tree ("قال|قالت|قالوا" -> "قال(?:ت|وا)?"): a long
    literal list (a cue category has hundreds of forms) then costs one pass per position, not one per word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return render(trie)


def render_list(entries: list[str] | dict[str, Any]) -> str:
    """A word list (or {clitics, literal, words}, {clitics, cue}, or {clitics, conjugate, tense, pronouns}) as the
    alternation the patterns use, e.g. "[وف]?(?:يشن|تشن)".

    `literal: true` matches each entry exactly as written (one space is one space), for lists built that way;
    `cue: NAME` (or a list of names) takes the forms of those cue categories of the KB, literally."""
    if isinstance(entries, dict):
        if "conjugate" in entries:
            body = "(?:" + trie_alternation(conjugated_words(entries)) + ")"
            return (proclitic_class(entries["clitics"]) if entries.get("clitics") else "") + body
        if "cue" in entries:
            body = "(?:" + trie_alternation(cue_words(entries["cue"])) + ")"
            return (proclitic_class(entries["clitics"]) if entries.get("clitics") else "") + body
        words = entries["words"]
        body = ("(?:" + "|".join(re.escape(fold(str(w))) for w in words) + ")" if entries.get("literal")
                else render_list(words))
        return (proclitic_class(entries["clitics"]) if entries.get("clitics") else "") + body
    return "(?:" + "|".join(_entry(str(w)) for w in entries) + ")"


def render_pattern(pattern: str, lists: dict[str, Any], where: str) -> str:
    """Replace the `{list}` and `{+clitics}` slots of a rule pattern."""
    def slot(m: re.Match[str]) -> str:
        if m.group(1):
            return proclitic_class(m.group(2))
        if m.group(2) not in lists:
            raise KBError(f"{where}: pattern names an unknown word list {{{m.group(2)}}}")
        return render_list(lists[m.group(2)])
    return _SLOT.sub(slot, pattern)


class RuleSet:
    """The rules of one module: `rules["name"]` is the compiled regex, `rules.words("name")` a word list."""

    def __init__(self, module: str, rules: dict[str, Rule], lists: dict[str, Any], tables: dict[str, dict[str, Any]]):
        self.module = module
        self.rules = rules
        self.lists = lists
        self.tables = tables

    def __getitem__(self, name: str) -> re.Pattern[str] | GatedPattern:
        return self.rules[name].regex

    def rule(self, name: str) -> Rule:
        return self.rules[name]

    def window(self, name: str) -> int:
        """The window (characters around the trigger) rule `name` is read in."""
        window = self.rules[name].window
        if window is None:
            raise KBError(f"rules/{self.module}.yaml: rule {name} states no window")
        return window

    def words(self, name: str) -> tuple[str, ...]:
        """A folded word list of the file's `lists:` (entries taken as written, not as patterns)."""
        entries = self.lists[name]
        if isinstance(entries, dict) and "cue" in entries:
            return tuple(cue_words(entries["cue"]))
        if isinstance(entries, dict) and "conjugate" in entries:
            return tuple(conjugated_words(entries, f"rules/{self.module}.yaml: {name}"))
        return tuple(fold(str(w)) for w in (entries["words"] if isinstance(entries, dict) else entries))

    def table(self, name: str) -> dict[str, Any]:
        """A folded word -> value table of the file's `tables:`."""
        return self.tables[name]


def _compile(module: str, name: str, spec: dict[str, Any], lists: dict[str, Any]) -> Rule:
    where = f"rules/{module}.yaml: {name}"
    if not isinstance(spec, dict) or "pattern" not in spec:
        raise KBError(f"{where}: expected a mapping with a pattern")
    action = spec.get("action", "")
    if action not in ACTIONS:
        raise KBError(f"{where}: unknown action {action!r} (one of {sorted(ACTIONS)})")
    text = render_pattern(str(spec["pattern"]), {**lists, **(spec.get("lists") or {})}, where)
    if spec.get("fold", True):
        text = fold(text)
    flags = 0
    for flag in spec.get("flags") or ():
        if flag not in ("MULTILINE", "DOTALL", "IGNORECASE"):
            raise KBError(f"{where}: unknown regex flag {flag!r}")
        flags |= re.RegexFlag[flag]
    try:
        regex = re.compile(text, flags)
    except re.error as e:
        raise KBError(f"{where}: {e}") from e
    regex = gated(regex)
    window = spec.get("window")
    if window is not None and not (isinstance(window, dict) and len(window) == 1
                                   and next(iter(window)) in ("before", "after")
                                   and isinstance(next(iter(window.values())), int)):
        raise KBError(f"{where}: window must be {{before: N}} or {{after: N}} characters")
    side, chars = next(iter(window.items())) if window else (None, None)
    return Rule(name, module, action, regex, chars, side, str(spec.get("doc") or "").strip())


@cache
def load_rules(module: str, path: Path | None = None) -> RuleSet:
    """Read and compile rasd/kb/data/rules/<module>.yaml (once per process)."""
    path = path or RULES_DIR / f"{module}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as e:
        raise KBError(f"{path}: {e}") from e
    if not isinstance(data, dict):
        raise KBError(f"{path}: expected a mapping")
    lists = data.get("lists") or {}
    rules = {name: _compile(module, name, spec, lists) for name, spec in (data.get("rules") or {}).items()}
    tables = {k: {fold(str(w)): v for w, v in table.items()} for k, table in (data.get("tables") or {}).items()}
    return RuleSet(module, rules, lists, tables)


def all_rule_modules() -> list[str]:
    """The modules that have a rule file, for the rule report and the tests."""
    return sorted(p.stem for p in RULES_DIR.glob("*.yaml"))
