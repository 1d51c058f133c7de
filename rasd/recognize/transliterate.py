"""Find places the gazetteer has no Arabic name for, by how their names sound.

GeoNames gives Arabic names for Arab towns but rarely for Turkish, Kurdish or Iranian ones, while Arabic news writes
them phonetically and in several ways: Silopi is شيلوبي or سيلوبي, Suruç is سروج or سوروتش, Bulanık is بولانيك. The
NER model still tags such words as places; this module turns both the Arabic word and the gazetteer's Latin names into
a consonant skeleton (vowels dropped, letters that the two scripts confuse folded together: ş/s/ث, c/ç/ج, t/d/ط,
k/q/g/ğ/غ/ق, b/p, f/v) and looks the skeleton up. It is only consulted for names the NER tagged as places, only
for countries the article already names, and a match is marked with a lower confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rasd.text.normalize import fold

_LATIN_DIGRAPHS = (("sh", "s"), ("ch", "j"), ("kh", "k"), ("gh", "k"), ("th", "t"), ("dh", "t"), ("ph", "b"),
                   ("ou", "u"))
_LATIN = {
    "b": "B", "p": "B", "t": "T", "d": "T", "s": "S", "z": "S", "ş": "S", "x": "KS", "c": "J", "ç": "J", "j": "J",
    "k": "K", "q": "K", "g": "K", "ğ": "K", "f": "F", "v": "F", "l": "L", "r": "R", "m": "M", "n": "N", "h": "H",
}
_ARABIC = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "د": "T", "ض": "T", "ذ": "T", "ث": "S", "س": "S", "ص": "S", "ز": "S",
    "ش": "S", "ظ": "S", "ج": "J", "چ": "J", "ك": "K", "ق": "K", "غ": "K", "گ": "K", "خ": "K", "ف": "F", "ڤ": "F",
    "ل": "L", "ر": "R", "م": "M", "ن": "N", "ه": "H", "ح": "H",
}


def latin_skeleton(name: str) -> str:
    """Consonant skeleton of a Latin-script place name ("Doğubayazıt" -> "TKBST")."""
    text = name.lower().replace("ı", "i")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if c in "şçğ" or not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text)
    for a, b in _LATIN_DIGRAPHS:
        text = text.replace(a, b)
    return _collapse("".join(_LATIN.get(c, "") for c in text))


def latin_skeletons(name: str) -> set[str]:
    """All skeletons of a Latin name: Turkish ğ is silent, so Arabic writes it غ, ج or not at all."""
    keys = {latin_skeleton(name)}
    # ASCII spellings drop the breve (Dogubayazit): a g between vowels may be that silent ğ.
    soft = re.sub(r"(?<=[aeiouıöü])g(?=[aeiouıöü])", "ğ", name.lower())
    if "ğ" in soft:
        keys |= {latin_skeleton(soft.replace("ğ", r)) for r in ("", "c")}
    return keys


def arabic_skeleton(word: str) -> str:
    """Consonant skeleton of an Arabic-script name ("دوغو بايزيد" -> "TKBST"); "تش" counts as one sound (ç), and
    a final ه / ة is the vowel -e / -a ("ليجه" = Lice)."""
    text = fold(word).replace("تش", "ج")
    if text.startswith("ال") and len(text) > 4:
        text = text[2:]
    text = " ".join(w[:-1] if len(w) > 2 and w.endswith("ه") else w for w in text.split())
    return _collapse("".join(_ARABIC.get(c, "") for c in text))


def _collapse(skeleton: str) -> str:
    out = []
    for c in skeleton:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class SoundIndex:
    """Skeleton -> place ids, for populated places (and admin units) of the countries indexed."""

    by_key: dict[str, tuple[str, ...]]

    def lookup(self, arabic: str, countries: set[str], gazetteer, min_consonants: int = 3) -> list:
        key = arabic_skeleton(arabic)
        if len(key) < min_consonants:
            return []
        places = []
        for pid in self.by_key.get(key, ()):
            place = gazetteer.get(pid)
            if place.iso3 in countries:
                places.append(place)
        return sorted(places, key=lambda p: -(p.population or 0))


def build_sound_index(gazetteer, min_population: int = 2000) -> SoundIndex:
    """Index the gazetteer's Latin names (towns above `min_population`, and admin units). The world tier is left
    out: its places are found by their Arabic names only (a sound match put مليلة, Melilla, on Málaga)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for place in gazetteer.places():
        if place.kind not in ("populated", "admin1", "admin2") or not place.name_en:
            continue
        if gazetteer.in_world_tier(place.id):
            continue
        if place.kind == "populated" and (place.population or 0) < min_population:
            continue
        for key in latin_skeletons(place.name_en):
            if len(key) >= 2:
                by_key[key].append(place.id)
    return SoundIndex({k: tuple(v) for k, v in by_key.items()})
