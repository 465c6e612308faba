"""The petition statistics of a period as an XLSX workbook (openpyxl), A4 landscape."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents.xlsx_writer import font, new_workbook, print_a4_landscape, to_bytes
from xaso.core.vietnamese import format_date


def statistics_xlsx(stats: dict, unit_name: str = "") -> bytes:
    title = _("Thống kê tiếp công dân, đơn thư từ %(s)s đến %(e)s") % {
        "s": format_date(stats["start"]),
        "e": format_date(stats["end"]),
    }
    wb, ws = new_workbook(sheet=_("Thống kê đơn thư"), title=title)
    ws.append([title])
    ws.append([unit_name])
    header = [_("Loại đơn"), *[str(label) for _v, label in stats["channels"]], _("Tổng số")]
    ws.append(header)
    for label, counts, total in stats["rows"]:
        ws.append([str(label), *counts, total])
    ws.append([_("Tổng số"), *stats["channel_totals"], stats["received"]])
    ws.append([])
    for label, key in SUMMARY:
        ws.append([str(label), stats[key]])
    last = ws.max_row
    width = len(header)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for row in ws.iter_rows():
        for cell in row:
            cell.font = font(12, bold=cell.row in (1, 3))
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.column_dimensions["A"].width = 40
    for column in range(2, width + 1):
        ws.column_dimensions[get_column_letter(column)].width = 18
    print_a4_landscape(
        ws, title_rows="3:3", area=f"A1:{get_column_letter(width)}{last}", freeze_row=4
    )
    return to_bytes(wb)


def _summary():
    from django.utils.translation import gettext_lazy

    return [
        (gettext_lazy("Đơn đã thụ lý"), "accepted"),
        (gettext_lazy("Giải quyết đúng hạn"), "resolved_on_time"),
        (gettext_lazy("Giải quyết quá hạn"), "resolved_late"),
        (gettext_lazy("Đơn đã chuyển cơ quan có thẩm quyền"), "forwarded"),
        (gettext_lazy("Đơn đang giải quyết"), "pending"),
        (gettext_lazy("Buổi đối thoại đã tổ chức"), "dialogues"),
        (gettext_lazy("Việc sau đối thoại đã hoàn thành"), "followups_done"),
    ]


SUMMARY = _summary()
