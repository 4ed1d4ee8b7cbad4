"""Browser tests wait for a state, never for a fixed time: a guess at a duration is flaky on a busy machine."""

from __future__ import annotations

import re
from pathlib import Path

E2E = Path(__file__).resolve().parents[1] / "e2e"
FIXED_SLEEP = re.compile(r"\btime\.sleep\(|\bsleep\(|\bwait_for_timeout\(")
# The load test's event loop yields with asyncio.sleep while it polls the count of saved answers, a state
# (it must not block the twenty browsers it drives); that is allowed, a fixed pause in a test is not.


def fixed_sleeps(folder: Path) -> list[str]:
    return [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(folder.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FIXED_SLEEP.search(line) and "asyncio.sleep(" not in line
    ]


def test_the_check_finds_a_sleep_and_a_wait_for_timeout(tmp_path: Path) -> None:
    """Guards the checker itself."""
    (tmp_path / "test_x.py").write_text("time.sleep(0.3)\npage.wait_for_timeout(300)\nuntil(ready, 'ready')\n")

    assert fixed_sleeps(tmp_path) == ["test_x.py:1: time.sleep(0.3)", "test_x.py:2: page.wait_for_timeout(300)"]


def test_no_browser_test_sleeps_for_a_fixed_time() -> None:
    """Wait with Playwright (expect, wait_for_function, wait_for_selector) or tests/waiting.py's `until`."""
    assert fixed_sleeps(E2E) == []
