"""Event triggers, weapons and cues: the Arabic word lists the recogniser matches, and the rules that inflect them.

The data files keep lemmas (هجوم, هاجم/يهاجم, عبوة ناسفة) and this module generates the surface forms news text uses
(plurals, duals, verb conjugations, definite forms, hamza spellings), so a lexicon entry is written once and a
new spelling rule helps every entry. All generated forms are folded with `rasd.text.normalize.fold`, the same way
article text is folded before matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import KBError
from rasd.events.taxonomy import SUB_EVENT_TYPES_OF, EventType, SubEventType
from rasd.kb.yaml_loader import StrictLoader
from rasd.text.normalize import fold

DATA_DIR = Path(__file__).parent / "data"

#: ACLED's event types and their sub-event types (ACLED.md 2.2, declared once in rasd.events.taxonomy); triggers
#: must use exactly these strings.
ACLED_TAXONOMY: dict[EventType, tuple[SubEventType, ...]] = SUB_EVENT_TYPES_OF

#: Event types whose triggers denote violence (ACLED's "Political violence" side, plus riots).
VIOLENT_TYPES: frozenset[str] = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})

#: The weapon labels rasd emits (output contract `weapon`).
WEAPON_LABELS: frozenset[str] = frozenset({
    "small arms", "IED", "VBIED", "suicide vest", "mortar", "rocket", "missile", "drone", "airstrike", "artillery",
    "grenade", "landmine", "knife", "chemical"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """An Arabic event word mapped to ACLED's taxonomy; `count` is 2 for dual forms (هجومين = two attacks)."""

    id: str
    event_type: EventType
    sub_event_type: SubEventType
    weapon: str | None = None
    count: int = 1
    forms: tuple[str, ...] = ()
    flags: dict[str, Any] = field(default_factory=dict)
    verb_forms: tuple[str, ...] = ()  # forms that are verbs: a final ه after them is not a pronoun (اضافه)


@dataclass(frozen=True, slots=True)
class Weapon:
    """A weapon with the English label used in output and its folded Arabic forms."""

    id: str
    label: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    """A category of words the event layer reads (kill, injure, attempt, report, negation...)."""

    category: str
    forms: tuple[str, ...] = ()
    flags: dict[str, Any] = field(default_factory=dict)
    verb_forms: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------------------------
# Inflection rules (operate on folded text: ة is already ه, أ/إ/آ are ا, ى is ي).

def spellings(form: str) -> set[str]:
    """Folded spellings of one written form: the fold itself plus the other medial hamza carrier news uses.

    fold() maps ؤ->و and ئ->ي, so مسؤول and مسئول would fold differently; both are produced here. A final or
    bare ء is left alone (اعتداء has no اعتداو spelling).
    """
    out = {fold(form).strip()}
    if "ؤ" in form:
        out.add(fold(form.replace("ؤ", "ئ")).strip())
    if "ئ" in form:
        out.add(fold(form.replace("ئ", "ؤ")).strip())
    return {" ".join(s.split()) for s in out if s}


def toggle_article(form: str) -> set[str]:
    """A phrase with ال on every word also appears without it (القوات الامنيه / قوات امنيه), and vice versa.

    Mixed phrases (construct states like قوات الامن) are kept as written: stripping or adding ال there makes a
    different, usually ungrammatical, phrase.
    """
    words = form.split()
    out = {form}
    if not words:
        return out
    if all(w.startswith("ال") and len(w) > 3 for w in words):
        out.add(" ".join(w[2:] for w in words))
    elif not any(w.startswith("ال") for w in words):
        out.add(" ".join("ال" + w for w in words))
    return out


def sound_plurals(word: str, dual: bool = True) -> dict[str, int]:
    """Sound plural and dual forms of a folded noun or adjective, each with the count it implies (0 = plural).

    Masculine: مسلح -> مسلحون/مسلحين/مسلحو/مسلحي (construct). Feminine (final ه): محاوله -> محاولات. Duals
    (مسلحان, مسلحين is ambiguous with the plural and stays plural) are returned with count 2.
    """
    out: dict[str, int] = {}
    if word.endswith("ه"):
        stem = word[:-1]
        out[stem + "ات"] = 0
        if dual:
            out[stem + "تان"] = 2
            out[stem + "تين"] = 2
    else:
        for suffix in ("ون", "ين", "و", "ي"):
            out.setdefault(word + suffix, 0)
        if dual:
            out[word + "ان"] = 2
    return out


def noun_duals(word: str) -> list[str]:
    """Dual forms of a folded (often masculine broken-plural) noun: هجوم -> هجومان/هجومين; غاره -> غارتان/غارتين.

    A nisba noun (انتحاري) takes ين in the plural too (انتحاريين = suicide bombers), so only its ان dual is sure.
    """
    if word.endswith("ه"):
        return [word[:-1] + "تان", word[:-1] + "تين"]
    if word.endswith("ي"):
        return [word + "ان"]
    return [word + "ان", word + "ين"]


