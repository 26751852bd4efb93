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
WORKERS = click.option("--workers", type=int, default=None, metavar="N",
                       help="Processes that score messages (default: one per core, at most 8; 1: this "
                            "process). Changes the speed, never the scores.")


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


# --- terminal output: tables that fit, plain when piped, words instead of reprs -----------------


def stdout_console() -> Console:
    """The console for results: rich detects the terminal's width (COLUMNS, else 80, when piped);
    no syntax highlighting of numbers or names inside chat text."""
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal  # a pipe or a file gets whole lines, not lines cut at 80
    return console


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 case', '2 cases', '0 cases' ('many' for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def text_of(value: object, empty: str = "-") -> str:
    """A value as a reader wants it: no None, no dict or list repr."""
    if value is None or value == "" or value == [] or value == {}:
        return empty
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {text_of(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(text_of(v) for v in value)
    return str(value)


def _least_width(columns: list[str], cells: list[list[str]]) -> int:
    """The narrowest the table can be without cutting a word: each column as wide as its longest
    word (header included), plus borders and padding."""
    longest = [max((len(w) for text in (col, *(row[i] for row in cells)) for w in text.split()), default=1)
               for i, col in enumerate(columns)]
    return sum(longest) + 3 * len(columns) + 1


def print_table(console: Console, title: str, columns: list[str], rows: list[list[object]], *,
                nothing: str | None = None, head: int = 1) -> None:
    """A table when it fits the terminal; otherwise, and always when the output is piped, a plain
    layout: one block per row (its first `head` cells as a heading, then "column: value" lines),
    never a table shredded into one-letter columns. An empty table prints one explicit line."""
    cells = [[text_of(v) for v in row] for row in rows]
    if not cells:
        console.print(nothing or f"{title}: nothing found.", markup=False)
        return
    if console.is_terminal:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left")
        for col in columns:
            table.add_column(col)
        for row in cells:
            table.add_row(*(Text(c) for c in row))  # chat text may hold [brackets]: no markup
        if _least_width(columns, cells) <= console.width:
            console.print(table)
            return
    console.print(title, markup=False, style="bold")
    for row in cells:
        console.print("  " + " · ".join(c for c in row[:head] if c != "-"), markup=False, soft_wrap=True)
        for col, value in zip(columns[head:], row[head:], strict=True):
            if value != "-":
                console.print(f"      {col}: {value}", markup=False, soft_wrap=True)
