"""Numbers as the reader's language writes them: Vietnamese by default ("1.234,5",
"52,0%", "25.591.000.000 đồng"), English when chosen ("1,234.5", "52.0%",
"25,591,000,000 VND"). Pages and charts use these; documents (PDF, DOCX, XLSX) stay
Vietnamese through ``core.vietnamese``."""

from __future__ import annotations

from django.utils import translation

from xaso.core import vietnamese as vn


def english() -> bool:
    """Whether the reader chose English (numbers then group with commas)."""
    return (translation.get_language() or "vi").split("-")[0] == "en"


def _swap(text: str) -> str:
    """A Vietnamese-formatted number the English way: "1.234,5" → "1,234.5"."""
    return text.replace(".", "\0").replace(",", ".").replace("\0", ",")


def format_number(value: object, decimals: int = 0) -> str:
    """``vietnamese.format_number`` in the reader's language."""
    text = vn.format_number(value, decimals)
    return _swap(text) if english() else text


def format_exact(value: object) -> str:
    """``vietnamese.format_exact`` (a figure with just the decimals it has) in the
    reader's language."""
    text = vn.format_exact(value)
    return _swap(text) if english() else text


def format_vnd(amount: object) -> str:
    """ "25.591.000.000 đồng"; in English "25,591,000,000 VND"."""
    if amount is None:
        return ""
    if english():
        return format_number(amount, 0) + " VND"
    return vn.format_vnd(amount)


def format_percent(value: object, decimals: int = 1) -> str:
    """ "52,0%"; in English "52.0%"."""
    if value is None:
        return ""
    return format_number(value, decimals) + "%"
