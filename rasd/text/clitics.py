"""Arabic clitic segmentation: والحشد -> (و, ال) + حشد, بمقتل -> ب + مقتل, قواتها -> قوات + ها.

Letters alone cannot tell و + طن from وطن or عسكر + ي from عسكري, so each reading is weighed against corpus counts
(rasd.text.lexicon): a clitic reading (P, stem, E) is accepted when the stem is a known word and the surface form is
no more frequent than that reading predicts (count(word) <= K * rate(P) * rate(E) * count(stem)), where rate(P) is
how often the clitic attaches to words in general, measured on the same corpus. A surface form far more frequent
than predicted (وطن, لبنان, كان, عسكري) is a word of its own. Unknown words fall back to the safe rules: an article
sequence (ال، وال، بال، لل...) before at least three letters is split, nothing else is.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import filterfalse, repeat

from rasd.text.lexicon import Lexicon, load_lexicon

#: How much more frequent than predicted a surface form may be and still be read as clitics (tuned on the UP
#: dictionary round trip, see tests/text/test_segmentation_measure.py).
K = 20.0
#: Enclitic pronouns (attached object/possessive pronouns), longest first.
ENCLITICS: tuple[str, ...] = ("هما", "هم", "ها", "كم", "نا", "ه", "ي")
#: Words that begin with ال but are not article + noun (relative pronouns, God, particles), folded.
AL_WORDS: frozenset[str] = frozenset({
    "الله", "اللهم", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي", "اللائي",
    "الان", "الا", "الى", "الي", "الف", "الفا", "الفين", "الاف", "الذى",
})
#: Function words that look like clitic + word but are never split (folded).
WHOLE_WORDS: frozenset[str] = frozenset({
    "كما", "كان", "كانت", "كانوا", "كل", "كلا", "كلما", "كيف", "كي", "لكن", "لكنه", "لكنها", "لكي", "لدى", "لقد",
    "لم", "لن", "لا", "لو", "لولا", "ليس", "ليست", "لما", "لان", "لعل", "بل", "بين", "بعد", "بعض", "بلا", "فقط",
    "في", "فيه", "فيها", "فيما", "فوق", "وفق", "وفقا", "ولي", "لها", "له", "لهم",
    "بها", "به", "بهم", "هذا", "هذه", "ذلك", "كذلك", "لذلك", "بذلك", "لهذا", "بينما", "حيث", "ايضا", "اي", "ما",
    "منذ", "مع", "عن", "على", "علي", "الى", "الي", "اليه", "اليها", "اليهم", "عليه", "عليها", "عليهم", "منه", "منها",
    "منهم", "عنه", "عنها", "عنهم", "انه", "انها", "انهم", "لانه", "كانه", "بان", "بانه", "بانها", "لكم", "بكم",
    "وطن", "وطني", "وطنيه", "كون", "يكون", "تكون",
})


#: Two-letter particles and pronouns that و / ف attach to (وهو, فإن, ولم, وقد).
_SHORT_PARTICLES: frozenset[str] = frozenset({"هو", "هي", "ان", "لا", "لم", "لن", "قد", "ما", "من", "في", "مع", "هم",
                                              "لو", "كل", "عن", "اذ", "لي", "له", "بل"})


def _proclitic_sequences() -> list[tuple[str, tuple[str, ...], bool]]:
    """(surface, clitics, has_article) for every grammatical proclitic sequence, longest surface first."""
    seqs: list[tuple[str, tuple[str, ...], bool]] = []
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            for art in ("", "ال"):
                if not (conj or prep or art):
                    continue
                clitics = tuple(c for c in (conj, prep, art) if c)
                surface = conj + ("لل" if prep == "ل" and art else prep + art)
                seqs.append((surface, clitics, bool(art)))
        seqs.append((conj + "س", tuple(c for c in (conj, "س") if c), False))
    seqs.sort(key=lambda s: -len(s[0]))
    return seqs


PROCLITIC_SEQUENCES = _proclitic_sequences()


def _by_first_letter() -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    """PROCLITIC_SEQUENCES that can start a word beginning with each letter, in order, then the empty sequence."""
    out: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for seq in PROCLITIC_SEQUENCES:
        out.setdefault(seq[0][0], [])
    for letter, seqs in out.items():
        seqs.extend(seq for seq in PROCLITIC_SEQUENCES if seq[0].startswith(letter))
        seqs.append(("", (), False))
    return out


_SEQUENCES_BY_FIRST = _by_first_letter()
_NO_PROCLITIC: list[tuple[str, tuple[str, ...], bool]] = [("", (), False)]
#: Enclitics by their last letter, in ENCLITICS order, after the empty one.
_ENDINGS: dict[str, tuple[str, ...]] = {e[-1]: ("",) + tuple(x for x in ENCLITICS if x[-1] == e[-1]) for e in ENCLITICS}


@lru_cache(maxsize=1)
def _rates() -> dict[str, float]:
    """How often each proclitic surface / enclitic attaches to a word, relative to the bare (or article) form.
    Computed from the packaged lexicon alone, so kept in the cache of plain values (rasd.plain_cache): ~0.2 CPU s
    that every process would spend before a parallel run's workers start."""
    from rasd.plain_cache import remembered

    return remembered("clitic-rates", _compute_rates)


