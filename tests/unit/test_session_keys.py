"""Every session-state key has one home, checklist/ui/state.py: pages import the names, never spell keys out."""

from __future__ import annotations

import ast
from pathlib import Path

SHELL = Path(__file__).resolve().parents[2] / "checklist" / "ui"


def spelled_out_keys(source: str) -> list[str]:
    """Key functions defined here, and session_state read or written with a literal string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_key"):
            found.append(f"def {node.name}")
        elif isinstance(node, ast.Subscript) and _is_session_state(node.value) and _is_text(node.slice):
            found.append(f"session_state[{ast.unparse(node.slice)}]")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and _is_session_state(node.func.value)
            and node.args
            and _is_text(node.args[0])
        ):
            found.append(f"session_state.{node.func.attr}({ast.unparse(node.args[0])})")
    return found


def _is_session_state(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_the_check_finds_a_key_spelled_out_in_a_page() -> None:
    """Guards the checker itself."""
    page = 'def box_key(i):\n    return f"box-{i}"\nst.session_state["ready"] = 1\nst.session_state.get("x")\n'

    assert spelled_out_keys(page) == ["def box_key", "session_state['ready']", "session_state.get('x')"]


def test_no_page_spells_out_a_session_state_key_of_its_own() -> None:
    found = {
        path.name: spelled
        for path in sorted(SHELL.rglob("*.py"))
        if path.name != "state.py" and (spelled := spelled_out_keys(path.read_text(encoding="utf-8")))
    }

    assert found == {}
