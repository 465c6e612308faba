"""The one-stop mechanism's paper forms (Circular 01/2018/TT-VPCP, Art. 9) as PDF, and
the dossier register (form 06) as PDF and XLSX.

Forms 01–05 are A5 portrait, the register A4 landscape. All are laid out as Decree
30/2020/NĐ-CP (Appendix I) documents: the issuing body top left (the commune's People's
Committee above the Public Administrative Service Center, with a short rule), the
national name and motto top right, the place-and-date line in italics, the title bold
and centred, a 13 pt body in Liberation Serif (metric-compatible with Times New Roman
and complete for Vietnamese), the signature block. The per-dossier forms carry a QR
code top left (Circular 01/2023/TT-VPCP) with the dossier code, the procedure code, the
document name and the applicant's ID **masked** — never the full ID.

Rendering is offline: WeasyPrint gets the HTML as a string with no base URL and a URL
fetcher that refuses everything except ``data:`` URLs; fonts come from the system
(fontconfig), so nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from xaso.core.models import OrgUnit, User
from xaso.core.spreadsheets import print_a4_landscape
from xaso.core.vietnamese import (
    amount_in_words,
    decree30_date_phrase,
    format_date,
    format_datetime,
    format_vnd,
    nfc,
    search_key,
)
from xaso.onestop.models import EXEMPTION_LABELS, Dossier, DossierDocument, DossierEvent, Status
from xaso.onestop.services import ACTION_LABELS
from xaso.targets.exports import BOX, FONT, MOTTO, NATION, issuer_lines

__all__ = [
    "FORMS",
    "OfflineFetcher",
    "PaperError",
    "form_pdf",
    "mask_id",
    "qr_payload",
    "register_pdf",
    "register_rows",
    "register_xlsx",
]

CENTER_LINE = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
COMMITTEE = "ỦY BAN NHÂN DÂN"
SIGN_HINT = "(Ký và ghi rõ họ tên)"
DASH = "—"
# Sub-items in Vietnamese documents: a), b), c), d), đ), e), g), h), i), k)…
VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
# Early / on time / late, as the statistics count them (indicators.statistics): done
# before the due day starts is early, by the due moment on time, after it late.
EARLY, ON_TIME, LATE = "Trước hạn", "Đúng hạn", "Quá hạn"
# Steps of form 05 whose moment is judged against a deadline; intake, payment and the
# reschedule itself are not.
JUDGED_ACTIONS = {
    "transfer",
    "request_supplement",
    "request_payment",
    "complete",
    "return_result",
    "stop",
}


@dataclass(frozen=True)
class Form:
    number: int
    name: str
    template: str
    signer_role: str

    @property
    def title(self) -> str:
        return self.name.upper()


FORMS: dict[int, Form] = {
    1: Form(
        1,
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "onestop/paper/01_tiep_nhan.html",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ),
    2: Form(
        2,
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "onestop/paper/02_bo_sung.html",
        "NGƯỜI HƯỚNG DẪN",
    ),
    3: Form(
        3,
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "onestop/paper/03_tu_choi.html",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ),
    4: Form(
        4,
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "onestop/paper/04_xin_loi.html",
        "ĐẠI DIỆN CƠ QUAN, ĐƠN VỊ",
    ),
    5: Form(
        5,
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "onestop/paper/05_kiem_soat.html",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ),
    6: Form(6, "Sổ theo dõi hồ sơ", "onestop/paper/06_so_theo_doi.html", ""),
}


class PaperError(ValueError):
    """The dossier lacks what the form states (e.g. no refusal for form 03); the message
    is Vietnamese and can be shown to the officer as is."""


# ------------------------------------------------------------------ offline rendering


class OfflineFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, limited to ``data:`` URLs: no file, no network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"}, fail_on_errors=False, timeout=1)

    def fetch(self, url, headers=None):
        if not str(url).lower().startswith("data:"):
            raise ValueError(f"Không tải tài nguyên ngoài khi in: {str(url)[:80]}")
        return super().fetch(url, headers)


def _pdf(html: str) -> bytes:
    return HTML(string=html, base_url=None, url_fetcher=OfflineFetcher()).write_pdf()


# ----------------------------------------------------------------------------- QR


def mask_id(number: str | None) -> str:
    """An ID number with all but its first 3 and last 2 digits hidden:
    "014095001234" → "014*******34" (what the QR code may carry)."""
    text = (number or "").strip()
    if len(text) <= 5:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def _qr_value(value: object) -> str:
    # ";" separates the fields and a newline would break simple readers.
    return " ".join(nfc(value).replace(";", ",").split())


def qr_payload(dossier: Dossier, document_name: str) -> str:
    """The QR code's text (Circular 01/2023/TT-VPCP): dossier code, procedure code,
    document name and the masked applicant ID, as
    "MaHS:<code>;MaTTHC:<procedure>;GiayTo:<name>;CCCD:<masked>"."""
    fields = (
        ("MaHS", dossier.code),
        ("MaTTHC", dossier.procedure.code),
        ("GiayTo", document_name),
        ("CCCD", mask_id(dossier.applicant_id_number)),
    )
    return ";".join(f"{key}:{_qr_value(value)}" for key, value in fields)


def qr_data_uri(payload: str) -> str:
    """The QR code as an SVG data URI (vector, so it prints sharp at any size)."""
    code = segno.make(payload, error="m", micro=False, encoding="utf-8")
    return code.svg_data_uri(border=0, omitsize=True, dark="#000")


# ------------------------------------------------------------------- issuing body


def commune_of(unit: OrgUnit) -> OrgUnit | None:
    """The commune ``unit`` is or lies in, found among its ancestors' codes."""
    codes = unit.ancestors_codes()
    if unit.kind == OrgUnit.Kind.COMMUNE:
        return unit
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes, kind=OrgUnit.Kind.COMMUNE)}
    for code in reversed(codes):
        if code in found:
            return found[code]
    return None


