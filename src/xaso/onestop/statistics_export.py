"""The statistics of form II.06a as an XLSX workbook (openpyxl), Times New Roman, with the
house print setup of ``core.documents``. Its header is the page's (``_stats_table.html``):
two rows, the figures grouped under "Số hồ sơ nhận", "Đã giải quyết" and "Đang giải
quyết", each group's columns named in the second row; both rows repeat on every page."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents import xlsx_writer as xlsx
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_date
from xaso.onestop.indicators import Row, Statistics

LABEL = "Lĩnh vực / thủ tục"
# (group, its columns), in the order of ``Row.FIELDS``.
GROUPS = [
    ("Số hồ sơ nhận", ["Tổng", "Trực tuyến", "Trực tiếp, bưu chính", "Kỳ trước chuyển qua"]),
    ("Đã giải quyết", ["Tổng", "Trước hạn", "Đúng hạn", "Quá hạn"]),
    ("Đang giải quyết", ["Tổng", "Trong hạn", "Quá hạn"]),
]
FIELDS = Row.FIELDS
NCOLS = 1 + sum(len(columns) for _group, columns in GROUPS)


def _write_header(sheet, top: int) -> None:
    """The two header rows from row ``top``: the label over both, each group over its
    columns."""
    sheet.cell(row=top, column=1, value=LABEL)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    col = 2
    for group, columns in GROUPS:
        sheet.cell(row=top, column=col, value=group)
        sheet.merge_cells(
            start_row=top, start_column=col, end_row=top, end_column=col + len(columns) - 1
        )
        for offset, name in enumerate(columns):
            sheet.cell(row=top + 1, column=col + offset, value=name)
        col += len(columns)
    bold = xlsx.font(12, bold=True)
    for row in sheet.iter_rows(min_row=top, max_row=top + 1, max_col=NCOLS):
        for cell in row:
            cell.border = xlsx.BOX
            cell.font = bold
            cell.alignment = xlsx.CENTRE


def statistics_xlsx(stats: Statistics, *, unit: OrgUnit) -> bytes:
    title = f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — {unit.display_name.upper()}"
    book, sheet = xlsx.new_workbook(sheet="Thống kê", title=title)
    font, bold = xlsx.font(12), xlsx.font(12, bold=True)
    sheet.append([title])
    sheet.append([f"Kỳ báo cáo: từ {format_date(stats.start)} đến {format_date(stats.end)}"])
    sheet.append([])
    sheet.cell(row=1, column=1).font = xlsx.font(13, bold=True)
    sheet.cell(row=2, column=1).font = xlsx.font(12, italic=True)
    header_row = 4
    _write_header(sheet, header_row)
    first_body_row = header_row + 2
    bold_rows = set()
    for section, rows in (("Theo lĩnh vực", stats.by_field), ("Theo thủ tục", stats.by_procedure)):
        sheet.append([section])
        bold_rows.add(sheet.max_row)
        for row in rows:
            sheet.append([row.label, *(getattr(row, f) for f in FIELDS)])
    sheet.append(["Tổng số", *(getattr(stats.total, f) for f in FIELDS)])
    bold_rows.add(sheet.max_row)
    for row in sheet.iter_rows(min_row=first_body_row, max_row=sheet.max_row, max_col=NCOLS):
        for cell in row:
            cell.border = xlsx.BOX
            cell.font = bold if cell.row in bold_rows else font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    for col in range(2, NCOLS + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 12
    xlsx.print_a4_landscape(
        sheet,
        title_rows=f"{header_row}:{header_row + 1}",
        area=f"A1:{get_column_letter(NCOLS)}{sheet.max_row}",
        freeze_row=first_body_row,
    )
    return xlsx.to_bytes(book)
