"""Small server-side SVG charts every app may draw: columns (e.g. a rate by month),
horizontal bars (e.g. a figure per bản) and one stacked bar (e.g. statuses of a group).

Drawn on the server as inline ``<svg class="chart" role="img">`` with a ``<title>``: they
print, work without JavaScript, and every bar carries its number in words so the chart
reads in black and white. The caller passes texts already formatted (``vnumber``…)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#1d70b8"
INK = "#0b0c0c"
FONT = 'font-family="inherit" font-size="12"'


@dataclass(frozen=True)
class Bar:
    label: str  # under (columns) or before (bars) the bar
    value: Decimal | float | int | None  # None: no figure, no bar
    text: str = ""  # the figure as printed beside the bar
    colour: str = BAR


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    colour: str
    ink: str = "#fff"  # the text colour on the segment


def _open(chart_id: str, title: str, width: int, height: int, css: str = "") -> list[str]:
    return [
        f'<svg class="chart{" " + escape(css) if css else ""}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" '
        'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]


def _close(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in parts is escaped


def _scale(items: Sequence[Bar], maximum) -> float:
    values = [float(b.value) for b in items if b.value is not None]
    top = float(maximum) if maximum is not None else max(values, default=0.0)
    return top or 1.0


def columns(
    items: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    maximum=None,
) -> SafeString:
    """Vertical columns, one per item, the figure above each."""
    width, height, left, right, top, bottom = 560, 200, 8, 8, 22, 30
    top_value = _scale(items, maximum)
    slot = (width - left - right) / max(len(items), 1)
    bar_width = slot * 0.62
    plot = height - top - bottom

    def y(value) -> float:
        return top + plot * (1 - min(float(value), top_value) / top_value)

    parts = _open(chart_id, title, width, height)
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{INK}"/>')
    for i, bar in enumerate(items):
        cx = left + slot * i + slot / 2
        if bar.value is not None:
            by = y(bar.value)
            parts.append(
                f'<rect x="{cx - bar_width / 2:.1f}" y="{by:.1f}" width="{bar_width:.1f}" '
                f'height="{base - by:.1f}" fill="{escape(bar.colour)}"/>'
            )
            parts.append(
                f'<text x="{cx:.1f}" y="{by - 5:.1f}" text-anchor="middle" {FONT} '
                f'fill="{INK}">{escape(bar.text)}</text>'
            )
        else:
            parts.append(
                f'<text x="{cx:.1f}" y="{base - 5}" text-anchor="middle" {FONT} '
                f'fill="{INK}">–</text>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{height - 10}" text-anchor="middle" {FONT} '
            f'fill="{INK}">{escape(bar.label)}</text>'
        )
    return _close(parts)


def bars(
    items: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    maximum=None,
    reference=None,
    reference_label: str = "",
) -> SafeString:
    """Horizontal bars, one row per item: the label on the left, the figure after the
    bar; ``reference`` draws a dashed vertical line (a target) labelled at the top."""
    width, row, label_width, right, top = 560, 20, 150, 56, 18
    height = top + row * len(items) + 8
    top_value = _scale(items, maximum)
    span = width - label_width - right

    def x(value) -> float:
        return label_width + span * min(float(value), top_value) / top_value

    parts = _open(chart_id, title, width, height)
    for i, bar in enumerate(items):
        y0 = top + row * i
        parts.append(
            f'<text x="{label_width - 6}" y="{y0 + 14}" text-anchor="end" {FONT} '
            f'fill="{INK}">{escape(bar.label)}</text>'
        )
        end = x(bar.value) if bar.value is not None else label_width
        if bar.value is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y0 + 3}" width="{end - label_width:.1f}" '
                f'height="{row - 6}" fill="{escape(bar.colour)}"/>'
            )
        parts.append(
            f'<text x="{end + 4:.1f}" y="{y0 + 14}" {FONT} fill="{INK}">'
            f"{escape(bar.text if bar.value is not None else '–')}</text>"
        )
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 6}" '
        f'stroke="{INK}"/>'
    )
    if reference is not None:
        rx = x(reference)
        parts.append(
            f'<line class="reference" x1="{rx:.1f}" y1="{top - 4}" x2="{rx:.1f}" '
            f'y2="{height - 6}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        if reference_label:
            parts.append(
                f'<text x="{rx:.1f}" y="{top - 7}" text-anchor="middle" {FONT} '
                f'fill="{INK}">{escape(reference_label)}</text>'
            )
    return _close(parts)


def stacked(segments: Sequence[Segment], *, title: str, chart_id: str) -> SafeString:
    """One horizontal bar split by count (e.g. a group's targets by status), each
    segment with its count inside and a legend underneath giving every count in words."""
    width, bar_height, legend_row = 320, 28, 18
    shown = [s for s in segments if s.count]
    total = sum(s.count for s in shown) or 1
    height = bar_height + 8 + legend_row * len(segments)
    parts = _open(chart_id, title, width, height, css="chart--small")
    x = 0.0
    for s in shown:
        w = width * s.count / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{bar_height}" '
            f'fill="{escape(s.colour)}" stroke="#fff"/>'
        )
        if w >= 16:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{bar_height / 2 + 5:.1f}" text-anchor="middle" '
                f'font-size="14" font-weight="bold" fill="{escape(s.ink)}">{s.count}</text>'
            )
        x += w
    for i, s in enumerate(segments):
        y0 = bar_height + 8 + legend_row * i
        parts.append(
            f'<rect x="0" y="{y0 + 2}" width="12" height="12" fill="{escape(s.colour)}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="18" y="{y0 + 13}" {FONT} fill="{INK}">{s.count} {escape(s.label)}</text>'
        )
    return _close(parts)
