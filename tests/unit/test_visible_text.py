"""Required text must show something: invisible characters alone do not count as a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from checklist.domain.assessment import Answer, AnswerValue, has_visible_text

# Whitespace and format characters (category Cf: zero-width spaces and joiners, marks, the BOM).
INVISIBLE = st.text(st.characters(categories=["Zs", "Zl", "Zp", "Cf"], include_characters="\t\n\r"))


@pytest.mark.parametrize("text", ["No groups here", "n/a: we have no building", "Ŵ", "x\u200b", "😀"])
def test_text_with_a_visible_character_counts(text: str) -> None:
    assert has_visible_text(text)


@given(INVISIBLE)
def test_whitespace_and_format_characters_alone_never_count(text: str) -> None:
    assert not has_visible_text(text)


def test_a_not_applicable_answer_with_a_zero_width_reason_is_refused() -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        Answer(answer=AnswerValue.NA, na_reason="\u200b\u200b")
