"""The statistics of form II.06a as an XLSX workbook (openpyxl), Times New Roman, the
same columns as the page, with the house print setup of ``core.documents``."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents import xlsx_writer as xlsx
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_date
from xaso.onestop.indicators import Row, Statistics

COLUMNS = [
    "Lĩnh vực / thủ tục",
    "Tổng nhận",
    "Trực tuyến",
    "Trực tiếp, bưu chính",
    "Kỳ trước chuyển qua",
    "Đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang giải quyết",
    "Trong hạn",
    "Quá hạn",
]
FIELDS = Row.FIELDS


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
    sheet.append(COLUMNS)
    bold_rows = {header_row}
    for section, rows in (("Theo lĩnh vực", stats.by_field), ("Theo thủ tục", stats.by_procedure)):
        sheet.append([section])
        bold_rows.add(sheet.max_row)
        for row in rows:
            sheet.append([row.label, *(getattr(row, f) for f in FIELDS)])
    sheet.append(["Tổng số", *(getattr(stats.total, f) for f in FIELDS)])
    bold_rows.add(sheet.max_row)
    for row in sheet.iter_rows(min_row=header_row, max_row=sheet.max_row):
        for cell in row:
            cell.border = xlsx.BOX
            cell.font = bold if cell.row in bold_rows else font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 12
    xlsx.print_a4_landscape(
        sheet,
        title_rows=f"{header_row}:{header_row}",
        area=f"A1:{get_column_letter(len(COLUMNS))}{sheet.max_row}",
        freeze_row=header_row + 1,
    )
    return xlsx.to_bytes(book)
