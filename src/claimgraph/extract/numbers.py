"""The lexicon the value grammar reads with: number words, scales, currencies, units, hedges.

Kept apart from ``values.py`` so that file reads as rules and this one as tables. Everything
here is data plus the two small parsers that turn a numeral (digits or words) into a number
and the step of its last stated digit, which is what the precision of a value rests on.
"""

from __future__ import annotations

import math
import re

from claimgraph.model import Value

# --- number words ----------------------------------------------------------------------------

SMALL_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

_UNIT_W = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BELOW100 = rf"(?:(?:{_TENS_W})(?:[\s-]+(?:{_UNIT_W})\b)?|{_TEEN_W}|{_UNIT_W})"
# Words up to the hundreds; thousand/million/... are read as scales after the numeral, the same
# way "2 million" is, so "two hundred and fifty thousand" = core "two hundred and fifty" x 1e3.
WORD_NUMBER = rf"(?:(?:{_BELOW100}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW100}\b)?|{_BELOW100})"

FRACTIONS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip
_DEN_SING = "half|third|quarter|fourth|fifth|sixth|eighth|tenth"
_DEN_PLUR = "thirds|quarters|fourths|fifths|sixths|eighths|tenths"
# "a third of", "one-third", "two-thirds": a bare "a third" is usually an ordinal ("a third
# term"), so the singular form needs "of" after it unless it is hyphenated.
FRACTION = (
    rf"(?:(?:a|one)[\s-](?:{_DEN_SING})(?=\s+of\b)|one-(?:{_DEN_SING})"
    rf"|(?:two|three|four|five|seven|nine)[\s-](?:{_DEN_PLUR}))\b"
)


def words_to_number(text: str) -> int | None:
    """Value of a number phrase up to the hundreds ("twenty-six", "a hundred and five")."""
    current = 0
    for token in re.split(r"[\s-]+", text.lower().strip()):
        if token in ("and", ""):
            continue
        if token == "a":
            current = max(current, 1)
        elif token in SMALL_WORDS:
            current += SMALL_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        else:
            return None
    return current


def fraction_percent(text: str) -> float | None:
    """A fraction read as a percentage: "two-thirds" -> 66.67, "a quarter" -> 25.0."""
    parts = re.split(r"[\s-]+", text.lower().strip())
    if len(parts) != 2 or parts[1] not in FRACTIONS:
        return None
    numerator = 1 if parts[0] == "a" else SMALL_WORDS.get(parts[0])
    if numerator is None:
        return None
    return 100.0 * numerator / FRACTIONS[parts[1]]


# --- digits ----------------------------------------------------------------------------------

DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,234,567.8
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)"  # Indian grouping 1,50,000
    r"|\d{1,15}(?:\.\d{1,12})?(?!\d))"  # longer runs are identifiers, not values
)
# Damaged tokens as sloppy feeds carry them. Only the unambiguous shapes: a thousands group of
# exactly three digits after ", ", and "6. 1" when a scale, percent or unit follows, or when
# the sentence plainly goes on after it ("at 5. 9, but", "a 6. 7-strength quake", "5. 9 hit"):
# a digit, full stop, space, digit is otherwise a sentence end followed by a new number.
DAMAGED_THOUSANDS = r"\d{1,3}(?:,\x20\d{3})+(?![\d,])"
_DAMAGED_TAIL = (
    r"[\s-]?(?:billion|million|thousand|trillion|bn|mn|crores?|lakhs?|per\s?cent|percent|%"
    r"|magnitude|on\s+the\s+richter|km|kilomet|miles|kg|tonnes|degrees?)"
)
DAMAGED_DECIMAL = (
    rf"(?:\d+\.\x20\d+(?={_DAMAGED_TAIL})"
    r"|(?:(?<=magnitude\x20)|(?<=magnitude-)|(?<=magnitude\x20of\x20))\d+\.\x20\d+(?!\d)"
    # "£1. 7m", "$2. 6bn": a currency sign and a short scale make it one amount.
    r"|(?<=[$£€¥₹])\d+\.\x20\d+(?=(?:m|bn|b|k)(?![A-Za-z]))"
    r"|\b\d{1,2}\.\x20\d(?=,\s|;|\)|-[a-z]|\x20[a-z]|\.(?:\s|$)))"
)


