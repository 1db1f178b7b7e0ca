"""A real `newsevents serve` process on a free loopback port, for the tests that talk HTTP to the server."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """Start the server over ``db`` (without write access), wait for its health check, yield its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_TOKEN"}
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "newsevents"), "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
