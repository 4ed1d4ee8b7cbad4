"""`make test` fails when any test skips: a skip would hide a missing tool or feature."""

from __future__ import annotations

import pytest

from checklist.paths import PROJECT_ROOT

SKIPPING = "import pytest\n\ndef test_skips():\n    pytest.skip('no tool')\n\ndef test_passes():\n    assert True\n"


@pytest.fixture
def skipping_suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))
    pytester.makepyfile(test_probe=SKIPPING)
    return pytester


def test_a_skipped_test_fails_the_run_under_make_test(
    skipping_suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKLIST_FAIL_ON_SKIP", "1")
    result = skipping_suite.runpytest_subprocess("-p", "tests.skips")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*Skipped tests: 1; make test allows none*"])


def test_a_skipped_test_is_only_reported_when_run_by_hand(
    skipping_suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHECKLIST_FAIL_ON_SKIP", raising=False)
    result = skipping_suite.runpytest_subprocess("-p", "tests.skips")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=1)
