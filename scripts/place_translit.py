"""Rule-based Latin -> Arabic spellings of place names, for towns GeoNames gives no Arabic name (build time only).

Why: Arabic news writes Turkish and Kurdish towns phonetically (Silopi سيلوبي, Bulanık بولانيك, Suruç سوروتش,
Midyat مديات) and GeoNames has Arabic names for fewer than one Turkish town in ten; some Arab towns too lack one
(Ad Dujayl). The spellings made here are indexed by the gazetteer as a lower-trust tier (level 2 in a record's
`forms`): they rank after every written or generated name, a form that any other place already has is not added,
and a form is only matched in running text when the news corpus never uses it as a word (see
`rasd.kb.gazetteer.Gazetteer.is_safe_form`).

Two rule sets, each giving a few spellings per name (exact-form matching; the sound matcher in
rasd.recognize.transliterate covers the rest):
- `turkish_forms`: Turkish orthography (c ج, ç تش/ج, ş ش, ğ غ/silent, ı i ي, o ö u ü و, k ك/ق next to a back
  vowel, a final e ه (or ي after a place word: final_e_forms), ey also اي), the vowels written in full or with the short medial e/ı/i left out (Midyat مديات), and compounds split
  before common Turkish name parts (Ceylanpınar جيلان بينار, Viranşehir ويران شهر).
- `arabic_forms`: the BGN/PCGN romanisation GeoNames uses for Arab countries, read back: macron vowels are long
  (ā ا, ī ي, ū و), short vowels are not written, dotted letters are the emphatics (ḩ ح, ş ص, ḑ ض, ţ ط, ẓ ظ),
  ‘ is ع, the article (al, ad, ash...) is ال, a final -ah/-a is ة and a construct -at before another word is ة;
  generic name heads (Tall, Kafr, Dayr, ‘Ayn, Khān, Jisr, Ma‘arrat, Qaşr, Ra’s, Bi’r...) have fixed spellings.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# ---------------------------------------------------------------- Turkish
_TR_VOWELS = frozenset("aeıioöuüâîû")
_TR_BACK = frozenset("aıouâû")
_TR_CONS = {"b": "ب", "c": "ج", "d": "د", "f": "ف", "g": "غ", "h": "ه", "j": "ج", "k": "ك", "l": "ل", "m": "م",
            "n": "ن", "p": "ب", "r": "ر", "s": "س", "ş": "ش", "t": "ت", "v": "ف", "y": "ي", "z": "ز", "w": "و",
            "q": "ق", "x": "كس"}
# Second parts of Turkish compound names that Arabic news writes as a separate word.
_TR_PARTS = ("pınar", "şehir", "kale", "tepe", "köy", "ova", "dağ", "dağı", "hisar", "pazar", "pazarı", "kent",
             "bahçe", "yurt", "göl", "dere", "oğlu", "bayazıt", "beyazıt", "yazı", "su", "kapı", "çay")
# First parts written apart: Doğubayazıt دوغو بايزيد, Yeniköy, Kızıltepe قزل تبه.
_TR_HEADS = ("doğu", "batı", "yeni", "eski", "büyük", "küçük", "kara", "kızıl", "yukarı", "aşağı", "akça", "sarı")


def _tr_lower(name: str) -> str:
    return unicodedata.normalize("NFC", name.replace("I", "ı").replace("İ", "i")).lower()


def _tr_word(word: str, vowels: str, soft: bool) -> str:
    """One Turkish word in Arabic letters. vowels: "full" writes every vowel, "reduced" drops medial e/ı/i.
    soft: ğ silent, ç as ج and k next to a back vowel as ق (the other common convention)."""
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        if ch in _TR_VOWELS:
            if i == 0:
                out.append("او" if ch in "oöuüû" else "ا")
            elif i == n - 1:
                out.append({"a": "ا", "â": "ا", "e": "ه"}.get(ch, "ي" if ch in "ıiî" else "و"))
            elif ch in "aâ":
                out.append("ا")
            elif ch in "oöuüû":
                out.append("و")
            elif vowels == "full":
                out.append("ي")
            continue
        if ch == "ğ":
            out.append("" if soft else "غ")
        elif ch == "ç":
            out.append("ج" if soft else "تش")
        elif ch == "k" and soft and ((i + 1 < n and word[i + 1] in _TR_BACK) or (i and word[i - 1] in _TR_BACK)):
            out.append("ق")
        else:
            out.append(_TR_CONS.get(ch, ""))
    text = "".join(out)
    text = re.sub(r"ي{2,}", "ي", text)
    text = re.sub(r"و{2,}", "و", text)
    return re.sub(r"([\u0628-\u064a])\1", r"\1", text)  # Hamzallı: one ل


def _tr_split(word: str) -> list[str]:
    for part in _TR_PARTS:
        if word.endswith(part) and len(word) - len(part) >= 3:
            return [word[: -len(part)], part]
    for head in _TR_HEADS:
        if word.startswith(head) and len(word) - len(head) >= 3:
            return [head, word[len(head):]]
    return [word]


def turkish_forms(name: str, reduced: bool = True) -> list[str]:
    """Arabic spellings of a Turkish place name, most usual first ("Bulanık" -> ["بولانيك", ...]); `reduced` adds
    the spellings without short medial vowels and with the other consonant convention (ج for ç, ق, silent ğ)."""
    words = [w for w in re.split(r"[\s\-]+", _tr_lower(name)) if w]
    if not words or not all(re.fullmatch(r"[a-zçğıöşüâîû]+", w) for w in words):
        return []
    out: list[str] = []
    splits = [words]
    split = [p for w in words for p in _tr_split(w)]
    if split != words:
        splits.append(split)
    for ws, vowels, soft in itertools.product(splits, ("full", "reduced") if reduced else ("full",),
                                              (False, True) if reduced else (False,)):
        form = " ".join(_tr_word(w, vowels, soft) for w in ws)
        if form not in out:
            out.append(form)
    if any("ey" in w for w in words):  # the diphthong ey is also written اي: Beyoğlu باي اوغلو, Beykoz بايكوز
        for ws in splits:
            form = " ".join(_tr_word(w.replace("ey", "ay"), "full", False) for w in ws)
            if form not in out:
                out.append(form)
    return out


def final_e_forms(name: str, forms: list[str]) -> list[str]:
    """A Turkish final e is also written ي (Lice ليجه / ليجي, Cizre جيزره / جيزري). Such a spelling ends like an
    Arabic verb with the pronoun ني (بادرني has ادرني, Edirne), so the build matches it only after a place word."""
    if not name.lower().endswith("e"):
        return []
    return [f[:-1] + "ي" for f in forms if f.endswith("ه") and f[:-1] + "ي" not in forms]


# ---------------------------------------------------------------- Arabic (BGN/PCGN as in GeoNames)
_ARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "ath", "az", "ez",
                       "adh", "an", "en", "az̧", "aş", "aţ", "aḑ", "aẓ"})
_HEADS = {"tall": "تل", "tell": "تل", "tal": "تل", "tel": "تل", "kafr": "كفر", "kfar": "كفر", "kefr": "كفر",
          "dayr": "دير", "deir": "دير", "deïr": "دير", "‘ayn": "عين", "ayn": "عين", "ain": "عين", "aïn": "عين",
          "ein": "عين", "ra’s": "رأس", "ras": "رأس", "jisr": "جسر", "khān": "خان", "khan": "خان", "qaşr": "قصر",
          "qasr": "قصر", "abū": "أبو", "abu": "أبو", "abou": "أبو", "umm": "أم", "bi’r": "بئر", "bir": "بئر",
          "bayt": "بيت", "beit": "بيت", "jabal": "جبل", "jebel": "جبل", "wādī": "وادي", "wadi": "وادي",
          "nahr": "نهر", "sūq": "سوق", "souk": "سوق", "ḩammām": "حمام", "hammam": "حمام", "qaryat": "قرية",
          "mazra‘at": "مزرعة", "mazraat": "مزرعة", "nāḩiyat": "ناحية", "banī": "بني", "bani": "بني",
          "ma‘arrat": "معرة", "maarat": "معرة", "maarrat": "معرة", "qal‘at": "قلعة", "qalaat": "قلعة",
          "marj": "مرج", "madīnat": "مدينة", "mukhayyam": "مخيم", "ibn": "ابن", "bin": "بن", "sahl": "سهل",
          "ḩayy": "حي", "hay": "حي", "minţaqat": "منطقة", "karm": "كرم", "khirbat": "خربة", "khirbet": "خربة"}
_AR_DIGRAPHS = {"kh": "خ", "sh": "ش", "gh": "غ", "th": "ث", "dh": "ذ"}
_AR_LETTERS = {"b": "ب", "t": "ت", "j": "ج", "d": "د", "r": "ر", "z": "ز", "s": "س", "f": "ف", "q": "ق", "k": "ك",
               "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي", "g": "ج", "v": "ف", "p": "ب",
               "ḩ": "ح", "ḥ": "ح", "ş": "ص", "ṣ": "ص", "ḑ": "ض", "ḍ": "ض", "ţ": "ط", "ṭ": "ط", "ẓ": "ظ",
               "‘": "ع", "ʿ": "ع", "`": "ع", "ā": "ا", "â": "ا", "ī": "ي", "î": "ي", "ū": "و", "û": "و",
               "ē": "ي", "ō": "و", "á": "ى", "x": "كس", "c": "ك"}
_SHORT = frozenset("aeiouäëïöüéèà")
_HAMZA = frozenset("’ʼ'")


def _ar_word(word: str, last: bool, h_as: str) -> str:
    """One romanised Arabic word in Arabic letters (short vowels unwritten except at the edges)."""
    w = unicodedata.normalize("NFC", word)
    w = w.replace("z̧", "ẓ")
    out: list[str] = []
    i, n = 0, len(w)
    while i < n:
        ch = w[i]
        pair = w[i:i + 2]
        if pair in _AR_DIGRAPHS:
            out.append(_AR_DIGRAPHS[pair])
            i += 2
            continue
        if ch in _HAMZA:
            i += 1
            continue
        if ch in _SHORT:
            rest = w[i + 1:]
            if i == 0 or (out and out[-1] == "") or not out:
                out.append("ا")
            elif rest in ("", "h") and ch in "ae" and len(out) >= 2:
                out.append("ة")
                i = n
                continue
            elif rest == "t" and ch == "a" and not last:
                out.append("ة")
                i = n
                continue
            elif rest == "" and ch == "i":
                out.append("ي")
            elif rest == "" and ch in "uo":
                out.append("و")
            i += 1
            continue
        if ch == "h" and h_as == "ح" and 0 < i < n - 1:
            out.append("ح")
        else:
            out.append(_AR_LETTERS.get(ch, ""))
        i += 1
    text = "".join(out)
    text = re.sub(r"ي{2,}", "ي", text)
    return re.sub(r"([\u0628-\u0647])\1", r"\1", text)  # doubled consonants: one letter (shadda unwritten)


def arabic_forms(name: str) -> list[str]:
    """Arabic spellings of a romanised Arabic place name ("Ad Dujayl" -> ["الدجيل"], "Tall Rif‘at" -> ["تل رفعت"])."""
    text = unicodedata.normalize("NFC", name.strip().lower())
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if not words or any(re.search(r"[0-9]", w) for w in words):
        return []
    # Names without BGN marks (French-style Lebanese Bhamdoun, Deïr) cannot tell ه from ح (try both), and
    # write و as "ou".
    plain = not any(c in "āīūḩḥşṣḑḍţṭẓ‘’" for c in text)
    if plain:
        words = [w.replace("ou", "ū") for w in words]
    out: list[str] = []
    h_plain = "h" in re.sub(r"[ksgtd]h", "", text)
    for h_as in ("ه", "ح") if plain and h_plain else ("ه",):
        parts: list[str] = []
        article = False
        for k, w in enumerate(words):
            if w in _ARTICLES and k + 1 < len(words):
                article = True
                continue
            head = _HEADS.get(w) or _HEADS.get(w.replace("’", "").replace("'", ""))
            ar = head or _ar_word(w, k == len(words) - 1, h_as)
            if not ar:
                return []
            parts.append(("ال" if article else "") + ar)
            article = False
        form = " ".join(parts)
        if form not in out:
            out.append(form)
    return out
