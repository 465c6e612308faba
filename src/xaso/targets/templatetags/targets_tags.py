"""Status badges and target phrases, the same on every page and in print."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.localized import format_number
from xaso.targets import registry
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


#: The GOV.UK tag colour of each status.
TAGS = {
    Status.MET: "govuk-tag--green",
    Status.NOT_MET: "govuk-tag--red",
    Status.NOT_DUE: "govuk-tag--blue",
    Status.NO_DATA: "govuk-tag--grey",
}


@register.simple_tag
def status_badge(status, at_risk=False):
    status = Status(status)
    badge = format_html(
        '<strong class="govuk-tag {} status-{}">{} {}</strong>',
        TAGS[status],
        status.value,
        SYMBOLS[status],
        status_label(status),
    )
    if at_risk:
        badge = format_html(
            '{} <strong class="govuk-tag govuk-tag--orange status-risk">⚠ {}</strong>',
            badge,
            _("có nguy cơ không đạt"),
        )
    return badge


@register.simple_tag
def risk_reason(measure_row, resolution) -> str:
    """Why a measure is at risk, in words: the trend of its figures so far carried to the
    term's end falls short of (or beyond) the target."""
    measure, evaluation, spec = measure_row.measure, measure_row.evaluation, measure_row.spec
    years = [p.year for p in evaluation.periods if p.actual is not None]
    if spec.baseline is not None and spec.kind not in ("growth_rate", "cumulative"):
        years.append(spec.baseline_year)
    if evaluation.projected is None or not years:
        return ""
    direction = {
        "gte": _("thấp hơn mục tiêu"),
        "gt": _("thấp hơn mục tiêu"),
        "lte": _("cao hơn mục tiêu"),
        "lt": _("cao hơn mục tiêu"),
    }.get(measure.comparator, _("ngoài mục tiêu"))
    return _(
        "Theo xu hướng số liệu %(first)s–%(last)s, năm %(end)s ước đạt %(projected)s, "
        "%(direction)s %(target)s."
    ) % {
        "first": min(years),
        "last": max(years),
        "end": resolution.term_end,
        "projected": f"{format_number(evaluation.projected, measure.decimals)}"
        + (f" {measure.unit}" if measure.unit else ""),
        "direction": direction,
        "target": target_phrase(measure),
    }


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


@register.filter
def data_source_words(measure) -> str:
    """Where a measure's figures come from, in words (never "computed:<key>")."""
    if not measure.is_computed:
        return _("Nhập theo kỳ, lãnh đạo duyệt")
    source = registry.get(measure.source_key)
    if source is None:
        return _("Tự động từ phân hệ khác (phân hệ chưa hoạt động)")
    return _("Tự động, trực tiếp từ: %(source)s") % {"source": source.label}


@register.simple_tag
def source_words(measure_row) -> str:
    """A measure row's source in words: the label of the source it was computed from."""
    if measure_row.series.computed_from:
        return _("Tự động, trực tiếp từ: %(source)s") % {"source": measure_row.series.computed_from}
    return data_source_words(measure_row.measure)


#: How a rule's parameters read ({"threshold_percent": 50} → "ngưỡng: 50%").
PARAM_WORDS = {
    "min": (gettext_lazy("từ %(v)s"), ""),
    "max": (gettext_lazy("đến %(v)s"), ""),
    "threshold_percent": (gettext_lazy("ngưỡng thay đổi %(v)s"), "%"),
}


@register.filter
def rule_params(rule) -> str:
    """A validation rule's parameters in words, "—" when it has none."""
    parts = []
    for key, value in (rule.params or {}).items():
        words, suffix = PARAM_WORDS.get(key, ("%(v)s", ""))
        try:
            shown = format_number(value, 0 if float(value) == int(value) else 1)
        except (TypeError, ValueError):
            shown = str(value)
        parts.append(str(words) % {"v": f"{shown}{suffix}"})
    return ", ".join(parts) or "—"