def conjugate(past: str, present: str) -> list[str]:
    """Common news conjugations of a verb from its folded 3ms past and present forms (هاجم, يهاجم).

    Past: هاجم هاجمت هاجموا هاجمو(+pronoun) هاجما هاجمتا هاجمن; present: يهاجم تهاجم يهاجمون تهاجمون يهاجمان
    تهاجمان نهاجم, the subjunctive/jussive يهاجموا and the feminine plural يهاجمن ("عشرات النساء يعتصمن أمام
    المقر": a crowd of women told in the present); passive-looking and rare persons are left out.
    """
    forms = {past, past + "ت", past + "وا", past + "و", past + "ا", past + "تا", past + "ن", past + "نا"}
    if present:
        stem = present[1:] if present[0] in "يت" else present
        for prefix in ("ي", "ت", "ن"):
            forms.add(prefix + stem)
        for suffix in ("ون", "ان", "وا"):
            forms.add("ي" + stem + suffix)
            forms.add("ت" + stem + suffix)
        forms.add("ي" + stem + "ن")
    return sorted(f for f in forms if len(f) >= 3)


def passives(past: str, present: str) -> list[str]:
    """Past passives whose letters differ from the active (the rest, قُتل/اعتُقل/فُجّر, are spelled like it once the
    vowels are gone, so `conjugate` already yields them): form III هاجم -> هوجم, a hollow verb اغتال -> اغتيل,
    استعاد -> استعيد, اقتاد -> اقتيد; each with its feminine and plural (هوجمت, هوجموا)."""
    if len(past) == 4 and past[1] == "ا" and present[1:] == past:  # فاعل / يفاعل
        stem = past[0] + "و" + past[2:]
    elif len(past) >= 4 and past[-2] == "ا" and past[0] == "ا":  # افتال / استفال (hollow, derived)
        stem = past[:-2] + "ي" + past[-1]
    else:
        return []
    return [stem, stem + "ت", stem + "وا", stem + "و"]


def agent_nouns(past: str, present: str) -> list[str]:
    """Nominative plural agent nouns of a derived verb: the present stem after م (يتظاهر -> متظاهرون, يحتج ->
    محتجون, يعتصم -> معتصمون, يهاجم -> مهاجمون).

    Only the nominative (-ون): the agent noun is then the subject, the crowd that does the act ("خرج المتظاهرون");
    the -ين form is the object or possessor of another act or word ("اعتقال المتظاهرين", "مطالب المتظاهرين"), which
    reports no act of theirs. Form I (يقتل -> قاتل) takes another pattern and is not generated."""
    stem = present[1:] if present[:1] in "يت" else present
    if len(stem) < 3 or len(past) < 4:
        return []
    return ["م" + stem + "ون"]


def masdars(past: str, present: str) -> list[str]:
    """Verbal nouns of derived verbs, by their pattern: form VIII/VII/X افتعل -> افتعال (اعتقل -> اعتقال, اشتبك ->
    اشتباك, استهدف -> استهداف; hollow اغتال -> اغتيال, استعاد -> استعادة; doubled احتج -> احتجاج), form IV أفعل -> إفعال (أحبط -> إحباط), form III فاعل ->
    مفاعلة (هاجم -> مهاجمه). Form I and II (قتل, فجّر) look alike without vowels and are not generated."""
    if past.startswith("است") and len(past) == 6 and past[-2] == "ا":  # hollow form X: استعاد -> استعادة
        return [past + "ه"]
    if past[0] == "ا" and len(past) >= 5:
        if past[-2] == "ا":  # hollow: اغتال -> اغتيال, اجتاح -> اجتياح
            return [past[:-2] + "يا" + past[-1]]
        return [past[:-1] + "ا" + past[-1]]
    if past[0] == "ا" and len(past) == 4 and past[2] == "ت":  # doubled form VIII: احتج -> احتجاج
        return [past + "ا" + past[-1]]
    if past[0] == "ا" and len(past) == 4 and present[1:3] == past[1:3]:  # أحبط / يحبط
        return [past[:3] + "ا" + past[3]]
    if len(past) == 4 and past[1] == "ا" and present[1:] == past:  # هاجم / يهاجم
        return ["م" + past + "ه"]
    return []


# ---------------------------------------------------------------------------------------------------------------
# Loaders


#: The KB's loader: libyaml's safe loader when PyYAML has it, refusing a key repeated in one mapping.
YAML_LOADER = StrictLoader


