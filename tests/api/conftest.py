"""A real orbit server (uvicorn in a subprocess) on a real store, for the API tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from ..conftest import SAMPLES, SEED

TOKEN = "test-token-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def api_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "orbit.db"
    subprocess.run([sys.executable, "-m", "orbit", "ingest", str(SAMPLES), "--db", str(db), "--no-progress"],
                   check=True, capture_output=True)
    if SEED.with_suffix(".txt").exists():
        subprocess.run([sys.executable, "-m", "orbit", "ingest", str(SEED.with_suffix(".txt")), "--date", "2023-02-28",
                        "--db", str(db), "--no-progress"], check=True, capture_output=True)
    return db


def start_server(db, *extra: str):
    """`orbit serve` on a free port, once it answers: (process, base URL)."""
    port = free_port()
    env = dict(os.environ, ORBIT_TOKEN=TOKEN)
    proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(db), "--port", str(port), *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start: " + proc.stderr.read().decode()[-2000:])


@pytest.fixture(scope="session")
def server(api_db):
    proc, base = start_server(api_db, "--max-body", "200000")
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c
