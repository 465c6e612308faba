"""Template filters for numbers, money and dates: ``{% load vn %}``.

They wrap :mod:`xaso.core.vietnamese` so templates and Python code format alike. A value
that cannot be formatted renders as an empty string rather than breaking the page.

In Vietnamese (the default) numbers read "25.591.000.000 đồng", "52,0%"; when the
reader chose English they read "25,591,000,000 VND", "52.0%". Dates stay dd/mm/yyyy in
both languages (the form every date input takes), times HH:MM on 24 hours.
"""

from __future__ import annotations

import datetime as dt
from decimal import InvalidOperation

from django import template

from xaso.core import vietnamese as vn
from xaso.core.localized import format_number, format_percent, format_vnd

register = template.Library()

_ERRORS = (ValueError, TypeError, InvalidOperation, ArithmeticError, AttributeError)


def _blank(value: object) -> bool:
    return value is None or value == ""


@register.filter(name="nfc")
def nfc_filter(value: object) -> str:
    """Text in NFC (Django's own name for Vietnamese, "Tiếng Việt", is decomposed)."""
    return vn.nfc(value)


@register.filter
def vnd(value: object) -> str:
    """``{{ amount|vnd }}`` → "25.591.000.000 đồng" (English: "25,591,000,000 VND")."""
    if _blank(value):
        return ""
    try:
        return format_vnd(value)
    except _ERRORS:
        return ""


@register.filter
def vnumber(value: object, decimals: object = 0) -> str:
    """``{{ x|vnumber:1 }}`` → "1.234,5" (English: "1,234.5")."""
    if _blank(value):
        return ""
    try:
        return format_number(value, int(decimals))
    except _ERRORS:
        return ""


@register.filter
def vpercent(value: object, decimals: object = 1) -> str:
    """``{{ rate|vpercent }}`` → "52,0%" (English: "52.0%")."""
    if _blank(value):
        return ""
    try:
        return format_percent(value, int(decimals))
    except _ERRORS:
        return ""


@register.filter(expects_localtime=False)
def vdate(value: object) -> str:
    """``{{ d|vdate }}`` → "05/02/2026"; also a date kept as text in JSON ("2026-02-05")."""
    if _blank(value):
        return ""
    try:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return vn.format_date(value)
    except _ERRORS:
        return ""


@register.filter(expects_localtime=False)
def vdatetime(value: object) -> str:
    """``{{ dt|vdatetime }}`` → "16:00 13/02/2026" (Viet Nam time)."""
    if _blank(value):
        return ""
    try:
        return vn.format_datetime(value)
    except _ERRORS:
        return ""


@register.filter(expects_localtime=False)
def vdue(value: object) -> str:
    """``{{ dossier.due_at|vdue }}`` → "17:00 ngày 04/05/2026" (a due moment)."""
    if _blank(value):
        return ""
    try:
        return vn.format_due(value)
    except _ERRORS:
        return ""


@register.filter(expects_localtime=False)
def decree30(value: object, place: object = None) -> str:
    """``{{ d|decree30:"Long Hẹ" }}`` → "Long Hẹ, ngày 05 tháng 02 năm 2026"."""
    if _blank(value):
        return ""
    try:
        return vn.decree30_date_phrase(value, None if place is None else str(place))
    except _ERRORS:
        return ""


@register.filter
def in_words(value: object) -> str:
    """``{{ amount|in_words }}`` → "Một nghìn không trăm linh một đồng" (receipt phrase)."""
    if _blank(value):
        return ""
    try:
        return vn.amount_in_words(value)
    except _ERRORS:
        return ""


@register.filter
def number_words(value: object) -> str:
    """``{{ n|number_words }}`` → "một nghìn không trăm linh một" (no unit, lower-case)."""
    if _blank(value):
        return ""
    try:
        return vn.number_to_words(value)
    except _ERRORS:
        return ""
