"""The PDF's fonts, and the check that no typed character is dropped silently.

Noto Sans ships as a variable font (fontpkg-noto-sans). Instancing it inside
every FPDF() costs seconds, so static Regular and Bold instances are made once
and cached, keyed by the font file's hash. DejaVu Sans (Debian's
fonts-dejavu-core, installed by scripts/system-deps.sh) is the fallback when present.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg

from checklist.paths import usable_folder

log = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
_WEIGHTS = {"": 400, "B": 700}


@dataclass(frozen=True)
class FontSet:
    """The files fpdf2 is given: Noto Sans per style, DejaVu per style if installed."""

    main: dict[str, Path]
    fallback: dict[str, Path]
    covered: frozenset[int]  # by the main font or the fallback
    main_covered: frozenset[int]

    def needs_fallback(self, text: str) -> bool:
        """Whether any character of `text` is missing from the main font (loading a fallback costs time)."""
        extra = self.covered - self.main_covered
        return any(ord(c) in extra for c in set(text))


def cache_dir() -> Path:
    """CHECKLIST_CACHE_DIR, else the XDG cache folder; made on first use."""
    root = os.environ.get("CHECKLIST_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "checklist"
    )
    setting = "The cache folder (CHECKLIST_CACHE_DIR)"
    return usable_folder(usable_folder(Path(root), setting) / "fonts", setting)


@cache
def font_set() -> FontSet:
    """The fonts for every PDF in this process, made once."""
    variable = Path(fontpkg.path("Noto Sans"))
    main = {style: static_instance(variable, weight) for style, weight in _WEIGHTS.items()}
    fallback = {
        style: path
        for style, path in (("", DEJAVU_DIR / "DejaVuSans.ttf"), ("B", DEJAVU_DIR / "DejaVuSans-Bold.ttf"))
        if path.is_file()
    }
    main_covered = _cmap(main[""])
    return FontSet(
        main=main, fallback=fallback, covered=main_covered | _cmap_or_empty(fallback.get("")), main_covered=main_covered
    )


def static_instance(variable: Path, weight: int) -> Path:
    """A static instance of a variable font at `weight`, cached by the source file's hash."""
    digest = hashlib.sha256(variable.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"{variable.stem.split('[')[0]}-{digest}-{weight}.ttf"
    if not target.is_file():
        _write_instance(variable, weight, target)
    return target


def _write_instance(variable: Path, weight: int, target: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    log.info("Making a static %s weight %d (once; cached in %s)", variable.name, weight, target.parent)
    font = instancer.instantiateVariableFont(TTFont(variable), {"wght": weight, "wdth": 100})
    # Two test workers may make the same instance at once: write aside, then rename atomically.
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        font.save(handle)
    os.replace(handle.name, target)


def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


def _cmap_or_empty(path: Path | None) -> frozenset[int]:
    return _cmap(path) if path else frozenset()


def printable(text: str, covered: frozenset[int] | None = None) -> str:
    """`text` with every character no font can draw replaced by a visible U+FFFD.

    fpdf2 only logs a warning and drops such characters, so the reader would
    never know something was there. Line breaks are kept; tabs become spaces.
    """
    covered = font_set().covered if covered is None else covered
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    missing = {c for c in set(text) if c != "\n" and (ord(c) not in covered or unicodedata.category(c) == "Cc")}
    if not missing:
        return text
    log.warning(
        "No font can draw %s; shown as %s in the PDF",
        ", ".join(f"U+{ord(c):04X}" for c in sorted(missing)),
        REPLACEMENT,
    )
    return "".join(REPLACEMENT if c in missing else c for c in text)
