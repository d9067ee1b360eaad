"""The value grammar: a table of real-world forms, whole sentences, and properties.

Every sentence here was written for these tests; facts may be real, the wording is ours.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.extract.values import (
    find_values,
    format_value,
    hedged_interval,
    parse_value,
    stated_step,
)
from claimgraph.model import Value

INF = math.inf
THIRD = 100 / 3

# (phrase, kind, value, low, high, unit)
FORMS: list[tuple[str, str, float, float, float, str | None]] = [
    ("$5.43 billion", "money", 5.43e9, 5.425e9, 5.435e9, "USD"),
    ("$5.5 billion", "money", 5.5e9, 5.45e9, 5.55e9, "USD"),
    ("about $5.4 billion", "money", 5.4e9, 5.08e9, 5.72e9, "USD"),
    ("US$5.43bn", "money", 5.43e9, 5.425e9, 5.435e9, "USD"),
    ("USD 5.4 billion", "money", 5.4e9, 5.35e9, 5.45e9, "USD"),
    ("5.4 billion dollars", "money", 5.4e9, 5.35e9, 5.45e9, "USD"),
    ("5.5 billion US dollars", "money", 5.5e9, 5.45e9, 5.55e9, "USD"),
    ("$300 million", "money", 3e8, 2.995e8, 3.005e8, "USD"),
    ("$300m", "money", 3e8, 2.995e8, 3.005e8, "USD"),
    ("$300 mn", "money", 3e8, 2.995e8, 3.005e8, "USD"),
    ("$1.2 trillion", "money", 1.2e12, 1.15e12, 1.25e12, "USD"),
    ("$1.2tn", "money", 1.2e12, 1.15e12, 1.25e12, "USD"),
    ("$40,000", "money", 40000, 39999.5, 40000.5, "USD"),
    ("$12.99", "money", 12.99, 12.985, 12.995, "USD"),
    ("$300k", "money", 3e5, 2.995e5, 3.005e5, "USD"),
    ("$5b", "money", 5e9, 4.5e9, 5.5e9, "USD"),
    ("A$2.5 billion", "money", 2.5e9, 2.45e9, 2.55e9, "AUD"),
    ("HK$10 million", "money", 1e7, 9.5e6, 1.05e7, "HKD"),
    ("€1.2bn", "money", 1.2e9, 1.15e9, 1.25e9, "EUR"),
    ("EUR 450 million", "money", 4.5e8, 4.495e8, 4.505e8, "EUR"),
    ("3 billion euros", "money", 3e9, 2.5e9, 3.5e9, "EUR"),
    ("£300m", "money", 3e8, 2.995e8, 3.005e8, "GBP"),
    ("£5", "money", 5, 4.5, 5.5, "GBP"),
    ("GBP 2 million", "money", 2e6, 1.5e6, 2.5e6, "GBP"),
    ("20 pounds sterling", "money", 20, 19.5, 20.5, "GBP"),
    ("¥3 trillion", "money", 3e12, 2.5e12, 3.5e12, "JPY"),
    ("500 billion yen", "money", 5e11, 4.995e11, 5.005e11, "JPY"),
    ("20 billion yuan", "money", 2e10, 1.95e10, 2.05e10, "CNY"),
    ("RMB 8 billion", "money", 8e9, 7.5e9, 8.5e9, "CNY"),
    ("1.2 trillion roubles", "money", 1.2e12, 1.15e12, 1.25e12, "RUB"),
    ("3.1 billion Swedish crowns", "money", 3.1e9, 3.05e9, 3.15e9, "SEK"),
    ("40 million kronor", "money", 4e7, 3.95e7, 4.05e7, "SEK"),
    ("2 billion Norwegian crowns", "money", 2e9, 1.5e9, 2.5e9, "NOK"),
    ("500 million Czech korunas", "money", 5e8, 4.995e8, 5.005e8, "CZK"),
    ("12 billion crowns", "money", 1.2e10, 1.15e10, 1.25e10, "CROWN"),
    ("900 million Mexican pesos", "money", 9e8, 8.995e8, 9.005e8, "MXN"),
    ("80 million reais", "money", 8e7, 7.95e7, 8.05e7, "BRL"),
    ("SEK 250 million", "money", 2.5e8, 2.495e8, 2.505e8, "SEK"),
    ("₽50 billion", "money", 5e10, 4.95e10, 5.05e10, "RUB"),
    ("₹60,000 crore", "money", 6e11, 5.99995e11, 6.00005e11, "INR"),
    ("Rs 60,000 crore", "money", 6e11, 5.99995e11, 6.00005e11, "INR"),
    ("Rs. 500", "money", 500, 499.5, 500.5, "INR"),
    ("Rs500", "money", 500, 499.5, 500.5, "INR"),
    ("₹2.5 lakh", "money", 2.5e5, 2.45e5, 2.55e5, "INR"),
    ("Rs 1.5 lakh crore", "money", 1.5e12, 1.45e12, 1.55e12, "INR"),
    ("INR 500 crore", "money", 5e9, 4.995e9, 5.005e9, "INR"),
    ("5,000 rupees", "money", 5000, 4999.5, 5000.5, "INR"),
    ("Rs 5,000 cr", "money", 5e10, 4.9995e10, 5.0005e10, "INR"),
    ("₹1,50,000", "money", 1.5e5, 1.499995e5, 1.500005e5, "INR"),
    ("50 lakh rupees", "money", 5e6, 4.95e6, 5.05e6, "INR"),
    ("PKR 3 billion", "money", 3e9, 2.5e9, 3.5e9, "PKR"),
    ("5 billion Pakistani rupees", "money", 5e9, 4.5e9, 5.5e9, "PKR"),
    ("10 million Australian dollars", "money", 1e7, 9.5e6, 1.05e7, "AUD"),
    ("AED 100 million", "money", 1e8, 9.95e7, 1.005e8, "AED"),
    ("?60,000 crore", "money", 6e11, 5.99995e11, 6.00005e11, "INR"),
    ("?5 lakh", "money", 5e5, 4.5e5, 5.5e5, "INR"),
    ("5.5-billion-dollar", "money", 5.5e9, 5.45e9, 5.55e9, "USD"),
    ("billions of dollars", "money", 2e9, 2e9, 2e10, "USD"),
    ("several hundred crore rupees", "money", 3e9, 3e9, 9e9, "INR"),
    ("36 per cent", "percent", 36, 35.5, 36.5, "%"),
    ("36 percent", "percent", 36, 35.5, 36.5, "%"),
    ("36%", "percent", 36, 35.5, 36.5, "%"),
    ("36 %", "percent", 36, 35.5, 36.5, "%"),
    ("50 pct", "percent", 50, 49.5, 50.5, "%"),
    ("5pc", "percent", 5, 4.5, 5.5, "%"),
    ("5.5%", "percent", 5.5, 5.45, 5.55, "%"),
    ("3 percentage points", "percent", 3, 2.5, 3.5, "pp"),
    ("25 basis points", "percent", 0.25, 0.245, 0.255, "pp"),
    ("thirty-six per cent", "percent", 36, 35.5, 36.5, "%"),
    ("nearly a third of", "percent", THIRD, 30, THIRD, "%"),
    ("a third of", "percent", THIRD, THIRD, THIRD, "%"),
    ("two-thirds", "percent", 2 * THIRD, 2 * THIRD, 2 * THIRD, "%"),
    ("one-third", "percent", THIRD, THIRD, THIRD, "%"),
    ("three quarters", "percent", 75, 75, 75, "%"),
    ("a quarter of", "percent", 25, 25, 25, "%"),
    ("half of", "percent", 50, 50, 50, "%"),
    ("nearly half of", "percent", 50, 45, 50, "%"),
    ("more than half of", "percent", 50, 50, 100, "%"),
    ("one in five", "percent", 20, 20, 20, "%"),
    ("1 in 10", "percent", 10, 10, 10, "%"),
    ("four out of 10", "percent", 40, 40, 40, "%"),
    ("3 out of 4", "percent", 75, 75, 75, "%"),
    ("5", "count", 5, 5, 5, None),
    ("260", "count", 260, 260, 260, None),
    ("twenty-six", "count", 26, 26, 26, None),
    ("two", "count", 2, 2, 2, None),
    ("ninety nine", "count", 99, 99, 99, None),
    ("a hundred", "count", 100, 100, 100, None),
    ("a hundred and fifty", "count", 150, 150, 150, None),
    ("two hundred", "count", 200, 200, 200, None),
    ("two hundred and fifty thousand", "count", 2.5e5, 2.495e5, 2.505e5, None),
    ("1.5 million", "count", 1.5e6, 1.45e6, 1.55e6, None),
    ("2 million", "count", 2e6, 1.5e6, 2.5e6, None),
    ("a million", "count", 1e6, 5e5, 1.5e6, None),
    ("one million", "count", 1e6, 5e5, 1.5e6, None),
    ("1.4 billion", "count", 1.4e9, 1.35e9, 1.45e9, None),
    ("1.4bn", "count", 1.4e9, 1.35e9, 1.45e9, None),
    ("10 crore", "count", 1e8, 9.5e7, 1.05e8, None),
    ("2,000", "count", 2000, 2000, 2000, None),
    ("10,000", "count", 10000, 10000, 10000, None),
    ("1,50,000", "count", 1.5e5, 1.5e5, 1.5e5, None),
    ("10, 000", "count", 10000, 10000, 10000, None),
    ("1, 250", "count", 1250, 1250, 1250, None),
    ("a dozen", "count", 12, 12, 12, None),
    ("two dozen", "count", 24, 24, 24, None),
    ("half a dozen", "count", 6, 6, 6, None),
    ("dozens of", "count", 24, 24, 200, None),
    ("scores of", "count", 40, 40, 200, None),
    ("hundreds of", "count", 200, 200, 2000, None),
    ("thousands of", "count", 2000, 2000, 20000, None),
    ("tens of thousands", "count", 20000, 20000, 1e5, None),
    ("hundreds of thousands", "count", 2e5, 2e5, 1e6, None),
    ("millions of", "count", 2e6, 2e6, 2e7, None),
    ("several hundred", "count", 300, 300, 900, None),
    ("a few thousand", "count", 2000, 2000, 5000, None),
    ("a couple of dozen", "count", 24, 24, 36, None),
    ("around 260", "count", 260, 234, 286, None),
    ("about 40", "count", 40, 36, 44, None),
    ("some 62 percent", "percent", 62, 59.5, 64.5, "%"),  # a share: points, not a fraction
    ("about 5 percent", "percent", 5, 4, 6, "%"),
    ("roughly 300", "count", 300, 270, 330, None),
    ("approximately 1,200", "count", 1200, 1080, 1320, None),
    ("some 40", "count", 40, 36, 44, None),
    ("an estimated 3 million", "count", 3e6, 2.2e6, 3.8e6, None),
    ("more than 40", "count", 40, 40, INF, None),
    ("over 40", "count", 40, 40, INF, None),
    ("at least 43", "count", 43, 43, INF, None),
    ("no fewer than 12", "count", 12, 12, INF, None),
    ("upwards of 500", "count", 500, 500, INF, None),
    ("in excess of 1,000", "count", 1000, 1000, INF, None),
    ("up to 119", "count", 119, 0, 119, None),
    ("less than 40", "count", 40, 0, 40, None),
    ("fewer than 10", "count", 10, 0, 10, None),
    ("under 18", "count", 18, 0, 18, None),
    ("as many as 300", "count", 300, 0, 300, None),
    ("nearly 40", "count", 40, 36, 40, None),
    ("almost 20", "count", 20, 18, 20, None),
    ("just under 50", "count", 50, 45, 50, None),
    ("just over 40", "count", 40, 40, 44, None),
    ("40-odd", "count", 40, 36, 44, None),
    ("50-plus", "count", 50, 50, INF, None),
    ("100+", "count", 100, 100, INF, None),
    ("10 or more", "count", 10, 10, INF, None),
    ("5 or so", "count", 5, 4.5, 5.5, None),
    ("40 or fewer", "count", 40, 0, 40, None),
    ("between 30 and 40", "count", 35, 30, 40, None),
    ("30 to 40", "count", 35, 30, 40, None),
    ("5-7", "count", 6, 5, 7, None),
    ("5–7", "count", 6, 5, 7, None),
    ("two or three", "count", 2.5, 2, 3, None),
    ("30-40%", "percent", 35, 30, 40, "%"),
    ("between 10 and 15 per cent", "percent", 12.5, 10, 15, "%"),
    ("$5-7 billion", "money", 6e9, 5e9, 7e9, "USD"),
    ("three and a half", "count", 3.5, 3.25, 3.75, None),
    ("2 and a half", "count", 2.5, 2.25, 2.75, None),
    ("6.1 magnitude", "quantity", 6.1, 6.05, 6.15, "magnitude"),
    ("6.1-magnitude", "quantity", 6.1, 6.05, 6.15, "magnitude"),
    ("magnitude 6.1", "quantity", 6.1, 6.05, 6.15, "magnitude"),
    ("magnitude-7.8", "quantity", 7.8, 7.75, 7.85, "magnitude"),
    ("5.9 on the Richter scale", "quantity", 5.9, 5.85, 5.95, "magnitude"),
    ("6. 1 magnitude", "quantity", 6.1, 6.05, 6.15, "magnitude"),
    ("5. 4 per cent", "percent", 5.4, 5.35, 5.45, "%"),
    ("45 km", "quantity", 45, 44.5, 45.5, "km"),
    ("45 kilometres", "quantity", 45, 44.5, 45.5, "km"),
    ("20 miles", "quantity", 20, 19.5, 20.5, "mile"),
    ("300m", "quantity", 300, 299.5, 300.5, "m"),
    ("300 metres", "quantity", 300, 299.5, 300.5, "m"),
    ("15 kg", "quantity", 15, 14.5, 15.5, "kg"),
    ("2 million tonnes", "quantity", 2e6, 1.5e6, 2.5e6, "tonne"),
    ("120 km/h", "quantity", 120, 119.5, 120.5, "km/h"),
    ("75 mph", "quantity", 75, 74.5, 75.5, "mph"),
    ("30 knots", "quantity", 30, 29.5, 30.5, "knot"),
    ("45°C", "quantity", 45, 44.5, 45.5, "°C"),
    ("-5 degrees Celsius", "quantity", -5, -5.5, -4.5, "°C"),
    ("98 degrees Fahrenheit", "quantity", 98, 97.5, 98.5, "°F"),
    ("1,200 MW", "quantity", 1200, 1199.5, 1200.5, "MW"),
    ("4 GW", "quantity", 4, 3.5, 4.5, "GW"),
    ("3,000 hectares", "quantity", 3000, 2999.5, 3000.5, "hectare"),
    ("500 acres", "quantity", 500, 499.5, 500.5, "acre"),
    ("9.5 million barrels per day", "quantity", 9.5e6, 9.45e6, 9.55e6, "barrels per day"),
    ("12 sq km", "quantity", 12, 11.5, 12.5, "km²"),
    ("12-year-old", "quantity", 12, 11.5, 12.5, "years old"),
    ("15 year old", "quantity", 15, 14.5, 15.5, "years old"),
    ("15 years old", "quantity", 15, 14.5, 15.5, "years old"),
    ("aged 67", "quantity", 67, 66.5, 67.5, "years old"),
    ("aged between 18 and 25", "quantity", 21.5, 18, 25, "years old"),
    ("6-month-old", "quantity", 6, 5.5, 6.5, "months old"),
    ("20 years in prison", "quantity", 20, 19.5, 20.5, "years"),
    ("sentenced to 20 years", "quantity", 20, 19.5, 20.5, "years"),
    ("a 20-year prison term", "quantity", 20, 19.5, 20.5, "years"),
    ("up to 119 years", "quantity", 119, 0, 119.5, "year"),
    ("3 hours", "quantity", 3, 2.5, 3.5, "hour"),
    ("2 days", "quantity", 2, 1.5, 2.5, "day"),
    ("6 weeks", "quantity", 6, 5.5, 6.5, "week"),
    ("18 months", "quantity", 18, 17.5, 18.5, "month"),
    ("8 years", "quantity", 8, 7.5, 8.5, "year"),
    ("two decades", "quantity", 2, 1.5, 2.5, "decade"),
    ("a 10-day", "quantity", 10, 9.5, 10.5, "day"),
    ("Mach 2", "quantity", 2, 1.5, 2.5, "Mach"),
]


@pytest.mark.parametrize(("text", "kind", "value", "low", "high", "unit"), FORMS)
def test_parse_value_forms(
    text: str, kind: str, value: float, low: float, high: float, unit: str | None
) -> None:
    v = parse_value(text)
    assert v is not None, text
    assert (v.kind, v.unit) == (kind, unit)
    assert v.value == pytest.approx(value, rel=1e-9)
    assert v.low == pytest.approx(low, rel=1e-9)
    assert v.high == pytest.approx(high, rel=1e-9)


def test_table_is_large_enough() -> None:
    assert len(FORMS) >= 150


# (phrase, hedge as stored)
HEDGES: list[tuple[str, str | None]] = [
    ("about $5.4 billion", "about"),
    ("around 260", "around"),
    ("More than 40", "more than"),
    ("at least 43", "at least"),
    ("up to 119", "up to"),
    ("nearly a third of", "nearly"),
    ("almost 20", "almost"),
    ("just over 40", "just over"),
    ("40-odd", "odd"),
    ("100+", "+"),
    ("10 or more", "or more"),
    ("between 30 and 40", "between"),
    ("5-7", "to"),
    ("two or three", "or"),
    ("dozens of", "dozens"),
    ("260", None),
]


@pytest.mark.parametrize(("text", "hedge"), HEDGES)
def test_hedge_is_kept_as_written(text: str, hedge: str | None) -> None:
    v = parse_value(text)
    assert v is not None
    assert v.hedge == hedge


# Whole sentences: (sentence, the mention texts find_values must return, in order).
SENTENCES: list[tuple[str, list[str]]] = [
    (
        "The ministry signed a contract worth $5.43 billion for five S-400 squadrons in 2018.",
        ["$5.43 billion", "five"],
    ),
    (
        "India operates around 260 Su-30MKI jets, and 84 of them will be upgraded by 2027.",
        ["around 260", "84"],
    ),
    (
        "The cabinet cleared a ₹60,000 crore plan on May 28, adding 36 per cent to the budget.",
        ["₹60,000 crore", "36 per cent"],
    ),
    (
        "Officials said at least 43 people died and more than 40 were hurt.",
        ["at least 43", "more than 40"],
    ),
    (
        "A 6.1-magnitude quake struck 45 km north of the town at 4:30 am.",
        ["6.1-magnitude", "45 km"],
    ),
    ("Nearly a third of the 1,200 workers were sent home.", ["Nearly a third", "1,200"]),
    ("The court sentenced him to 20 years in prison on Tuesday.", ["20 years"]),
    ("A 12-year-old girl and her father, aged 41, were rescued.", ["12-year-old", "aged 41"]),
    ("Exports rose 5.5% to €1.2bn ($1.3bn) in the third quarter.", ["5.5%", "€1.2bn", "$1.3bn"]),
    ("Twenty-six Rafale-M jets and two F-16 trainers were listed.", ["Twenty-six", "two"]),
    (
        "Dozens of villages and tens of thousands of people were cut off.",
        ["Dozens of", "tens of thousands of"],
    ),
    (
        "Between 30 and 40 boats left port; 5-7 returned within 2 days.",
        ["Between 30 and 40", "5-7", "2 days"],
    ),
    ("A damaged feed read ?60,000 crore for the same deal.", ["?60,000 crore"]),
    ("Turnout was 10, 000 higher, a 6. 1 per cent jump.", ["10, 000", "6. 1 per cent"]),
    # A damaged decimal where the sentence plainly goes on; a real sentence end stays two.
    ("One agency put it at 5. 9, but another said 6. 2.", ["5. 9", "6. 2"]),
    ("A 6. 8-strength tremor shook the valley.", ["6. 8"]),
    ("The gang took rings worth £3. 4m; a clerk saw $4. 1bn go.", ["£3. 4m", "$4. 1bn"]),
    # A euro sign lost as "e" is told by the spelled-out scale; without one it is a name.
    ("Thieves took e45 million in gems; the e7 model was not taken.", ["e45 million"]),
    ("The count ended in 2011. 4 people were hurt.", ["4"]),
    ("One of the two reactors, Unit 3, was shut for six weeks.", ["two", "six weeks"]),
    ("The 1971 war ended on December 16, 1971 after 13 days.", ["13 days"]),
    ("Call 1800-180-1551 or +44 20 7946 0958 for the 3 free passes.", ["3"]),
    ("Under Article 370 and Section 144, about 2,000 troops were posted.", ["about 2,000"]),
    ("The Boeing 737 carried 189 passengers at 900 km/h.", ["189", "900 km/h"]),
    ("It was his 22nd visit and the 3rd since June 2025.", []),
    ("Covid-19 cases fell in G20 nations during 2021-22.", []),
    ("Prices rose from 30 to 40 rupees a kilo.", ["30", "40 rupees"]),
    (
        "Temperatures hit 47°C in the north and fell to -3 degrees Celsius in the hills.",
        ["47°C", "-3 degrees Celsius"],
    ),
    (
        "The fund holds Rs 1.5 lakh crore, or roughly $18 billion.",
        ["Rs 1.5 lakh crore", "roughly $18 billion"],
    ),
    (
        "Some 300 MW of capacity and 2 million tonnes of coal were idle.",
        ["Some 300 MW", "2 million tonnes"],
    ),
    ("One in five adults and 3 out of 4 teenagers own a phone.", ["One in five", "3 out of 4"]),
    ("The team won 3-1 and the talks ran 24/7 until 11 pm.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_find_values_in_sentences(sentence: str, expected: list[str]) -> None:
    found = find_values(sentence)
    assert [m.text for m in found] == expected
    for m in found:
        assert sentence[m.start : m.end] == m.text
        assert m.label == "VALUE" and m.value is not None
        assert m.value.text == m.text


# Numbers that belong to dates, designations, times and phone numbers: never values here.
NOT_VALUES: list[tuple[str, str]] = [
    ("The deal was signed in 2018.", "2018"),
    ("Deliveries are due by 2026.", "2026"),
    ("The summit opened on May 28.", "28"),
    ("It closed on June 27, 2025.", "27"),
    ("It closed on 27 June.", "27"),
    ("Two more S-400 units arrive next year.", "400"),
    ("A Su-30MKI escorted the tanker.", "30"),
    ("The F-16 crashed on landing.", "16"),
    ("The army ordered AK-203 rifles.", "203"),
    ("Old T-90 tanks were retired.", "90"),
    ("Covid-19 restrictions ended.", "19"),
    ("Leaders met at the G20.", "20"),
    ("The 22nd meeting was short.", "22"),
    ("Call 555-123-4567 today.", "555"),
    ("The train leaves at 10:45.", "10"),
    ("Doors open at 9 am.", "9"),
    ("The 1990s were calm.", "1990"),
    ("Flight 171 was delayed.", "171"),
    ("Version 2.1.3 fixed it.", "2.1"),
    ("The 2024-25 budget was passed.", "2024"),
]


@pytest.mark.parametrize(("sentence", "number"), NOT_VALUES)
def test_dates_and_designations_are_not_values(sentence: str, number: str) -> None:
    assert all(number not in m.text for m in find_values(sentence))


def test_year_with_a_unit_or_count_hedge_is_a_value() -> None:
    assert [m.text for m in find_values("More than 2000 troops and $2020 were sent.")] == [
        "More than 2000",
        "$2020",
    ]


def test_lone_one_is_a_pronoun_in_text_but_parses_alone() -> None:
    assert find_values("No one knows; one of them left.") == []
    v = parse_value("one")
    assert v is not None and v.value == 1


def test_parse_value_returns_none_without_a_number() -> None:
    assert parse_value("no figures here") is None
    assert parse_value("") is None


def test_m_is_million_only_after_a_currency() -> None:
    money = parse_value("£300m")
    length = parse_value("300m")
    assert money is not None and money.kind == "money" and money.value == 3e8
    assert length is not None and length.kind == "quantity" and length.unit == "m"


def test_about_widens_money_by_five_percent_and_counts_by_ten() -> None:
    assert hedged_interval("money", 100.0, 0.0, "about") == pytest.approx((95.0, 105.0))
    assert hedged_interval("count", 100.0, 0.0, "about") == pytest.approx((90.0, 110.0))
    assert hedged_interval("count", 40.0, 0.0, "nearly") == pytest.approx((36.0, 40.0))
    assert hedged_interval("count", 40.0, 0.0, "more than") == (40.0, math.inf)
    assert hedged_interval("count", 119.0, 0.0, "up to") == (0.0, 119.0)


# --- format_value ----------------------------------------------------------------------------

FORMATTED: list[tuple[str, str]] = [
    ("US$5.43bn", "$5.43 billion"),
    ("Rs 60,000 crore", "₹60,000 crore"),
    ("36 per cent", "36%"),
    ("twenty-six", "26"),
    ("more than 40", "more than 40"),
    ("about $5.40 billion", "about $5.40 billion"),
    ("£300m", "£300 million"),
    ("Rs 1.5 lakh crore", "₹1.5 lakh crore"),
    ("1.5 million", "1.5 million"),
    ("between 30 and 40", "between 30 and 40"),
    ("$5-7 billion", "$5–7 billion"),
    ("30 to 40 per cent", "30–40%"),
    ("6.1-magnitude", "magnitude 6.1"),
    ("45 kilometres", "45 km"),
    ("dozens of", "dozens"),
    ("billions of dollars", "billions of dollars"),
    ("40-odd", "40-odd"),
    ("3 percentage points", "3 percentage points"),
    ("20 billion yuan", "CNY 20 billion"),
]


@pytest.mark.parametrize(("text", "expected"), FORMATTED)
def test_format_value(text: str, expected: str) -> None:
    v = parse_value(text)
    assert v is not None
    assert format_value(v) == expected


@pytest.mark.parametrize(("text", "_k", "_v", "_lo", "_hi", "_u"), FORMS)
def test_format_then_parse_keeps_every_table_form(
    text: str, _k: str, _v: float, _lo: float, _hi: float, _u: str | None
) -> None:
    v = parse_value(text)
    assert v is not None
    again = parse_value(format_value(v))
    assert again is not None, format_value(v)
    assert (again.kind, again.unit) == (v.kind, v.unit)
    assert again.value == pytest.approx(v.value, rel=1e-9)


# --- properties ------------------------------------------------------------------------------

CURRENCIES = {"$": "USD", "₹": "INR", "€": "EUR", "£": "GBP", "Rs ": "INR", "US$": "USD"}
SCALES = ["", " million", " billion", "bn", " trillion", " crore", " lakh", " lakh crore"]
HEDGE_WORDS = ["", "about ", "more than ", "at least ", "up to ", "nearly ", "around "]


@st.composite
def mantissas(draw: st.DrawFn) -> str:
    whole = draw(st.integers(min_value=1, max_value=999))
    decimals = draw(st.integers(min_value=0, max_value=2))
    if decimals == 0:
        return str(whole)
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1))
    return f"{whole}.{frac:0{decimals}d}"


@st.composite
def money_phrases(draw: st.DrawFn) -> str:
    symbol = draw(st.sampled_from(sorted(CURRENCIES)))
    scale = draw(st.sampled_from(SCALES))
    hedge = draw(st.sampled_from(HEDGE_WORDS))
    return f"{hedge}{symbol}{draw(mantissas())}{scale}"


@st.composite
def count_phrases(draw: st.DrawFn) -> str:
    hedge = draw(st.sampled_from(HEDGE_WORDS))
    n = draw(st.integers(min_value=2, max_value=10**9))
    if 1900 <= n <= 2100:
        n += 300  # a bare year-like number is a date's business
    return f"{hedge}{n:,}"


@st.composite
def percent_phrases(draw: st.DrawFn) -> str:
    hedge = draw(st.sampled_from(HEDGE_WORDS))
    mark = draw(st.sampled_from(["%", " per cent", " percent", " pct"]))
    return f"{hedge}{draw(mantissas())}{mark}"


def _same(a: Value, b: Value) -> None:
    assert (a.kind, a.unit, a.hedge) == (b.kind, b.unit, b.hedge)
    for x, y in ((a.value, b.value), (a.low, b.low), (a.high, b.high)):
        assert x == pytest.approx(y, rel=1e-9)


@given(st.one_of(money_phrases(), count_phrases(), percent_phrases()))
def test_format_parse_round_trip(phrase: str) -> None:
    v = parse_value(phrase)
    assert v is not None, phrase
    again = parse_value(format_value(v))
    assert again is not None, format_value(v)
    _same(v, again)


@given(st.one_of(money_phrases(), count_phrases(), percent_phrases()))
def test_interval_holds_the_value(phrase: str) -> None:
    v = parse_value(phrase)
    assert v is not None
    assert isinstance(v.value, float) and isinstance(v.low, float) and isinstance(v.high, float)
    assert v.low <= v.value <= v.high
    assert stated_step(v) >= 0


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-$%₹?abcdmnortkl")), max_size=40))
def test_find_values_offsets_are_exact_and_ordered(text: str) -> None:
    found = find_values(text)
    for m in found:
        assert text[m.start : m.end] == m.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.parametrize(
    "text",
    ["A magnitude-5. 9 quake shook the coast.", "It had a magnitude of 5. 9, officials said."],
)
def test_damaged_decimal_after_magnitude(text: str) -> None:
    (m,) = find_values(text)
    assert m.value is not None and m.value.value == 5.9 and m.value.unit == "magnitude"
