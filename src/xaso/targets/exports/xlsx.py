"""The targets as an XLSX table (sheet "Chỉ tiêu"), under the Decree 30/2020/NĐ-CP
(Appendix I) letterhead of ``core.documents``, printed A4 landscape with its heading rows
on every page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents import state_letterhead
from xaso.core.documents import xlsx_writer as xlsx
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_number, nfc
from xaso.targets.exports.shared import (
    DEMO_NOTE,
    TABLE_TITLE,
    YEARS_SPAN,
    Line,
    baseline_note,
    baseline_of,
    coverage_note,
    demo_year,
    table_headers,
    table_lines,
    taken_at,
    target_text,
)
from xaso.targets.models import Resolution
from xaso.targets.selectors import GroupRow

# Column widths in characters; figures and units widen their columns as needed.
XLSX_WIDTHS = {"stt": 5, "name": 42, "unit": 9, "target": 9, "figure": 9, "status": 22}
# Printed after a figure from demo values (by its number format, so the cell stays a
# number), and explained in a note under the table: a cell comment is not printed.
DEMO_SUFFIX = " (demo)"
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _xlsx_widths(resolution: Resolution, unit: OrgUnit, lines: list[Line]) -> list[float]:
    """Column widths (characters) wide enough for the longest figure, unit word and
    target of their columns, so that none is broken inside a word."""
    rows = [ln.measure for ln in lines if ln.measure is not None]
    units = [w for m in rows for w in nfc(m.measure.unit).split()]
    targets = [target_text(m.measure) for m in rows]

    def figures(col: int) -> list[str]:
        found = []
        for m in rows:
            if col == 0:
                value = baseline_of(m, resolution, unit)
            else:
                periods = m.evaluation.periods
                value = periods[col - 1].actual if col - 1 < len(periods) else None
            if value is not None:
                demo = col > 0 and demo_year(m, resolution.years[col - 1])
                found.append(format_number(value, m.measure.decimals) + DEMO_SUFFIX * demo)
        return found

    def fit(texts: list[str], minimum: float, maximum: float = 22) -> float:
        longest = max((len(t) for t in texts), default=0)
        return max(minimum, min(maximum, longest * 1.1 + 2))

    w = XLSX_WIDTHS
    years = [fit(figures(i + 1), w["figure"]) for i in range(len(resolution.years))]
    baseline = fit(figures(0), w["figure"] + 1)
    return [
        w["stt"],
        w["name"],
        fit(units, w["unit"]),
        fit(targets, w["target"]),
        baseline,
        *years,
        w["status"],
    ]


def _cell_number(value: Decimal) -> float:
    return round(float(value), 6)


def _demo_format(number_format: str) -> str:
    """``number_format`` followed by " (demo)", printed with the figure."""
    return f'{number_format}"{DEMO_SUFFIX}"'


def targets_xlsx(
    resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], *, today: dt.date
) -> bytes:
    """The targets table as an XLSX workbook, sheet "Chỉ tiêu"."""
    years = resolution.years
    headers = table_headers(resolution)
    ncols = len(headers)
    col_year0 = 6  # F
    col_status = col_year0 + len(years)
    last = get_column_letter(ncols)

    wb, ws = xlsx.new_workbook(sheet="Chỉ tiêu", title=f"{TABLE_TITLE} — {resolution.name}")

    lines = table_lines(groups)
    widths = _xlsx_widths(resolution, unit, lines)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

    centre, font, put = xlsx.CENTRE, xlsx.font, xlsx.put

    # Letterhead: issuing body left (A–C), national name and motto right (D–last).
    xlsx.write_letterhead(ws, state_letterhead(unit, day=today), last_col=ncols)
    put(ws, f"A6:{last}6", TABLE_TITLE, font(14, bold=True))
    put(ws, f"A7:{last}7", resolution.name, font(13, bold=True))
    put(
        ws,
        f"A8:{last}8",
        f"(Số liệu đã được phê duyệt, tổng hợp từ hệ thống xaso {taken_at(today)})",
        font(12, italic=True),
    )
    for row, height in {5: 10, 6: 20, 7: 18, 8: 17, 9: 8}.items():
        ws.row_dimensions[row].height = height
    total_chars = sum(widths)
    ws.row_dimensions[7].height = 18 * xlsx.lines_needed(resolution.name, total_chars, bold=True)

    top, header_row = 10, 11
    for col, text in enumerate(headers, start=1):
        in_span = col_year0 <= col < col_status
        for r in (top, header_row):
            cell = ws.cell(row=r, column=col)
            cell.font = font(12, bold=True)
            cell.alignment = centre
            cell.border = xlsx.BOX
        ws.cell(row=header_row if in_span else top, column=col, value=text)
        if not in_span:
            ws.merge_cells(start_row=top, start_column=col, end_row=header_row, end_column=col)
    ws.cell(row=top, column=col_year0, value=YEARS_SPAN)
    ws.merge_cells(start_row=top, start_column=col_year0, end_row=top, end_column=col_status - 1)
    ws.row_dimensions[top].height = 20
    ws.row_dimensions[header_row].height = 20

    row = header_row
    any_demo = False
    for line in lines:
        row += 1
        values: list[object] = [None] * ncols
        values[0] = line.number
        values[1] = line.label
        m = line.measure
        if m is not None:
            values[2] = nfc(m.measure.unit) or None
            values[3] = target_text(m.measure)
            baseline = baseline_of(m, resolution, unit)
            if baseline is not None:
                values[4] = _cell_number(baseline)
            for i, period in enumerate(m.evaluation.periods[: len(years)]):
                if period.actual is not None:
                    values[col_year0 - 1 + i] = _cell_number(period.actual)
        values[col_status - 1] = line.status or None
        bold = line.kind in ("group", "target")
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = xlsx.BOX
            cell.font = font(12, bold=bold and col <= 2)
            if col == 2:
                cell.alignment = Alignment(
                    horizontal="left",
                    vertical="center",
                    wrap_text=True,
                    indent=2 if line.kind == "measure" else 0,
                )
            elif isinstance(value, float):
                cell.alignment = Alignment(horizontal="right", vertical="center", indent=1)
                cell.number_format = xlsx.number_format(m.measure.decimals if m else 1)
            elif col == col_status:
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            else:
                cell.alignment = centre
        if line.kind == "group":
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=ncols)
        if m is not None:
            note = baseline_note(m, resolution)
            if note and values[4] is not None:
                ws.cell(row=row, column=5).comment = Comment(note, "xaso", width=300, height=80)
            for i, year in enumerate(years):
                said = [coverage_note(m, year), DEMO_NOTE if demo_year(m, year) else ""]
                note = ". ".join(n for n in said if n)
                if note and values[col_year0 - 1 + i] is not None:
                    ws.cell(row=row, column=col_year0 + i).comment = Comment(note, "xaso")
                if demo_year(m, year) and values[col_year0 - 1 + i] is not None:
                    cell = ws.cell(row=row, column=col_year0 + i)
                    cell.number_format = _demo_format(cell.number_format)
                    any_demo = True
        name_width = widths[1] if line.kind != "group" else sum(widths[1:])
        name_width -= 4 if line.kind == "measure" else 0
        height_lines = max(
            xlsx.lines_needed(line.label, name_width, bold=bold),
            xlsx.lines_needed(line.status, widths[-1]) if line.status else 1,
            xlsx.lines_needed(values[2] or "", widths[2]),
        )
        ws.row_dimensions[row].height = 16 * height_lines + 4

    if any_demo:
        row += 1
        note = f"Ghi chú: “{DEMO_SUFFIX.strip()}”: {DEMO_NOTE}."
        put(ws, f"A{row}:{last}{row}", note, font(12, italic=True), LEFT)
        ws.row_dimensions[row].height = 16 * xlsx.lines_needed(note, total_chars) + 4

    xlsx.print_a4_landscape(
        ws,
        title_rows=f"{top}:{header_row}",
        area=f"A1:{last}{row}",
        freeze_row=header_row + 1,
        left_mm=30,
        bottom_mm=20,
    )
    return xlsx.to_bytes(wb)
