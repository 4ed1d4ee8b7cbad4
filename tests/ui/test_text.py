"""Bank and user text shown through Markdown elements stays text: no link, no image, no markup."""

from __future__ import annotations

import pytest

from checklist.ui.text import literal, spoken

JOINER = "\u2060"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://evil.example/x", f"http{JOINER}\\:\\/\\/evil\\.example\\/x"),
        ("HTTPS://evil.example", f"HTTP{JOINER}S\\:\\/\\/evil\\.example"),
        ("www.evil.example", f"www{JOINER}\\.evil\\.example"),
        ("ask sam@evil.example", f"ask sam{JOINER}\\@evil\\.example"),
    ],
)
def test_an_address_that_markdown_would_link_by_itself_is_broken_by_an_invisible_joiner(
    text: str, expected: str
) -> None:
    """GFM links bare addresses after reading escapes, so escaping alone left them clickable."""
    assert literal(text) == expected


@pytest.mark.parametrize("text", ["http://x", "Smith@home", '=HYPERLINK("http://x")'])
def test_text_that_markdown_would_not_link_gets_no_joiner(text: str) -> None:
    assert JOINER not in literal(text)


def test_a_hidden_label_keeps_the_words_and_drops_every_markup_character() -> None:
    text = "Do you ![x](http://127.0.0.2:9/x.png) see <img src=x> [click](http://evil.example) www.evil.example a@b.co?"

    assert (
        spoken(text) == "Do you x http 127 0 0 2 9 x png see img src x click http evil example www evil example a b co?"
    )


def test_a_hidden_label_keeps_ordinary_punctuation_a_screen_reader_pauses_on() -> None:
    assert spoken("Women’s groups, run weekly – or not?") == "Women’s groups, run weekly – or not?"
