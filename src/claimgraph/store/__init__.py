"""Storage backends behind one protocol: a SQLite file by default, PostgreSQL by URL.

``open_store_url`` picks the backend from what the user typed after ``--db``: a
``postgresql://`` (or ``postgres://``) URL opens a PostgreSQL store, anything else is a SQLite
file path. psycopg is imported only when a URL asks for it, so the default install needs none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlsplit, urlunsplit

from claimgraph.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from claimgraph.store.postgres import PostgresStore

__all__ = ["AnyStore", "MissingExtra", "is_postgres_url", "open_store_url", "redact_url"]

# Either backend (a string, so psycopg is needed only by type checkers, not at run time).
AnyStore: TypeAlias = "SQLiteStore | PostgresStore"

POSTGRES_SCHEMES = ("postgresql", "postgres")
INSTALL_POSTGRES = "pip install 'claimgraph[postgres]'"


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says how to install it."""


def is_postgres_url(db: str | Path) -> bool:
    text = str(db)
    return "://" in text and text.split("://", 1)[0].lower() in POSTGRES_SCHEMES


def open_store_url(url_or_path: str | Path) -> AnyStore:
    """Open (creating or migrating as needed) the store that ``url_or_path`` names."""
    if not is_postgres_url(url_or_path):
        return SQLiteStore(url_or_path)
    try:
        from claimgraph.store.postgres import PostgresStore
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("psycopg"):
            raise
        raise MissingExtra(
            f"{redact_url(str(url_or_path))} is a PostgreSQL database, which needs psycopg 3: "
            f"{INSTALL_POSTGRES}"
        ) from exc
    return PostgresStore(str(url_or_path))


def redact_url(db: str) -> str:
    """The URL with any password replaced by ***, fit for messages and logs."""
    if not is_postgres_url(db):
        return db
    parts = urlsplit(db)
    if parts.password is None:
        return db
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
