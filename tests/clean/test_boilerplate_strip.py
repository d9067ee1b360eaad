"""Web debris at the edges of text dumps is removed; the body and clean input are untouched."""

from __future__ import annotations

from claimgraph.clean.boilerplate import repeated_lines, strip_boilerplate

BODY = (
    "The river authority opened the new flood barrier on Tuesday after four years of work.\n"
    "\n"
    "Engineers said the barrier can hold back a surge two metres higher than the 2013 flood,"
    " and the city council expects insurance costs in the low-lying districts to fall.\n"
    "\n"
    "Residents who lost homes in earlier floods welcomed the opening but asked for more"
    " drainage work upstream."
)


def test_clean_text_is_returned_identical() -> None:
    for text in (BODY, BODY + "\n", "\n" + BODY + "\n\n", "Key points\n- one\n- two\n" + BODY):
        assert strip_boilerplate(text) is text


def test_comment_form_share_bar_and_byline_at_the_end() -> None:
    debris = (
        "\n\nBy Web Desk\n\nShare this:\nFacebook Twitter WhatsApp\n\nLeave a Reply\n\n"
        "Your email address will not be shared. Required fields are marked *\n"
        "Comment *\nName *\nEmail *\nWebsite\n"
        "Save my name, email, and website in this browser for the next time I comment.\n"
        "Post Comment\n\nTranslate »"
    )
    assert strip_boilerplate(BODY + debris) == BODY


def test_single_trailing_comment_prompts() -> None:
    for prompt in ("Leave Your Comment", "Add A Comment\n\n\n\n", "12 Comments", "Post a comment"):
        assert strip_boilerplate(BODY + "\n" + prompt) == BODY


def test_end_bylines() -> None:
    for byline in ("By Admin", "By Staff Reporter", "By our Special Correspondent", "By Mira Kaul"):
        assert strip_boilerplate(BODY + "\n\n" + byline + "\n") == BODY


def test_debris_at_the_start() -> None:
    head = "Skip to content\nHome » World » Europe\nListen to this article\n3 min read\n\n"
    assert strip_boilerplate(head + BODY) == BODY


def test_inline_teasers_and_ads_are_removed_anywhere() -> None:
    first, rest = BODY.split("\n\n", 1)
    text = first + "\n\nAlso read: Ten towns that flood every spring\n\nAdvertisement\n\n" + rest
    assert strip_boilerplate(text) == BODY


def test_teaser_list_after_a_heading_at_the_end() -> None:
    teasers = (
        "\n\nRelated Stories\nDam repairs delayed again\nCouncil approves budget\n"
        "Storm warning for coast\n"
    )
    assert strip_boilerplate(BODY + teasers) == BODY


def test_long_text_after_a_related_heading_is_kept() -> None:
    text = BODY + "\n\nRelated\n" + BODY.replace("\n\n", " ")
    assert strip_boilerplate(text) == text


def test_footer_notices() -> None:
    footers = [
        "Subscribe to our newsletter for daily updates",
        "We use cookies to improve your visit. By using this site you accept our cookie policy.",
        "© 2024 Riverside Media. All rights reserved.",
        "Tags: floods, infrastructure",
        "Follow us on Instagram and Threads",
        "(Disclaimer: this story is auto-generated from a syndicated feed.)",
    ]
    for footer in footers:
        assert strip_boilerplate(BODY + "\n\n" + footer) == BODY, footer


def test_metadata_lines_are_left_for_the_metadata_step() -> None:
    text = BODY + "\n\n(With inputs from PTI)\n\nLeave a Reply\nTranslate »"
    assert strip_boilerplate(text) == BODY + "\n\n(With inputs from PTI)"
    dated = "date 2024-05-02\n\n" + BODY
    assert strip_boilerplate(dated) is dated


def test_runs_of_blank_lines_become_one() -> None:
    spaced = BODY.replace("\n\n", "\n\n\n\n \n\n")
    assert strip_boilerplate(spaced) == BODY


def test_a_comment_heading_needs_body_before_it() -> None:
    text = "Leave a Reply\n" + BODY
    assert strip_boilerplate(text) == BODY  # at the start it is edge debris, the body stays


def test_repeated_lines_across_a_corpus() -> None:
    footer = "Riverside Media — independent local news"
    texts = [f"Story {i} body text here.\nAd slot\n{footer}" for i in range(4)]
    texts.append("A story with a unique closing line.")
    repeated = repeated_lines(texts, min_docs=3)
    assert "riverside media — independent local news" in repeated
    assert "ad slot" in repeated
    assert "a story with a unique closing line." not in repeated
    cleaned = strip_boilerplate(texts[0], repeated)
    assert cleaned == "Story 0 body text here."


def test_repeated_long_line_in_the_middle_is_kept() -> None:
    # Wire copies share whole sentences; only short repeated lines are debris mid-text.
    shared = "The barrier cost 420 million and was paid for by the regional government."
    text = "Opening line of this outlet.\n" + shared + "\nClosing line of this outlet."
    assert strip_boilerplate(text, frozenset({shared.casefold()})) is text


def test_navigation_bars_and_breadcrumbs() -> None:
    for nav in (
        "Home | World | Business | Sport",
        "News » Region",
        "Riverton · Elm Bay · the hills",
    ):
        assert strip_boilerplate(nav + "\n" + BODY) == BODY, nav


def test_a_byline_between_headline_and_body_goes() -> None:
    text = "Flood barrier opens on the river\n\nBy Staff Reporter\n\n" + BODY
    assert strip_boilerplate(text) == "Flood barrier opens on the river\n\n" + BODY


def test_production_credits_at_the_end() -> None:
    text = BODY + "\n\n(Reporting by Lena Hart; Editing by Omar Veil)\n"
    assert strip_boilerplate(text) == BODY


def test_share_bar_one_network_per_line() -> None:
    assert strip_boilerplate(BODY + "\n\nShare this:\nFacebook\nX\nWhatsApp\nEmail\n") == BODY


def test_markdown_markup_is_removed() -> None:
    from claimgraph.clean.boilerplate import strip_markdown

    md = (
        "# Flood barrier opens\n\n*Riverside Post · Local · 3 May 2024*\n\n"
        "The **new** barrier, [built by the authority](https://x.example/a), opened.\n\n"
        "## What it cost\n\n- 420 million\n- four years\n\n![diagram](d.png)\n"
        "[More local news](https://x.example/local)\n"
    )
    assert strip_markdown(md) == (
        "Flood barrier opens\n\nRiverside Post · Local · 3 May 2024\n\n"
        "The new barrier, built by the authority, opened.\n\n"
        "What it cost\n\n- 420 million\n- four years"
    )
    plain = "No markup here, just - a dash and a * star."
    assert strip_markdown(plain) is plain
