"""Turn bytes into text and repair the damage text dumps carry.

Two jobs, kept apart because they fail differently:

* :func:`decode` chooses an encoding. Binary data is refused with ``ValueError`` so the reader
  can report it instead of feeding garbage to the NLP stages.
* :func:`repair_text` fixes what went wrong *before* the bytes reached us: mojibake (UTF-8 read
  as cp1252 and saved again, ``â‚¹`` for ``₹``), odd spaces, stray line-ending styles, and a
  currency sign that a lossy conversion replaced with ``?`` (``?60,000 crore``).

Repair must be invisible on clean text: an input that needs nothing comes back byte-identical,
because offsets and the ``extract`` command rely on it.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Western European text is by far the most common legacy encoding in news dumps, and
# charset-normalizer often mistakes short cp1252 text for cp1250 ("crème" -> "crčme").
# cp1252 is accepted first when its reading looks like Latin-script text: non-ASCII letters
# are the exception (accents), not the rule (as they are when Cyrillic/Greek bytes are
# misread as Latin-1 letters).
_MAX_NON_ASCII_LETTER_SHARE = 0.3
_MAX_CONTROL_SHARE = 0.01  # more control characters than this: the "text" is binary


def decode(data: bytes) -> str:
    """Decode document bytes: BOM, then strict UTF-8, then cp1252 if plausible, then
    charset-normalizer's best guess. Raises ``ValueError("undecodable ...")`` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"undecodable bytes after a {encoding} BOM ({exc.reason})"
                ) from exc
    if b"\x00" in data:
        raise ValueError("undecodable: binary data (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    if _looks_binary(text):
        raise ValueError("undecodable: binary data (control characters)")
    return text


def _decode_legacy(data: bytes) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_latin(text):
        return text
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable: not text in any known encoding")
    return str(best)


def _plausible_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for c in letters if not c.isascii())
    return non_ascii / len(letters) <= _MAX_NON_ASCII_LETTER_SHARE


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls but \t\n\v\f\r (C1 ones are mojibake)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE


# ftfy with the fixes that change *damaged* text only. Off: uncurl_quotes (curly quotes are
# correct typography, not damage) and fix_character_width (full-width forms are legitimate in
# CJK text). explain=False because we never show the plan and it costs time.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    explain=False,
)

# Spaces that look like a space but break word matching downstream.
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f]")
# Invisible characters that only get in the way: zero-width space, a BOM inside the text, soft
# hyphen. ZWJ/ZWNJ stay: Indic scripts and emoji need them.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def repair_text(text: str) -> str:
    """Repair mojibake, line endings, odd spaces and lost currency signs.

    Returns ``text`` itself (identical) when nothing needs repair.
    """
    fixed = ftfy.fix_text(text, _FTFY_CONFIG) if _needs_ftfy(text) else text
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    fixed = _ODD_SPACES.sub(" ", fixed)
    fixed = _INVISIBLE.sub("", fixed)
    fixed = restore_currency_signs(fixed)
    return text if fixed == text else fixed


def _needs_ftfy(text: str) -> bool:
    # ftfy is the slow part; plain ASCII without entities or escapes has nothing it could fix.
    return not text.isascii() or "&" in text or "\x1b" in text


# --- lost currency signs -------------------------------------------------------------------
#
# A "?" (or U+FFFD) glued to the front of an amount is what a lossy conversion leaves of a
# currency sign the target charset lacked, typically "₹" (newer than every legacy code page).
# It is restored only when the text says which sign it was:
#   1. the amount's own unit: "?60,000 crore", "?5 lakh", "?300 rupees" -> ₹ ("euros" -> €,
#      "pounds" -> £);
#   2. the sentence names exactly one currency (by sign or word: ₹/Rs/rupee/INR/lakh/crore,
#      €/euro/EUR, £/sterling/GBP);
#   3. else the whole document does.
# An amount in brackets right after another amount ("30bn euros (?25bn)") is a conversion into
# a *different* currency, so steps 2 and 3 do not apply to it.
# Otherwise the "?" stays: guessing would invent a fact. "$" is never restored: it is ASCII
# and survives every conversion, so a "?" is never a lost "$" (a dollar amount elsewhere in the
# text is evidence *against* "$", not for it).

_LOST_SIGN = re.compile(
    r"(?<![^\s(\[\-\u2013\u2014\"'\u201c\u2018/])[?\ufffd](?=\d)"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)(?P<after>[ \t]*[A-Za-z]*)"
)
_UNIT_SIGNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)(?:lakhs?|lacs?|crores?|cr|rupees?)$"), "\u20b9"),
    (re.compile(r"(?i)(?:pounds?|sterling)$"), "\u00a3"),
    (re.compile(r"(?i)euros?$"), "\u20ac"),
)
_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\u20b9|\bRs\.?\s?\d|\bINR\b|(?i:\brupees?\b|\blakhs?\b|\bcrores?\b)"), "\u20b9"),
    (re.compile(r"\u20ac|\bEUR\b|(?i:\beuros?\b)"), "\u20ac"),
    (re.compile(r"\u00a3|\bGBP\b|(?i:\bsterling\b)"), "\u00a3"),
)
_CONVERSION_BEFORE = re.compile(r"\d[\d,.]*\s*[A-Za-z]*\s*[A-Za-z]*\s*\(\s*\Z")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"\u201c])|\n")


def restore_currency_signs(text: str) -> str:
    """Replace a ``?`` glued to an amount with the currency sign the context proves."""
    if "?" not in text and "\ufffd" not in text:
        return text
    matches = list(_LOST_SIGN.finditer(text))
    if not matches:
        return text
    doc_sign = _single_family(_LOST_SIGN.sub(" ", text))
    pieces: list[str] = []
    last = 0
    for match in matches:
        sign = _sign_for(text, match, doc_sign)
        pieces.append(text[last : match.start()])
        pieces.append(sign or text[match.start()])
        last = match.start() + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _sign_for(text: str, match: re.Match[str], doc_sign: str | None) -> str | None:
    after = match.group("after").strip()
    for pattern, sign in _UNIT_SIGNS:
        if after and pattern.match(after):
            return sign
    if _CONVERSION_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
        return None  # "30bn euros (?25bn)": a conversion is in some *other* currency
    sentence = _sentence_around(text, match.start(), match.end())
    return _single_family(_LOST_SIGN.sub(" ", sentence)) or doc_sign


def _sentence_around(text: str, start: int, end: int) -> str:
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def _single_family(text: str) -> str | None:
    signs = {sign for pattern, sign in _FAMILIES if pattern.search(text)}
    return signs.pop() if len(signs) == 1 else None
