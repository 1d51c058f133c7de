"""Numbers and quantities in Arabic news: digits, number words, duals, implied ones and ACLED's vague amounts.

ACLED counts from text (ACLED.md 2.5): "dozens" (عشرات) = 12, "hundreds" (مئات) = 100, "several"/"a number of"
(عدة، عدد من) = 3, "more than 20" = 20, "between 10 and 15" = 10 (the lowest figure), "at least 20" = 20. Arabic
adds what English lacks: a dual noun is a number (ضابطين = 2), and a bare singular victim is one (بمقتل ضابط = 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasd.errors import TextError
from rasd.text import number_words as W
from rasd.text.clitics import WHOLE_WORDS
from rasd.text.date_words import GREGORIAN_MONTHS, HIJRI_MONTHS
from rasd.text.lexicon import load_lexicon
from rasd.text.normalize import normalize
from rasd.text.segment import Token, tokenize, tokens_of

__all__ = ["Quantity", "find_quantities", "parse_number"]

KINDS = ("exact", "vague", "min", "approx", "dual", "implied", "range")
_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
_PREFIX_LETTERS = frozenset(p[0] for p in _PREFIXES)
_MONTH_FIRST_WORDS = {k.split()[0] for k in (*GREGORIAN_MONTHS, *HIJRI_MONTHS)}
_YEAR_WORDS = {"عام", "العام", "سنه", "السنه", "لعام", "عامي"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount: `value` per ACLED's rules, `kind` how the text gave it, `noun` the folded singular noun
    counted (جندي for ثلاثة جنود), offsets into the original text."""

    value: int
    start: int
    end: int
    text: str
    kind: str
    noun: str | None = None


def _core(norm: str, allowed: dict[str, int] | frozenset[str] | set[str]) -> str | None:
    """`norm` or `norm` minus a conjunction/preposition prefix, when that is in `allowed`."""
    if norm in allowed:
        return norm
    if norm[:1] not in _PREFIX_LETTERS or not norm:
        return None
    for p in _PREFIXES:
        if norm.startswith(p) and norm[len(p):] in allowed:
            return norm[len(p):]
    return None


def _word_value(norm: str) -> tuple[str, int] | None:
    """(class, value) of a single number word, classes: unit, ten, hundred, scale, one."""
    for table, cls in ((W.UNITS, "unit"), (W.TENS, "ten"), (W.HUNDREDS, "hundred"), (W.SCALES, "scale")):
        if norm in table:
            return cls, table[norm]
    if norm in W.ONE_OF:
        return "one", 1
    return None


def _digits_value(norm: str) -> int | None:
    if "." in norm and not all(len(g) == 3 for g in norm.split(".")[1:]):
        return None  # a decimal: not a count
    digits = norm.replace(",", "").replace(".", "")
    return int(digits) if digits.isdecimal() and len(digits) <= 12 else None