def read_yaml(path: Path) -> Any:
    """Read one YAML file, turning every failure into a KBError that names the file."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError as exc:
        raise KBError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: invalid YAML ({exc})") from exc


def _str_list(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KBError(f"{where}: '{key}' must be a list of strings")
    return value


def expand_forms(written: Iterable[str], *, article: bool = False) -> set[str]:
    """All folded surface forms of written forms: hamza spellings, and the ال-toggled phrase for multi-word forms
    (or for every form with `article`). One-word forms need no ال variant: the matcher accepts ال as a proclitic
    of trigger, weapon and cue forms."""
    out: set[str] = set()
    for w in written:
        for s in spellings(w):
            out |= toggle_article(s) if article or " " in s else {s}
    return out


def _trigger_entries(entry: dict[str, Any], where: str) -> Iterator[Trigger]:
    """One YAML trigger -> the trigger itself and, when its nouns have duals, a count-2 twin."""
    for key in ("id", "event_type", "sub_event_type"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise KBError(f"{where}: missing or empty '{key}'")
    tid, etype, sub = entry["id"], entry["event_type"], entry["sub_event_type"]
    if etype not in ACLED_TAXONOMY or sub not in ACLED_TAXONOMY[etype]:
        raise KBError(f"{where} ({tid}): '{etype}' / '{sub}' is not an ACLED event/sub-event type pair")
    etype, sub = EventType(etype), SubEventType(sub)
    flags = dict(entry.get("flags") or {})
    flags.setdefault("violent", etype in VIOLENT_TYPES)
    weapon = entry.get("weapon")
    forms = expand_forms(_str_list(entry.get("forms"), where, "forms"))
    duals: set[str] = set(expand_forms(_str_list(entry.get("duals"), where, "duals")))
    for noun in expand_forms(_str_list(entry.get("nouns"), where, "nouns")):
        forms.add(noun)
        if entry.get("dual", True) and " " not in noun:
            duals.update(noun_duals(noun))
    for noun in expand_forms(_str_list(entry.get("fem_nouns"), where, "fem_nouns")):
        forms.add(noun)
        for f, count in sound_plurals(noun).items():
            (duals.add(f) if count == 2 else forms.add(f))
    noun_forms = set(forms)  # (written forms, nouns and their plurals: before the verbs join them)
    verb_forms = _verb_forms(entry, where)
    forms |= verb_forms
    derived, agents = _derived_nouns(entry, where)
    for noun in derived:  # a masdar is a noun: its duals are two acts (اعتقالين), as for `nouns`
        forms.add(noun)
        if noun.endswith("ه"):
            for f, count in sound_plurals(noun).items():
                (duals.add(f) if count == 2 else forms.add(f))
        else:
            duals.update(noun_duals(noun))
    forms |= agents
    excluded = expand_forms(_str_list(entry.get("exclude"), where, "exclude"))
    # A form that is also the entry's noun (قصف, خطف: noun and verb alike) takes a pronoun as a noun does
    # ("كثف الطيران قصفه"): only a form that is a verb alone reads a final ه as part of another word (اضافه).
    nouns = noun_forms | derived
    forms, duals, verb_forms = forms - excluded, duals - excluded, verb_forms - excluded - nouns
    # The forms whose final ه is a ة as written (غارة, مواجهة, the masdar مهاجمة): a text word spelled with ه there is
    # another word with a pronoun ("مهاجمه" his striker, "ضربه" beating him), read by rasd.events.detect
    written = [w for key in ("nouns", "fem_nouns", "forms") for w in _str_list(entry.get(key), where, key)]
    taa = {f for w in written if w.endswith("ة") and " " not in w for f in spellings(w)}
    taa |= {m for m in derived if m.endswith("ه") and " " not in m}
    if taa & forms:
        flags["taa"] = tuple(sorted(taa & forms))
    if flags.get("no_object"):
        # a verb that takes its object through a preposition (سيطر على): a pronoun after one of its forms makes
        # the noun (سيطرتها "its control"), not the verb; rasd.events.detect reads the forms here
        flags["no_object"] = tuple(sorted(verb_forms))
    if not forms:
        raise KBError(f"{where} ({tid}): no forms")
    yield Trigger(tid, etype, sub, weapon, 1, tuple(sorted(forms - duals)), flags, tuple(sorted(verb_forms)))
    if duals:
        yield Trigger(tid + "__dual", etype, sub, weapon, 2, tuple(sorted(duals)), {**flags, "dual_of": tid})


def _verb_pairs(entry: dict[str, Any], key: str, where: str) -> list[tuple[str, str]]:
    """The folded [past, present] pairs of an entry's `key`."""
    out = []
    for pair in entry.get(key) or []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise KBError(f"{where}: each verb must be [past, present], got {pair!r}")
        out.append((fold(pair[0]), fold(pair[1])))
    return out