def _compute_rates() -> dict[str, float]:
    lex = load_lexicon()
    sample = [(w, c) for w, c in list(lex.counts.items())[:30000] if len(w) >= 4]
    bare = [(w, c) for w, c in sample if not w.startswith(("ال", "و", "ف", "ب", "ل", "ك"))]
    art = [(w[2:], c) for w, c in sample if w.startswith("ال")]
    # Every process that segments computes these (before a parallel run's workers fork: serial time), so the
    # ~800,000 lookups run in C (map) rather than a generator: the same integer sums, the same rates.
    count = lex.counts.get
    rates: dict[str, float] = {}
    for surface, _clitics, has_art in PROCLITIC_SEQUENCES:
        base = art if has_art else bare
        total = sum(c for _, c in base) or 1
        hits = sum(map(count, map(surface.__add__, [u for u, _ in base]), repeat(0)))
        rates["P" + surface] = max(hits / total, 1e-4)
    plain = [(w, c) for w, c in sample if not w.endswith(("ه", "ي", "ا", "م"))]
    total = sum(c for _, c in plain) or 1
    for enc in ENCLITICS:
        # A folded final ه is often a taa marbuta (محليه), which the lexicon flags: those are not pronouns.
        forms = filterfalse(lex.taa_final.__contains__, [u + enc for u, _ in plain])
        hits = sum(map(count, forms, repeat(0)))
        rates["E" + enc] = max(hits / total, 1e-4)
    # u + ي counts are mostly nisba adjectives (عربي, كردي), not "my": the pronoun itself is rare in news.
    rates["Eي"] *= 0.05
    for surface in ("س", "وس", "فس"):  # the future prefix only ever precedes a verb: give it a fair share
        rates["P" + surface] = max(rates["P" + surface], 0.05)
    rates["P"] = rates["E"] = 1.0
    return rates


def _restore_taa(stem: str, lex: Lexicon) -> str:
    """مدينت (before a pronoun) is مدينة: give back the dictionary form when it is the known one."""
    if stem.endswith("ت") and lex.known(stem[:-1] + "ه") > lex.known(stem):
        return stem[:-1] + "ه"
    return stem


