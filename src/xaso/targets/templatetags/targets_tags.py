"""Status badges and target phrases, the same on every page and in print."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _

from xaso.core.vietnamese import format_number
from xaso.targets.evaluation import Status

register = template.Library()

# A symbol as well as a colour, so the status reads when printed in black and white.
SYMBOLS = {Status.MET: "✔", Status.NOT_MET: "✘", Status.NOT_DUE: "◔", Status.NO_DATA: "—"}


def status_label(status) -> str:
    return {
        Status.MET: _("đạt"),
        Status.NOT_MET: _("chưa đạt"),
        Status.NOT_DUE: _("chưa đến hạn"),
        Status.NO_DATA: _("chưa có số liệu"),
    }[Status(status)]


@register.simple_tag
def status_badge(status, at_risk=False):
    status = Status(status)
    badge = format_html(
        '<span class="status status-{}">{} {}</span>',
        status.value,
        SYMBOLS[status],
        status_label(status),
    )
    if at_risk:
        badge = format_html(
            '{} <span class="status status-risk">⚠ {}</span>', badge, _("có nguy cơ không đạt")
        )
    return badge


@register.simple_tag
def demo_mark(demo=True):
    """The demo mark (``core/_demo_mark.html``, the same as on a demo dossier or petition)
    beside a figure drawn from demo data — never read as the report's figure."""
    if not demo:
        return ""
    return format_html(" {}", render_to_string("core/_demo_mark.html"))


@register.filter
def target_phrase(measure) -> str:
    """ "≥ 10 %", "7–9 %", "< 35 %"."""
    unit = f" {measure.unit}" if measure.unit else ""
    value = format_number(measure.target_value, measure.decimals if measure.target_value % 1 else 0)
    if measure.comparator == "range":
        high = format_number(measure.target_max, measure.decimals if measure.target_max % 1 else 0)
        return f"{value}–{high}{unit}"
    return f"{measure.get_comparator_display()} {value}{unit}"


@register.filter
def figure(value, decimals=1):
    return "" if value is None else format_number(value, decimals)


@register.filter
def at_year(periods, year):
    for period in periods:
        if period.year == year:
            return period
    return None
