"""orbit's command line. Each command parses its options, calls the Python API and prints.

Exit codes: 0 all inputs processed; 1 some inputs could not be read (the others were
processed and printed; the failures are listed on stderr); 2 usage errors and failures
that stop the whole command (no model, bad dictionary, nothing readable); 3 `orbit serve`
could not listen on its address (the port is taken). Warnings (W...) do not change them.
"""
from __future__ import annotations

import logging

import click


EXIT_CODES = ("Exit codes: 0 all inputs processed (warnings aside); 1 some inputs skipped, the others processed; "
              "2 the command could not run; 3 `orbit serve` could not listen (the port is taken).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="orbit-events")
@click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")
def cli(verbose: int) -> None:
    """orbit: political event data from news articles (CAMEO/PLOVER, actors, evidence)."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")



def main() -> None:
    cli(prog_name="orbit")


from . import analysis, coding, store  # noqa: E402,F401  (registers the commands on import)
