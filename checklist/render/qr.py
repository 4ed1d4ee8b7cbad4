"""QR codes, drawn here (segno, pure Python): no outside service ever sees a join link."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """A PNG QR code of `text`, large enough to scan from the back of a room when projected."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
