"""The Party office's tables as XLSX, with the kit of ``core.documents``: the Party
letterhead (Hướng dẫn 36-HD/VPTW) above the table and the one print setup of every
table (A4 landscape, header repeated, "Trang x/y"). The structure tables (one sheet:
a row per cell, the columns grouped by subject) and the member list."""

from __future__ import annotations

import datetime as dt

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents import party_letterhead
from xaso.core.documents import xlsx_writer as xlsx
from xaso.core.vietnamese import format_date
from xaso.party.models import Member
from xaso.party.structure import Structure

STRUCTURE_TITLE = "THỐNG KÊ CƠ CẤU ĐẢNG VIÊN"
LIST_TITLE = "DANH SÁCH ĐẢNG VIÊN"
DEMO_NOTE = "Có số liệu mẫu (demo): không dùng để báo cáo."
AGE_NOTE = "Nhóm tuổi do xaso chọn (chưa có mẫu biểu quy định nhóm tuổi)."
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _box(ws, top: int, bottom: int, ncols: int, bold_rows=()) -> None:
    for row in ws.iter_rows(min_row=top, max_row=bottom, max_col=ncols):
        for cell in row:
            cell.border = xlsx.BOX
            cell.font = xlsx.font(11, bold=cell.row in bold_rows)
            if cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = xlsx.CENTRE if cell.column > 1 else LEFT


def _head(ws, unit, today, title, subtitle, ncols) -> int:
    last = get_column_letter(ncols)
    xlsx.write_letterhead(ws, party_letterhead(unit, day=today), last_col=ncols, issuer_cols=4)
    xlsx.put(ws, f"A6:{last}6", title, xlsx.font(14, bold=True))
    xlsx.put(ws, f"A7:{last}7", subtitle, xlsx.font(12, italic=True))
    return 9


def structure_xlsx(data: Structure, *, today: dt.date) -> bytes:
    """One sheet: the cells down, the subjects across (two header rows), the total."""
    ncols = 2 + sum(len(d.columns) for d in data.dimensions)
    book, ws = xlsx.new_workbook(sheet="Cơ cấu", title=STRUCTURE_TITLE)
    top = _head(
        ws,
        data.unit,
        today,
        STRUCTURE_TITLE,
        f"Đảng viên trong đảng số ngày {format_date(data.day)}",
        ncols,
    )
    bold = xlsx.font(11, bold=True)
    for col, text in ((1, "Chi bộ"), (2, "Tổng số")):
        ws.cell(row=top, column=col, value=text)
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    col = 3
    for dim in data.dimensions:
        ws.cell(row=top, column=col, value=dim.label)
        if dim.columns:
            end = col + len(dim.columns) - 1
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        for offset, (_key, label) in enumerate(dim.columns):
            ws.cell(row=top + 1, column=col + offset, value=label)
        col += len(dim.columns)
    for row in (*data.rows, data.total):
        values = [row.label, row.total]
        for dim in data.dimensions:
            values += [row.get(dim.key, key) for key, _label in dim.columns]
        ws.append(values)
    last_row = ws.max_row
    _box(ws, top, last_row, ncols, bold_rows={top, top + 1, last_row})
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=ncols):
        for cell in row:
            cell.font, cell.alignment = bold, xlsx.CENTRE
    ws.column_dimensions["A"].width = 34
    for index in range(2, ncols + 1):
        ws.column_dimensions[get_column_letter(index)].width = 9
    notes = [AGE_NOTE, *([DEMO_NOTE] if data.demo else [])]
    for note in notes:
        row = ws.max_row + 1
        xlsx.put(
            ws, f"A{row}:{get_column_letter(ncols)}{row}", note, xlsx.font(11, italic=True), LEFT
        )
    xlsx.print_a4_landscape(
        ws,
        title_rows=f"{top}:{top + 1}",
        area=f"A1:{get_column_letter(ncols)}{ws.max_row}",
        freeze_row=top + 2,
    )
    return xlsx.to_bytes(book)


LIST_COLUMNS = (
    ("STT", 6),
    ("Họ và tên", 26),
    ("Chi bộ", 26),
    ("Ngày sinh", 12),
    ("Giới tính", 8),
    ("Dân tộc", 10),
    ("Ngày vào Đảng", 12),
    ("Ngày chính thức", 12),
    ("Tình trạng", 12),
    ("Giáo dục phổ thông", 14),
    ("Chuyên môn, nghiệp vụ", 14),
    ("Lý luận chính trị", 14),
    ("Chức vụ", 24),
)


def members_xlsx(members: list[Member], *, unit, today: dt.date) -> bytes:
    """The roll: one row per member, by cell then name (no card number: the list
    travels further than the file)."""
    ncols = len(LIST_COLUMNS)
    book, ws = xlsx.new_workbook(sheet="Đảng viên", title=LIST_TITLE)
    top = _head(
        ws, unit, today, LIST_TITLE, f"Đảng viên trong đảng số ngày {format_date(today)}", ncols
    )
    for col, (label, width) in enumerate(LIST_COLUMNS, start=1):
        ws.cell(row=top, column=col, value=label)
        ws.column_dimensions[get_column_letter(col)].width = width
    for n, m in enumerate(members, start=1):
        cell = getattr(m.org_unit, "party_cell", None)
        ws.append(
            [
                n,
                m.full_name + (" (demo)" if m.is_demo else ""),
                str(cell) if cell else m.org_unit.display_name,
                format_date(m.birth_date),
                m.get_gender_display(),
                m.ethnicity,
                format_date(m.admitted_on),
                format_date(m.official_on),
                m.get_status_display(),
                m.get_general_education_display(),
                m.get_professional_display(),
                m.get_theory_display(),
                m.positions,
            ]
        )
    _box(ws, top, ws.max_row, ncols, bold_rows={top})
    if any(m.is_demo for m in members):
        row = ws.max_row + 1
        xlsx.put(
            ws,
            f"A{row}:{get_column_letter(ncols)}{row}",
            DEMO_NOTE,
            xlsx.font(11, italic=True),
            LEFT,
        )
    xlsx.print_a4_landscape(
        ws,
        title_rows=f"{top}:{top}",
        area=f"A1:{get_column_letter(ncols)}{ws.max_row}",
        freeze_row=top + 1,
    )
    return xlsx.to_bytes(book)