def _verb_forms(entry: dict[str, Any], where: str) -> set[str]:
    """Conjugations and passives of `verbs: [[past, present], ...]` plus the written `verb_forms` of an entry. A verb
    with a fixed object ("أبطل مفعول", "ألقى القبض") is conjugated on its first word, the object kept as written.
    `past_verbs` keeps the past conjugations and the passives only: a verb whose present mostly describes or plans
    ("التي تسيطر عليها", "تستعيد نشاطها") reports an act in the past ("سيطرتا", "استعيدت")."""
    out = expand_forms(_str_list(entry.get("verb_forms"), where, "verb_forms"))
    for key in ("verbs", "past_verbs"):
        for past, present in _verb_pairs(entry, key, where):
            past, _, tail = past.partition(" ")
            present = present.split(" ", 1)[0]
            forms = set(conjugate(past, present))
            if key == "past_verbs":
                forms = {f for f in forms if f.startswith(past[:2])}
            forms |= set(passives(past, present))
            out.update(f"{f} {tail}" if tail else f for f in forms)
    return out


def _derived_nouns(entry: dict[str, Any], where: str) -> tuple[set[str], set[str]]:
    """(masdars, agent nouns) of an entry's verbs: `masdars: true` derives the verbal nouns of its `verbs`, and
    `agents: [[past, present], ...]` the agent nouns of those verbs (their act's doers: المتظاهرون)."""
    made: set[str] = set()
    if entry.get("masdars"):
        for past, present in _verb_pairs(entry, "verbs", where):
            made.update(masdars(past, present))
    agents = {f for past, present in _verb_pairs(entry, "agents", where) for f in agent_nouns(past, present)}
    return made, agents


def load_triggers(path: Path | None = None) -> dict[str, Trigger]:
    """Read triggers.yaml (a list under `triggers:`) into id -> Trigger, with generated inflections."""
    path = path or DATA_DIR / "triggers.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("triggers"), list):
        raise KBError(f"{path}: expected a mapping with a 'triggers' list")
    out: dict[str, Trigger] = {}
    for i, entry in enumerate(data["triggers"]):
        where = f"{path}: triggers[{i}]"
        if not isinstance(entry, dict):
            raise KBError(f"{where}: expected a mapping")
        for trig in _trigger_entries(entry, where):
            if trig.id in out:
                raise KBError(f"{where}: duplicate trigger id '{trig.id}'")
            out[trig.id] = trig
    return out


def load_weapons(path: Path | None = None) -> dict[str, Weapon]:
    """Read weapons.yaml into id -> Weapon; labels must be among WEAPON_LABELS."""
    path = path or DATA_DIR / "weapons.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("weapons"), list):
        raise KBError(f"{path}: expected a mapping with a 'weapons' list")
    out: dict[str, Weapon] = {}
    for i, entry in enumerate(data["weapons"]):
        where = f"{path}: weapons[{i}]"
        if not isinstance(entry, dict) or not entry.get("id") or entry.get("label") not in WEAPON_LABELS:
            raise KBError(f"{where}: needs an 'id' and a 'label' among {sorted(WEAPON_LABELS)}")
        forms = expand_forms(_str_list(entry.get("forms"), where, "forms"))
        for noun in expand_forms(_str_list(entry.get("fem_nouns"), where, "fem_nouns")):
            forms.add(noun)
            forms.update(sound_plurals(noun))
        out[entry["id"]] = Weapon(entry["id"], entry["label"], tuple(sorted(forms)))
    return out


def load_cues(path: Path | None = None) -> dict[str, Cue]:
    """Read cues.yaml (category -> {forms, verbs, flags}) into category -> Cue."""
    path = path or DATA_DIR / "cues.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("cues"), dict):
        raise KBError(f"{path}: expected a mapping with a 'cues' mapping")
    out: dict[str, Cue] = {}
    for category, entry in data["cues"].items():
        where = f"{path}: cues.{category}"
        if not isinstance(entry, dict):
            raise KBError(f"{where}: expected a mapping with 'forms'")
        forms = expand_forms(_str_list(entry.get("forms"), where, "forms"))
        for noun in expand_forms(_str_list(entry.get("plural_nouns"), where, "plural_nouns")):
            forms.add(noun)
            forms.update(f for f, c in sound_plurals(noun).items() if c != 2 or entry.get("duals", True))
        verb_forms = _verb_forms(entry, where)
        forms |= verb_forms
        excluded = expand_forms(_str_list(entry.get("exclude"), where, "exclude"))
        forms, verb_forms = forms - excluded, verb_forms - excluded
        out[str(category)] = Cue(str(category), tuple(sorted(forms)), dict(entry.get("flags") or {}),
                                 tuple(sorted(verb_forms)))
    return out
