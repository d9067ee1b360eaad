"""A throwaway PostgreSQL cluster for the store tests: a plugin, ``pytest_plugins = ["pgcluster"]``.

Not a conftest.py: a second module named ``conftest`` would shadow tests/conftest.py for
``from conftest import ...``. One cluster per session, started only when a test asks for it, in a
temp dir, listening on a unix socket only (no TCP port to collide with), with durability off
because its data is thrown away. Every test gets a fresh database in it.

``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user. Tests
that need it are skipped, with the reason, when psycopg or the server binaries are missing.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL_HINT = "apt-get install postgresql"


@dataclass(frozen=True)
class PgCluster:
    sockdir: Path
    port: int
    user: str

    def url(self, dbname: str) -> str:
        return f"postgresql://{self.user}@/{dbname}?host={self.sockdir}&port={self.port}"


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin (Debian's layout), else wherever pg_ctl is."""
    candidates = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    if candidates:
        return max(candidates, key=lambda p: _major(p.parent.name))
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found and shutil.which("initdb") else None


def _major(name: str) -> int:
    return int(name) if re.fullmatch(r"\d+", name) else -1


def _free_port() -> int:
    # The server listens on a unix socket only, but the port still names the socket file.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as(user: pwd.struct_passwd | None, argv: list[str]) -> None:
    prefix = ["runuser", "-u", user.pw_name, "--"] if user else []
    done = subprocess.run(prefix + argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")


def _server_user() -> pwd.struct_passwd | None:
    """None when we may run the server ourselves; the postgres user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no 'postgres' user to run initdb as")


_SETTINGS = """
listen_addresses = ''
unix_socket_directories = '{sockdir}'
port = {port}
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
"""


def _start(bindir: Path, root: Path, user: pwd.struct_passwd | None) -> PgCluster:
    data, log = root / "data", root / "server.log"
    initdb = [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
    _run_as(user, [*initdb, "-E", "UTF8", "--no-locale", "--no-sync"])
    port = _free_port()
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(_SETTINGS.format(sockdir=root, port=port))
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log)]
    try:
        _run_as(user, [*pg_ctl, "-w", "-t", "60", "start"])
    except RuntimeError as exc:  # the reason is in the server's log, not in pg_ctl's output
        raise RuntimeError(f"{exc}\n{log.read_text(errors='replace')[-2000:]}") from None
    return PgCluster(root, port, "postgres")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    pytest.importorskip(
        "psycopg", reason="psycopg is not installed: pip install 'claimgraph[postgres]'"
    )
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(f"no PostgreSQL server binaries (initdb, pg_ctl): {INSTALL_HINT}")
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="cg-pg-"))
    if user:
        os.chown(root, user.pw_uid, user.pw_gid)
    pid_file = root / "data" / "postmaster.pid"
    try:
        yield _start(bindir, root, user)
    finally:  # even when interrupted: never leave a server running on a deleted directory
        if pid_file.exists():
            _run_as(
                user, [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"]
            )
        shutil.rmtree(root, ignore_errors=True)


_names = itertools.count()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    import psycopg

    name = f"t{os.getpid()}_{next(_names)}"
    admin = pg_cluster.url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_cluster.url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        # FORCE: a test's killed writer may still hold a connection the server has not reaped.
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
