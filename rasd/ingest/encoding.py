"""Bytes -> text for Arabic inputs: UTF-8 (BOM or not), UTF-16 (with a BOM, or sniffed without one), windows-1256,
ISO-8859-6.

Legacy Arabic files are still common (old newsroom exports, Windows tools). Both legacy code pages decode most byte
strings without error, so the choice is made on the result: the decoding must look like prose (Arabic letters,
ASCII, usual punctuation) and, between the two, the one with more "ال" (the commonest Arabic letter pair) wins.
Anything else is refused with an InputError rather than turned into mojibake.
"""

from __future__ import annotations

import logging
import re

from rasd.errors import InputError

log = logging.getLogger(__name__)

#: Legacy Arabic code pages tried, in order, when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")
#: Share of characters that must look like Arabic/ASCII text for a legacy decoding to be accepted.
MIN_PLAUSIBLE = 0.9

_ARABIC_PUNCT = set("،؛؟«»…–—‘’“”•°×÷")


def _is_plausible(ch: str) -> bool:
    """A character that real Arabic or ASCII prose contains (used to reject gibberish decodings)."""
    o = ord(ch)
    if ch in "\n\r\t\f" or 0x20 <= o < 0x7F:
        return True
    if 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF or o in (0x00A0, 0x200C, 0x200D):
        return True
    return ch in _ARABIC_PUNCT


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 20)


def clean_text(value: str) -> str:
    """Text fit to store and hash: lone surrogates (a JSON "\\ud800" decodes to one) become U+FFFD and NUL
    characters are dropped (SQLite's LIKE stops at one, and no prose holds them). Other text comes back as is."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without a byte-order mark, else None.

    Such text is full of NUL bytes (every ASCII character has one), so it would be refused as binary: it is
    accepted when a decoding in one byte order reads as Arabic or ASCII prose."""
    head = data[:8192]
    if b"\x00" not in head or len(head) < 4:
        return None
    head = head[: len(head) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = head.decode(encoding)
        except UnicodeDecodeError:
            sample = head[:-2].decode(encoding, "ignore")
        if sample and "\x00" not in sample and sum(map(_is_plausible, sample)) / len(sample) >= MIN_PLAUSIBLE:
            return encoding
    return None


def detect_encoding(data: bytes, path: str) -> str:
    """The codec to read these bytes with ("utf-8-sig", "utf-16" (-le/-be without a BOM), "windows-1256",
    "iso-8859-6"), or InputError.

    `data` may be a prefix of a file cut mid-character: a UTF-8 sequence truncated at the very end still counts
    as UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    utf16 = sniff_utf16(data)
    if utf16:
        return utf16
    if looks_binary(data):
        raise InputError("binary file, not text", path)
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return "utf-8-sig"
        utf8_error = exc
    best: tuple[float, int, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        plausible = sum(map(_is_plausible, sample)) / max(1, len(sample))
        score = (plausible, sample.count("ال"), encoding)
        if plausible >= MIN_PLAUSIBLE and (best is None or score[:2] > best[:2]):
            best = score
    if best is None:
        raise InputError(
            f"cannot decode text: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}), nor windows-1256 or ISO-8859-6 Arabic",
            path,
        )
    log.info("%s: decoded as %s", path, best[2])
    return best[2]


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a whole file's bytes to text, or raise InputError saying why it is not readable text."""
    encoding = detect_encoding(data, path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable {encoding} text ({exc.reason} at byte {exc.start})", path) from exc


#: A charset declared in the first bytes of an HTML page (<meta charset=...> or http-equiv Content-Type).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
#: Declared names that mean one of the codecs read here (pages misdeclare Arabic windows-1256 as Latin-1 often).
_CHARSET_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "cp1256": "windows-1256", "windows-1256": "windows-1256",
    "x-mac-arabic": "windows-1256", "iso-8859-6": "iso-8859-6", "iso8859-6": "iso-8859-6", "arabic": "iso-8859-6",
    "asmo-708": "iso-8859-6", "iso-8859-6-i": "iso-8859-6",
}


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset an HTML page declares: the HTTP Content-Type header first, then <meta charset> in the head."""
    if header:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", header, re.IGNORECASE)
        if m:
            return m.group(1).lower()
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode_html(data: bytes, path: str, header: str | None = None) -> str:
    """Decode an HTML page's bytes, trusting the bytes over the declaration.

    Pages declare one encoding and use another often enough (a windows-1256 page labelled ISO-8859-1, a UTF-8 page
    still saying windows-1256 after a CMS migration). So: a BOM wins; bytes that are valid UTF-8 are UTF-8; when
    they are not, a declared Arabic code page is used if its decoding looks like prose; otherwise the same
    detection as for files chooses between windows-1256 and ISO-8859-6 (or refuses with an InputError).
    """
    if not data.strip():
        raise InputError("empty page", path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET_ALIASES.get(declared_charset(data, header) or "")
    if declared in LEGACY_ENCODINGS:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = ""
        sample = text[:20000]
        if sample and sum(map(_is_plausible, sample)) / len(sample) >= MIN_PLAUSIBLE:
            return text
    return decode_bytes(data, path)
