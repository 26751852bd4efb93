"""Every command is documented: help text in the CLI and a row in the README (sqlite-utils' habit)."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from sentinelle.cli import cli
from sharedpaths import ROOT

COMMANDS = sorted(cli.commands)


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"`sentinelle {name}` lacks a help text"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`sentinelle {re.escape(name)}\b", readme), f"README does not document `sentinelle {name}`"


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "sentinelle" in result.output


def test_every_option_has_help() -> None:
    missing = []
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and not param.help and param.name not in ("help",):
                missing.append(f"{name} {param.opts[0]}")
    assert not missing, f"options without help: {missing}"
