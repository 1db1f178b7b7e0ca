"""A throw-away PostgreSQL server for the tests and the bench: Debian's binaries, a cluster made by ``initdb`` in a
temporary folder, listening on a free loopback port, stopped and removed when done.

PostgreSQL refuses to run as root; as root (the sandbox, CI) the server runs as the ``postgres`` user that Debian's
package creates, through ``runuser``. ``scripts/ci_postgres.sh`` installs the package (``make test`` runs it once).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INSTALL_HINT = "run `bash scripts/ci_postgres.sh` (Debian's postgresql package), then make test"


def bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing() -> str | None:
    """Why a server cannot be started here (None when it can)."""
    if bindir() is None:
        return f"PostgreSQL is not installed: {INSTALL_HINT}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return f"running as root without a 'postgres' user to run the server as: {INSTALL_HINT}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres_server(databases: tuple[str, ...] = ("newsevents",)) -> Iterator[str]:
    """Start a server with these (empty) databases; yield the URL of the server without a database name
    (``URL/NAME`` names one). Trust authentication on loopback: no password."""
    bin_ = bindir()
    assert bin_ is not None, missing()
    folder = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(_as_server_user([str(bin_ / "initdb"), "-D", str(data), "-A", "trust", "-U", "newsevents",
                                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        # fsync off: a test server's data need not survive a power cut; the socket in our own folder
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
        subprocess.run(_as_server_user([str(bin_ / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                        str(folder / "server.log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True, timeout=90)
        url = f"postgresql://newsevents@127.0.0.1:{port}"
        for name in databases:
            subprocess.run([str(bin_ / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "newsevents", name],
                           check=True, capture_output=True, timeout=60)
        yield url
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_server_user([str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
