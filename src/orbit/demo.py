"""`orbit demo`: code the bundled sample articles and show their events as a table."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Optional

from rich.console import Console
from rich.table import Table

from .model import InputFailure
from .settings import Settings


def samples_dir() -> Path:
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "samples", Path(str(resources.files("orbit").joinpath("data/samples")))):
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "samples"


def run_demo(settings: Settings, folder: Optional[Path] = None, console: Optional[Console] = None) -> int:
    from .io import iter_documents
    from .pipeline import process_parallel

    console = console or Console()
    folder = folder or samples_dir()
    total = 0
    for item in process_parallel(iter_documents([folder], settings), settings):
        if isinstance(item, InputFailure):
            console.print(f"[red]skipped[/red] {item.item}: {item.reason}")
            continue
        a = item.article
        table = Table(title=f"{a.title or a.doc_id}  ({a.date.isoformat()})", title_justify="left", show_lines=False)
        for col in ("source", "target", "CAMEO", "event", "mode", "evidence"):
            table.add_column(col, overflow="fold")
        for e in item.events:
            evidence = e.sentence[e.span[0] - e.sentence_span[0]:e.span[1] - e.sentence_span[0]]
            style = None if e.asserted else "dim"
            table.add_row(e.source.code if e.source else "", (e.target.code or "?") if e.target else "-",
                          e.cameo, e.plover.event or "", e.modality, " ".join(evidence.split())[:90], style=style)
            total += 1
        console.print(table)
    console.print(f"{total} events; dimmed rows are negated or hypothetical.")
    return total


# seconds `start_server` waits for a detached server to answer (it loads no model to start)
SERVER_START_TIMEOUT = 60.0


def start_server(db_path: str, host: str, port: int, log_path: str, pid_path: Optional[str] = None,
                 timeout: float = SERVER_START_TIMEOUT, allow_hosts: tuple[str, ...] = ()) -> int:
    """Start `orbit serve` in the background and return its process id once it answers
    on host:port. A taken port, a server that stops while starting, or no answer within
    `timeout` raise ServerError naming the port: the dashboard's address is only ever
    given for a server that is running."""
    import subprocess
    import sys
    import time

    import httpx

    from .api.server import bind
    from .errors import ServerError

    bind(host, port).close()  # PortUnavailable at once when another program holds the port
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "orbit", "serve", "--db", str(db_path), "--host", host,
                                 "--port", str(port), *(a for h in allow_hosts for a in ("--allow-host", h))],
                                stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    probe = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # a wildcard address is reached on loopback
    url = f"http://{'[' + probe + ']' if ':' in probe else probe}:{port}/api/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = Path(log_path).read_text("utf-8", "replace").strip().splitlines()[-3:]
            raise ServerError(f"the server on {host}:{port} stopped while starting (exit {proc.returncode}): "
                              + " / ".join(tail))
        try:
            if httpx.get(url, timeout=1).status_code == 200 and proc.poll() is None:
                if pid_path:
                    Path(pid_path).write_text(f"{proc.pid}\n", encoding="utf-8")
                return proc.pid
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise ServerError(f"the server on {host}:{port} did not answer within {timeout:.0f} s (its log: {log_path})")
