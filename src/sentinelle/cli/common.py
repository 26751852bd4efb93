"""Helpers shared by the command modules: output and progress on stderr."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr.")


def stderr_console() -> Console:
    return Console(stderr=True)


@contextlib.contextmanager
def progress(quiet: bool = False) -> Iterator[Progress | None]:
    """A progress display on stderr, or None when quiet or stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        yield bar


def warn(message: str) -> None:
    click.echo(f"sentinelle: warning: {message}", err=True)
