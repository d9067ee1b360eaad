"""Metadata from the text: title, date lines, datelines, outlet tags and agency credits."""

from __future__ import annotations

import pytest

from claimgraph.clean.metadata import canonical_agency, extract_metadata, parse_date, split_metadata

PARA = "The coastal rail link will open to freight in the autumn, the operator said on Friday."


def test_title_from_a_headline_like_first_line() -> None:
    meta = extract_metadata("Rail Link To Open In Autumn\n\n" + PARA, {})
    assert meta.title == "Rail Link To Open In Autumn"
    assert (
        extract_metadata("Will The Rail Link Open?\n" + PARA, {}).title
        == "Will The Rail Link Open?"
    )


@pytest.mark.parametrize(
    "first",
    [PARA, "Rail link opens. Freight first", "one", "NEW DELHI, March 3 (PTI) Rail link opens"],
)
def test_no_title_from_a_sentence(first: str) -> None:
    assert extract_metadata(first + "\n" + PARA, {}).title is None


def test_hints_win() -> None:
    hints = {"title": "Hinted", "published": "2023-11-05T08:30:00Z", "outlet": "Ledger"}
    meta = extract_metadata("Another Headline\n" + PARA + "\nPublished: 2020-01-01", hints)
    assert (meta.title, meta.published, meta.outlet) == ("Hinted", "2023-11-05", "Ledger")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        (" date 2024-09-14 ", "2024-09-14"),
        ("Published: September 14, 2024", "2024-09-14"),
        ("Published on 14 Sep 2024, 10:45 AM IST", "2024-09-14"),
        ("Updated: Sat, 14 Sept 2024 08:02 GMT", "2024-09-14"),
        ("Last updated: 2024-09-14T06:00:00+05:30", "2024-09-14"),
        ("14/09/2024", "2024-09-14"),
    ],
)
def test_date_line_at_the_start_is_read_and_removed(line: str, iso: str) -> None:
    meta, body = split_metadata(line + "\n\n\n" + PARA, {})
    assert meta.published == iso
    assert body == PARA


def test_published_wins_over_updated() -> None:
    text = "Updated: 2024-09-15\nPublished: 2024-09-14\n" + PARA
    assert extract_metadata(text, {}).published == "2024-09-14"


def test_a_date_inside_a_sentence_is_not_a_date_line() -> None:
    text = "On 2024-09-14 the council voted to extend the line.\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.published is None and body is text


def test_ambiguous_numeric_dates_are_not_guessed() -> None:
    assert parse_date("05/06/2024") is None
    found = parse_date("the 31 March 2025 deadline")
    assert found is not None and found[0] == "2025-03-31"


def test_dateline_without_year() -> None:
    text = "Mumbai, Aug 9 (IANS) " + PARA
    meta = extract_metadata(text, {})
    assert meta.dateline == "Mumbai, Aug 9" and meta.published is None
    assert meta.credits == ("IANS",)


def test_dateline_with_year_gives_the_date() -> None:
    meta = extract_metadata("LONDON, March 4, 2025 (Reuters) - " + PARA, {})
    assert meta.published == "2025-03-04" and meta.credits == ("Reuters",)


def test_dateline_tag_that_is_not_an_agency_is_the_outlet() -> None:
    meta = extract_metadata("Headline Words Here\nPune, July 2 (CityWire) " + PARA, {})
    assert meta.outlet == "CityWire" and meta.credits == () and meta.dateline == "Pune, July 2"


def test_an_acronym_in_a_sentence_is_not_a_dateline() -> None:
    meta = extract_metadata("The Border Roads Organisation (BRO) said the pass was open.", {})
    assert meta.outlet is None and meta.dateline is None


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        ("KOCHI (Agencies): " + PARA, ("Agencies",)),
        ("(Reuters) - " + PARA, ("Reuters",)),
        ("NEW YORK (AP) \u2014 " + PARA, ("AP",)),
        ("New Delhi [India], Jan 5 (ANI): " + PARA, ("ANI",)),
        (PARA + "\n\nBased On PTI Report", ("PTI",)),
        (PARA + "\n(With inputs from AFP and Reuters)", ("AFP", "Reuters")),
        (PARA + "\n\u2014 AFP", ("AFP",)),
        (PARA + "\n-- Xinhua", ("Xinhua",)),
        (PARA + "\nWith agency inputs", ("Agencies",)),
        (PARA + " The mayor told IANS the work was on time.", ("IANS",)),
        ("In an interview with Press Trust of India, the mayor spoke. " + PARA, ("PTI",)),
        ("The plan, reported by Russia\u2019s TASS news agency, is new. " + PARA, ("TASS",)),
        ("RIA Novosti reported the launch. " + PARA, ("RIA Novosti",)),
        ("United News of India (UNI) carried it.", ()),
        (PARA, ()),
    ],
)
def test_agency_credits(text: str, credits: tuple[str, ...]) -> None:
    assert extract_metadata(text, {}).credits == credits


def test_credit_lines_are_removed_from_the_edges_only() -> None:
    text = PARA + "\n\nBased on ANI report\n\n\n"
    meta, body = split_metadata(text, {})
    assert body == PARA and meta.credits == ("ANI",)


def test_lowercase_acronyms_are_not_agencies() -> None:
    assert extract_metadata("The singer Ani told fans she was happy.", {}).credits == ()


def test_canonical_names() -> None:
    assert canonical_agency("Agence France-Presse") == "AFP"
    assert canonical_agency("associated  press") == "AP"
    assert canonical_agency("Ledger") is None
