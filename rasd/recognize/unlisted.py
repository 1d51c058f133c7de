"""Names the KB does not list: the statistical NER's persons and places, and towns found by how their name sounds.

The NER is the costliest stage by far, so it reads only the sentences an event can use (`ner_sentences`, fed by the
pipeline's `doc.focus`), and the persons of the other casualty sentences are tagged only when an event stage asks
for them (`persons_on_demand`). A place the tagger proposes is kept only when it sits in a place slot and sounds like
a town of one of the article's countries (`place_by_sound`, over the gazetteer's sound index).

The sound index is built once per gazetteer and kept here (`sound_index`), not on the KB object.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from rasd.model import Mention, Span, SpanIndex
from rasd.recognize.ner_features import tokenize
from rasd.recognize.transliterate import arabic_skeleton, build_sound_index
from rasd.settings import DEFAULT_SETTINGS, Settings
from rasd.text.normalize import fold, normalize
from rasd.text.prefilter import PrefixScan

log = logging.getLogger(__name__)


def ner_sentences(text: str, sentences: list[Span], own: set[int], window: set[int], taken: list[Mention],
                  kb, settings: Settings = DEFAULT_SETTINGS) -> tuple[list[Span], list[Span]]:
    """Which sentences the statistical NER (the costliest stage by far) reads: (now, for persons on demand).

    Now: a sentence where a name in a place slot sounds like a town of the article's countries (the NER + sound
    lookup may find a town the KB lacks in Arabic, _may_name_a_town), if it is an event's own sentence with a
    casualty cue, or in an event's window with a trigger but no town the KB knows (rasd.events.locate reads
    places up to two sentences back). On demand: the other casualty sentences of events, whose persons only count
    the people named as killed or wounded when rasd.events.tolls.find_tolls asks for them (Doc.find_persons)."""
    casualty = sorted(m.span.start for m in taken if m.kind == "cue" and m.value in ("kill", "injure"))
    triggers = sorted(m.span.start for m in taken if m.kind == "trigger")
    placed = sorted(m.span.start for m in taken if m.kind == "place" and not _is_country(kb, m.value))
    spans = SpanIndex((m.span.start, m.span.end) for m in taken)
    countries = article_countries(taken, kb)

    def has(s: Span, positions: list[int]) -> bool:
        return bisect_left(positions, s.start) < bisect_left(positions, s.end)

    now: list[Span] = []
    later: list[Span] = []
    for i, s in enumerate(sentences):
        tolled = i in own and has(s, casualty)
        if (tolled or (i in window and has(s, triggers) and not has(s, placed))) and \
                _may_name_a_town(text, s, spans, countries, kb, settings):
            now.append(s)
        elif tolled:
            later.append(s)
    return now, later


def persons_on_demand(text: str, pending: list[Span], taken: list[Mention], kb,
                      settings: Settings = DEFAULT_SETTINGS) -> Callable[[int, int], list[Mention]] | None:
    """Doc.find_persons over the `pending` sentences: the first time persons are asked for in a stretch, the
    pending sentences it overlaps are tagged (once) and their persons returned."""
    if not pending:
        return None
    pending = list(pending)
    spans = SpanIndex((m.span.start, m.span.end) for m in taken)  # built once, not per question

    def find_persons(start: int, end: int) -> list[Mention]:
        due = [s for s in pending if s.start < end and start < s.end]
        if not due:
            return []
        for s in due:
            pending.remove(s)
        return ner_mentions(text, due, taken, kb, places=False, settings=settings, spans=spans)

    return find_persons


def _may_name_a_town(text: str, sent: Span, spans: SpanIndex, countries: set[str], kb,
                     settings: Settings) -> bool:
    """Can the NER find a town by sound in this sentence? It keeps only a name that starts right after a place
    word (_LOCATIVE_RE), overlaps no KB mention and sounds like a town of `countries` (place_by_sound): this
    tries that lookup on every such stretch of tagger tokens, so a sentence where none sounds like a town is not
    worth tagging for places (the tagger could only propose stretches already ruled out)."""
    if not countries:
        return False
    nt = normalize(text)  # memoised: the article's folded text, whose slices are the folds of its substrings
    folded, index = nt.text, nt.index
    near = spans.overlapping(sent.start, sent.end)
    by_key = sound_index(kb.gazetteer).by_key
    reach = settings.place_word_window
    # A name in a place slot has a place word among the `reach` characters before it (_LOCATIVE_RE): only the
    # tokens that follow one closely get the full test.
    lo, hi = bisect_left(index, max(0, sent.start - reach)), bisect_left(index, sent.end)
    words = [index[m.start()] for m in _PLACE_WORD_SCAN.finditer(0, folded, lo, hi)]
    if not words:
        return False
    toks = tokenize(sent.text)
    starts = [sent.start + tok_start for _, tok_start, _ in toks]
    for k in tokens_after(starts, words, reach):
        start = starts[k]
        if not _LOCATIVE_RE.search(folded[bisect_left(index, max(0, start - reach)):bisect_left(index, start)]):
            continue
        for _, _, tok_end in toks[k:k + settings.max_name_tokens]:
            end = sent.start + tok_end
            if any(a < end and start < b for a, b in near):
                break  # and so does every longer stretch
            if _sounds_indexed(text, start, end, by_key, settings) and place_by_sound(
                    text, start, end, countries, kb, near, settings) is not None:
                return True
    return False


def tokens_after(starts: list[int], words: list[int], reach: int) -> list[int]:
    """The indices of the tokens (sorted `starts`) that begin within `reach` characters after one of the sorted
    positions `words` (w < start <= w + reach), in order: bisected from each word rather than tested token by
    token (a sentence has many tokens and few place words)."""
    return sorted({k for w in words for k in range(bisect_right(starts, w), bisect_right(starts, w + reach))})


def _sounds_indexed(text: str, start: int, end: int, by_key: dict, settings: Settings) -> bool:
    """Is the skeleton of the name (alone or with the next word, the two place_by_sound looks up) in the sound
    index at all? A memoised necessary condition, so the full lookup runs only for the few names that pass."""
    nxt = _NEXT_WORD.match(text[end:end + settings.next_word_window])
    return (nxt is not None and _skeleton(text[start:end + nxt.end()]) in by_key) or _skeleton(text[start:end]) in by_key


@lru_cache(maxsize=16_384)
def _skeleton(name: str) -> str:
    return arabic_skeleton(name)


def article_countries(taken: list[Mention], kb) -> set[str]:
    """The countries the KB mentions of an article name (nationalities, actors' countries, places' countries):
    a town is looked up by sound only in these."""
    countries = {m.value for m in taken if m.kind == "nationality"} | {
        m.attrs.get("iso3") for m in taken if m.kind == "actor" and m.attrs.get("iso3")}
    for m in taken:
        if m.kind == "place":
            try:
                countries.add(kb.gazetteer.get(m.value).iso3)
            except Exception:  # noqa: BLE001 - an id the gazetteer lacks adds no country
                pass
    return countries


def ner_mentions(text: str, wanted: list[Span], taken: list[Mention], kb, places: bool = True,
                 settings: Settings = DEFAULT_SETTINGS, spans: SpanIndex | None = None) -> list[Mention]:
    """Names the KB does not list in the `wanted` sentences, from the statistical NER model: persons (to count the
    people named as killed or wounded) and, with `places`, places (looked up by sound:
    rasd.recognize.transliterate)."""
    if not wanted:
        return []
    try:
        from rasd.recognize.ner import NerTagger  # loads numpy and the model: only when a sentence needs it

        tagger = NerTagger.load()
    except Exception as exc:  # noqa: BLE001 - NER is an optional aid; extraction works without it
        log.debug("NER unavailable: %s", exc)
        return []
    if spans is None:
        spans = SpanIndex((m.span.start, m.span.end) for m in taken)
    countries = article_countries(taken, kb) if places else set()
    reach = settings.place_word_window
    out = []
    for sent in wanted:
        for m in _entities(tagger, sent.text):
            start, end = sent.start + m.span.start, sent.start + m.span.end
            if spans.overlapping(start, end):
                continue
            if m.kind == "person":
                out.append(Mention(m.kind, Span.of(text, start, end), m.value, m.label, m.confidence,
                                   dict(m.attrs)))
            elif places and m.kind == "place" and countries and _LOCATIVE_RE.search(
                    fold(text[max(0, start - reach):start])):
                found = place_by_sound(text, start, end, countries, kb,
                                       spans.overlapping(start, end + settings.next_word_window), settings)
                if found is not None:
                    out.append(found)
    return out


@lru_cache(maxsize=512)
def _entities(tagger, sentence: str) -> tuple[Mention, ...]:
    """The tagger's entities of one sentence, memoised: the tagger sees only the sentence, so the same sentence
    (a headline repeated as the lead, a wire story carried by two outlets) gets the same tags. The cached
    Mentions are read, never handed out."""
    return tuple(tagger.entities(sentence))


_NEXT_WORD = re.compile(r"\s+[^\s،,.:;()«»]+")
_TOWN_WORD_RE = re.compile(r"(?:مدينه|بلده|قريه|ناحيه|قضاء|بمدينه|ببلده)\s*$")
# A sound match is tried only for a name in a place slot ("في مدينة شيلوبي", "قرب بلدة سروج"), never for a name
# that merely sounds like a town (the news agency الأناضول is not Antalya).
_PLACE_WORDS = (r"في|قرب|بالقرب من|مدينه|بلده|قريه|منطقه|قضاء|ناحيه|محافظه|ولايه|اقليم|بمدينه|ببلده|بمنطقه|بقريه|"
                r"شمال|جنوب|شرق|غرب")
_LOCATIVE_RE = re.compile(r"(?:^|\s)[وفب]?(?:" + _PLACE_WORDS + r")\S*\s*$")
_PLACE_WORD_AT = re.compile("(?=" + _PLACE_WORDS + ")")  # every position where a place word begins
#: (A look-ahead alone gives `re` no literal to skip to: it is tried at every character. The scan tries it only
#: where a place word's first letters occur, found once per article; its matches are all empty, and the scan yields
#: them where `finditer` does.)
_PLACE_WORD_SCAN = PrefixScan([_PLACE_WORD_AT])


def _is_country(kb, place_id: str) -> bool:
    try:
        return kb.gazetteer.get(place_id).kind in ("country", "admin1")
    except Exception:  # noqa: BLE001 - an unknown id names no town either
        return True


@lru_cache(maxsize=2)
def sound_index(gazetteer):
    """The gazetteer's sound index (rasd.recognize.transliterate), built on first use and kept per gazetteer
    (a long-running process keeps one KB; a test suite that loads another gets its own)."""
    return build_sound_index(gazetteer)


def place_by_sound(text: str, start: int, end: int, countries: set, kb, taken: list[tuple[int, int]] = (),
                   settings: Settings = DEFAULT_SETTINGS) -> Mention | None:
    """A gazetteer place whose Latin name sounds like the NER-tagged Arabic name (the name alone, or with the word
    after it: NER often tags only the first half of "دوجو بايزيد") - not with a word the KB already named ("خان"
    before "بني سعد" is not Iran's Khan Bebin)."""
    if kb.gazetteer.is_common_word(fold(text[start:end])):
        return None  # "في قريتين قرب ...": 'two villages' sounds like no town (places_terms.yaml never_safe)
    index = sound_index(kb.gazetteer)
    nxt = _NEXT_WORD.match(text[end:end + settings.next_word_window])
    if nxt and any(a < end + nxt.end() and end < b for a, b in taken):
        nxt = None
    # A town designator right before the name ("مدينة مديات") makes a short, two-consonant skeleton safe enough.
    designated = bool(_TOWN_WORD_RE.search(fold(text[max(0, start - settings.town_word_window):start])))
    least = settings.sound_min_consonants_designated if designated else settings.sound_min_consonants
    for s0, e0 in ((start, end + nxt.end()) if nxt else (start, end), (start, end)):
        places = index.lookup(text[s0:e0], countries, kb.gazetteer, min_consonants=least)
        if designated:
            places = [p for p in places if len(arabic_skeleton(text[s0:e0])) >= settings.sound_min_consonants
                      or (p.population or 0) >= settings.designated_min_population]
        if places:
            return Mention("place", Span.of(text, s0, e0), places[0].id, places[0].name_en,
                           settings.sound_place_confidence, {"candidates": [p.id for p in places], "source": "sound"})
    return None
