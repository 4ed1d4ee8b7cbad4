"""Question banks whose every text field is markup that would reach outside the app if rendered.

A custom bank is trusted to hold questions, not to make the browser fetch an image from another
address or show a link to a site the bank does not list among its sources. The app shows bank text
literally, so none of these may become an image, a link or a request.
"""

from __future__ import annotations

from typing import Any

from tests.builders import bank_document, question

# An address no test machine serves: a request to it is a request off the app's origin.
OFF_SITE = "http://127.0.0.2:9"
EVIL = "http://evil.example"

MARKUP: dict[str, str] = {
    "markdown_image": f"![x]({OFF_SITE}/x.png) and ![y]({EVIL}/y.png)",
    "html_img": f'<img src="{OFF_SITE}/img.png"> <img src={EVIL}/img.png> <picture><source srcset="{OFF_SITE}/s.png">',
    "markdown_link": f"[click]({EVIL}) and [here]({OFF_SITE}/page) and [ref][r]\n\n[r]: {EVIL}/ref",
    "autolink": f"<{EVIL}/auto> and {EVIL}/bare and www.evil.example",
    "html_link_and_style": f'<a href="{EVIL}">a</a> <div style="background:url({OFF_SITE}/bg.png)">d</div>',
}


def markup_bank(text: str) -> dict[str, Any]:
    """The tiny test bank with `text` in every field the app shows (ids, numbers and URLs stay valid)."""

    def hostile_question(qid: str, **overrides: Any) -> dict[str, Any]:
        return question(
            qid,
            text=f"Question {qid}: {text}",
            why=text,
            good_looks_like=text,
            actions=[{"text": f"Fix {qid}: {text}", "cost": "low"}],
            **overrides,
        )

    doc = bank_document(
        {
            "alpha": [hostile_question("a1"), hostile_question("a2", applies_if={"groups": ["yes"]})],
            "beta": [hostile_question("b1"), hostile_question("b2")],
        },
        title=text,
        description=text,
    )
    doc["sources"][0].update(title=text, publisher=text)
    doc["profile"][0].update(text=text, help=text)
    doc["profile"][0]["options"] = [{"id": "yes", "label": f"Yes {text}"}, {"id": "no", "label": f"No {text}"}]
    for theme in doc["themes"]:
        theme.update(
            title=f"{theme['title']} {text}",
            summary=text,
            prompts=[text],
            evidence=[{"text": text, "sources": ["src"]}],
        )
    return doc


def all_markup_bank() -> dict[str, Any]:
    """One bank holding every kind of markup at once, for tests that visit every page."""
    return markup_bank("\n\n".join(MARKUP.values()))