def parse_digits(token: str) -> tuple[float, float]:
    """A digit numeral and the step of its last stated digit: "5.43" -> (5.43, 0.01)."""
    clean = token.replace(", ", "").replace(",", "").replace(". ", ".")
    if "." in clean:
        decimals = len(clean.split(".", 1)[1])
        return float(clean), 10.0**-decimals
    return float(clean), 1.0


# --- scales ----------------------------------------------------------------------------------

SCALES: dict[str, float] = {
    "lakh crore": 1e12, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "crore": 1e7, "cr": 1e7, "lakh": 1e5, "lac": 1e5,
    "thousand": 1e3, "k": 1e3, "dozen": 12.0,
}  # fmt: skip
# One-letter abbreviations are only scales after a currency ("$300m"); "300m" alone is metres.
SCALES_NEED_CURRENCY = frozenset({"b", "m", "cr"})
# Counting scales: "two dozen" is exactly 24, not 24 +- 6.
EXACT_SCALES = frozenset({"dozen"})
SCALE = (
    r"(?P<sep>[\s-]?)(?P<scale>lakh[\s-]crores?|lakhs?|lacs?|crores?|cr|trillion|tn|trn"
    r"|billion|bn|bln|b|million|mn|mln|m|thousand|k|dozen)(?![A-Za-z])"
)
SCALE_WORDS = "hundred|thousand|million|billion|trillion|dozen|lakh|crore"


def scale_key(word: str) -> str:
    """Normalise a matched scale word to a SCALES key ("Lakh-crores" -> "lakh crore")."""
    w = re.sub(r"[\s-]+", " ", word.lower())
    if w.startswith("lakh crore"):
        return "lakh crore"
    if w in ("lakhs", "lacs"):
        return w[:-1]
    return w.rstrip("s") if w == "crores" else w


# --- vague amounts ---------------------------------------------------------------------------

# "dozens of", "tens of thousands": a count known only to an order of magnitude. The interval
# runs from twice the word's size up to where the next wording would take over.
VAGUE = (
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|dozens|scores(?=\s+of\b)"
    r"|hundreds|thousands|millions|billions)(?:\s+of\b)?"
)
_PLURAL_SCALE = {"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


def vague_bounds(phrase: str) -> tuple[float, float] | None:
    words = re.sub(r"\s+of$", "", re.sub(r"\s+", " ", phrase.lower().strip()))
    if words == "dozens":
        return 24.0, 200.0
    if words == "scores":
        return 40.0, 200.0
    parts = words.split(" of ")
    if len(parts) == 2 and parts[1] in _PLURAL_SCALE:
        size = _PLURAL_SCALE[parts[1]] * (10.0 if parts[0] == "tens" else 100.0)
        return 2 * size, 10 * size
    if words in _PLURAL_SCALE:
        return 2 * _PLURAL_SCALE[words], 20 * _PLURAL_SCALE[words]
    return None


FEW = r"\b(?P<few>several|a\s+few|a\s+couple\s+of)\s+(?P<fewscale>hundred|thousand|million|billion|lakh|crore|dozen)\b"  # noqa: E501
_VAGUE_WORDING = re.compile(rf"(?:{VAGUE}|{FEW})", re.IGNORECASE)


def is_vague(v: Value) -> bool:
    """An order of magnitude ("dozens", "tens of thousands", "several hundred"), not a figure."""
    return bool(v.hedge) and _VAGUE_WORDING.match(v.hedge or "") is not None


FEW_FACTORS: dict[str, tuple[float, float]] = {
    "several": (3.0, 9.0),
    "a few": (2.0, 5.0),
    "a couple of": (2.0, 3.0),
}
FEW_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "crore": 1e7,
    "dozen": 12.0,
}  # fmt: skip

