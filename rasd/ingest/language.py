"""Which language an article is in, offline and fast: a script-share test plus the page's own declaration.

The Arabic extractor must only see Arabic, so the question that matters is "Arabic or not": the share of letters in
the Arabic script answers it (as `rasd.text.language.arabic_share` does). Persian and Urdu share the script; their own
letters (پ چ ژ گ ک ی / ٹ ڈ ڑ ں ے) tell them apart. For other scripts the page's declared language (<html lang>,
trafilatura's metadata) is used when there is one, else a script name ("latin", "cyrillic", ...).
"""

from __future__ import annotations

import re

from rasd.settings import DEFAULT_SETTINGS
from rasd.text.language import arabic_share

#: Share of letters in the Arabic script from which a text counts as Arabic-script (the pipeline's own threshold).
MIN_ARABIC_SHARE = DEFAULT_SETTINGS.min_arabic_share
_PERSIAN = re.compile("[پچژگکی]")
_URDU = re.compile("[ٹڈڑںےۓھ]")
_ARABIC_ONLY = re.compile("[ةىيكؤإأئ]")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_CYRILLIC = re.compile("[Ѐ-ӿ]")
_HEBREW = re.compile("[֐-׿]")


def detect_language(text: str, declared: str | None = None) -> str:
    """"ar", "fa", "ur", or for other scripts the declared code (lower case) or the script's name."""
    sample = text[:20000]
    if arabic_share(sample) >= MIN_ARABIC_SHARE:
        persian, urdu = len(_PERSIAN.findall(sample)), len(_URDU.findall(sample))
        arabic = len(_ARABIC_ONLY.findall(sample))
        if urdu > 0.02 * max(1, len(sample)) and urdu > persian:
            return "ur"
        if persian > arabic:
            return "fa"
        return "ar"
    code = (declared or "").split("-")[0].lower()
    if code and code not in ("ar", "fa", "ur"):
        return code
    counts = {"latin": len(_LATIN.findall(sample)), "cyrillic": len(_CYRILLIC.findall(sample)),
              "hebrew": len(_HEBREW.findall(sample))}
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n else "und"
