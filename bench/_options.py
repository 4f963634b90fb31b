"""Command-line options shared by the evaluation scripts (run as `python bench/NAME.py`,
so this folder is on sys.path)."""
from __future__ import annotations

import argparse


def add_triage_option(parser: argparse.ArgumentParser) -> None:
    """--triage: code as `orbit code` does, skipping sentences that cannot hold an event.
    The scores must not change; the option is there to show that they do not."""
    parser.add_argument("--triage", action="store_true",
                        help="code with sentence triage, as `orbit code` does (scores must not change)")
