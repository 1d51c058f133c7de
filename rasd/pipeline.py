"""Composes the per-article stages: process(article) -> ArticleResult.

language (sentences, quantities, time expressions) -> recognise (KB mentions, NER names, anaphora) -> events.
Each stage is a plain function of the previous stage's output; nothing here knows about storage or the web, so a
batch engine can run `process` over partitions of articles unchanged.

Work is done only where it can change an event: the KB mentions (cheap, and read article-wide for the country
context, genre and coreference) cover the whole article; the event candidates found on them decide which sentences
get the costly stages (event_sentences, ner_sentences). So the result's number, date and person mentions cover the
sentences the event stages read, not the whole article (`rasd ner` still tags every sentence it is given).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from rasd.errors import InputError
from rasd.model import Article, ArticleResult, Event, Mention, Span
from rasd.text.normalize import fold

log = logging.getLogger(__name__)

# The complements of "an Arabic letter" and "a letter": deleting runs of them and measuring what is left counts the
# letters without building a string per letter (as findall would).
_NOT_ARABIC_LETTER = re.compile(r"[^\u0621-\u064A\u0671-\u06D3]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_HTML_RE = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[\s>]|<article)", re.IGNORECASE)


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic: the cheap, offline check that the Arabic extractor applies."""
    sample = text[:20000]
    letters = len(_NOT_LETTER.sub("", sample))
    return len(_NOT_ARABIC_LETTER.sub("", sample)) / letters if letters else 0.0


def ner_sentences(text: str, sentences: list[Span], own: set[int], window: set[int], taken: list[Mention],
                  kb) -> tuple[list[Span], list[Span]]:
    """Which sentences the statistical NER (the costliest stage by far) reads: (now, for persons on demand).

    Now: a sentence where a name in a place slot sounds like a town of the article's countries (the NER + sound
    lookup may find a town the KB lacks in Arabic, _may_name_a_town), if it is an event's own sentence with a
    casualty cue, or in an event's window with a trigger but no town the KB knows (rasd.events.locate reads
    places up to two sentences back). On demand: the other casualty sentences of events, whose persons only count
    the people named as killed or wounded when rasd.events.tolls.find_tolls asks for them (Doc.find_persons)."""
    casualty = sorted(m.span.start for m in taken if m.kind == "cue" and m.value in ("kill", "injure"))
    triggers = sorted(m.span.start for m in taken if m.kind == "trigger")
    placed = sorted(m.span.start for m in taken if m.kind == "place" and not _is_country(kb, m.value))
    spans = [(m.span.start, m.span.end) for m in taken]
    countries = _article_countries(taken, kb)

    def has(s: Span, positions: list[int]) -> bool:
        return bisect_left(positions, s.start) < bisect_left(positions, s.end)

    now: list[Span] = []
    later: list[Span] = []
    for i, s in enumerate(sentences):
        tolled = i in own and has(s, casualty)
        if (tolled or (i in window and has(s, triggers) and not has(s, placed))) and \
                _may_name_a_town(text, s, spans, countries, kb):
            now.append(s)
        elif tolled:
            later.append(s)
    return now, later


def _persons_on_demand(text: str, pending: list[Span], taken: list[Mention], kb):
    """Doc.find_persons over the `pending` sentences: the first time persons are asked for in a stretch, the
    pending sentences it overlaps are tagged (once) and their persons returned."""
    if not pending:
        return None
    pending = list(pending)

    def find_persons(start: int, end: int) -> list[Mention]:
        due = [s for s in pending if s.start < end and start < s.end]
        if not due:
            return []
        for s in due:
            pending.remove(s)
        return _ner_mentions(text, due, taken, kb, places=False)

    return find_persons


#: The longest name (in tagger tokens) tried by _may_name_a_town: longer than any place name the tagger tags.
_MAX_NAME_TOKENS = 8


def _may_name_a_town(text: str, sent: Span, spans: list[tuple[int, int]], countries: set[str], kb) -> bool:
    """Can the NER find a town by sound in this sentence? It keeps only a name that starts right after a place
    word (_LOCATIVE_RE), overlaps no KB mention and sounds like a town of `countries` (_place_by_sound): this
    tries that lookup on every such stretch of tagger tokens, so a sentence where none sounds like a town is not
    worth tagging for places (the tagger could only propose stretches already ruled out)."""
    if not countries:
        return False
    from rasd.recognize.ner_features import tokenize
    from rasd.text.normalize import normalize

    nt = normalize(text)  # memoised: the article's folded text, whose slices are the folds of its substrings
    folded, index = nt.text, nt.index
    near = [(a, b) for a, b in spans if a < sent.end and sent.start < b]
    by_key = sound_index(kb).by_key
    # A name in a place slot has a place word among the 25 characters before it (_LOCATIVE_RE): only the tokens
    # that follow one closely get the full test.
    words = [index[m.start()] for m in _PLACE_WORD_AT.finditer(folded, bisect_left(index, max(0, sent.start - 25)),
                                                                bisect_left(index, sent.end))]
    if not words:
        return False
    toks = tokenize(sent.text)
    for k, (_, tok_start, _) in enumerate(toks):
        start = sent.start + tok_start
        if bisect_left(words, start - 25) == bisect_left(words, start) or not _LOCATIVE_RE.search(
                folded[bisect_left(index, max(0, start - 25)):bisect_left(index, start)]):
            continue
        for _, _, tok_end in toks[k:k + _MAX_NAME_TOKENS]:
            end = sent.start + tok_end
            if any(a < end and start < b for a, b in near):
                break  # and so does every longer stretch
            if _sounds_indexed(text, start, end, by_key) and _place_by_sound(text, start, end, countries, kb, near):
                return True
    return False


