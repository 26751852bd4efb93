"""Helpers shared by the command modules: output and progress on stderr."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import InputError

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


def step_progress(bar: Progress | None, quiet: bool = False):  # type: ignore[no-untyped-def]
    """The analysis steps' progress (stage, done, total) on the bar, one line per step; without
    a bar (not a terminal), one line on stderr when a step starts unless quiet."""
    tasks: dict[str, object] = {}

    def say(stage: str, done: int = 0, total: int = 0) -> None:
        step = stage.partition(":")[0]
        if bar is None:
            if step not in tasks and not quiet:
                click.echo(f"sentinelle: computing {step}…", err=True)
            tasks.setdefault(step, None)
            return
        if step not in tasks:
            tasks[step] = bar.add_task(stage, total=total or None)
        bar.update(tasks[step], description=stage[:60], completed=done, total=total or None)  # type: ignore[arg-type]

    return say


def require_file(path: Path) -> Path:
    """An input file that must exist: a missing or unreadable one is an unreadable input (exit
    3, one line naming it), as in every command."""
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a directory, not a file", path=str(path))
    if not os.access(path, os.R_OK):
        raise InputError("permission denied", path=str(path))
    return path


def warn(message: str) -> None:
    click.echo(f"sentinelle: warning: {message}", err=True)
