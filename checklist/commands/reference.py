"""The README's table of commands, made from the commands themselves so it cannot drift.

`checklist reference` prints it; tests/unit/test_docs.py checks that the README holds exactly this table.
"""

from __future__ import annotations

import click


def usage(name: str, command: click.Command) -> str:
    """`checklist NAME ARGS [OPTIONS]`, every option shown, required ones without brackets."""
    parts = [f"checklist {name}"]
    for param in command.params:
        if isinstance(param, click.Argument):
            metavar = (param.name or "").upper() + ("..." if param.nargs == -1 else "")
            parts.append(metavar if param.required else f"[{metavar}]")
        elif isinstance(param, click.Option) and not param.hidden:
            flag = min(param.opts, key=len) if param.required else max(param.opts, key=len)
            piece = flag if param.is_flag else f"{flag} {param.metavar or (param.name or '').upper()}"
            parts.append(piece if param.required else f"[{piece}]")
    return " ".join(parts)


def summary(command: click.Command) -> str:
    text = (command.help or "").strip().split("\n\n")[0]
    return " ".join(text.split())


def _rows(group: click.Group, prefix: str = "") -> list[str]:
    rows = []
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        rows.append(f"| `{usage(prefix + name, command)}` | {summary(command)} |")
        if isinstance(command, click.Group):
            rows += _rows(command, f"{prefix}{name} ")
    return rows


def command_table(group: click.Group) -> str:
    """One row per command, and one per subcommand of a group such as `admin`."""
    return "\n".join(["| command | what it does |", "|---|---|", *_rows(group)]) + "\n"