def _commune_name(commune: OrgUnit) -> str:
    return nfc(commune.name or commune.display_name)


def _halves(text: str) -> list[str]:
    """Split a heading into two word-aligned halves of about equal length, the place
    where a narrow (A5) column should break it."""
    words = text.split()
    if len(words) < 2:
        return [text]
    best, best_gap = 1, None
    for i in range(1, len(words)):
        gap = abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))
        if best_gap is None or gap < best_gap:
            best, best_gap = i, gap
    return [" ".join(words[:best]), " ".join(words[best:])]


@dataclass
class IssuerLine:
    """One line of the issuing body; ``parts`` are kept whole, and a narrow column
    breaks the line only between them."""

    parts: list[str]
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def issuer(unit: OrgUnit) -> list[IssuerLine]:
    """The issuing body of the one-stop forms: "ỦY BAN NHÂN DÂN XÃ …" (not bold) above
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" (bold) for any unit in a commune; otherwise the
    unit as the targets exports name it."""
    commune = commune_of(unit)
    if commune is None:
        return [IssuerLine(_halves(text), bold) for text, bold in issuer_lines(unit)]
    place = _commune_name(commune)
    center = CENTER_LINE
    if unit.kind == OrgUnit.Kind.SERVICE_CENTER and unit.name:
        # "Trung tâm phục vụ hành chính công xã Long Hẹ" → without the commune.
        name = re.sub(rf"\s+xã\s+{re.escape(place)}\s*$", "", nfc(unit.name), flags=re.I)
        center = name.upper()
    return [
        IssuerLine([COMMITTEE, f"XÃ {place.upper()}"], False),
        IssuerLine(_halves(center), True),
    ]


def _unit_name(unit: OrgUnit) -> str:
    return nfc(unit.name or unit.display_name)


def _place(unit: OrgUnit) -> str:
    commune = commune_of(unit)
    return _commune_name(commune) if commune is not None else _unit_name(unit)