def _sounds_indexed(text: str, start: int, end: int, by_key: dict) -> bool:
    """Is the skeleton of the name (alone or with the next word, the two _place_by_sound looks up) in the sound
    index at all? A memoised necessary condition, so the full lookup runs only for the few names that pass."""
    nxt = _NEXT_WORD.match(text[end:end + 30])
    return (nxt is not None and _skeleton(text[start:end + nxt.end()]) in by_key) or _skeleton(text[start:end]) in by_key


@lru_cache(maxsize=16_384)
def _skeleton(name: str) -> str:
    from rasd.recognize.transliterate import arabic_skeleton

    return arabic_skeleton(name)


def _article_countries(taken: list[Mention], kb) -> set[str]:
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


def _ner_mentions(text: str, wanted: list[Span], taken: list[Mention], kb, places: bool = True) -> list[Mention]:
    """Names the KB does not list in the `wanted` sentences, from the statistical NER model: persons (to count the
    people named as killed or wounded) and, with `places`, places (looked up by sound:
    rasd.recognize.transliterate)."""
    if not wanted:
        return []
    try:
        from rasd.recognize.ner import NerTagger

        tagger = NerTagger.load()
    except Exception as exc:  # noqa: BLE001 - NER is an optional aid; extraction works without it
        log.debug("NER unavailable: %s", exc)
        return []
    spans = [(m.span.start, m.span.end) for m in taken]
    countries = _article_countries(taken, kb)
    out = []
    for sent in wanted:
        for m in _entities(tagger, sent.text):
            start, end = sent.start + m.span.start, sent.start + m.span.end
            if any(a < end and start < b for a, b in spans):
                continue
            if m.kind == "person":
                out.append(Mention(m.kind, Span.of(text, start, end), m.value, m.label, m.confidence,
                                   dict(m.attrs)))
            elif places and m.kind == "place" and countries and _LOCATIVE_RE.search(fold(text[max(0, start - 25):start])):
                found = _place_by_sound(text, start, end, countries, kb, spans)
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


def _is_country(kb, place_id: str) -> bool:
    try:
        return kb.gazetteer.get(place_id).kind in ("country", "admin1")
    except Exception:  # noqa: BLE001 - an unknown id names no town either
        return True


def sound_index(kb):
    """The gazetteer's sound index (rasd.recognize.transliterate), built on first use and kept on the KB."""
    from rasd.recognize.transliterate import build_sound_index

    index = getattr(kb, "_sound_index", None)
    if index is None:
        index = build_sound_index(kb.gazetteer)
        kb._sound_index = index
    return index


def _place_by_sound(text: str, start: int, end: int, countries: set, kb,
                    taken: list[tuple[int, int]] = ()) -> Mention | None:
    """A gazetteer place whose Latin name sounds like the NER-tagged Arabic name (the name alone, or with the word
    after it: NER often tags only the first half of "دوجو بايزيد") - not with a word the KB already named ("خان"
    before "بني سعد" is not Iran's Khan Bebin)."""
    from rasd.recognize.transliterate import arabic_skeleton as index_key
    index = sound_index(kb)
    nxt = _NEXT_WORD.match(text[end:end + 30])
    if nxt and any(a < end + nxt.end() and end < b for a, b in taken):
        nxt = None
    # A town designator right before the name ("مدينة مديات") makes a short, two-consonant skeleton safe enough.
    designated = bool(_TOWN_WORD_RE.search(fold(text[max(0, start - 12):start])))
    for s0, e0 in ((start, end + nxt.end()) if nxt else (start, end), (start, end)):
        places = index.lookup(text[s0:e0], countries, kb.gazetteer, min_consonants=2 if designated else 3)
        if designated:
            places = [p for p in places if len(index_key(text[s0:e0])) >= 3 or (p.population or 0) >= 20_000]
        if places:
            return Mention("place", Span.of(text, s0, e0), places[0].id, places[0].name_en, 0.6,
                           {"candidates": [p.id for p in places], "source": "sound"})
    return None