def _parse_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """Parse a number starting at toks[i]; returns (value, index after it)."""
    tok = toks[i]
    if tok.is_number:
        value = _digits_value(tok.norm)
        if value is None:
            return None
        j = i + 1
        if j < len(toks) and toks[j].norm in W.SCALES and toks[j].start - tok.end <= 2:
            return value * W.SCALES[toks[j].norm], j + 1
        return value, j
    total = current = 0
    j = i
    last_unit: int | None = None
    while j < len(toks):
        norm = toks[j].norm
        first = j == i
        word = _core(norm, _ALL_NUMBER_WORDS) if first else None
        joined = False
        if word is None and not first:
            if norm in _ALL_NUMBER_WORDS:
                word = norm
            elif norm.startswith("و") and norm[1:] in _ALL_NUMBER_WORDS:
                word, joined = norm[1:], True
        if word is None:
            break
        cls, val = _word_value(word)  # type: ignore[misc]
        # Compounds run hundreds و units و tens (مئة وخمسة وعشرون): a joined word that breaks that order is the
        # next number (بين عشرة وخمسة عشر is a range, not 25).
        if joined and (cls in ("unit", "one") and current % 100 or cls == "ten" and current % 100 >= 10 or
                       cls == "hundred" and current % 1000):
            break
        if cls in ("unit", "one") and word not in ("عشر", "عشره"):
            if not first and not joined:
                break
            nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
            if nxt in ("عشر", "عشره"):
                current += 10 + (val if word not in ("اثنا", "اثني", "اثنتا", "اثنتي") else 2)
                j += 2
                last_unit = None
                continue
            if cls == "one":
                if first:
                    return None  # أحد on its own is handled as "one of"
                break
            current += val
            last_unit = val
        elif word in ("عشر", "عشره"):
            if not first and not joined:
                break
            current += 10
        elif cls == "ten":
            if not first and not joined:
                break
            current += val
        elif cls == "hundred":
            if last_unit is not None and not joined and word in ("ميه", "مايه") and current == last_unit:
                current = last_unit * 100
            elif first or joined:
                current += val
            else:
                break
            last_unit = None
        else:  # scale
            if first and word not in W.SCALE_ALONE:
                return None  # آلاف alone is vague
            if joined and current == 0:
                total += val
            else:
                total += (current or 1) * val
            current = 0
            last_unit = None
        j += 1
    if j == i:
        return None
    return total + current, j


_ALL_NUMBER_WORDS: frozenset[str] = frozenset({*W.UNITS, *W.TENS, *W.HUNDREDS, *W.SCALES, *W.ONE_OF})


