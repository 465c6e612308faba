"""The targets as a DOCX report (báo cáo) in the Decree 30/2020/NĐ-CP (Appendix I)
layout: the letterhead and text on an A4 portrait page, the table on A4 landscape pages,
then the recipients and the signature block."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from xaso.core.documents import docx_writer as docx
from xaso.core.documents import state_letterhead
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_number, nfc
from xaso.targets.evaluation import STATUS_LABELS, Status
from xaso.targets.exports.shared import (
    DASH,
    TABLE_TITLE,
    YEARS_SPAN,
    baseline_of,
    table_headers,
    table_lines,
    taken_at,
    target_text,
)
from xaso.targets.models import Resolution
from xaso.targets.selectors import GroupRow

ZWSP = "\u200b"


def _breakable_unit(unit: str, size: float, width_mm: float) -> str:
    """A unit such as "đồng/người/năm" that may wrap after its slashes when it is wider
    than ``width_mm`` (otherwise a narrow column breaks it inside a word)."""
    if any(docx.text_width_mm(w, size, 0.47) > width_mm for w in unit.split()):
        return unit.replace("/", "/" + ZWSP)
    return unit


def _summary(groups: list[GroupRow]) -> str:
    measures = [m for g in groups for t in g.targets for m in t.measures]
    targets = sum(len(g.targets) for g in groups)
    if not measures:
        return ""
    counts = {status: 0 for status in Status}
    for m in measures:
        counts[m.evaluation.status] += 1
    at_risk = sum(1 for m in measures if m.evaluation.at_risk)
    parts = [
        f"{STATUS_LABELS[s]} {counts[s]}"
        for s in (Status.MET, Status.NOT_MET, Status.NOT_DUE, Status.NO_DATA)
    ]
    text = (
        f"Trong {len(measures)} thành phần đo của {targets} chỉ tiêu, theo số liệu năm "
        f"gần nhất có số liệu: {'; '.join(parts)}."
    )
    if at_risk:
        text += (
            f" Có {at_risk} thành phần có nguy cơ không đạt mục tiêu đến cuối nhiệm kỳ "
            "nếu giữ nhịp độ hiện nay."
        )
    return text


def _subject(unit: OrgUnit) -> str:
    if unit.kind == OrgUnit.Kind.COMMUNE:
        return f"Ủy ban nhân dân xã {nfc(unit.name)}"
    commune = unit.commune()
    if unit.kind == OrgUnit.Kind.VILLAGE and commune is not None:
        return f"{nfc(unit.display_name)}, xã {nfc(commune.name)},"
    return nfc(unit.display_name)


def targets_docx(
    resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], *, today: dt.date
) -> bytes:
    """The targets as a Decree 30/2020 report (báo cáo): text on an A4 portrait page
    closed by the recipients and the signature block, then the attached table on A4
    landscape pages."""
    doc = docx.new_document(title=f"Báo cáo kết quả thực hiện các chỉ tiêu {resolution.name}")
    first = doc.sections[0]
    docx.page_setup(first, landscape=False)
    docx.page_number_header(first)
    text_width = docx.A4_PORTRAIT_TEXT_MM

    # Letterhead: issuing body and number left, national name, motto and place-date right;
    # the number is written in after signing (Decree 30/2020 Art. 15).
    symbol = "BC-UBND" if unit.kind == OrgUnit.Kind.COMMUNE else "BC"
    docx.write_letterhead(doc, state_letterhead(unit, day=today, symbol=symbol))

    docx.paragraph(doc, "BÁO CÁO", size=14, bold=True, before=24)
    docx.paragraph(doc, f"Kết quả thực hiện các chỉ tiêu {resolution.name}", size=14, bold=True)
    docx.short_rule(doc, 40, text_width, after=12)

    def body(text: str) -> None:
        paragraph = docx.paragraph(doc, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.line_spacing = 1.15

    body(f"{_subject(unit)} báo cáo kết quả thực hiện các chỉ tiêu của {resolution.name} như sau.")
    body(
        f"Số liệu tổng hợp trực tiếp từ hệ thống xaso tại thời điểm {taken_at(today)}, "
        "chỉ gồm số liệu đã được phê duyệt; ô có dấu “—” là chưa có số liệu được phê duyệt. "
        "Tình trạng của mỗi chỉ tiêu đánh giá theo năm gần nhất có số liệu."
    )
    summary = _summary(groups)
    if summary:
        body(summary)
    body("Kết quả cụ thể tại biểu tổng hợp kèm theo.")

    # Recipients and signature close the text (Decree 30 Appendix I); the table follows
    # as its attachment.
    closing = doc.add_table(rows=1, cols=2)
    docx.no_borders(closing)
    docx.set_widths(closing, [text_width * 0.45, text_width * 0.55])
    recipients, signature = closing.cell(0, 0), closing.cell(0, 1)
    docx.paragraph(
        recipients,
        "Nơi nhận:",
        size=12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
        before=12,
    )
    # No "- Như trên;": the report has no "Kính gửi" for it to refer to.
    docx.paragraph(recipients, "- Lưu: VT.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if unit.kind == OrgUnit.Kind.COMMUNE:
        docx.paragraph(signature, "TM. ỦY BAN NHÂN DÂN", size=13, bold=True, first=True, before=12)
        docx.paragraph(signature, "CHỦ TỊCH", size=13, bold=True)
    else:
        docx.paragraph(
            signature,
            "TRƯỞNG BẢN" if unit.kind == OrgUnit.Kind.VILLAGE else "THỦ TRƯỞNG",
            size=13,
            bold=True,
            first=True,
            before=12,
        )
    for _ in range(5):
        docx.paragraph(signature, "", size=13)

    # The table on landscape pages.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    docx.page_setup(section, landscape=True)
    section.different_first_page_header_footer = False
    page_width = docx.A4_LANDSCAPE_TEXT_MM
    docx.paragraph(doc, TABLE_TITLE, size=13, bold=True)
    docx.paragraph(
        doc,
        f"(Kèm theo báo cáo kết quả thực hiện các chỉ tiêu {resolution.name})",
        size=12,
        italic=True,
        after=6,
    )
    _docx_table(doc, resolution, unit, groups, page_width)

    return docx.to_bytes(doc)


def _docx_table(
    doc, resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], page_width: float
):
    years = resolution.years
    headers = table_headers(resolution)
    lines = table_lines(groups)
    size = 11

    def figure(value: Decimal | None, decimals: int) -> str:
        return DASH if value is None else format_number(value, decimals)

    rows: list[list[str]] = []
    notes: list[list[str]] = []
    for line in lines:
        cells = [""] * len(headers)
        cell_notes = [""] * len(headers)
        cells[0], cells[1] = line.number, line.label
        m = line.measure
        if m is not None:
            decimals = m.measure.decimals
            cells[2] = nfc(m.measure.unit)
            cells[3] = target_text(m.measure)
            cells[4] = figure(baseline_of(m, resolution, unit), decimals)
            for i, year in enumerate(years):
                period = m.evaluation.periods[i] if i < len(m.evaluation.periods) else None
                cells[5 + i] = figure(period.actual if period else None, decimals)
                cover = m.series.coverage.get(year)
                if cover is not None and cover.reported < cover.expected and cells[5 + i] != DASH:
                    cell_notes[5 + i] = f"({cover.reported}/{cover.expected} bản)"
                if period is not None and period.demo and cells[5 + i] != DASH:
                    cell_notes[5 + i] = " ".join(n for n in (cell_notes[5 + i], "(demo)") if n)
        cells[-1] = line.status
        rows.append(cells)
        notes.append(cell_notes)

    # Column widths: figures as wide as their longest word (a number never wraps), units
    # wrap after their slashes, and the name takes the rest.
    def need(col: int, minimum: float, em: float = 0.5, maximum: float = 26) -> float:
        words = [w for r in rows for w in r[col].replace(ZWSP, " ").split()]
        longest = max((docx.text_width_mm(w, size, em) * 1.05 for w in words), default=0)
        return max(minimum, min(longest + 2.5, maximum))

    unit_min = 16.0
    others = 10 + 28 + need(3, 15) + need(4, 18) + sum(need(5 + i, 14) for i in range(len(years)))
    if page_width - others - need(2, unit_min, 0.47, 30) < 60:  # the name needs the room
        for cells in rows:
            cells[2] = _breakable_unit(cells[2], size, unit_min - 2.5)

    widths = [
        10.0,
        0.0,
        need(2, unit_min, 0.47, 30),
        need(3, 15),
        need(4, 18),
        *[need(5 + i, 14) for i in range(len(years))],
        28.0,
    ]
    widths[1] = max(55.0, page_width - sum(widths))
    if sum(widths) > page_width:  # many years: shrink the figures evenly
        extra = sum(widths) - page_width
        figures = list(range(3, 5 + len(years)))
        for col in figures:
            widths[col] -= extra / len(figures)

    table = doc.add_table(rows=2 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx.cell_margins(table, 1.0)
    docx.set_widths(table, widths)

    first_year, status_col = 5, 5 + len(years)
    for header in table.rows[:2]:
        docx.repeat_header(header)
        docx.cant_split(header)
    span = table.cell(0, first_year).merge(table.cell(0, status_col - 1))
    for col, text in enumerate(headers):
        if first_year <= col < status_col:  # a year, under the span
            cell = table.cell(1, col)
        else:
            cell = table.cell(0, col).merge(table.cell(1, col))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        docx.paragraph(cell, text, size=size, bold=True, first=True, before=2, after=2)
    span.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    docx.paragraph(span, YEARS_SPAN, size=size, bold=True, first=True, before=2, after=2)

    for index, (line, cells, cell_notes) in enumerate(zip(lines, rows, notes, strict=True)):
        row = table.rows[index + 2]
        docx.cant_split(row)
        if line.kind == "group":
            row.cells[1].merge(row.cells[-1])
        for col, text in enumerate(cells):
            if line.kind == "group" and col > 1:
                continue
            cell = row.cells[col]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if col == 1 or col == len(cells) - 1:
                align = WD_ALIGN_PARAGRAPH.LEFT
            elif col >= 4 and text not in ("", DASH):
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = WD_ALIGN_PARAGRAPH.CENTER
            bold = line.kind in ("group", "target") and col <= 1
            paragraph = docx.paragraph(
                cell, text, size=size, bold=bold, align=align, first=True, before=1, after=1
            )
            if line.kind == "measure" and col == 1:
                paragraph.paragraph_format.left_indent = Mm(3)
            if cell_notes[col]:
                docx.paragraph(cell, cell_notes[col], size=9, italic=True, align=align, after=1)
    return table
