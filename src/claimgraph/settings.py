"""One table of settings, with defaults and help text (the CLI builds its flags from it)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Settings:
    max_file_mb: int = field(
        default=50, metadata={"help": "files larger than this many MB are reported and skipped"}
    )
    boilerplate_min_docs: int = field(
        default=3, metadata={"help": "a short line repeated in this many documents is boilerplate"}
    )
    batch_size: int = field(default=32, metadata={"help": "articles handed to spaCy at a time"})
    embeddings: int = field(
        default=1,
        metadata={
            "help": "1: embed each article's headline and lead for story clustering when the "
            "'embed' extra is installed; 0: never"
        },
    )

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: str(f.metadata.get("help", "")) for f in fields(cls)}
