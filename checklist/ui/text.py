"""Showing text literally in elements that would otherwise read it as markdown."""

from __future__ import annotations

import re

# Backslash-escaping every ASCII punctuation mark is always safe in CommonMark,
# and it also stops Streamlit's own :emoji:, :color[...] and $maths$ syntax.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&%^@/;,?])")


def literal(text: str) -> str:
    """`text` escaped so that st.markdown (and markdown labels) show it exactly as typed."""
    escaped = _PUNCTUATION.sub(r"\\\1", text)
    # A lone newline would be joined to the line before; keep the user's line breaks.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")