# --- currencies ------------------------------------------------------------------------------

# Symbols and codes written before the amount. Codes are matched case-sensitively ("SAR 5"
# is riyals, "sar" is not a word we should read as one).
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "S$": "SGD", "SGD": "SGD", "HK$": "HKD",
    "HKD": "HKD", "NZ$": "NZD", "NZD": "NZD", "R$": "BRL", "₹": "INR", "Rs": "INR",
    "Rs.": "INR", "RS": "INR", "RS.": "INR", "Re": "INR", "Re.": "INR", "INR": "INR",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY",
    "CN¥": "CNY", "CNY": "CNY", "RMB": "CNY", "₽": "RUB", "RUB": "RUB", "PKR": "PKR",
    "₩": "KRW", "KRW": "KRW", "CHF": "CHF", "AED": "AED", "SAR": "SAR", "BDT": "BDT",
    "Tk": "BDT", "Tk.": "BDT", "LKR": "LKR", "NPR": "NPR", "₺": "TRY", "TRY": "TRY",
    "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "CZK": "CZK", "PLN": "PLN", "HUF": "HUF",
    # Not "PHP": "PHP 8" is far more often the language's version than pesos.
    "ILS": "ILS", "₪": "ILS", "ZAR": "ZAR", "THB": "THB", "MYR": "MYR", "NGN": "NGN",
    "₦": "NGN", "UAH": "UAH", "₴": "UAH", "MXN": "MXN", "₱": "PHP", "BRL": "BRL",
}  # fmt: skip
_PREFIX_ALT = "|".join(
    re.escape(k).replace(r"US\$", r"US\s?\$")
    for k in sorted(CURRENCY_PREFIXES, key=len, reverse=True)
)
# Anchored at the end of the text just before the number.
CURRENCY_LEFT = re.compile(rf"(?<![A-Za-z])(?:{_PREFIX_ALT})\s?$")

_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "rupee": "INR", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "ruble": "RUB",
    "dirham": "AED", "riyal": "SAR", "lira": "TRY", "taka": "BDT", "franc": "CHF",
    # The Nordic and Czech crowns by their own names. In English they are also "crowns": with
    # a country ("Swedish crowns") below; bare, they stay money in an unnamed currency
    # ("CROWN"), so "3.1 billion crowns" is never read as a count of crowns.
    "krona": "SEK", "kronor": "SEK", "krone": "DKK", "kroner": "DKK", "koruna": "CZK",
    "korun": "CZK", "zloty": "PLN", "forint": "HUF", "shekel": "ILS", "rand": "ZAR",
    "baht": "THB", "ringgit": "MYR", "naira": "NGN", "hryvnia": "UAH", "real": "BRL",
}  # fmt: skip
_ADJECTIVES: dict[tuple[str, str], str] = {
    ("us", "dollar"): "USD", ("u.s.", "dollar"): "USD", ("american", "dollar"): "USD",
    ("australian", "dollar"): "AUD", ("canadian", "dollar"): "CAD",
    ("singapore", "dollar"): "SGD", ("hong kong", "dollar"): "HKD",
    ("new zealand", "dollar"): "NZD", ("taiwan", "dollar"): "TWD",
    ("indian", "rupee"): "INR", ("pakistani", "rupee"): "PKR", ("sri lankan", "rupee"): "LKR",
    ("nepalese", "rupee"): "NPR", ("nepali", "rupee"): "NPR",
    ("swedish", "crown"): "SEK", ("danish", "crown"): "DKK", ("norwegian", "crown"): "NOK",
    ("czech", "crown"): "CZK", ("norwegian", "krone"): "NOK", ("danish", "krone"): "DKK",
    ("mexican", "peso"): "MXN", ("philippine", "peso"): "PHP", ("argentine", "peso"): "ARS",
    ("chilean", "peso"): "CLP", ("colombian", "peso"): "COP", ("south african", "rand"): "ZAR",
}  # fmt: skip
_CODES = (
    "USD|EUR|INR|GBP|JPY|CNY|RUB|PKR|AED|SAR|CHF|AUD|CAD|SGD|HKD|NZD|BDT|LKR|NPR|KRW"
    "|SEK|NOK|DKK|CZK|PLN|HUF|ILS|ZAR|THB|MYR|NGN|UAH|MXN|BRL|TRY"
)
CURRENCY_RIGHT = re.compile(
    r"(?:\s+(?P<adj>US|U\.S\.|American|Australian|Canadian|Singapore|Hong\s+Kong|New\s+Zealand"
    r"|Taiwan|Indian|Pakistani|Sri\s+Lankan|Nepalese|Nepali|Swedish|Danish|Norwegian|Czech"
    r"|Mexican|Philippine|Argentine|Chilean|Colombian|South\s+African))?"
    r"(?:\s+|-(?=dollar|rupee|euro|yuan|yen))(?P<word>dollars?|rupees?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi"
    r"|roubles?|rubles?|dirhams?|riyals?|liras?|taka|francs?|kronor|kronas?|kroner|krone"
    r"|korun(?:as?|y)?|zloty(?:s)?|forints?|shekels?|rands?|baht|ringgits?|naira|hryvnias?"
    r"|crowns?|pesos?|reais)\b"
    rf"|\s?(?-i:(?P<code>{_CODES}))\b",
    re.IGNORECASE,
)


