"""Issue 17.5: a taken port stops `orbit serve` (foreground or detached) with a message
naming the port and exit code 3; the dashboard's address is never given for a dead server."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx
import pytest

from .conftest import free_port


@pytest.fixture()
def held_port():
    """A port another program listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


def orbit(*args, timeout=90):
    return subprocess.run([sys.executable, "-m", "orbit", *args], capture_output=True, text=True, timeout=timeout)


def test_serve_on_a_taken_port_exits_3_naming_it(tmp_path, held_port):
    res = orbit("serve", "--db", str(tmp_path / "o.db"), "--port", str(held_port))
    assert res.returncode == 3
    assert f"127.0.0.1:{held_port}" in res.stderr and "E601" in res.stderr and "already listening" in res.stderr
    assert "Traceback" not in res.stderr and "dashboard and API on" not in res.stderr


def test_detached_serve_on_a_taken_port_fails_without_a_url(tmp_path, held_port):
    res = orbit("serve", "--db", str(tmp_path / "o.db"), "--port", str(held_port), "--detach",
                "--pid-file", str(tmp_path / "pid"), "--log", str(tmp_path / "log"))
    assert res.returncode == 3 and f"{held_port}" in res.stderr and "E601" in res.stderr
    assert "http://" not in res.stdout and not (tmp_path / "pid").exists()


def test_detached_serve_returns_once_the_server_answers(tmp_path):
    port = free_port()
    res = orbit("serve", "--db", str(tmp_path / "o.db"), "--port", str(port), "--detach",
                "--pid-file", str(tmp_path / "pid"), "--log", str(tmp_path / "log"))
    pid = int((tmp_path / "pid").read_text()) if (tmp_path / "pid").exists() else None
    try:
        assert res.returncode == 0, res.stderr
        assert f"http://127.0.0.1:{port}/" in res.stdout and pid
        assert httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5).json()["status"] == "ok"
        # a second server on the same port now fails as it should
        again = orbit("serve", "--db", str(tmp_path / "o.db"), "--port", str(port), "--detach",
                      "--log", str(tmp_path / "log2"))
        assert again.returncode == 3 and str(port) in again.stderr
    finally:
        if pid:
            os.kill(pid, signal.SIGTERM)
