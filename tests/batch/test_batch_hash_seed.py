"""Per-article results must not depend on the process: Dask spawns workers (and other
machines run them), each with its own string-hash seed, so anything decided by the order of
a set of strings differs between ``claimgraph run`` and a batch."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import json
from claimgraph.model import Article
from claimgraph.pipeline import ArticleAnalyser
texts = [
    "Mark Felt met reporters in Santa Rosa on Monday. Joan Felt said the family was proud of "
    "him. Felt said he had no regrets about the 12 meetings.",
    "Coach Lena Moss and Dale Moss spoke after the match. Moss said the team scored 3 goals.",
    "Anna Brandt and Erik Brandt opened the bakery in 1998. Brandt said sales rose 8 percent.",
]
articles = [Article(id=f"a{i}", source=f"t{i}", text=t) for i, t in enumerate(texts)]
print(json.dumps([[(m.start, m.end, m.text, m.label) for m in a.mentions]
                  for a in ArticleAnalyser().analyse_many(articles)]))
"""


def test_analysis_is_the_same_under_any_hash_seed():
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for seed in (1, 2, 3, 5)
    ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert all(outputs) and len(set(outputs)) == 1