def currency_of_word(word: str, adjective: str | None) -> str:
    base = re.sub(r"\s+sterling$", "", word.lower())
    base = {"reais": "real", "koruny": "koruna", "korunas": "koruna"}.get(base, base)
    base = base[:-1] if base.endswith("s") and base not in ("taka",) else base
    if adjective:
        key = (re.sub(r"\s+", " ", adjective.lower()), base)
        if key in _ADJECTIVES:
            return _ADJECTIVES[key]
    return _CURRENCY_WORDS.get(base, base.upper())


# --- percent and units -----------------------------------------------------------------------

PERCENT = re.compile(
    r"\s?(?:(?P<pct>%|per\s?cent\b|percent\b|pct\b|pc\b)|(?P<pp>percentage\s+points?\b|pp\b)"
    r"|(?P<bp>basis\s+points?\b|bps\b))",
    re.IGNORECASE,
)

# The unit of a person's age, however the text gives it ("aged 95", "a 95-year-old", "He was
# 95."), so that the claims compare.
AGE_UNIT = "years old"

# (canonical unit, surface pattern), tried in order: longer and more specific forms first.
_UNIT_TABLE: list[tuple[str, str]] = [
    ("years old", r"(?:years?|yrs?)[\s-]old"),
    ("months old", r"months?[\s-]old"),
    ("weeks old", r"weeks?[\s-]old"),
    ("days old", r"days?[\s-]old"),
    ("km/h", r"km\s?/\s?hr?|kmph|kph|kilomet(?:re|er)s?\s+(?:per|an|a)\s+hour"),
    ("mph", r"mph|miles\s+(?:per|an|a)\s+hour"),
    ("knot", r"knots?"),
    ("km²", r"sq\.?\s?km|km2|km²|square\s+kilomet(?:re|er)s?"),
    ("sq mi", r"sq\.?\s?mi|square\s+miles?"),
    ("sq ft", r"sq\.?\s?ft|square\s+f(?:ee|oo)t"),
    ("m³", r"cubic\s+met(?:re|er)s?|m³|m3"),
    ("hectare", r"hectares?|(?-i:ha)"),
    ("acre", r"acres?"),
    ("nautical mile", r"nautical\s+miles?"),
    ("km", r"kms?|kilomet(?:re|er)s?"),
    ("mile", r"miles?"),
    ("cm", r"cm|centimet(?:re|er)s?"),
    ("mm", r"mm|millimet(?:re|er)s?"),
    ("m", r"(?-i:m)|met(?:re|er)s?"),
    ("ft", r"ft|feet|foot"),
    ("inch", r"inch(?:es)?"),
    ("kg", r"kgs?|kilos?|kilograms?"),
    ("tonne", r"(?:metric\s+)?(?:tonnes?|tons?)"),
    ("gram", r"grams?"),
    ("lb", r"lbs?"),
    ("MWh", r"(?-i:MWh)"), ("GWh", r"(?-i:GWh)"), ("kWh", r"(?-i:kWh)"), ("TWh", r"(?-i:TWh)"),
    ("MW", r"(?-i:MW)|megawatts?"), ("GW", r"(?-i:GW)|gigawatts?"), ("kW", r"(?-i:kW)|kilowatts?"),
    ("barrels per day", r"bpd|b/d|barrels\s+(?:per|a)\s+day"),
    ("barrel", r"barrels?|bbl"),
    ("litre", r"litres?|liters?"),
    ("gallon", r"gallons?"),
    ("°C", r"°\s?C|degrees?\s+(?:Celsius|centigrade|(?-i:C))"),
    ("°F", r"°\s?F|degrees?\s+(?:Fahrenheit|(?-i:F))"),
    ("degree", r"degrees?|°"),
    ("magnitude", r"magnitude|on\s+the\s+Richter\s+scale"),
    ("second", r"seconds?|secs?"),
    ("minute", r"minutes?|mins?"),
    ("hour", r"hours?|hrs?"),
    ("day", r"days?"),
    ("week", r"weeks?"),
    ("month", r"months?"),
    ("year", r"years?|yrs?"),
    ("decade", r"decades?"),
    ("century", r"centur(?:y|ies)"),
]  # fmt: skip
UNIT = re.compile(
    r"(?:\s|-)?(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (_, pattern) in enumerate(_UNIT_TABLE))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)
UNIT_NAMES: dict[str, str] = {f"u{i}": unit for i, (unit, _) in enumerate(_UNIT_TABLE)}
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "years",
                       "decade", "century"})  # fmt: skip
