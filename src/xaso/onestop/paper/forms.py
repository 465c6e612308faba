"""Forms 01–05 of Circular 01/2018/TT-VPCP (Art. 9), one per dossier, as A5 PDFs: 01 the
receipt and appointment, 02 the supplement request, 03 the refusal, 04 the apology with a
new date, 05 the control sheet of every step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from xaso.core.models import User
from xaso.core.vietnamese import (
    amount_in_words,
    format_date,
    format_datetime,
    format_due,
    format_vnd,
    local_date,
    nfc,
    search_key,
)
from xaso.onestop.fees import NOT_ENTERED
from xaso.onestop.models import EXEMPTION_LABELS, Dossier, DossierDocument, Status
from xaso.onestop.paper.layout import (
    FORMS,
    Form,
    PaperError,
    Signer,
    frame,
    item_lines,
    last_event,
    person,
    signer,
    timeliness,
)
from xaso.onestop.services import ACTION_LABELS

# Sub-items in Vietnamese documents: a), b), c), d), đ), e), g), h), i), k)…
VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
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
    if dossier.fee_unknown:
        # The province sets the amount and it is not entered yet: say so, never "0".
        fee["text"] = f"chưa nhập ({NOT_ENTERED}; Trung tâm thông báo số tiền phải nộp)"
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
        "due_at": format_due(dossier.due_at) if dossier.due_at else "",
        "time_label": dossier.procedure.time_label,
        "channel": dossier.get_channel_display(),
        "lookup_url": lookup_url,
        "lookup_key": dossier.lookup_key,
        "signers": [
            Signer("NGƯỜI NỘP HỒ SƠ", nfc(dossier.applicant_name)),
            signer(form.signer_role, dossier.received_by),
        ],
        "_today": dossier.received_at,
    }


def _form02(dossier: Dossier, form: Form, *, reason: str, **_) -> dict:
    event = last_event(dossier, "request_supplement")
    text = dossier.missing_documents or (event.note if event else "")
    items = item_lines(text)
    if not items:
        raise PaperError("Hồ sơ không có yêu cầu bổ sung: chưa ghi giấy tờ cần bổ sung.")
    officer = event.actor if event and event.actor else dossier.received_by
    return {
        "items": items,
        "reason": nfc(reason).strip() or "Hồ sơ chưa đầy đủ, hợp lệ theo quy định.",
        "officer_name": person(officer),
        "signers": [signer(form.signer_role, officer)],
        "_today": event.at if event else None,
    }


def _form03(dossier: Dossier, form: Form, **_) -> dict:
    if dossier.status != Status.REFUSED or not dossier.decision_reason.strip():
        raise PaperError("Hồ sơ không bị từ chối tiếp nhận: không lập phiếu từ chối.")
    event = last_event(dossier, "refuse")
    officer = event.actor if event and event.actor else dossier.received_by
    return {
        "reasons": item_lines(dossier.decision_reason) or [nfc(dossier.decision_reason).strip()],
        "submitted_at": format_datetime(dossier.submitted_at),
        "signers": [signer(form.signer_role, officer)],
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
    event = last_event(dossier, "reschedule")
    officer = event.actor if event and event.actor else dossier.assigned_to or dossier.received_by
    return {
        "received_on": format_date(dossier.received_at or dossier.submitted_at),
        "old_due": format_due(old_due),
        "new_due": format_due(new_due),
        "reason": reason,
        "signers": [signer(form.signer_role, officer)],
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


def steps(dossier: Dossier) -> list[Step]:
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
            actor = person(event.actor)
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
        "steps": steps(dossier),
        "outcome": _outcome(dossier, timezone.now()),
        "processor": person(dossier.assigned_to),
        "received_at": format_datetime(dossier.received_at),
        "due_at": format_due(dossier.due_at),
        "rescheduled_from": format_due(dossier.rescheduled_from),
        "signers": [signer(form.signer_role, dossier.received_by)],
        "_today": None,
    }


def lookup_path(dossier: Dossier) -> str:
    """The public page of ``dossier`` with its look-up key (the portal's URL, by name)."""
    path = reverse("portal:dossier", args=[dossier.code])
    return f"{path}?{urlencode({'khoa': dossier.lookup_key})}"


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
    (by default the portal's path of the dossier with its key, "/tra-cuu/<code>/?khoa=…";
    the view gives the absolute address). ``officer`` signs instead of the
    one recorded on the dossier. Raises :class:`PaperError` when the dossier lacks what
    the form states.
    """
    from xaso.core.documents.pdf import render_pdf  # WeasyPrint: loaded when printing

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
        lookup_url=lookup_url or lookup_path(dossier),
    )
    event_day = body.pop("_today")
    day = today or local_date(event_day) or timezone.localdate()
    context = frame(dossier.org_unit, form, today=day, dossier=dossier)
    context.update(body)
    if officer is not None:
        context["signers"][-1] = signer(form.signer_role, officer)
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
    return render_pdf(form.template, context)
