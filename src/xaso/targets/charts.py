"""The targets' charts, inline SVG drawn on the server (they print, work without
JavaScript and read in black and white):

* ``measure_chart``: a measure over the years — the actual figures (solid line, round
  markers, each labelled), the target (dashed line) and the baseline (square);
* ``group_chart``: a target group's targets by status, one stacked bar;
* ``village_chart``: a measure's figure per bản in one year, the target dashed."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xaso.core import charts as core_charts
from xaso.core.localized import format_number
from xaso.targets.evaluation import Status

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32


def measure_chart(row, resolution) -> SafeString:
    years = resolution.years
    spec, measure = row.spec, row.measure
    actuals = {p.year: p.actual for p in row.evaluation.periods if p.actual is not None}
    values = [*actuals.values(), spec.target_value]
    if spec.target_max is not None:
        values.append(spec.target_max)
    baseline = spec.baseline if spec.kind not in ("growth_rate", "cumulative") else None
    if baseline is not None:
        values.append(baseline)
    low, high = min(values), max(values)
    if low > 0 and spec.kind in ("ratio", "percentage"):
        low = Decimal(0)
    if high == low:
        high = low + 1
    pad = (high - low) / 10
    low, high = (low - pad if low < 0 else low), high + pad

    def x(year: int) -> float:
        span = max(len(years) - 1, 1)
        return LEFT + (WIDTH - LEFT - RIGHT) * (years.index(year) / span)

    def y(value: Decimal) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - value) / (high - low))

    decimals = measure.decimals
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-{measure.pk}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{measure.pk}-title">{escape(measure.code)} {escape(measure.name)}'
        f"</title>",
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"'
        ' stroke="#000" stroke-width="1"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#000"'
        ' stroke-width="1"/>',
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="11">{escape(format_number(tick, decimals))}</text>'
        )
    for year in years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
            f'font-size="11">{year}</text>'
        )
    for bound in [spec.target_value, spec.target_max]:
        if bound is None:
            continue
        parts.append(
            f'<line class="target" x1="{LEFT}" y1="{y(bound):.1f}" '
            f'x2="{WIDTH - RIGHT}" y2="{y(bound):.1f}" stroke="#000" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{y(bound) - 4:.1f}" text-anchor="end" '
            f'font-size="11">{escape(_("mục tiêu"))} {escape(format_number(bound, decimals))}'
            "</text>"
        )
    if baseline is not None and resolution.baseline_year in years:
        bx, by = x(resolution.baseline_year), y(baseline)
        parts.append(
            f'<rect class="baseline" x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" '
            'height="8" fill="#fff" stroke="#000"/>'
        )
    points = [(x(year), y(value), value) for year, value in sorted(actuals.items())]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        parts.append(
            f'<polyline class="actual" points="{path}" fill="none" stroke="#0b5394"'
            ' stroke-width="2"/>'
        )
    for px, py, value in points:
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="#0b5394"/>')
        parts.append(
            f'<text x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle" '
            f'font-size="11" font-weight="bold">'
            f"{escape(format_number(value, decimals))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


#: A status's colour in charts (GOV.UK palette) and the ink of a count written on it.
STATUS_COLOURS = {
    Status.MET: ("#00703c", "#fff"),
    Status.NOT_MET: ("#d4351c", "#fff"),
    Status.NOT_DUE: ("#5694ca", "#0b0c0c"),
    Status.NO_DATA: ("#b1b4b6", "#0b0c0c"),
}


def group_chart(group_row) -> SafeString:
    """A group's targets by status: one bar split đạt / chưa đạt / chưa đến hạn / chưa
    có số liệu, the counts on it and in the legend."""
    from xaso.targets.templatetags.targets_tags import status_label

    counts = dict.fromkeys(STATUS_COLOURS, 0)
    for t in group_row.targets:
        counts[t.status] += 1
    group = group_row.group
    return core_charts.stacked(
        [
            core_charts.Segment(str(status_label(s)), n, *STATUS_COLOURS[s])
            for s, n in counts.items()
        ],
        title=_("%(group)s: tình trạng %(n)s chỉ tiêu")
        % {"group": group.name, "n": len(group_row.targets)},
        chart_id=f"group-{group.pk}",
    )


def village_chart(measure_row, breakdown, year: int) -> SafeString:
    """Each bản's figure of a measure in ``year`` as a bar (green when met), the target
    as a dashed line; a bản without a figure shows "–"."""
    measure, spec = measure_row.measure, measure_row.spec
    items = [
        core_charts.Bar(
            label=village.display_name,
            value=period.actual,
            text=format_number(period.actual, measure.decimals)
            if period.actual is not None
            else "",
            colour=STATUS_COLOURS[Status.MET][0]
            if period.status == Status.MET
            else core_charts.BAR,
        )
        for village, period in breakdown
    ]
    values = [p.actual for _v, p in breakdown if p.actual is not None]
    top = max([*values, spec.target_value, Decimal(1)])
    if spec.kind in ("ratio", "percentage"):
        top = max(top, Decimal(100))
    return core_charts.bars(
        items,
        title=_("%(code)s %(name)s theo bản, năm %(year)s")
        % {"code": measure.code, "name": measure.name, "year": year},
        chart_id=f"villages-{measure.pk}",
        maximum=top,
        reference=spec.target_value,
        reference_label=_("mục tiêu %(v)s")
        % {"v": format_number(spec.target_value, measure.decimals if spec.target_value % 1 else 0)},
    )
