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


def command_table(group: click.Group) -> str:
    rows = ["| command | what it does |", "|---|---|"]
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        rows.append(f"| `{usage(name, command)}` | {summary(command)} |")
    return "\n".join(rows) + "\n"
