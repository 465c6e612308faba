"""QR codes on printed documents (Circular 01/2023/TT-VPCP: top left on documents the
system produces), drawn with segno."""

from __future__ import annotations

import segno


def qr_data_uri(payload: str) -> str:
    """``payload`` as an SVG data URI (vector, so it prints sharp at any size), for an
    ``<img>`` the offline PDF renderer may load."""
    code = segno.make(payload, error="m", micro=False, encoding="utf-8")
    return code.svg_data_uri(border=0, omitsize=True, dark="#000")
