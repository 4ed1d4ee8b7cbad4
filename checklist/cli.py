"""The `checklist` command: a thin shell over the core, its commands in checklist/commands/.

Every command reads through the same loaders as the app, checks its outputs before it starts and
writes through one helper; whatever still goes wrong is one plain sentence and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from checklist import __version__
from checklist.commands.admin import admin_command
from checklist.commands.common import fail
from checklist.commands.compare import compare_command
from checklist.commands.doctor import doctor_command
from checklist.commands.materials import blank, demo
from checklist.commands.plan import plan_command
from checklist.commands.reference import command_table
from checklist.commands.score import schema_command, score_command, validate_bank_command
from checklist.domain.errors import ChecklistError
from checklist.paths import FolderUnusable


class _Commands(click.Group):
    """The command group, with the last boundary: a problem no command caught is still a sentence."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ChecklistError, FolderUnusable) as exc:
            fail(exc.message)
        except OSError as exc:
            fail(f"{exc.filename or 'a file'}: {exc.strerror or exc}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checklist")
def main() -> None:
    """Women's access self-assessment for drug and alcohol services."""


for _command in (
    validate_bank_command,
    schema_command,
    score_command,
    plan_command,
    compare_command,
    demo,
    blank,
    admin_command,
    doctor_command,
):
    main.add_command(_command)


@main.command("reference", hidden=True)
def reference_command() -> None:
    """Print the README's table of commands, made from the commands themselves."""
    click.echo(command_table(main), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
