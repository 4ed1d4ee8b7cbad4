"""Showing text literally in elements that would otherwise read it as markdown."""

from __future__ import annotations

import re
from functools import lru_cache

# Backslash-escaping every ASCII punctuation mark is always safe in CommonMark,
# and it also stops Streamlit's own :emoji:, :color[...] and $maths$ syntax.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&%^@/;,?])")


# GitHub-flavoured Markdown turns bare addresses into links after escapes are read, so a backslash
# cannot stop it. A word joiner (U+2060, invisible and not read out) inside "http://", "www." and
# before the "@" of an e-mail address breaks each pattern while the text looks the same.
_AUTOLINK = re.compile(r"(?i)(?<=\bhttp)(?=s?://[^\s]*\.)|(?<=\bwww)(?=\.)|(?<=\w)(?=@[-\w]+\.\w)")
_WORD_JOINER = "\u2060"


# Pages escape the same bank text on every rerun; a pure function of a string, so safe to keep.
@lru_cache(maxsize=4096)
def literal(text: str) -> str:
    """`text` escaped so that st.markdown (and markdown labels) show it exactly as typed."""
    escaped = _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(_WORD_JOINER, text))
    # A lone newline would be joined to the line before; keep the user's line breaks.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


# Letters, digits, spaces and the punctuation a screen reader reads as a pause; nothing Markdown acts on.
_UNSPOKEN = re.compile(r"[^\w\s,?'’‘“”–—-]|_")


def spoken(text: str) -> str:
    """Bank text for a hidden widget label, which Streamlit both reads as Markdown and uses as the aria-label.

    Escaping would put backslashes in what a screen reader says; instead every character that could
    start an image, a link, an autolink (":", "/", "." and "@" included) or other markup is dropped.
    """
    return " ".join(_UNSPOKEN.sub(" ", text).split())