# ----------------------------------------------------------------------- helpers


def _local_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return nfc(user.full_name or user.get_username())


@dataclass
class Signer:
    role: str
    name: str = ""
    job_title: str = ""
    hint: str = SIGN_HINT


def _signer(role: str, user: User | None) -> Signer:
    return Signer(role=role, name=_person(user), job_title=nfc(getattr(user, "job_title", "")))


def timeliness(at: dt.datetime | None, due: dt.datetime | None) -> str:
    """ "Trước hạn" (before the due day), "Đúng hạn" (by the due moment) or "Quá hạn"."""
    if at is None or due is None:
        return ""
    due_day = timezone.localtime(due).date() if timezone.is_aware(due) else due.date()
    at_day = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    if at_day < due_day:
        return EARLY
    return ON_TIME if at <= due else LATE


def _last_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return dossier.events.filter(action=action).select_related("actor").order_by("at", "id").last()


def _lines(text: str) -> list[str]:
    """One item per line, without bullets or numbers typed in front."""
    items = []
    for line in nfc(text).splitlines():
        item = re.sub(r"^\s*(?:[-–•*+]|\d{1,2}[.)])\s*", "", line).strip()
        if item:
            items.append(item)
    return items


def _frame(unit: OrgUnit, form: Form, *, today, dossier: Dossier | None) -> dict:
    """What every form shares: the heading, the title, the QR code and the metadata."""
    context = {
        "issuer": issuer(unit),
        "nation": NATION,
        "motto": MOTTO,
        "date_line": decree30_date_phrase(today, place=_place(unit)),
        "title": form.title,
        "form": form,
        "unit_name": _unit_name(unit),
        "qr": None,
        "doc_title": form.name,
        "paper": "a5",
    }
    if dossier is not None:
        context["qr"] = qr_data_uri(qr_payload(dossier, form.name))
        context["doc_title"] = f"{form.name} — {dossier.code}"
        context["code"] = dossier.code
    return context


# ------------------------------------------------------------------------ forms


def _documents(dossier: Dossier) -> list[dict]:
    """The procedure's required documents marked received or not, then any other
    document received."""
    inputs = [
        nfc(d.requirement)
        for d in dossier.documents.filter(kind=DossierDocument.Kind.INPUT).order_by("pk")
    ]
    received = {search_key(name) for name in inputs}
    listed: set[str] = set()
    rows = []
    for item in dossier.procedure.required_documents or []:
        name = nfc(item.get("name", "") if isinstance(item, dict) else item)
        if not name:
            continue
        key = search_key(name)
        listed.add(key)
        required = item.get("required", True) if isinstance(item, dict) else True
        if key in received:
            mark = "đã nhận"
        else:
            mark = "chưa nhận" if required else "không bắt buộc, chưa nhận"
        rows.append({"name": name, "mark": mark, "received": key in received})
    for name in inputs:
        key = search_key(name)
        if key not in listed:
            listed.add(key)
            rows.append({"name": name, "mark": "đã nhận", "received": True})
    for index, row in enumerate(rows):
        row["marker"] = VI_LETTERS[index] if index < len(VI_LETTERS) else str(index + 1)
    return rows


def _fee(dossier: Dossier) -> dict:
    amount = dossier.fee_amount or 0
    fee = {"amount": amount, "text": "", "detail": "", "words": "", "paid": "", "receipt": ""}
    if dossier.fee_exemption and not amount:
        label = EXEMPTION_LABELS.get(dossier.fee_exemption, dossier.fee_exemption)
        fee["text"] = f"Miễn ({nfc(label)})"
        return fee
    if not amount:
        fee["text"] = "Không thu"
        return fee
    detail = []
    if dossier.fee_pages:
        detail.append(f"{dossier.fee_pages} trang")
    if dossier.fee_copies > 1 or dossier.fee_pages:
        detail.append(f"{dossier.fee_copies} bản")
    fee["text"] = format_vnd(amount)
    fee["detail"] = ", ".join(detail)
    fee["words"] = amount_in_words(amount)
    if dossier.paid_at:
        method = dossier.get_payment_method_display() if dossier.payment_method else ""
        fee["paid"] = format_datetime(dossier.paid_at) + (
            f", {str(method).lower()}" if method else ""
        )
        fee["receipt"] = dossier.receipt_number
    return fee


