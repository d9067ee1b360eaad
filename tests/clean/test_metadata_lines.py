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
        # US sites: a time zone, "at", a.m./p.m., the weekday abbreviated with a period
        ("8:40 a.m. CDT Sept. 14, 2024", "2024-09-14"),
        ("Sat., Sep. 14, 2024 11:20 AM PDT", "2024-09-14"),
        ("on Saturday, 14 September 2024 21:10.", "2024-09-14"),
        ("Originally published 09/14/2024 10:20 AM EDT", "2024-09-14"),
        ("September 14, 2024 6:05 PM ET", "2024-09-14"),
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


def test_masthead_section_and_date_line_at_the_head() -> None:
    text = (
        "The Valley Post\nREGION | Tue 8 Apr 2025\n\n"
        + "Ferry service to resume after storm repairs\n\n"
        + PARA
    )
    meta, body = split_metadata(text, {})
    assert meta.outlet == "The Valley Post" and meta.published == "2025-04-08"
    assert meta.title == "Ferry service to resume after storm repairs"
    assert body == "Ferry service to resume after storm repairs\n\n" + PARA


def test_capitals_masthead_with_a_section_label() -> None:
    text = "THE MORNING LANTERN\nSport\n\nLocal side wins the regional cup final\n\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.outlet == "The Morning Lantern"
    assert body.startswith("Local side wins the regional cup final\n\n")


def test_headline_and_standfirst_are_not_a_masthead() -> None:
    text = "Rail Strike Ends\nUnions accept the offer after talks\n\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.outlet is None and meta.title == "Rail Strike Ends" and body is text


def test_masthead_needs_a_following_headline() -> None:
    text = "Harbour Works\nWorld\n\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.outlet is None and body is text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Nashik | Updated: Feb 11, 2025, 07:05 IST", "2025-02-11"),
        ("*Lakeside Herald · Science · 2 May 2024*", "2024-05-02"),
        ("May 2, 2024 | 5:03pm", "2024-05-02"),  # the date, then the time, as separate parts
        ("Updated: 2 May 2024 | 17:03 BST", "2024-05-02"),
    ],
)
def test_labelled_date_lines(line: str, iso: str) -> None:
    meta, body = split_metadata(line + "\n\n" + PARA, {})
    assert meta.published == iso and body == PARA


@pytest.mark.parametrize(
    "line",
    [
        "Lagos at dawn: June 4, 2024",  # words beside the date that are not a label
        "June 4, 2024 | 5:03pm | Three people were hurt when the old roof fell in",
        "The vote on June 4, 2024 at 5 pm was close",
        "Last updated at 16:05, Tuesday, 4 June 2024",  # an update: not when it was written
    ],
)
def test_a_date_among_other_words_is_not_a_date_line(line: str) -> None:
    text = line + "\n\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.published is None and body is text


def test_a_list_of_places_is_not_a_date_line() -> None:
    text = "Nashik | Pune | Mumbai\n\n" + PARA
    assert split_metadata(text, {})[1] is text


def test_dateline_with_region() -> None:
    meta = extract_metadata("TORVIK, Norland, May 2 (NWA) - " + PARA, {})
    assert meta.dateline == "TORVIK, Norland, May 2" and meta.credits == ("NWA",)


def test_unknown_agency_sign_off_and_tag_beside_a_known_outlet() -> None:
    meta, body = split_metadata(PARA + "\n\u2014 NWA\n", {})
    assert meta.credits == ("NWA",) and body == PARA
    hinted = extract_metadata("Osby, June 3 (Fjordwire) " + PARA, {"outlet": "Osby Daily"})
    assert hinted.outlet == "Osby Daily" and hinted.credits == ("Fjordwire",)


def test_credit_line_behind_debris_is_found() -> None:
    text = PARA + "\n\nBased on ANI report\n\nLeave a Reply\nTranslate »"
    debris = {"Leave a Reply", "Translate »"}
    meta, body = split_metadata(text, {}, is_debris=lambda line: line.strip() in debris)
    assert meta.credits == ("ANI",)
    assert body == PARA + "\n\nLeave a Reply\nTranslate »"


def test_source_url_line_of_a_text_dump() -> None:
    text = "Source: https://news.example/2024/ferry\nFerry service resumes\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.url == "https://news.example/2024/ferry"
    assert meta.title == "Ferry service resumes"
    assert body == "Ferry service resumes\n" + PARA


def test_a_name_after_a_short_first_line_is_not_a_section() -> None:
    text = "Chief Engineer\nMara Velt\nHarbour Board of Tessing, Norland\n" + PARA
    meta, body = split_metadata(text, {})
    assert meta.outlet is None and body is text