@lru_cache(maxsize=200_000)
def analyse(word: str, taa_final: bool = False, hamza_initial: bool = False) -> tuple[tuple[str, ...], str,
                                                                                       tuple[str, ...]]:
    """(proclitics, stem, enclitics) of a folded word; `taa_final`/`hamza_initial` tell what the original spelling
    showed (a final ة is never a pronoun, an initial أل/إل is never the article)."""
    if len(word) < 3 or word in WHOLE_WORDS or not ("\u0621" <= word[0] <= "\u064a"):
        return (), word, ()
    lex = load_lexicon()
    rates = _rates()
    n_word = lex.count(word)
    # A word that itself takes the article (الوزير, الوطن, البيان, اللجنة) is a noun of its own: no و/ب/ل/ك/ف in it.
    with_article = lex.count("ال" + word)
    takes_article = with_article >= 3 and with_article * 50 >= n_word
    best: tuple[float, float, tuple[str, ...], str, tuple[str, ...]] | None = None
    # Only the enclitics the word ends with, and the proclitic sequences it starts with, can apply (both lists keep
    # their order, which breaks ties).
    encs = ("",) if taa_final or word in lex.taa_final else _ENDINGS.get(word[-1], ("",))
    encs = tuple(enc for enc in encs if word.endswith(enc))
    for surface, clitics, has_art in _SEQUENCES_BY_FIRST.get(word[0], _NO_PROCLITIC):
        if not word.startswith(surface):
            continue
        if has_art and (hamza_initial and surface == "ال"):
            continue
        for enc in encs:
            if not surface and not enc:
                continue
            stem = word[len(surface):len(word) - len(enc)]
            if len(stem) < 2 or (surface.endswith("س") and stem[0] not in "يتنا"):
                continue
            if surface and not has_art and takes_article:
                continue
            if surface[-1:] in "بلك" and not has_art and analyse(stem)[0][:1] in (("و",), ("ف",)):
                continue  # a conjunction never follows a preposition: كوفي is not ك + و + في
            if has_art:
                article_form = "ال" + stem
                if article_form in AL_WORDS or article_form in lex.hamza_al or stem.startswith("ال"):
                    continue
            if enc:
                stem = _restore_taa(stem, lex)
            base = lex.count("ال" + stem) if has_art else lex.count(stem)
            evidence = lex.known(stem)
            if evidence == 0:
                # Unknown word and stem: only the article sequences, and و (few words begin with it), are safe.
                if (has_art or surface == "و") and not enc and len(stem) >= 3 and n_word == 0:
                    cand = (float(len(surface)), 0.0, clitics, stem, ())
                    best = cand if best is None or cand[:2] > best[:2] else best
                continue
            # Pro- and enclitics are not independent (بإمكانهم, لمصلحته are set phrases): with both, the geometric
            # mean of their rates stands for the pair.
            rate = (rates["P" + surface] * rates["E" + enc]) ** 0.5 if surface and enc else \
                rates["P" + surface] * rates["E" + enc]
            # Two-letter stems (ري, ني, هم) are where chance look-alikes live: they need four times the evidence.
            predicted = (K if len(stem) > 2 else K / 4) * rate * max(base, 1 if has_art else 0)
            if has_art and surface == "ال":
                # the article alone: a known stem is enough, unless a pronoun is also claimed
                predicted = K * rates["E" + enc] * base if enc else float(n_word)
                if lex.count(stem) == 0 and len(stem) < 3:
                    continue
            # واضاف، واشار: verbs never take the article, and و opens sentences; وهو، فإن، ولم: particles
            verb_after_conjunction = surface in ("و", "ف") and not enc and with_article == 0 and (
                len(stem) >= 3 and lex.count(stem) >= 20 or stem in _SHORT_PARTICLES)
            if n_word > predicted and not verb_after_conjunction:
                continue
            # More proclitics first (والحشد: و+ال+حشد over و+الحشد); then the likelier reading, where a pronoun
            # reading is worth only as much as the pronoun is frequent (بالمركزي is not بال+مركز+ي).
            score = evidence * (K * rates["E" + enc] if enc else 1.0)
            cand = (float(len(surface)), score, clitics, stem, (enc,) if enc else ())
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return (), word, ()
    return best[2], best[3], best[4]


#: Proclitics a context pattern may let stand before its word: the conjunctions و and ف, the prepositions ب and ل.
PATTERN_PROCLITICS: str = "وفبلك"


def proclitic_class(letters: str) -> str:
    """The regex that lets one of `letters` (و ف ب ل ك) stand before a word, e.g. "وف" -> "[وف]?".

    Rule files (rasd/kb/data/rules) name the proclitics a phrase takes (`clitics: وف`, or `{+وف}` inside a pattern)
    instead of spelling a character class in every pattern, so a misspelt class is caught here.
    """
    if not letters or any(ch not in PATTERN_PROCLITICS for ch in letters) or len(set(letters)) != len(letters):
        raise ValueError(f"not a set of proclitics: {letters!r} (expected letters of {PATTERN_PROCLITICS})")
    return f"[{letters}]?"