TEMPERATURES = frozenset({"°C", "°F", "degree"})

# --- hedges ----------------------------------------------------------------------------------

# Each hedge has a class that says how it bends the interval (see values.hedged_interval).
HEDGES: dict[str, str] = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "approx.": "approx", "approx": "approx", "some": "approx", "an estimated": "approx",
    "estimated": "approx", "circa": "approx", "in the region of": "approx",
    "on the order of": "approx", "or so": "approx", "odd": "approx",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "just below": "nearly", "a little under": "nearly",
    "a little less than": "nearly", "slightly less than": "nearly", "slightly under": "nearly",
    "just over": "just_over", "just above": "just_over", "slightly more than": "just_over",
    "slightly over": "just_over", "a little over": "just_over", "a little more than": "just_over",
    "just more than": "just_over",
    "more than": "min", "over": "min", "above": "min", "at least": "min", "in excess of": "min",
    "upwards of": "min", "exceeding": "min", "no fewer than": "min", "no less than": "min",
    "not less than": "min", "a minimum of": "min", "well over": "min", "well above": "min",
    "greater than": "min", "or more": "min", "plus": "min", "+": "min", "and above": "min",
    "and over": "min", "and more": "min",
    "up to": "max", "less than": "max", "fewer than": "max", "under": "max", "below": "max",
    "at most": "max", "no more than": "max", "not more than": "max", "as many as": "max",
    "as much as": "max", "a maximum of": "max", "as high as": "max", "not exceeding": "max",
    "or less": "max", "or fewer": "max", "and below": "max", "and under": "max",
    "between": "range", "to": "range", "or": "range",
}  # fmt: skip
RIGHT_HEDGES = frozenset({"or so", "odd", "or more", "plus", "+", "and above", "and over",
                          "and more", "or less", "or fewer", "and below", "and under"})  # fmt: skip
