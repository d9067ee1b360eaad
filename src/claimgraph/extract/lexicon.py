"""Word classes that let the aligner see that two reports describe the same property.

"a $5.5 billion agreement" and "a $5.43 billion deal" measure the same thing; "killed" and
"dead" count the same people. These are general news-vocabulary classes (no story's own names),
each mapped to one representative word.
"""

from __future__ import annotations

_CLASSES: dict[str, tuple[str, ...]] = {
    "deal": ("deal", "agreement", "contract", "pact", "accord", "order", "purchase", "treaty"),
    "unit": ("unit", "system", "squadron", "regiment", "battery", "battalion", "brigade"),
    "aircraft": ("aircraft", "jet", "plane", "fighter", "warplane", "airplane", "fleet"),
    "people": ("people", "person", "civilian", "resident", "victim", "individual", "passenger"),
    "dead": ("dead", "kill", "killed", "death", "die", "died", "fatality", "toll", "life", "body"),
    "injured": ("injured", "injure", "wounded", "wound", "hurt", "injury", "casualty"),
    "soldier": ("soldier", "troop", "personnel", "serviceman", "militant"),
    "missile": ("missile", "rocket", "projectile", "drone", "munition"),
    "ship": ("ship", "vessel", "warship", "boat", "frigate", "submarine"),
    "home": ("home", "house", "building", "dwelling", "structure"),
    "cost": ("cost", "price", "value", "worth", "budget", "spend", "spending", "investment"),
    "expect": (
        "expect",
        "schedule",
        "due",
        "slate",
        "plan",
        "set",
        "deliver",
        "delivery",
        "hand",
        "handover",
        "complete",
        "completion",
    ),
    "sign": ("sign", "conclude", "ink", "finalise", "finalize", "seal"),
    "quake": ("earthquake", "quake", "tremor", "temblor", "seismic"),
    "arrest": ("arrest", "detain", "apprehend", "custody", "held"),
    "sentence": ("sentence", "jail", "prison", "imprisonment", "term"),
    "film": ("film", "movie", "biopic", "picture"),
    "robber": ("robber", "thief", "burglar", "raider", "bandit"),
    "deliberation": ("deliberation", "deliberate", "deliberating"),
    "jury": ("jury", "juror", "panel"),
    "steal": ("steal", "snatch", "rob", "loot", "grab", "nab", "swipe", "pilfer"),
    "jewel": ("jewel", "jewellery", "jewelry", "gem", "gemstone", "diamond"),
    "upgrade": ("upgrade", "modernisation", "modernization", "modernise", "modernize", "refit"),
}

WORD_CLASS: dict[str, str] = {w: name for name, words in _CLASSES.items() for w in words}


def word_class(lemma: str) -> str:
    """The representative of the lemma's class, or the lemma itself."""
    return WORD_CLASS.get(lemma.lower(), lemma.lower())
