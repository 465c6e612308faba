"""``{% load onestop_fees %}``: what a page says a procedure's fee is.

``{% fee_lines procedure as lines %}`` gives ``selectors.fee_lines``: one line, or for a
fee the province sets one line per province — "chưa nhập" until its amount is entered —
so the desk, the catalogue and the portal state the same thing."""

from __future__ import annotations

from django import template

from xaso.onestop import selectors

register = template.Library()


@register.simple_tag
def fee_lines(procedure) -> list[selectors.FeeLine]:
    return selectors.fee_lines(procedure)