def _form01(dossier: Dossier, form: Form, *, lookup_url: str, **_) -> dict:
    if dossier.received_at is None:
        raise PaperError(
            "Hồ sơ chưa được tiếp nhận: chưa lập được giấy tiếp nhận và hẹn trả kết quả."
        )
    return {
        "documents": _documents(dossier),
        "fee": _fee(dossier),
        "received_at": format_datetime(dossier.received_at),
        "due_at": format_datetime(dossier.due_at) if dossier.due_at else "",
        "time_label": dossier.procedure.time_label,
        "channel": dossier.get_channel_display(),
        "lookup_url": lookup_url,
        "signers": [
            Signer("NGƯỜI NỘP HỒ SƠ", nfc(dossier.applicant_name)),
            _signer(form.signer_role, dossier.received_by),
        ],
        "_today": dossier.received_at,
    }


def _form02(dossier: Dossier, form: Form, *, reason: str, **_) -> dict:
    event = _last_event(dossier, "request_supplement")
    text = dossier.missing_documents or (event.note if event else "")
    items = _lines(text)
    if not items:
        raise PaperError("Hồ sơ không có yêu cầu bổ sung: chưa ghi giấy tờ cần bổ sung.")
    officer = event.actor if event and event.actor else dossier.received_by
    return {
        "items": items,
        "reason": nfc(reason).strip() or "Hồ sơ chưa đầy đủ, hợp lệ theo quy định.",
        "officer_name": _person(officer),
        "signers": [_signer(form.signer_role, officer)],
        "_today": event.at if event else None,
    }


def _form03(dossier: Dossier, form: Form, **_) -> dict:
    if dossier.status != Status.REFUSED or not dossier.decision_reason.strip():
        raise PaperError("Hồ sơ không bị từ chối tiếp nhận: không lập phiếu từ chối.")
    event = _last_event(dossier, "refuse")
    officer = event.actor if event and event.actor else dossier.received_by
    return {
        "reasons": _lines(dossier.decision_reason) or [nfc(dossier.decision_reason).strip()],
        "submitted_at": format_datetime(dossier.submitted_at),
        "signers": [_signer(form.signer_role, officer)],
        "_today": event.at if event else dossier.closed_at,
    }


def _form04(dossier: Dossier, form: Form, *, new_due, reason: str, **_) -> dict:
    if dossier.rescheduled_from is not None:
        old_due = dossier.rescheduled_from
        new_due = new_due or dossier.due_at
    else:
        old_due = dossier.due_at
    reason = nfc(reason).strip() or nfc(dossier.reschedule_reason).strip()
    if new_due is None or (dossier.rescheduled_from is None and new_due == old_due):
        raise PaperError("Chưa có ngày hẹn trả kết quả mới.")
    if not reason:
        raise PaperError("Hãy ghi lý do chậm trả kết quả.")
    event = _last_event(dossier, "reschedule")
    officer = event.actor if event and event.actor else dossier.assigned_to or dossier.received_by
    return {
        "received_on": format_date(dossier.received_at or dossier.submitted_at),
        "old_due": format_datetime(old_due),
        "new_due": format_datetime(new_due),
        "new_due_phrase": decree30_date_phrase(new_due),
        "reason": reason,
        "signers": [_signer(form.signer_role, officer)],
        "_today": event.at if event else None,
    }


@dataclass
class Step:
    number: int
    label: str
    change: str
    actor: str
    at_time: str
    at_date: str
    due_time: str
    due_date: str
    result: str
    note: str


