"""What the targets' XLSX table and DOCX report share: the rows of the table (groups,
targets, measures), their headings, and how a target, a status and a baseline are
written. Only what ``selectors.evaluate_targets`` computed from approved figures is shown:
a missing figure is an empty cell (XLSX) or "—" (DOCX), never a zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_date, format_datetime, format_number, nfc
from xaso.targets.evaluation import STATUS_LABELS, Status
from xaso.targets.models import Measure, Resolution
from xaso.targets.selectors import GroupRow, MeasureRow, TargetRow

TABLE_TITLE = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT"
NO_DATA = STATUS_LABELS[Status.NO_DATA]
AT_RISK = " — có nguy cơ không đạt"
DASH = "—"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
YEARS_SPAN = "Kết quả thực hiện"


def _roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def _plain(value: Decimal | None) -> str:
    """A target or limit as written: no trailing zeros ("10", "0,4", "10.000.000")."""
    if value is None:
        return ""
    number = Decimal(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


def target_text(measure: Measure) -> str:
    """ "≥ 10", "< 35" or "7–9" for a range."""
    if measure.comparator == Measure.Comparator.RANGE:
        return f"{_plain(measure.target_value)}–{_plain(measure.target_max)}"
    return f"{measure.get_comparator_display()} {_plain(measure.target_value)}"


def measure_status(row: MeasureRow) -> str:
    latest = row.evaluation.latest
    text = latest.status_label if latest is not None else NO_DATA
    return text + (AT_RISK if row.evaluation.at_risk else "")


def target_status(row: TargetRow) -> str:
    return STATUS_LABELS[row.status] + (AT_RISK if row.at_risk else "")


DEMO_NOTE = "Số liệu demo (dữ liệu mẫu), không phải số liệu của báo cáo hay của xã"


def coverage_note(row: MeasureRow, year: int) -> str:
    cover = row.series.coverage.get(year)
    if cover is None:
        return ""
    return f"Cộng từ số liệu của {cover.reported}/{cover.expected} bản"


def demo_year(row: MeasureRow, year: int) -> bool:
    """Whether the figure of ``year`` comes from demo data (said beside it in print)."""
    return any(p.year == year and p.demo for p in row.evaluation.periods)


def baseline_of(row: MeasureRow, resolution: Resolution, unit: OrgUnit) -> Decimal | None:
    """The measure's baseline, which is the resolution's unit's figure: not shown for
    another unit (a bản), whose own baseline is not known."""
    if unit.pk != resolution.org_unit_id:
        return None
    return row.measure.baseline


def baseline_note(row: MeasureRow, resolution: Resolution) -> str:
    measure = row.measure
    parts = []
    if measure.baseline_year and measure.baseline_year != resolution.baseline_year:
        parts.append(f"Năm {measure.baseline_year}")
    if measure.baseline_source:
        parts.append(f"Nguồn: {nfc(measure.baseline_source)}")
    return ". ".join(parts)


@dataclass
class Line:
    """One table row: a group heading, a target, or a measure under a target."""

    kind: str  # "group" | "target" | "measure"
    number: str
    label: str
    measure: MeasureRow | None = None
    status: str = ""


def table_lines(groups: list[GroupRow]) -> list[Line]:
    lines: list[Line] = []
    seq = 0
    for group_row in groups:
        group = group_row.group
        lines.append(Line("group", _roman(group.number), nfc(group.name)))
        for target_row in group_row.targets:
            seq += 1
            target = target_row.target
            label = f"({target.number}) {nfc(target.name)}"
            if len(target_row.measures) == 1:
                only = target_row.measures[0]
                lines.append(Line("target", str(seq), label, only, measure_status(only)))
                continue
            lines.append(
                Line(
                    "target",
                    str(seq),
                    label,
                    None,
                    target_status(target_row) if target_row.measures else "",
                )
            )
            for m in target_row.measures:
                lines.append(
                    Line(
                        "measure",
                        "",
                        f"{m.measure.code}. {nfc(m.measure.name)}",
                        m,
                        measure_status(m),
                    )
                )
    return lines


def taken_at(today: dt.date) -> str:
    if isinstance(today, dt.datetime):
        return format_datetime(today)
    return f"ngày {format_date(today)}"


def table_headers(resolution: Resolution) -> list[str]:
    """The table's column headings; the year columns ("2026"…) sit under
    ``YEARS_SPAN`` in a second heading row, the others span both rows."""
    return [
        "STT",
        "Chỉ tiêu / thành phần",
        "Đơn vị tính",
        "Mục tiêu",
        f"Năm gốc ({resolution.baseline_year})",
        *[str(y) for y in resolution.years],
        "Tình trạng",
    ]
