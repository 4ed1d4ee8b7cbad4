"""The benchmark's submission generator makes what a commissioner receives: mostly good files, some odd ones."""

from __future__ import annotations

from benchmarks.generator import Mix, generate_files, synthetic_bank
from checklist.domain.compare import FileStatus, read_submissions

BANK = synthetic_bank()


def test_the_same_seed_gives_the_same_files() -> None:
    assert generate_files(BANK, 30, seed=7) == generate_files(BANK, 30, seed=7)


def test_generated_files_include_resent_broken_and_practice_ones_that_intake_reports() -> None:
    mix = Mix(duplicates=0.1, broken=0.1, practice=0.2)

    intake = read_submissions(generate_files(BANK, 200, seed=3, mix=mix), BANK)

    counts = {status: intake.count(status) for status in FileStatus}
    assert counts[FileStatus.ACCEPTED] > 100
    assert all(counts[s] > 0 for s in (FileStatus.DUPLICATE, FileStatus.REJECTED, FileStatus.PRACTICE))


def test_some_generated_files_use_an_older_bank_version() -> None:
    intake = read_submissions(generate_files(BANK, 100, seed=5), BANK)

    assert {a.bank.version for a in intake.assessments} == {"0.9.0", "1.0.0"}