def _steps(dossier: Dossier) -> list[Step]:
    steps = []
    events = dossier.events.select_related("actor").order_by("at", "id")
    for number, event in enumerate(events, start=1):
        due = event.due_at
        if event.action == "transfer" and dossier.transfer_due_at:
            due = dossier.transfer_due_at  # Decree 61/2018 Art. 18: the desk's own deadline
        before = Status(event.from_status).label if event.from_status else ""
        after = Status(event.to_status).label
        change = f"{before} → {after}" if before and before != after else str(after)
        if event.actor is not None:
            actor = _person(event.actor)
        elif event.action == "intake":
            actor = "Người nộp (trực tuyến)"
        else:
            actor = "Hệ thống"
        note = nfc(event.note).strip()
        if event.action == "pay":
            note = dict(Dossier.PaymentMethod.choices).get(note, note)
        label = str(ACTION_LABELS.get(event.action, event.action))
        local = timezone.localtime(event.at)
        local_due = timezone.localtime(due) if due else None
        steps.append(
            Step(
                number=number,
                label=label[:1].upper() + label[1:],
                change=str(change),
                actor=actor,
                at_time=f"{local:%H:%M}",
                at_date=format_date(local),
                due_time=f"{local_due:%H:%M}" if local_due else "",
                due_date=format_date(local_due) if local_due else "",
                result=timeliness(event.at, due) if event.action in JUDGED_ACTIONS else "",
                note=str(note),
            )
        )
    return steps


def _outcome(dossier: Dossier, now: dt.datetime) -> str:
    if dossier.done_at is not None:
        judged = timeliness(dossier.done_at, dossier.due_at)
        return "Đã có kết quả" + (f", {judged.lower()}" if judged else "")
    if dossier.status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        return str(dossier.get_status_display())
    if dossier.status == Status.NEW or dossier.due_at is None:
        return "Chưa tiếp nhận"
    if dossier.status == Status.SUPPLEMENT:
        return "Đang chờ bổ sung hồ sơ (thời hạn tính lại khi nhận đủ)"
    return "Đang giải quyết, " + ("còn trong hạn" if now <= dossier.due_at else "đã quá hạn")


def _form05(dossier: Dossier, form: Form, **_) -> dict:
    return {
        "steps": _steps(dossier),
        "outcome": _outcome(dossier, timezone.now()),
        "processor": _person(dossier.assigned_to),
        "received_at": format_datetime(dossier.received_at),
        "due_at": format_datetime(dossier.due_at),
        "rescheduled_from": format_datetime(dossier.rescheduled_from),
        "signers": [_signer(form.signer_role, dossier.received_by)],
        "_today": None,
    }


_BUILDERS = {1: _form01, 2: _form02, 3: _form03, 4: _form04, 5: _form05}


def form_pdf(
    dossier: Dossier,
    number: int,
    *,
    today: dt.date | None = None,
    new_due: dt.datetime | None = None,
    reason: str = "",
    lookup_url: str | None = None,
    officer: User | None = None,
) -> bytes:
    """Form ``number`` (1–5) of Circular 01/2018/TT-VPCP for ``dossier``, as an A5 PDF.

    ``today`` is the date of the place-and-date line (by default the day of the event
    the form records: receipt, supplement request, refusal, reschedule; today for 05).
    ``new_due``/``reason`` are form 04's new date and reason (by default the dossier's
    rescheduled ``due_at`` and ``reschedule_reason``); ``reason`` is form 02's reason
    too. ``lookup_url`` is where form 01 tells the applicant to look the dossier up
    (by default the public path "/tra-cuu/<code>/"). ``officer`` signs instead of the
    one recorded on the dossier. Raises :class:`PaperError` when the dossier lacks what
    the form states.
    """
    if number not in _BUILDERS:
        raise PaperError(f"Không có mẫu số {number:02d} cho từng hồ sơ.")
    dossier = Dossier.objects.select_related(
        "procedure", "org_unit", "received_by", "assigned_to"
    ).get(pk=dossier.pk)
    form = FORMS[number]
    body = _BUILDERS[number](
        dossier,
        form,
        new_due=new_due,
        reason=reason,
        lookup_url=lookup_url or f"/tra-cuu/{dossier.code}/",
    )
    event_day = body.pop("_today")
    day = today or _local_date(event_day) or timezone.localdate()
    context = _frame(dossier.org_unit, form, today=day, dossier=dossier)
    context.update(body)
    if officer is not None:
        context["signers"][-1] = _signer(form.signer_role, officer)
    context.update(
        dossier=dossier,
        applicant_name=nfc(dossier.applicant_name),
        applicant_address=nfc(dossier.applicant_address),
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        on_behalf_of=nfc(dossier.on_behalf_of),
        procedure_name=nfc(dossier.procedure.name),
        procedure_code=dossier.procedure.code,
        author=context["signers"][-1].name or context["unit_name"],
    )
    return _pdf(render_to_string(form.template, context))


