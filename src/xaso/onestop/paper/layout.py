"""What every one-stop form shares: the list of forms, the letterhead, the QR code, the
signature blocks and the small judgments they print (early / on time / late)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xaso.core.documents import Letterhead, qr_data_uri, state_letterhead
from xaso.core.documents.letterhead import CENTER, unit_name
from xaso.core.models import OrgUnit, User
from xaso.core.vietnamese import local_date, nfc
from xaso.onestop.models import Dossier, DossierEvent

SIGN_HINT = "(Ký và ghi rõ họ tên)"
# Early / on time / late, as the statistics count them (indicators.statistics): done
# before the due day starts is early, by the due moment on time, after it late.
EARLY, ON_TIME, LATE = "Trước hạn", "Đúng hạn", "Quá hạn"


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
    "MaHS:<code>;MaTTHC:<procedure>;GiayTo:<name>;CCCD:<masked>", then the look-up key
    that opens the public page ("KhoaTraCuu:<key>")."""
    fields = (
        ("MaHS", dossier.code),
        ("MaTTHC", dossier.procedure.code),
        ("GiayTo", document_name),
        ("CCCD", mask_id(dossier.applicant_id_number)),
        ("KhoaTraCuu", dossier.lookup_key),
    )
    return ";".join(f"{key}:{_qr_value(value)}" for key, value in fields)


# ------------------------------------------------------------------------ heading


def letterhead(unit: OrgUnit, day: dt.date) -> Letterhead:
    """The forms are the commune's Public Administrative Service Center's: "ỦY BAN NHÂN
    DÂN XÃ …" (not bold) above the center (bold) for any unit in a commune, the center's
    own name when the unit is one; outside a commune, the unit itself."""
    body = "" if unit.kind == OrgUnit.Kind.SERVICE_CENTER else CENTER
    return state_letterhead(unit, day=day, body=body)


def frame(unit: OrgUnit, form: Form, *, today, dossier: Dossier | None) -> dict:
    """What every form shares: the heading, the title, the QR code, the metadata — and
    ``demo``: a demo dossier's form says on every page that it is sample data."""
    context = {
        "letterhead": letterhead(unit, today),
        "title": form.title,
        "form": form,
        "unit_name": unit_name(unit),
        "qr": None,
        "doc_title": form.name,
        "paper": "a5",
        "demo": False,
    }
    if dossier is not None:
        context["demo"] = dossier.is_demo
        context["qr"] = qr_data_uri(qr_payload(dossier, form.name))
        context["doc_title"] = f"{form.name} — {dossier.code}"
        context["code"] = dossier.code
    return context


# ------------------------------------------------------------------------ helpers


def person(user: User | None) -> str:
    if user is None:
        return ""
    return nfc(user.full_name or user.get_username())


@dataclass
class Signer:
    role: str
    name: str = ""
    job_title: str = ""
    hint: str = SIGN_HINT


def signer(role: str, user: User | None) -> Signer:
    return Signer(role=role, name=person(user), job_title=nfc(getattr(user, "job_title", "")))


def timeliness(at: dt.datetime | None, due: dt.datetime | None) -> str:
    """ "Trước hạn" (before the due day), "Đúng hạn" (by the due moment) or "Quá hạn"."""
    if at is None or due is None:
        return ""
    if local_date(at) < local_date(due):
        return EARLY
    return ON_TIME if at <= due else LATE


def last_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return dossier.events.filter(action=action).select_related("actor").order_by("at", "id").last()


def item_lines(text: str) -> list[str]:
    """One item per line, without bullets or numbers typed in front."""
    items = []
    for line in nfc(text).splitlines():
        item = re.sub(r"^\s*(?:[-–•*+]|\d{1,2}[.)])\s*", "", line).strip()
        if item:
            items.append(item)
    return items