def process(article: Article, kb=None, *, decide: str = "model") -> ArticleResult:
    """Run the extractor over one article and return everything it found, or why it was skipped.

    `decide` says who decides which of the rules' events are coded: "model" (the learned check,
    rasd.events.vetting, when its model is built; else the rules), "rules" (the rules' coding filters alone, what
    rule tests check), or "candidates" (every act the rules assemble, those the filters leave out marked in
    `missing["filtered"]`: what the model's training script learns from)."""
    if decide not in ("model", "rules", "candidates"):
        raise ValueError(f"decide must be model, rules or candidates, not {decide!r}")
    from rasd.events.build import extract_events
    from rasd.events.context import Doc
    from rasd.events.coref import resolve_anaphora
    from rasd.events.detect import find_candidates
    from rasd.kb import load_kb
    from rasd.recognize.mentions import find_mentions
    from rasd.text.dates import find_time_expressions
    from rasd.text.numbers import find_quantities
    from rasd.text.segment import split_sentences

    result = ArticleResult(article=article)
    text = article.text
    if not text.strip():
        result.skipped = "empty text"
        return result
    if article.language and not article.language.startswith("ar"):
        result.skipped = f"not Arabic (language {article.language})"  # e.g. Persian, which shares the script
        return result
    share = arabic_share(text)
    if share < 0.3:
        result.skipped = f"not Arabic (Arabic letters {share:.0%})"
        article.language = article.language or "other"
        return result
    article.language = article.language or "ar"
    if article.published is None:
        result.warnings.append("no publication date: relative dates cannot be resolved")
    kb = kb or load_kb()
    sentences = split_sentences(text)
    found = find_mentions(text, kb)
    doc = Doc(text=text, published=article.published, sentences=sentences,
              mentions=resolve_anaphora(text, list(found), kb))
    # The costly stages run only where an event can read them (see event_sentences).
    candidates = find_candidates(doc)
    own, window = event_sentences(doc, candidates)
    now, later = ner_sentences(text, sentences, own, window, found, kb)
    doc.add_mentions(_ner_mentions(text, now, found, kb))
    doc.find_persons = _persons_on_demand(text, later, found, kb)
    doc.quantities = find_quantities(text, _ranges(sentences, own))
    doc.times = find_time_expressions(text, article.published, _ranges(sentences, window))
    result.events = extract_events(doc, kb, article, candidates, keep_filtered=True)
    if decide != "candidates":
        from rasd.events.vetting import unfiltered, vet

        result.events = unfiltered(result.events) if decide == "rules" else vet(result.events, text, article.published)
    result.mentions = doc.mentions + [Mention("number", Span(q.start, q.end, q.text), q.value, q.kind)
                                      for q in doc.quantities] \
        + [Mention("date", Span(t.start, t.end, t.text), (t.date_start, t.date_end), f"precision {t.precision}")
           for t in doc.times]
    return result


def event_sentences(doc, candidates: list | None = None) -> tuple[set[int], set[int]]:
    """(own, window): the indices of the sentences that hold a candidate event, and those plus the two sentences
    before each, the furthest the event stages look (rasd.events.locate._preceding for a place the sentence leaves
    unsaid, rasd.events.timing.governing_time for an earlier date). Quantities are read only in an event's own
    sentence (its tolls, its counted actors); dates and NER names also in the window. No other sentence can
    change an event, so the pipeline runs its costly stages (NER, quantities, dates) on these alone.
    `candidates`: rasd.events.detect.find_candidates(doc), when the caller has them."""
    from rasd.events.detect import find_candidates

    own = {c.sentence_index for c in (find_candidates(doc) if candidates is None else candidates)}
    own.discard(-1)
    return own, {k for i in own for k in (i, i - 1, i - 2) if k >= 0}


def _ranges(sentences: list[Span], wanted: set[int]) -> list[tuple[int, int]]:
    """The [start, end) text ranges of the wanted sentences, neighbours joined, in text order."""
    out: list[tuple[int, int]] = []
    last = -2
    for i in sorted(wanted):
        if i == last + 1 and out:
            out[-1] = (out[-1][0], sentences[i].end)
        else:
            out.append((sentences[i].start, sentences[i].end))
        last = i
    return out


def article_from_input(text_or_html: str, published: str | date | None = None, url: str | None = None,
                       title: str = "") -> Article:
    """An Article from raw text or HTML (HTML goes through boilerplate removal first)."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise InputError(f"publication date {published!r} is not YYYY-MM-DD") from exc
    if _HTML_RE.match(text_or_html):
        from rasd.ingest.extract import article_from_html

        article = article_from_html(text_or_html, url=url)
        if published:
            article.published, article.published_how = published, "given"
        return article
    return Article(text=text_or_html, title=title, url=url, published=published,
                   published_how="given" if published else "unknown")


def extract(text_or_html: str, published: str | date | None = None, url: str | None = None,
            title: str = "") -> list[Event]:
    """Python API: the events of one article given as text or HTML."""
    return process(article_from_input(text_or_html, published, url, title)).events
