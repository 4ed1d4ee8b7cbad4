"""Showing text literally in elements that would otherwise read it as markdown."""

from __future__ import annotations

import re
from functools import lru_cache

# Backslash-escaping every ASCII punctuation mark is always safe in CommonMark,
# and it also stops Streamlit's own :emoji:, :color[...] and $maths$ syntax.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&%^@/;,?])")


# Pages escape the same bank text on every rerun; a pure function of a string, so safe to keep.
@lru_cache(maxsize=4096)
def literal(text: str) -> str:
    """`text` escaped so that st.markdown (and markdown labels) show it exactly as typed."""
    escaped = _PUNCTUATION.sub(r"\\\1", text)
    # A lone newline would be joined to the line before; keep the user's line breaks.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")
