"""orbit's command line. Each command parses its options, calls the Python API and prints.

Exit codes: 0 all inputs processed; 1 some inputs could not be read (the others were
processed and printed; the failures are listed on stderr), or `orbit doctor` found a
failing check; 2 usage errors and failures that stop the whole command (no model, bad
dictionary, unknown setting, nothing readable); 3 `orbit serve` could not listen on its
address (the port is taken). Warnings (W...) do not change them. Every orbit error that
reaches the group is printed as `orbit: CODE: message` with exit 2, never a traceback.
"""
from __future__ import annotations

import logging
import sys

import click

from ..errors import OrbitError

# click keeps line breaks only after a \b line
EXIT_CODES = ("\b\nExit codes:\n"
              "  0  all inputs processed (warnings, W..., aside)\n"
              "  1  some inputs skipped, the others processed (listed on stderr and by `orbit errors`);\n"
              "     `orbit doctor`: a check failed\n"
              "  2  the command could not run: usage, unknown setting (E011), no model, bad dictionary,\n"
              "     store error, nothing readable\n"
              "  3  `orbit serve` could not listen: the port is taken or not allowed (E601)")


class OrbitGroup(click.Group):
    """Reports an OrbitError a command did not catch itself (such as an unknown setting,
    E011, met before the command's own error handling) like the commands do: one line
    `orbit: CODE: message` on stderr and exit 2, instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OrbitError as err:
            click.echo(f"orbit: {err}", err=True)
            sys.exit(2)


@click.group(cls=OrbitGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="orbit-events")
@click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")
def cli(verbose: int) -> None:
    """orbit: political event data from news articles (CAMEO/PLOVER, actors, evidence)."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")



def main() -> None:
    cli(prog_name="orbit")


from . import analysis, coding, store  # noqa: E402,F401  (registers the commands on import)