_LEFT_ONLY = [h for h in HEDGES if h not in RIGHT_HEDGES and HEDGES[h] != "range"]
HEDGE_LEFT = re.compile(
    r"\b(?P<hedge>"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(_LEFT_ONLY, key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)
HEDGE_RIGHT = re.compile(
    r"\s+(?P<hedge>or\s+so|or\s+more|or\s+less|or\s+fewer|and\s+above|and\s+over|and\s+more"
    r"|and\s+below|and\s+under)\b",
    re.IGNORECASE,
)
# A year-like number after these is a count ("more than 2000 troops"); after "around", "by",
# "since" or "over" it is as likely a year, so those are left to the date reader.
COUNT_HEDGES = frozenset({"more than", "fewer than", "at least", "nearly", "almost",
                          "as many as", "some", "an estimated", "no fewer than"})  # fmt: skip

# --- designations and dates ------------------------------------------------------------------

MONTHS = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
# A number right after one of these names a thing, it does not count anything: "Article 370",
# "Flight 171", "No. 10". These are nouns that are rarely verbs, so any case is read.
NOUN_DESIGNATORS = (
    r"article|section|clause|chapter|schedule|resolution|amendment|flight|route|highway"
    r"|platform|gate|terminal|room|phase|stage|grade|tier|page|paragraph|para|item|sector|plot"
    r"|reactor|pier|berth|runway|category|episode|season|vol|volume|ward|no|mk|box|po|suite"
)
# These are designators only when capitalised ("Block 5", "Level 3", "Boeing 737"): in lower
# case they are as often verbs before a count ("block 5 roads", "mark 50 years").
TITLE_DESIGNATORS = (
    r"Block|Level|Mark|Form|Train|Channel|Group|Unit|Model|Type|Class|Round|Game|Part|Rule"
    r"|Series|Version|Number|Lane|District|Boeing|Airbus|Tupolev|Ilyushin|Antonov|Windows"
    r"|iPhone|Pixel|PlayStation|Apollo|Artemis|Mission|Batch|Division|Corps|Battalion|Squadron"
)

# Capitalised words that may stand right before a count without naming anything: sentence
# openers, weekdays and months ("The 84 aircraft", "on Monday 40 people").
_FUNCTION_WORDS_TEXT = """The A An Some About Around Over Nearly Almost Only Just All Another
    Those These That This Its Their His Her Our My Your At In On By For With From To Of And But
    Or When Than After Before Since Until Each Every Both Roughly Approximately Additional
    Further Even Exactly Up Down Out More Less Fewer Least Most Total Were Was Are Is Had Has
    Have Killed Injured Lost Said Says Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

# --- precision: how a wording bends the interval ---------------------------------------------

# How far a hedge bends a value, as a fraction of it. "about $5.4 billion" is read as within 5%
# (money is usually rounded to the stated digit, so a small margin suffices); counts, percent
# and quantities get 10%, since "around 260" often stands for anything from 240 to 280.
APPROX_TOLERANCE: dict[str, float] = {"money": 0.05, "count": 0.10, "percent": 0.10}
DEFAULT_APPROX = 0.10
# "nearly 40" is [36, 40]: below the figure, by up to 10%. "just over 40" mirrors it above.
NEARLY_TOLERANCE = 0.10
# A share said to be "about" so much is hedged in points, not in a fraction of itself: "some
# 62 percent" of a poll is 60 to 64, not 56 to 68 (which takes in the next answer's 55
# percent). "Nearly half" stays vaguer: it is a fraction word, not a stated figure.
PERCENT_POINTS = 2.0


def hedge_margin(kind: str, value: float, fraction: float) -> float:
    """How far "about" bends ``value``: a fraction of it, at most a few points for a share."""
    margin = fraction * abs(value)
    return min(margin, PERCENT_POINTS) if kind == "percent" else margin


def hedge_class(hedge: str | None) -> str | None:
    """approx | nearly | just_over | min | max | range, or None for no (or a vague) hedge."""
    return HEDGES.get(hedge) if hedge else None


def hedged_interval(
    kind: str, value: float, step: float, hedge: str | None, unit: str | None = None
) -> tuple[float, float]:
    """The interval a wording allows: half a step either side, bent by the hedge."""
    low, high = value - step / 2, value + step / 2
    spread = abs(value)
    cls = hedge_class(hedge)
    if cls == "approx":
        margin = hedge_margin(kind, value, APPROX_TOLERANCE.get(kind, DEFAULT_APPROX))
        return low - margin, high + margin
    if cls == "nearly":
        return low - NEARLY_TOLERANCE * spread, high
    if cls == "just_over":
        return low, high + NEARLY_TOLERANCE * spread
    if cls == "min":
        return low, math.inf
    if cls == "max":
        floor = -math.inf if unit in TEMPERATURES or value < 0 else 0.0
        return floor, high
    return low, high


def is_numeric(v: Value) -> bool:
    return all(isinstance(x, int | float) for x in (v.value, v.low, v.high))


def stated_step(v: Value) -> float:
    """The step of the last stated digit, recovered from a value's interval (0 = exact).

    ``hedged_interval`` keeps one side of every hedged interval at half a step from the
    value, so the step can always be read back; this is what lets ``format_value`` write
    "$5.40 billion" and not "$5.4 billion" when the text said so.
    """
    if not is_numeric(v):
        return 0.0
    x, low, high = float(v.value), float(v.low), float(v.high)  # type: ignore[arg-type]
    cls = hedge_class(v.hedge)
    if cls in ("min", "just_over"):
        step = 2 * (x - low)
    elif cls in ("max", "nearly"):
        step = 2 * (high - x)
    elif cls == "approx":
        step = (high - low) - 2 * hedge_margin(
            v.kind, x, APPROX_TOLERANCE.get(v.kind, DEFAULT_APPROX)
        )
    else:
        step = high - low
    return 0.0 if not math.isfinite(step) or step <= 1e-9 * max(1.0, abs(x)) else step


# --- writing values back ---------------------------------------------------------------------

_SYMBOLS = {"USD": "$", "INR": "₹", "EUR": "€", "GBP": "£", "JPY": "¥"}
_MONEY_WORDS = {"USD": "dollars", "INR": "rupees", "EUR": "euros", "GBP": "pounds", "JPY": "yen",
                "CNY": "yuan", "RUB": "roubles", "CROWN": "crowns", "PESO": "pesos"}  # fmt: skip
_WESTERN = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3))
_INDIAN = (("lakh crore", 1e12), ("crore", 1e7), ("lakh", 1e5))
_PLURALS = {"inch": "inches", "century": "centuries"}
_NO_PLURAL = frozenset(
    {
        "years", "years old", "months old", "weeks old", "days old", "km/h", "mph", "km²",
        "sq mi", "sq ft", "m³", "km", "m", "cm", "mm", "ft", "kg", "lb", "MW", "GW", "kW",
        "MWh", "GWh", "kWh", "TWh", "barrels per day", "magnitude", "Mach",
    }
)  # fmt: skip


def format_value(v: Value) -> str:
    """A short human form: "$5.43 billion", "₹60,000 crore", "36%", "26", "more than 40"."""
    if not is_numeric(v) or v.kind in ("date", "text"):
        return v.text
    if v.hedge and (vague_bounds(v.hedge) or v.hedge.split(" ")[0] in ("several", "a")):
        return _format_vague(v, v.hedge)
    if hedge_class(v.hedge) == "range":
        return _format_range(v)
    core = _format_point(v, float(v.value), stated_step(v))  # type: ignore[arg-type]
    hedge = v.hedge
    if hedge is None:
        return core
    if hedge in ("odd", "plus"):
        return f"{core}-{hedge}"
    if hedge == "+":
        return f"{core}+"
    return f"{core} {hedge}" if hedge in RIGHT_HEDGES else f"{hedge} {core}"


def _scales(v: Value) -> tuple[tuple[str, float], ...]:
    if v.kind == "money" and v.unit == "INR":
        return _INDIAN + _WESTERN
    return _WESTERN + _INDIAN


def _format_point(v: Value, x: float, step: float) -> str:
    if v.kind == "percent" and step == 0 and (words := _fraction_words(x)):
        return words
    amount = _format_amount(x, step, _scales(v) if v.kind != "percent" else ())
    return _decorate(v, amount, x)


def _fraction_words(pct: float) -> str | None:
    """An exact third or sixth has no short decimal form: write it back as words."""
    if abs(round(pct, 2) - pct) < 1e-9:
        return None
    for den, name in ((3, "third"), (6, "sixth")):
        num = round(pct * den / 100)
        if 0 < num < den and abs(num * 100 / den - pct) < 1e-9:
            word = next(w for w, n in SMALL_WORDS.items() if n == num)
            return f"{word}-{name}" + ("s" if num > 1 else "")
    return None


def _decorate(v: Value, amount: str, x: float) -> str:
    unit = v.unit or ""
    if v.kind == "money":
        symbol = _SYMBOLS.get(unit)
        if symbol:
            return f"{symbol}{amount}"
        # A currency without a code ("crowns" with no country) is written back by its name.
        return (
            f"{unit} {amount}"
            if unit in CURRENCY_PREFIXES
            else f"{amount} {_MONEY_WORDS.get(unit, unit.lower())}"
        )
    if v.kind == "percent":
        return f"{amount}%" if unit == "%" else f"{amount} percentage points"
    if v.kind != "quantity" or not unit:
        return amount
    if unit in ("magnitude", "Mach"):
        return f"{unit} {amount}"
    if unit in ("°C", "°F"):
        return f"{amount}{unit}"
    if unit == "years":
        return f"{amount} years in prison"  # the prison-term unit, said so that it reads back
    if unit in _NO_PLURAL or x == 1:
        return f"{amount} {unit}"
    return f"{amount} {_PLURALS.get(unit, unit + 's')}"


def _format_amount(x: float, step: float, scales: tuple[tuple[str, float], ...]) -> str:
    if step <= 1:
        return _digits(x, step)
    for word, mult in scales:
        if abs(x) >= mult and 1e-3 * (1 - 1e-6) <= step / mult <= 1 + 1e-6:
            return f"{_digits(x / mult, step / mult)} {word}"
    return _digits(x, 1.0)


def _digits(x: float, step: float) -> str:
    """Digits with thousands commas and as many decimals as the step says (or x needs)."""
    decimals = 0 if step == 0 else max(0, round(-math.log10(step)))
    while decimals < 6 and abs(round(x, decimals) - x) > 1e-9 * max(1.0, abs(x)):
        if step == 0 and decimals >= 2:
            break  # an exact third is shown as 33.33
        decimals += 1
    return f"{x:,.{decimals}f}"


def _short(x: float) -> str:
    text = f"{x:,.3f}".rstrip("0")
    return text.rstrip(".")


def _format_range(v: Value) -> str:
    low, high = float(v.low), float(v.high)  # type: ignore[arg-type]
    word, mult = "", 1.0
    for name, size in _scales(v) if v.kind not in ("percent",) else ():
        if high >= size and all(abs(round(n / size, 3) - n / size) < 1e-9 for n in (low, high)):
            word, mult = name, size
            break
    a, b = _short(low / mult), _short(high / mult) + (f" {word}" if word else "")
    prefix, b = _split_unit(v, b, high)
    if v.hedge == "between":
        return f"between {prefix}{a} and {b}"
    return f"{prefix}{a} or {b}" if v.hedge == "or" else f"{prefix}{a}–{b}"


def _split_unit(v: Value, b: str, high: float) -> tuple[str, str]:
    """Range ends share one unit: a prefix before the first ("$5–7") or a suffix after both."""
    full = _decorate(v, "\x00", high)
    head, _, rest = full.partition("\x00")
    return head, b + rest


def _format_vague(v: Value, label: str) -> str:
    if v.kind != "money":
        return "scores of" if label == "scores" else label  # "scores" alone is a tally
    word = _MONEY_WORDS.get(v.unit or "", v.unit or "")
    return f"{label} {word}" if label.split(" ")[0] in ("several", "a") else f"{label} of {word}"
