"""A small corpus for the batch tests: 50 short reports of six invented events by eight
invented outlets, as loose .txt/.md/.html files, a .jsonl and a .jsonl.gz file.

Outlet footers repeat across files that land in different shards, so the corpus-wide
boilerplate set matters; one JSON line repeats in the other JSONL file (one article, twice).
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

OUTLETS = [
    ("Harbour Gazette", "Harbour Gazette Newsroom"),
    ("Daily Ledger", "Daily Ledger Morning Desk"),
    ("Kestrel News", "Kestrel Media Group"),
    ("Coastline Times", "Coastline Times Live Updates"),
    ("Frontier Monitor", "Frontier Monitor Regional Service"),
    ("Highland Courier", "Highland Courier Weekend Edition"),
    ("Konkan Chronicle", "Konkan Chronicle Web Team"),
    ("Valley Post", "Valley Post Evening Bulletin"),
]

EVENTS = [
    (
        "Floods hit Marlow Bend",
        "2024-03-04",
        [
            "Floodwater from the Tarn river damaged {a} homes in Marlow Bend on Monday, "
            "officials said.",
            'Mayor Ada Brennan said repairs would cost about ${b} million. "We will rebuild '
            'every street," she said.',
            "According to the county fire service, {c} people were moved to the school hall "
            "overnight.",
        ],
        (118, 126),
        (3, 5),
        (210, 240),
    ),
    (
        "Fire at Corvin Works",
        "2024-04-11",
        [
            "A fire at the Corvin Works chemical plant in Tessaly injured {a} workers on Thursday.",
            "Fire chief Tomas Reyes said {c} staff were evacuated before the roof collapsed.",
            "The company said damage was estimated at ${b} million.",
        ],
        (12, 15),
        (8, 11),
        (290, 320),
    ),
    (
        "Hallam dock strike",
        "2024-05-20",
        [
            "About {c} dockworkers walked out at Hallam port on Monday in a dispute over pay.",
            "Union leader Mira Osei said {a} ships were waiting to unload.",
            "The port authority said the strike was costing ${b} million a day.",
        ],
        (38, 44),
        (2, 4),
        (2300, 2500),
    ),
    (
        "Pellworth bridge collapse",
        "2024-06-02",
        [
            "A road bridge collapsed in Pellworth on Sunday, killing {a} people.",
            "Transport minister Janek Horvat said {c} people were injured and that the bridge "
            "had been inspected in 2019.",
            "The government announced ${b} million for an inquiry and repairs.",
        ],
        (3, 5),
        (20, 25),
        (10, 13),
    ),
    (
        "Lorrin vaccine drive",
        "2024-07-15",
        [
            "Health workers in Lorrin province gave {c} vaccine doses in the first week of the "
            "campaign.",
            "Health official Priya Nandakumar said {a} clinics had opened.",
            "The province said the drive would cost ${b} million.",
        ],
        (80, 90),
        (6, 8),
        (41000, 45000),
    ),
    (
        "Oskar Mining buys Veldt Copper",
        "2024-08-09",
        [
            "Oskar Mining agreed on Friday to buy Veldt Copper for ${b} billion.",
            "Chief executive Lena Strand said the deal would add {a} mines to the group.",
            "Veldt Copper employs {c} people, the company said.",
        ],
        (4, 6),
        (2, 3),
        (5100, 5600),
    ),
]

SHARE_BAR = "Share this: Facebook Twitter WhatsApp"


def report(event: int, outlet: int, rng: random.Random) -> tuple[str, str, str]:
    """(title, body, footer) of one outlet's report of one event."""
    title, _, sentences, a, b, c = EVENTS[event]
    values = {"a": rng.randint(*a), "b": rng.randint(*b), "c": rng.randint(*c)}
    body = "\n\n".join(s.format(**values) for s in sentences)
    return title, body, OUTLETS[outlet][1]


def write_corpus(root: Path) -> list[str]:
    """Write the corpus under ``root``; returns the inputs to give ``run`` and ``batch``."""
    rng = random.Random(7)
    reports = [(e, o) for e in range(len(EVENTS)) for o in range(len(OUTLETS))]
    rng.shuffle(reports)
    loose, lines, gz_lines = reports[:26], reports[26:38], reports[38:]
    folder = root / "reports"
    (folder / "more").mkdir(parents=True)
    for i, (e, o) in enumerate(loose):
        title, body, footer = report(e, o, rng)
        date = EVENTS[e][1]
        text = f"{title}\n\n{OUTLETS[o][0]} | {date}\n\n{body}\n\n{SHARE_BAR}\n{footer}\n"
        sub = folder / "more" if i % 3 == 0 else folder
        if i % 9 == 4:
            html = _html(title, body, OUTLETS[o][0], date)
            (sub / f"r{i:02d}.html").write_text(html, encoding="utf-8")
        elif i % 7 == 5:
            (sub / f"r{i:02d}.md").write_text(f"# {title}\n\n{body}\n\n{footer}\n", "utf-8")
        else:
            (sub / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / ".hidden.txt").write_text("never read\n", encoding="utf-8")
    first = [_line(e, o, rng, n) for n, (e, o) in enumerate(lines)]
    second = [_line(e, o, rng, 100 + n) for n, (e, o) in enumerate(gz_lines)]
    second.insert(3, first[2])  # one article in both files: kept once
    (root / "feed.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    with gzip.open(root / "feed2.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(second) + "\n")
    return [str(folder), str(root / "feed.jsonl"), str(root / "feed2.jsonl.gz")]


def _line(event: int, outlet: int, rng: random.Random, n: int) -> str:
    title, body, footer = report(event, outlet, rng)
    slug = title.lower().replace(" ", "-")
    record = {
        "url": f"https://{OUTLETS[outlet][0].lower().replace(' ', '')}.example/{slug}-{n}",
        "title": title,
        "published": EVENTS[event][1] if n % 4 else None,  # some undated: dates are inferred
        "outlet": OUTLETS[outlet][0],
        "text": f"{body}\n\n{SHARE_BAR}\n{footer}",
    }
    return json.dumps(record)


def _html(title: str, body: str, outlet: str, date: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{date}'></head><body>"
        f"<nav>Home | World | Business</nav><article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>{outlet} 2024</footer></body></html>"
    )


def html_page(title: str, body: str, outlet: str, date: str) -> bytes:
    return _html(title, body, outlet, date).encode("utf-8")
