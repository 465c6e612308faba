"""The statistics of form II.06a as an XLSX workbook (openpyxl), Times New Roman, A4
landscape, the same columns as the page."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

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
    book = Workbook()
    sheet = book.active
    sheet.title = "Thống kê"
    font, bold = (
        Font(name="Times New Roman", size=12),
        Font(name="Times New Roman", size=12, bold=True),
    )
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(
        [f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — {unit.display_name.upper()}"]
    )
    sheet.append([f"Kỳ báo cáo: từ {format_date(stats.start)} đến {format_date(stats.end)}"])
    sheet.append([])
    sheet.cell(row=1, column=1).font = Font(name="Times New Roman", size=13, bold=True)
    sheet.cell(row=2, column=1).font = Font(name="Times New Roman", size=12, italic=True)
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
            cell.border = border
            cell.font = (
                bold
                if cell.row in (header_row, sheet.max_row)
                else (cell.font if cell.font.b else font)
            )
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 12
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{header_row}:{header_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
