"""The wall between the pure core and the Streamlit shell, checked on every file."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "checklist"
SHELL = PACKAGE / "ui"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth (inside functions too), relative imports made absolute."""
    package = _package_of(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            yield str(node.args[0].value)  # type: ignore[attr-defined]


def _package_of(path: Path) -> str:
    """The package a relative import starts from; files outside the project have none."""
    if ROOT not in path.parents:
        return ""
    return module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]


def _is_dynamic_import(node: ast.Call) -> bool:
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    first = node.args[0] if node.args else None
    return name in {"__import__", "import_module"} and isinstance(first, ast.Constant) and isinstance(first.value, str)


def is_within(module: str, root: str) -> bool:
    return module == root or module.startswith(root + ".")


def core_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if SHELL not in p.parents)


def test_the_ast_walk_finds_imports_hidden_inside_functions(tmp_path: Path) -> None:
    """Guards the checker itself: a lazy import must not slip past it."""
    sample = tmp_path / "sample.py"
    sample.write_text("def show():\n    import streamlit as st\n    st.write(1)\n", encoding="utf-8")
    assert "streamlit" in set(imported_modules(sample))


def test_the_ast_walk_finds_dynamic_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import importlib\nst = importlib.import_module('streamlit')\n", encoding="utf-8")
    assert "streamlit" in set(imported_modules(sample))


def test_there_are_core_files_to_check() -> None:
    names = {p.name for p in core_files()}
    assert {"bank.py", "assessment.py", "scoring.py", "loading.py", "cli.py"} <= names


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_the_ui_layer_imports_streamlit(path: Path) -> None:
    assert [m for m in imported_modules(path) if is_within(m, "streamlit")] == []


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_the_ui_layer_imports_the_ui_layer(path: Path) -> None:
    """Importing checklist.ui would bring streamlit in through the back door."""
    assert [m for m in imported_modules(path) if is_within(m, "checklist.ui")] == []


def test_app_py_imports_only_the_ui_layer() -> None:
    modules = {m for m in imported_modules(ROOT / "app.py") if m != "__future__" and not m.startswith("__future__.")}
    assert modules
    assert [m for m in modules if not is_within(m, "checklist.ui")] == []


def test_importing_every_core_module_leaves_streamlit_unloaded() -> None:
    """The same wall, seen at run time in a fresh interpreter."""
    modules = [module_name(p) for p in core_files()]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


# Which of the package's layers each layer may import (besides itself, `checklist` and `checklist.paths`).
# The core knows nothing of its renderers, its store or its shells; renderers turn core results into
# files and never read the store; the store keeps core objects; only the shells (CLI, pages) wire them.
LAYERS: dict[str, set[str]] = {
    "checklist.domain": set(),
    "checklist.render": {"checklist.domain"},
    "checklist.storage": {"checklist.domain"},
    "checklist.commands": {"checklist.domain", "checklist.render", "checklist.storage"},
    "checklist.cli": {"checklist.domain", "checklist.render", "checklist.storage", "checklist.commands"},
}
SHARED = {"checklist", "checklist.paths", "checklist.collector"}


def layer_of(module: str) -> str | None:
    return next((layer for layer in LAYERS if is_within(module, layer)), None)


def _named(module: str) -> str:
    """A layer's name, a shared module (paths, collector), `checklist` for names it exports, or the module."""
    if (layer := layer_of(module)) is not None:
        return layer
    for shared in ("checklist.paths", "checklist.collector"):
        if is_within(module, shared):
            return shared
    head = module.split(".")[1] if "." in module else ""
    is_module = (PACKAGE / f"{head}.py").exists() or (PACKAGE / head).is_dir()
    return module if head and is_module else "checklist"


def package_imports(path: Path) -> set[str]:
    """The checklist modules a file imports, named by their layer where they have one."""
    return {_named(m) for m in imported_modules(path) if is_within(m, "checklist")}


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_layer_imports_only_the_layers_below_it(path: Path) -> None:
    own = layer_of(module_name(path))
    if own is None:
        assert module_name(path) in SHARED | {"checklist.__main__"}, "every module outside ui belongs to a layer"
        return
    allowed = LAYERS[own] | SHARED | {own}
    assert sorted(package_imports(path) - allowed) == []


def test_the_layer_check_catches_the_core_importing_a_renderer(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from checklist.render.pdf import make_plan_pdf\n", encoding="utf-8")
    assert "checklist.render" in package_imports(sample) - (LAYERS["checklist.domain"] | SHARED)


def test_the_core_never_switches_the_garbage_collector_for_the_whole_process() -> None:
    """`gc` is process-wide: in the app it reaches every session's threads. One guarded pause holds the switch
    (`checklist.collector`), and only the shells use it: the compare command and the Compare page's load step."""
    switching = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "gc" in set(imported_modules(path)) and module_name(path) != "checklist.collector"
    ]
    pausing = {
        module_name(path) for path in sorted(PACKAGE.rglob("*.py")) if "checklist.collector" in package_imports(path)
    }

    assert switching == []
    assert all(is_within(m, "checklist.commands") or is_within(m, "checklist.ui") for m in pausing), pausing
    assert pausing, "the compare command and page pause the collector"