def parse_number(text: str) -> int | None:
    """The number a whole expression states: "خمسة وعشرين" -> 25, "45" -> 45, "٤٥" -> 45, "ثلاثة آلاف" -> 3000."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    toks = [t for t in tokenize(text) if t.norm not in (",", "'")]
    if not toks:
        return None
    if len(toks) == 1 and _core(toks[0].norm, W.ONE_OF):
        return 1
    parsed = _parse_at(toks, 0)
    if parsed is None or parsed[1] != len(toks):
        return None
    return parsed[0]


def singular(tok: Token) -> str | None:
    """The folded singular of a counted noun token (ضباط -> ضابط, قتيلا -> قتيل, الصواريخ -> صاروخ)."""
    if not tok.is_word:
        return None
    stem = tok.stem
    bare = next((tok.norm[len(p):] for p in ("وال", "بال", "فال", "لل", "ال") if tok.norm.startswith(p)), tok.norm)
    for cand in (stem, tok.norm, bare):
        if cand in W.PLURALS:
            return W.PLURALS[cand]
    if stem in WHOLE_WORDS or len(stem) < 2:
        return None
    lex = load_lexicon()
    if stem.endswith("ا") and len(stem) > 3 and lex.known(stem[:-1]) * 20 > lex.known(stem):
        return stem[:-1]  # accusative of counting: عشرين قتيلا
    if stem.endswith(("ين", "ون")) and lex.known(stem[:-2]) > 0 and len(stem) > 4:
        return stem[:-2]
    if stem.endswith("ات") and len(stem) > 4 and lex.known(stem[:-2] + "ه") > 0:
        return stem[:-2] + "ه"
    return stem


def _match_phrase(toks: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    if i < 0 or i + len(phrase) > len(toks):
        return False
    for k, word in enumerate(phrase):
        norm = toks[i + k].norm
        if norm != word and not (k == 0 and norm[:1] in "وف" and norm[1:] == word):
            return False
    return True


def _phrase_before(toks: list[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """Index where one of `phrases` starts, when it ends right before toks[i]."""
    for phrase in phrases:
        if _match_phrase(toks, i - len(phrase), phrase):
            return i - len(phrase)
    return None


def _counted_noun(toks: list[Token], j: int) -> tuple[str | None, int]:
    """The noun counted after a number ending before toks[j]: (singular, index after what belongs to the span)."""
    if j >= len(toks):
        return None, j
    tok = toks[j]
    if tok.norm == "من" and j + 1 < len(toks) and (toks[j + 1].norm.startswith("ال") or toks[j + 1].enclitics or
                                                   toks[j + 1].stem in W.PLURALS):
        tok, j = toks[j + 1], j + 1  # عشرات من القتلى, 22 من عناصره
    if tok.norm in ("اخرين", "اخرون", "اخري", "اخريات"):
        return None, j + 1
    preposition = any(c in ("ب", "ل", "ك") for c in tok.proclitics)  # بجروح: "with wounds", not a counted noun
    verb = tok.norm.endswith("وا") and len(tok.norm) > 3  # تلقوا، قتلوا: a verb, not a counted noun
    noun = singular(tok) if tok.is_word and not preposition and not verb and tok.norm not in WHOLE_WORDS and \
        tok.norm not in _NOT_NOUNS else None
    if noun is None:
        return None, j
    end = j + 1
    if end < len(toks) and toks[end].norm in ("اخرين", "اخرون", "اخري", "اخريات"):
        end += 1
    return noun, end


_NOT_NOUNS = frozenset({"بجروح", "بجراح", "باصابات", "قبل", "بعد", "من", "في", "الي", "علي", "عن", "مع", "و", "او", "ثم", "قد", "ان", "ما", "لا", "حتي", "منذ"})


def _is_date_number(toks: list[Token], i: int, j: int, value: int) -> bool:
    """Numbers that belong to a date or a percentage rather than counting something."""
    nxt = toks[j].norm if j < len(toks) else ""
    nxt2 = f"{nxt} {toks[j + 1].norm}" if j + 1 < len(toks) else nxt
    prev = toks[i - 1].norm if i > 0 else ""
    if nxt in _MONTH_FIRST_WORDS or nxt2 in GREGORIAN_MONTHS or nxt2 in HIJRI_MONTHS:
        return True
    if nxt in ("%", "/") or prev in ("/",) or (nxt == "-" and j + 1 < len(toks) and toks[j + 1].is_number
                                                and j + 2 < len(toks) and toks[j + 2].norm == "-"):
        return True
    if any(_match_phrase(toks, j, p) for p in W.PERCENT_PHRASES):
        return True
    if 1900 <= value <= 2100 and toks[i].is_number and (prev in _YEAR_WORDS or prev in _MONTH_FIRST_WORDS or
                                                        (i > 1 and toks[i - 2].norm in _MONTH_FIRST_WORDS)):
        return True
    if prev in ("الساعه", "ساعه", "رقم", "القرار", "الماده", "عامي", "العامين"):
        return True
    if i >= 2 and prev in (":", "-", "/") and toks[i - 1].start == toks[i - 2].end == toks[i - 1].start and \
            toks[i].start == toks[i - 1].end:
        return True  # 13:44, إف-16
    if toks[i].is_number and (1300 <= value <= 2100) and nxt in ("ه", "م", "ميلادي", "هجري", ""):
        return True  # a year: 1986م، 1436 هـ
    return toks[i].is_number and j < len(toks) and toks[j].norm in (":", ".") and j + 1 < len(toks) and \
        toks[j + 1].is_number and toks[j + 1].start == toks[j].end


def _vague_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """(value, index after) for a vague amount at toks[i]."""
    first = toks[i].norm
    # _match_phrase reads the first word bare or after و/ف: only a token that is one of the phrases' first words
    # (most are not) is worth trying every phrase on.
    phrases = W.VAGUE_PHRASES.items() if first in _VAGUE_FIRST or (first[:1] in "وف" and first[1:] in _VAGUE_FIRST) \
        else ()
    for phrase, value in phrases:
        if _match_phrase(toks, i, phrase):
            after = toks[i + len(phrase)] if i + len(phrase) < len(toks) else None
            definite = after is not None and after.norm.startswith("ال") and after.text[:1] not in "أإآ"
            if after is None or not after.is_word or not (definite or after.stem in W.PLURALS or
                                                           after.stem.endswith(("ين", "ون", "ات"))):
                return None  # "بلغ عدد من ألقي القبض عليه": the number of those who..., not "a number of"
            return value, i + len(phrase)
    norm = toks[i].norm
    word = _core(norm, W.VAGUE) or (_core(norm[2:], W.VAGUE) if norm.startswith("ال") else None)
    if word is None and norm.startswith(("وال", "بال", "فال")):
        word = _core(norm[3:], W.VAGUE)
    if word is None or word in ("عديد",) and not norm.startswith(("ال", "وال")):
        return None
    if i + 1 < len(toks) and toks[i + 1].norm in ("الالاف", "الاف") and word in ("عشرات", "ميات"):
        return (10_000 if word == "عشرات" else 100_000), i + 2  # عشرات / مئات الآلاف
    return W.VAGUE[word], i + 1


_VAGUE_FIRST = frozenset(p[0] for p in W.VAGUE_PHRASES)


def _dual_at(toks: list[Token], i: int) -> str | None:
    """The singular when toks[i] is a dual of a countable noun (ضابطين, قذيفتين, جنديان)."""
    tok = toks[i]
    if not tok.is_word or tok.enclitics:
        return None
    stem = tok.stem
    if stem in W.DUAL_NAMES:
        return None
    for suffix, restore in (("تين", "ه"), ("تان", "ه"), ("ين", ""), ("ان", "")):
        if stem.endswith(suffix) and stem[: -len(suffix)] + restore in W.DUAL_NOUNS:
            return stem[: -len(suffix)] + restore
    if stem.endswith("ان") and stem[:-2] in W.NOMINATIVE_DUAL_NOUNS:
        return stem[:-2]
    return None


def _victim_trigger(tok: Token) -> bool:
    """مقتل / بمقتل / وإصابة... without a pronoun attached (قتله: the victim is the pronoun, not the next word)."""
    if tok.enclitics:
        return False
    return _core(tok.norm, W.VICTIM_TRIGGERS) is not None or tok.stem in W.VICTIM_TRIGGERS


def _scan(toks: list[Token]) -> list[tuple[int, int, int, str, str | None]]:
    """(value, first token, token after, kind, noun) for every quantity, left to right, non-overlapping."""
    found: list[tuple[int, int, int, str, str | None]] = []
    i = 0
    n = len(toks)
    starts, person_nouns = _STARTS, W.PERSON_NOUNS
    while i < n:
        tok = toks[i]
        norm = tok.norm
        if not norm[:1].isdecimal() and norm not in starts and not norm.endswith(("ين", "ان")) and \
                not (i > 0 and tok.stem in person_nouns):
            i += 1  # nothing can start here: the fast path for most words (the test is Token.is_number inlined)
            continue
        vague = _vague_at(toks, i)
        if vague is not None:
            noun, end = _counted_noun(toks, vague[1])
            found.append((vague[0], i, end, "vague", noun))
            i = end
            continue
        parsed = _parse_at(toks, i) if (tok.is_number or tok.is_word) else None
        if parsed is not None and not _is_date_number(toks, i, parsed[1], parsed[0]):
            value, j = parsed
            start, kind = i, "exact"
            k = _phrase_before(toks, i, W.MIN_PHRASES)
            if k is not None:
                start, kind = k, "min"
            else:
                k = _phrase_before(toks, i, W.APPROX_PHRASES)
                if k is not None:
                    start, kind = k, "approx"
            # ranges: بين 10 و15, من 10 الى 15, 10-15
            if j + 1 < n and toks[j].norm in W.RANGE_JOIN:
                second = _parse_at(toks, j + 1)
                if second is not None and second[0] > value:
                    value, j = value, second[1]
                    kind = "range"
                    if i > 0 and toks[i - 1].norm in ("بين", "من", "ما") and start == i:
                        start = i - 1
            elif j < n and toks[j].norm[:1] == "و" and kind == "exact" and i > 0 and toks[i - 1].norm == "بين":
                second = _parse_at(toks, j)
                if second is not None:
                    j, kind, start = second[1], "range", i - 1
            noun, end = _counted_noun(toks, j)
            if noun is None and tok.is_number and 1300 <= value <= 2100 and kind == "exact":
                i = j  # a bare year: في 2003 ثم
                continue
            if value == 1 and i > 0 and toks[i - 1].is_word and start == i and singular(toks[i - 1]) in \
                    W.PERSON_NOUNS:
                start, noun, end = i - 1, singular(toks[i - 1]), j  # جندي واحد
            elif end < n and any(_match_phrase(toks, end, p) for p in W.MIN_AFTER):
                phrase = next(p for p in W.MIN_AFTER if _match_phrase(toks, end, p))
                end, kind = end + len(phrase), "min"
            found.append((value, start, end, kind, noun))
            i = end
            continue
        if tok.is_word and _core(tok.norm, W.ONE_OF) and i + 1 < n and toks[i + 1].norm.startswith("ال"):
            noun = singular(toks[i + 1])
            found.append((1, i, i + 2, "exact", noun))  # أحد المسلحين
            i += 2
            continue
        dual = _dual_at(toks, i) if tok.is_word else None
        if dual is not None:
            end = i + 1
            if end < n and toks[end].norm in ("اثنين", "اثنان", "اثنتين", "اثنتان"):
                end += 1
            found.append((2, i, end, "dual", dual))
            i = end
            continue
        if i > 0 and tok.is_word and not tok.proclitics and _victim_trigger(toks[i - 1]):
            noun = singular(tok)
            if noun == tok.stem and noun in W.PERSON_NOUNS:
                after = _parse_at(toks, i + 1) if i + 1 < n else None
                if after is None:
                    found.append((1, i, i + 1, "implied", noun))
        i += 1
    return found


def _start_words() -> frozenset[str]:
    """Every folded token a quantity other than a dual or an implied one can begin with."""
    heads = {*_ALL_NUMBER_WORDS, *W.VAGUE, *(p[0] for p in W.VAGUE_PHRASES), *(p[0] for p in W.MIN_PHRASES),
             *(p[0] for p in W.APPROX_PHRASES), "بين", "ما"}
    starts = set(heads)
    for h in heads:
        starts.update(p + h for p in _PREFIXES)
        starts.update(p + h for p in ("ال", "وال", "بال", "فال"))
    return frozenset(starts)


_STARTS = _start_words()


def find_quantities(text: str, within: Sequence[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every counted amount in `text`, with offsets into it, left to right and non-overlapping.

    `within` (sorted, disjoint [start, end) ranges of `text`, e.g. the sentences an event may read) limits the
    scan to the amounts that begin inside them; each range is read with a few words of context on either side,
    so an amount at its edge is read as it would be in the whole text."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    if within is None:
        return _quantities(text, tokenize(text), 0, None)
    nt = normalize(text)
    folded = nt.text
    out: list[Quantity] = []
    for start, end in within:
        fs, fe = nt.to_folded(start, end)
        lo = max(folded.rfind(" ", 0, max(0, fs - _CONTEXT)), folded.rfind("\n", 0, max(0, fs - _CONTEXT))) + 1
        hi = min((p for p in (folded.find(" ", fe + _CONTEXT), folded.find("\n", fe + _CONTEXT)) if p >= 0),
                 default=len(folded))
        toks = tokens_of(nt, lo, hi)
        out += _quantities(text, toks, start, end)
    return out


#: Folded characters of context read on either side of a range (a few words: what _scan looks back and ahead).
_CONTEXT = 40


def _quantities(text: str, toks: list[Token], start: int, end: int | None) -> list[Quantity]:
    """The amounts _scan finds in `toks` that begin in [start, end) of `text` (end None: anywhere)."""
    out: list[Quantity] = []
    for value, first, after, kind, noun in _scan(toks):
        q_start, q_end = toks[first].start, toks[after - 1].end
        if out and q_start < out[-1].end:
            continue  # "0آكثر من0": a number glued to the next phrase's word is read once, by the first amount
        if end is None or start <= q_start < end:
            out.append(Quantity(value, q_start, q_end, text[q_start:q_end], kind, noun))
    return out