# ---------------------------------------------------------------------- register


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
        notes.append(f"Hẹn lại, hẹn ban đầu {format_datetime(dossier.rescheduled_from)}")
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
    form = FORMS[6]
    rows = register_rows(dossiers)
    context = _frame(unit, form, today=today or timezone.localdate(), dossier=None)
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
    )
    return _pdf(render_to_string(form.template, context))


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
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ theo dõi"
    wb.properties.title = f"{form.name} — {_period(start, end)}"
    wb.properties.creator = "xaso"
    for index, width in enumerate(REGISTER_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

    def font(size: float = 12, *, bold=False, italic=False, underline=None) -> Font:
        return Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(ref_range: str, text: str, cell_font: Font) -> None:
        ws.merge_cells(ref_range)
        cell = ws[ref_range.split(":")[0]]
        cell.value = nfc(text)
        cell.font = cell_font
        cell.alignment = centre

    heading = issuer(unit)
    for offset, line in enumerate(heading):
        put(f"A{1 + offset}:C{1 + offset}", line.text, font(12, bold=line.bold))
    put(f"A{1 + len(heading)}:C{1 + len(heading)}", "―――――――", font(8))
    put(f"D1:{last}1", NATION, font(12, bold=True))
    put(f"D2:{last}2", MOTTO, font(13, bold=True, underline="single"))
    date_line = decree30_date_phrase(today or timezone.localdate(), place=_place(unit))
    put(f"D4:{last}4", date_line, font(13, italic=True))
    put(f"A6:{last}6", form.title, font(14, bold=True))
    put(f"A7:{last}7", _period(start, end), font(13, italic=True))
    for row, height in {1: 17, 2: 18, 3: 12, 4: 18, 5: 10, 6: 20, 7: 18, 8: 8}.items():
        ws.row_dimensions[row].height = height

    header_row = 9
    for col, text in enumerate(REGISTER_HEADERS, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = font(12, bold=True)
        cell.alignment = centre
        cell.border = BOX
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
            cell.border = BOX
            if isinstance(value, dt.datetime):
                cell.number_format = DATETIME_FORMAT
                cell.alignment = centre
            elif col in (3, 4, 9):
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            else:
                cell.alignment = centre
        lines = max(
            1,
            -(-len(item.procedure) // int(REGISTER_WIDTHS[2] * 1.2)),
            -(-len(item.note) // int(REGISTER_WIDTHS[8] * 1.2)),
        )
        ws.row_dimensions[r].height = 16 * lines + 4

    print_a4_landscape(
        ws,
        title_rows=f"{header_row}:{header_row}",
        area=f"A1:{last}{max(r, header_row)}",
        freeze_row=header_row + 1,
        left_mm=20,
        bottom_mm=15,
        footer_font=FONT,
    )

    out = BytesIO()
    wb.save(out)
    return out.getvalue()
