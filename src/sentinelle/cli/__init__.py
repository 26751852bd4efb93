"""The `sentinelle` command: a thin shell over the library.

Each command module parses arguments, calls one library function and prints. A
`SentinelleError` (a user's mistake, a bad input) becomes one line on stderr and an exit code,
never a traceback. Exit codes:

  0 success · 1 error · 2 usage error · 3 unreadable input · 4 case problem
  5 integrity check failed (verify) · 6 model problem · 130 interrupted
"""

from __future__ import annotations

import sys

import click

from ..errors import SentinelleError
from ..version import __version__
from . import detect_cmds, dynamics_cmds, harassment_cmds, ingest_cmds, report_cmds

COMMAND_MODULES = (ingest_cmds, detect_cmds, dynamics_cmds, harassment_cmds, report_cmds)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sentinelle")
def cli() -> None:
    """Find misconduct in group-chat exports, with evidence that holds.

    sentinelle flags, people decide: every flag carries its reasons and its source bytes.
    """


for _module in COMMAND_MODULES:
    _module.register(cli)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="sentinelle", standalone_mode=False)
    except SentinelleError as exc:
        click.echo(f"sentinelle: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("sentinelle: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("sentinelle: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except BrokenPipeError:  # `sentinelle parse x | head`
        sys.stderr.close()
        sys.exit(0)
    sys.exit(0)
