"""Form 06 of Circular 01/2018/TT-VPCP, the register of dossiers (sổ theo dõi hồ sơ), as
an A4 landscape PDF and as an XLSX table with the same columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from xaso.core.documents import xlsx_writer as xlsx
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_date, format_datetime, format_due, nfc
from xaso.onestop.models import Dossier, Status
from xaso.onestop.paper.layout import FORMS, frame, letterhead, timeliness


@dataclass
class RegisterRow:
    """One line of the register (form 06)."""

    number: int
    code: str
    procedure: str
    applicant: str
    received: dt.datetime | None
    due: dt.datetime | None
    done: dt.datetime | None
    returned: dt.datetime | None
    notes: list[str] = field(default_factory=list)
    demo: bool = False  # a demo dossier (``xaso demo``)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)


def _register_note(dossier: Dossier, now: dt.datetime) -> list[str]:
    notes = []
    reason = nfc(dossier.decision_reason).strip().rstrip(" .;")
    closed = {
        Status.REFUSED: "Từ chối tiếp nhận",
        Status.WITHDRAWN: "Rút hồ sơ",
        Status.STOPPED: "Dừng xử lý",
    }
    if dossier.status in closed:
        notes.append(closed[dossier.status] + (f": {reason}" if reason else ""))
    elif dossier.status == Status.NEW:
        notes.append(f"Nộp trực tuyến {format_datetime(dossier.submitted_at)}, chưa tiếp nhận")
    if dossier.channel == Dossier.Channel.ONLINE and dossier.status != Status.NEW:
        notes.append("Nộp trực tuyến")
    elif dossier.channel == Dossier.Channel.POST:
        notes.append("Nộp qua bưu chính")
    if dossier.rescheduled_from:
        notes.append(f"Hẹn lại, hẹn ban đầu {format_due(dossier.rescheduled_from)}")
    if dossier.done_at:
        notes.append(timeliness(dossier.done_at, dossier.due_at))
    elif dossier.status == Status.SUPPLEMENT:
        notes.append("Chờ bổ sung")
    elif dossier.is_open and dossier.due_at and now > dossier.due_at:
        notes.append("Đang quá hạn")
    if dossier.return_method == Dossier.ReturnMethod.POST:
        notes.append("Trả qua bưu chính")
    elif dossier.return_method == Dossier.ReturnMethod.ONLINE:
        notes.append("Trả trực tuyến")
    return notes


def register_rows(dossiers: Iterable[Dossier]) -> list[RegisterRow]:
    """The register's lines in order of receipt (submission for those not received)."""
    if hasattr(dossiers, "select_related"):
        dossiers = dossiers.select_related("procedure")
    items = sorted(dossiers, key=lambda d: (d.received_at or d.submitted_at, d.code))
    now = timezone.now()
    return [
        RegisterRow(
            number=index,
            code=d.code,
            procedure=f"{d.procedure.code} {nfc(d.procedure.name)}",
            applicant=nfc(d.applicant_name),
            received=d.received_at,
            due=d.due_at,
            done=d.done_at,
            returned=d.returned_at,
            notes=_register_note(d, now),
            demo=d.is_demo,
        )
        for index, d in enumerate(items, start=1)
    ]


REGISTER_HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Thủ tục hành chính",
    "Người nộp hồ sơ",
    "Ngày nhận",
    "Hẹn trả kết quả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Ghi chú",
]


def _period(start: dt.date, end: dt.date) -> str:
    return f"Từ ngày {format_date(start)} đến ngày {format_date(end)}"


def _split_moment(value: dt.datetime | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    local = timezone.localtime(value)
    return format_date(local), f"{local:%H:%M}"


def register_pdf(
    dossiers: Iterable[Dossier],
    *,
    unit: OrgUnit,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
) -> bytes:
    """Form 06, the register of dossiers received from ``start`` to ``end`` (the caller
    selects them), as an A4 landscape PDF with the table heading on every page."""
    from xaso.core.documents.pdf import render_pdf  # WeasyPrint: not for the XLSX

    form = FORMS[6]
    rows = register_rows(dossiers)
    context = frame(unit, form, today=today or timezone.localdate(), dossier=None)
    context.update(
        paper="a4l",
        doc_title=f"{form.name} — {_period(start, end)}",
        period=_period(start, end),
        headers=REGISTER_HEADERS,
        rows=[
            {
                "row": row,
                "received": _split_moment(row.received),
                "due": _split_moment(row.due),
                "done": _split_moment(row.done),
                "returned": _split_moment(row.returned),
            }
            for row in rows
        ],
        author=context["unit_name"],
        demo=any(row.demo for row in rows),
    )
    return render_pdf(form.template, context)


def _naive_local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


REGISTER_WIDTHS = [6, 21, 42, 24, 16, 16, 16, 16, 36]
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def register_xlsx(
    dossiers: Iterable[Dossier],
    *,
    unit: OrgUnit,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
) -> bytes:
    """Form 06 as an XLSX workbook (sheet "Sổ theo dõi"): the same columns, times as
    real date-times, Times New Roman, A4 landscape with the heading row repeated."""
    form = FORMS[6]
    rows = register_rows(dossiers)
    ncols = len(REGISTER_HEADERS)
    last = get_column_letter(ncols)
    wb, ws = xlsx.new_workbook(sheet="Sổ theo dõi", title=f"{form.name} — {_period(start, end)}")
    for index, width in enumerate(REGISTER_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    font, centre, put = xlsx.font, xlsx.CENTRE, xlsx.put

    head = letterhead(unit, today or timezone.localdate())
    xlsx.write_letterhead(ws, head, last_col=ncols)
    put(ws, f"A6:{last}6", form.title, font(14, bold=True))
    put(ws, f"A7:{last}7", _period(start, end), font(13, italic=True))
    for row, height in {5: 10, 6: 20, 7: 18, 8: 8}.items():
        ws.row_dimensions[row].height = height

    header_row = 9
    for col, text in enumerate(REGISTER_HEADERS, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = font(12, bold=True)
        cell.alignment = centre
        cell.border = xlsx.BOX
    ws.row_dimensions[header_row].height = 32

    r = header_row
    for item in rows:
        r += 1
        values = [
            item.number,
            item.code,
            item.procedure,
            item.applicant,
            _naive_local(item.received),
            _naive_local(item.due),
            _naive_local(item.done),
            _naive_local(item.returned),
            item.note or None,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.font = font(12)
            cell.border = xlsx.BOX
            if isinstance(value, dt.datetime):
                cell.number_format = DATETIME_FORMAT
                cell.alignment = centre
            elif col in (3, 4, 9):
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            else:
                cell.alignment = centre
        lines = max(
            xlsx.lines_needed(item.procedure, REGISTER_WIDTHS[2]),
            xlsx.lines_needed(item.note, REGISTER_WIDTHS[8]),
        )
        ws.row_dimensions[r].height = 16 * lines + 4

    xlsx.print_a4_landscape(
        ws,
        title_rows=f"{header_row}:{header_row}",
        area=f"A1:{last}{max(r, header_row)}",
        freeze_row=header_row + 1,
        left_mm=20,
        bottom_mm=15,
    )
    return xlsx.to_bytes(wb)
