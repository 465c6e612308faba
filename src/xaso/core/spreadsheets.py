"""The house print setup for XLSX tables: A4 landscape, fit to the page width, the
header repeated on every page, Decree 30/2020 margins, "Trang x/y" in the footer."""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

MM = 1 / 25.4


def print_a4_landscape(
    ws: Worksheet,
    *,
    title_rows: str,
    area: str,
    freeze_row: int,
    left_mm: float = 30,
    bottom_mm: float = 20,
    footer_font: str = "Times New Roman",
) -> None:
    ws.freeze_panes = ws.cell(row=freeze_row, column=1)
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(
        left=left_mm * MM,
        right=15 * MM,
        top=20 * MM,
        bottom=bottom_mm * MM,
        header=8 * MM,
        footer=8 * MM,
    )
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = footer_font
    ws.oddFooter.center.size = 10
    ws.print_area = area
