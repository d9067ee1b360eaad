"""Decoding and repair: mojibake, odd spaces, line endings and lost currency signs."""

from __future__ import annotations

import pytest

from claimgraph.clean.repair import decode, repair_text


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII report.\n\nSecond paragraph.\n",
        "Curly “quotes”, an em dash — and ₹4,500 crore stay exactly as they are.\n",
        "Ministers met in 北京 and München; café owners said “non”.",
        "Trailing spaces stay   \n\tand tabs too\n\n\n",
        "A question? Yes. Is it 5? Maybe.",
    ],
)
def test_clean_text_comes_back_identical(text: str) -> None:
    assert repair_text(text) is text


def test_mojibake_is_repaired() -> None:
    damaged = "The port cost â‚¹1,200 crore, the minister’s aide said."
    damaged = damaged.replace("’", "â€™")
    assert repair_text(damaged) == "The port cost ₹1,200 crore, the minister’s aide said."


def test_line_endings_and_odd_spaces() -> None:
    assert repair_text("One\r\nTwo\rThree") == "One\nTwo\nThree"
    assert repair_text("10\u00a0per cent of\u202fthe fleet") == "10 per cent of the fleet"
    assert repair_text("co\u00adoperation and zero\u200bwidth") == "cooperation and zerowidth"


def test_html_entities_in_plain_text() -> None:
    assert repair_text("Smith &amp; Sons said") == "Smith & Sons said"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("The ?48,000 crore order was signed.", "The ₹48,000 crore order was signed."),
        ("A grant of ?5 lakh each.", "A grant of ₹5 lakh each."),
        ("It fetched ?900 rupees.", "It fetched ₹900 rupees."),
        (
            "Fares rose to ?250. Rs 200 was the old fare.",
            "Fares rose to ₹250. Rs 200 was the old fare.",
        ),
        ("The bid of ?3.2 billion was in euros.", "The bid of €3.2 billion was in euros."),
        (
            "Wages in sterling rose. One clerk earns ?21,000.",
            "Wages in sterling rose. One clerk earns £21,000.",
        ),
        ("A fee of ?40 (the rupee is weak).", "A fee of ₹40 (the rupee is weak)."),
        (
            "A cut of 90 crore rupees (?900m) was agreed.",
            "A cut of 90 crore rupees (?900m) was agreed.",
        ),
        ("A cut of ?90 crore (?900m) was agreed.", "A cut of ₹90 crore (?900m) was agreed."),
    ],
)
def test_lost_currency_sign_restored_from_context(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "The cost was ?300 million.",  # nothing says which currency
        "A $2 billion loan and a ?300 million grant.",  # "$" survives any charset: not it
        "Costs: ?5 in rupees and ?7 in euros.",  # two currencies named: ambiguous
        "See https://example.org/page?42 for details.",
        "Really?5 people came.",
        "A cut of 12bn euros (?10bn) was agreed.",  # a conversion: another currency
    ],
)
def test_question_mark_left_alone_without_proof(text: str) -> None:
    assert repair_text(text) == text


def test_decode_encodings() -> None:
    assert decode("naïve façade".encode()) == "naïve façade"
    assert decode("\ufeffwith bom".encode()) == "with bom"
    assert decode("wide".encode("utf-16")) == "wide"
    assert decode("Der Bürgermeister äußerte sich.".encode("cp1252")) == (
        "Der Bürgermeister äußerte sich."
    )
    russian = "Министр обороны провёл встречу в Циндао с коллегами из соседних стран."
    assert decode(russian.encode("cp1251")) == russian


@pytest.mark.parametrize(
    "data",
    [b"\x00\x00\x01binary", bytes(range(0, 32)) * 20, bytes([0x81, 0x8D, 0x01, 0x9D]) * 100],
)
def test_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(ValueError, match="undecodable"):
        decode(data)
