"""``{% load onestop_fees %}``: what a page says a procedure's fee is.

``{% fee_lines procedure as lines %}`` gives ``selectors.fee_lines``: one line, or for a
fee the province sets one line per province — "chưa nhập" until its amount is entered —
so the desk, the catalogue and the portal state the same thing. A page listing many
procedures reads the provinces once (``{% fee_provinces as provinces %}``) and passes
them: ``{% fee_lines procedure provinces as lines %}``. ``{% fee_not_entered %}`` is the
words that explain "chưa nhập" (``fees.NOT_ENTERED``, the same on the printed form)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from xaso.onestop import fees, selectors

register = template.Library()


@register.simple_tag
def fee_provinces() -> list:
    return selectors.fee_provinces()


@register.simple_tag
def fee_lines(procedure, provinces=None) -> list[selectors.FeeLine]:
    """``provinces``: those of ``{% fee_provinces %}``; left out (or not set in the
    including page), they are read for this procedure."""
    return selectors.fee_lines(procedure, provinces if isinstance(provinces, list) else None)


@register.simple_tag
def fee_not_entered() -> str:
    return _(fees.NOT_ENTERED)
