"""Every session-state and widget key has one home, checklist/ui/state.py: pages import names, never spell keys."""

from __future__ import annotations

import ast
from pathlib import Path

SHELL = Path(__file__).resolve().parents[2] / "checklist" / "ui"


def spelled_out_keys(source: str) -> list[str]:
    """Keys a module spells out itself instead of taking them from state.py.

    Key functions defined here; session_state read or written with a literal string; a widget's `key=` given
    as a literal or an f-string, directly, through a name bound to one, or through a `key` parameter.
    """
    tree = ast.parse(source)
    texts = _names_bound_to_text(tree)
    keyed = _key_parameters(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_key"):
            found.append(f"def {node.name}")
        elif isinstance(node, ast.Subscript) and _is_session_state(node.value) and _spelled(node.slice, texts):
            found.append(f"session_state[{ast.unparse(node.slice)}]")
        elif isinstance(node, ast.Call):
            found += _spelled_in_call(node, texts, keyed)
    return found


def _spelled_in_call(call: ast.Call, texts: set[str], keyed: dict[str, int]) -> list[str]:
    found = []
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and _is_session_state(func.value)
        and call.args
        and _spelled(call.args[0], texts)
    ):
        found.append(f"session_state.{func.attr}({ast.unparse(call.args[0])})")
    for keyword in call.keywords:
        if keyword.arg == "key" and _spelled(keyword.value, texts):
            found.append(f"key={ast.unparse(keyword.value)}")
    if isinstance(func, ast.Name) and func.id in keyed and len(call.args) > keyed[func.id]:
        given = call.args[keyed[func.id]]
        if _spelled(given, texts):
            found.append(f"{func.id}(… {ast.unparse(given)} …)")
    return found


def _names_bound_to_text(tree: ast.Module) -> set[str]:
    """Names assigned a literal string or an f-string anywhere in the module (also `A, B = "a", "b"`)."""
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = (
                zip(target.elts, node.value.elts, strict=False)
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                else [(target, node.value)]
            )
            names |= {t.id for t, v in pairs if isinstance(t, ast.Name) and _is_text(v)}
    return names


def _key_parameters(tree: ast.Module) -> dict[str, int]:
    """Functions of the module that take a widget key: the position of their `key` parameter."""
    return {
        node.name: [a.arg for a in node.args.args].index("key")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and "key" in [a.arg for a in node.args.args]
    }


def _spelled(node: ast.expr, texts: set[str]) -> bool:
    return _is_text(node) or (isinstance(node, ast.Name) and node.id in texts)


def _is_session_state(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _is_text(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def test_the_check_finds_a_key_spelled_out_in_a_page() -> None:
    """Guards the checker itself."""
    page = 'def box_key(i):\n    return f"box-{i}"\nst.session_state["ready"] = 1\nst.session_state.get("x")\n'

    assert spelled_out_keys(page) == ["def box_key", "session_state['ready']", "session_state.get('x')"]


def test_the_check_finds_a_widget_key_written_inline_or_through_a_local_name() -> None:
    """Guards the checker itself: literal, f-string, a name bound to either, and a helper's `key` argument."""
    page = (
        'PICKER = "picker"\n'
        'st.button("Go", key="go")\n'
        'st.container(key=f"row-{i}")\n'
        "st.selectbox('Pick', key=PICKER)\n"
        'box = f"box-{n}"\n'
        "st.text_input('Box', key=box)\n"
        "def _table(frame, key, *, typed):\n    st.dataframe(frame, key=key)\n"
        '_table(frame, "the-table", typed=True)\n'
        "st.button('Fine', key=state.GO)\n"
        "st.button('Fine too', key=state.row_key(i))\n"
    )

    assert sorted(spelled_out_keys(page)) == sorted(
        [
            "key='go'",
            "key=f'row-{i}'",
            "key=PICKER",
            "key=box",
            "_table(… 'the-table' …)",
        ]
    )


def test_no_page_spells_out_a_session_state_or_widget_key_of_its_own() -> None:
    found = {
        path.name: spelled
        for path in sorted(SHELL.rglob("*.py"))
        if path.name != "state.py" and (spelled := spelled_out_keys(path.read_text(encoding="utf-8")))
    }

    assert found == {}
