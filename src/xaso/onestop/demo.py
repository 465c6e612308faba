"""Demo dossiers of xã Long Hẹ's Public Administrative Service Center — DEMO DATA.

The Congress report (Báo cáo chính trị Đại hội Đảng bộ xã Long Hẹ 2025–2030, Phần thứ
hai, II "Kết quả hoạt động bước đầu của xã Long Hẹ từ ngày 01.7.2025"): the Center,
open from 01/7/2025, "đã tập trung tiếp nhận và giải quyết được 99 hồ sơ thủ tục hành
chính công trong đó hồ sơ trực tuyến là 15 hồ sơ, trực tiếp là 84 hồ sơ, chủ yếu là lĩnh
vực hộ tịch và chứng thực bản sao". ``create_demo_dossiers`` makes that picture: 99
dossiers received on working days from the day the Center opened to the report date
(``seed.demo.REPORT_DATE``; the report gives none), 15 online and 84 at the desk, all
resolved and returned by that date (most on time, some early, two late: the receipts end
early enough for the longest of them, late, to be returned in time). Only those figures come from
the report; the procedures' mix, days and outcomes are invented. After the report date
``onestop.demo_stream`` keeps the desk busy up to the day the demo is started.

Nothing here is a real person or a real dossier: applicants are "Công dân demo 001" …,
every dossier is ``is_demo``, every attached PDF says it is demo data. The ID numbers
have the valid form of a Sơn La birth registration (``014``, century/sex digit and year
matching the birth date) but their last six digits are random.

The dossiers go through the real services (intake, receive, pay, transfer, complete,
return, rate) with the demo accounts ``motcua`` (desk) and ``tuphap`` (specialist), at
the simulated moments (``at=``) in office hours of the Center's calendar, so events, due
dates, fees, receipts and results are what the application computes. Deterministic
(fixed seed) and idempotent: nothing is done when the Center already has demo dossiers
of the report's period.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from xaso.core import demo
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ, search_key
from xaso.onestop import services
from xaso.onestop.models import Dossier, Procedure

CENTER_CODE = "03763-TTPVHCC"
OFFICER = "motcua"
SPECIALIST = "tuphap"
SEED = 2025

# (procedure code, how many, of which online) — 99 in all, 15 online; only procedures
# whose online level is full or partial are submitted online.
PLAN = [
    ("2.000815", 40, 1),  # chứng thực bản sao từ bản chính
    ("1.001193", 22, 6),  # đăng ký khai sinh
    ("2.000635", 10, 4),  # cấp bản sao trích lục hộ tịch
    ("1.000656", 8, 1),  # đăng ký khai tử
    ("1.004873", 6, 3),  # xác nhận tình trạng hôn nhân
    ("1.000894", 6, 0),  # đăng ký kết hôn
    ("2.000884", 4, 0),  # chứng thực chữ ký
    ("CT-HDGD", 3, 0),  # chứng thực hợp đồng, giao dịch
]
TOTAL = sum(n for _code, n, _online in PLAN)  # 99
LATE = 2  # resolved after the due moment
UNDIGITISED = 5  # dossiers with one input document not scanned
COMMENTS = [
    "",
    "",
    "Cán bộ hướng dẫn tận tình.",
    "Nhanh, đúng hẹn.",
    "Thủ tục đơn giản, dễ làm.",
]


# --- a tiny PDF ---------------------------------------------------------------------------


def _pdf_text(text: str) -> str:
    """ASCII for the built-in Helvetica font: marks dropped, PDF string escapes."""
    plain = search_key(text).upper() if not text.isascii() else text
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(*lines: str) -> bytes:
    """A valid one-page PDF (a few hundred bytes) showing ``lines`` and a demo notice."""
    shown = ["DU LIEU DEMO - KHONG PHAI GIAY TO THAT", *lines]
    body = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({_pdf_text(t)}) '" for t in shown)
    stream = f"{body} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def upload(requirement: str, filename: str, *lines: str, digitised: bool = True):
    return services.Upload(
        requirement,
        SimpleUploadedFile(filename, tiny_pdf(requirement, *lines), "application/pdf"),
        digitised=digitised,
    )


# --- the plan -----------------------------------------------------------------------------


@dataclass
class _Plan:
    number: int
    procedure: Procedure
    online: bool
    submitted_at: dt.datetime
    outcome: str  # early | on_time | late (early falls back to on_time when impossible)
    undigitised: bool
    rating: int | None
    comment: str
    pages: int = 0
    copies: int = 1
    exemption: str = ""


def _plans(rng: random.Random, procedures, days: list[dt.date], calendar):
    kinds = [(code, online) for code, n, k in PLAN for online in [True] * k + [False] * (n - k)]
    rng.shuffle(kinds)
    # Received days: spread over the quarter, busier in some weeks, as desks are.
    chosen = sorted(rng.choice(days) for _ in kinds)
    chosen[0] = days[0]  # the Center opened on 01/7/2025 and received that day
    late = set(rng.sample(range(TOTAL), LATE))
    undigitised = set(rng.sample(sorted(set(range(TOTAL)) - late), UNDIGITISED))
    plans = []
    for i, ((code, online), day) in enumerate(zip(kinds, chosen, strict=True)):
        procedure = procedures[code]
        minute = rng.randrange(15, demo.office_minutes(calendar) - 45)
        submitted = demo.at_minute(calendar, day, minute)
        if online and rng.random() < 0.4 and day > days[0]:
            # Submitted on the portal the evening before; the desk receives it next morning.
            before = max(d for d in days if d < day)
            submitted = dt.datetime.combine(
                before, dt.time(rng.randrange(18, 22), rng.randrange(60)), LOCAL_TZ
            )
        outcome = "late" if i in late else ("early" if rng.random() < 0.3 else "on_time")
        rating = rng.choices([None, 5, 4, 3], weights=[60, 25, 12, 3])[0]
        plan = _Plan(
            number=0,
            procedure=procedure,
            online=online,
            submitted_at=submitted,
            outcome=outcome,
            undigitised=i in undigitised,
            rating=rating,
            comment=rng.choice(COMMENTS) if rating else "",
        )
        if code == "2.000815":
            plan.pages, plan.copies = rng.randint(1, 6), rng.randint(1, 4)
        elif code == "2.000635":
            plan.copies = rng.randint(1, 2)
            plan.exemption = "poor_household" if rng.random() < 0.2 else ""
        elif "on_time" in procedure.exemptions:
            # Births and deaths registered on time (Luật Hộ tịch Art. 11, 15, 33): free.
            # A late one would owe the province's fee, whose amount is not entered.
            plan.exemption = "on_time"
        plans.append(plan)
    plans.sort(key=lambda p: p.submitted_at)
    for number, plan in enumerate(plans, start=1):
        plan.number = number
    return plans


def applicant(rng: random.Random, number: int, villages: list[OrgUnit]) -> services.Applicant:
    """A demo applicant: "Công dân demo NNN", an ID number of valid form (random digits)."""
    birth = dt.date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
    female = rng.random() < 0.5
    century = (0 if birth.year < 2000 else 2) + int(female)
    id_number = f"014{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
    village = rng.choice(villages)
    return services.Applicant(
        name=demo.citizen(number),
        id_number=id_number,
        birth_date=birth,
        address=f"{village.display_name}, xã Long Hẹ, tỉnh Sơn La",
        village=village,
    )


def intake(
    *,
    center: OrgUnit,
    officer: User,
    procedure: Procedure,
    online: bool,
    number: int,
    applicant: services.Applicant,
    submitted_at: dt.datetime,
    pages: int = 0,
    copies: int = 1,
    exemption: str = "",
    undigitised: bool = False,
    idempotency_key: str | None = None,
) -> Dossier:
    """Take in demo dossier ``number``: on the portal (no officer) or at the desk, with a
    tiny PDF for each required document (the last one not scanned when ``undigitised``)."""
    required = [d["name"] for d in procedure.required_documents if d.get("required")]
    uploads = [
        upload(
            name,
            f"thanh-phan-{k}.pdf",
            demo.citizen(number),
            digitised=not (undigitised and k == len(required)),
        )
        for k, name in enumerate(required, start=1)
    ]
    return services.dossier_intake(
        actor=None if online else officer,
        org_unit=center,
        procedure=procedure,
        channel=Dossier.Channel.ONLINE if online else Dossier.Channel.DIRECT,
        applicant=applicant,
        uploads=uploads,
        pages=pages,
        copies=copies,
        exemption=exemption,
        idempotency_key=idempotency_key,
        at=submitted_at,
        is_demo=True,
    )


# --- the generator ------------------------------------------------------------------------


def done_moment(
    calendar, outcome: str, due_at: dt.datetime, transferred: dt.datetime, rng, late_days: int = 1
):
    """When the specialist has the result: before the due day (early), on it (on time),
    on it only (on_due_day) or ``late_days`` working days after it (late)."""
    due = timezone.localtime(due_at, LOCAL_TZ)
    start = timezone.localtime(transferred, LOCAL_TZ)
    earliest = demo.later(calendar, start, 5)
    if outcome == "late":
        day = demo.working_day_after(calendar, due.date(), late_days)
        return max(demo.at_minute(calendar, day, rng.randrange(10, 90)), earliest)
    soon = demo.later(calendar, start, rng.randrange(15, 60))
    if outcome == "early" and soon.date() < due.date():
        return soon
    if outcome != "on_due_day" and soon.date() == due.date() and soon < due:
        return soon
    # On the due day, after the opening and before the due moment (in office hours).
    last = max(demo.office_minute(calendar, due) - 5, 1)
    moment = max(demo.at_minute(calendar, due.date(), rng.randrange(0, last)), earliest)
    return moment if moment < due else max(earliest, due - dt.timedelta(minutes=1))


def _longest(procedures, calendar) -> int:
    """Working days from a receipt day to the return, at most, for ``procedures``: the
    longest processing time (whole days; on the spot none, working hours in days), one
    more for a receipt after the cutoff (the clock starts the next working day), one for a
    late result (a day after the due one, ``done_moment``) and one for a return that
    passes the closing."""
    per_day = Decimal(str(calendar.schedule.hours_per_day))
    longest = 0
    for procedure in procedures:
        time = procedure.processing_time or 0
        if procedure.time_unit == Procedure.TimeUnit.WORKING_HOURS:
            time = time / per_day
        elif procedure.time_unit == Procedure.TimeUnit.ON_THE_SPOT:
            time = 0
        longest = max(longest, math.ceil(time))
    return longest + 3


@transaction.atomic
def create_demo_dossiers(*, report_date: dt.date, today: dt.date | None = None) -> int:
    """Create Long Hẹ's 99 demo dossiers of the report's period — from the day its Center
    opened to ``report_date`` — unless the Center already has demo dossiers of that
    period; returns how many were created (99, or 0 when they exist).

    ``today`` (default: the local date) is the day the data is seen from: every
    simulated moment must be before it.
    """
    center = OrgUnit.objects.get(code=CENTER_CODE)
    period_end = demo.day_start(report_date + dt.timedelta(days=1))
    if Dossier.objects.filter(org_unit=center, is_demo=True, submitted_at__lt=period_end).exists():
        return 0
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[c for c, *_ in PLAN])}
    missing = sorted({c for c, *_ in PLAN} - set(procedures))
    if missing:
        raise LookupError(
            f"Chưa có thủ tục {', '.join(missing)} trong danh mục: chạy loader.load_procedures()."
        )
    officer, specialist = demo.accounts(OFFICER, SPECIALIST)
    today = today or timezone.localdate()
    if today <= report_date:
        raise ValueError(
            f"Dữ liệu demo mô phỏng kỳ báo cáo đến {report_date:%d/%m/%Y}: cần today sau "
            f"ngày đó (nhận được {today:%d/%m/%Y})."
        )
    calendar = calendar_for(center)
    # The report counts the 99 received and resolved by its date: the last receipt day
    # leaves room for the longest of them, late, to be returned by then.
    last = report_date
    for _ in range(_longest(procedures.values(), calendar)):
        last = calendar.previous_working_day(last)
    days = demo.working_days(calendar, center.valid_from, last)
    villages = demo.named_villages(center.commune())
    rng = random.Random(SEED)
    plans = _plans(rng, procedures, days, calendar)
    for plan in plans:
        procedure = plan.procedure
        dossier = intake(
            center=center,
            officer=officer,
            procedure=procedure,
            online=plan.online,
            number=plan.number,
            applicant=applicant(rng, plan.number, villages),
            submitted_at=plan.submitted_at,
            pages=plan.pages,
            copies=plan.copies,
            exemption=plan.exemption,
            undigitised=plan.undigitised,
        )
        now = plan.submitted_at
        if plan.online:
            # The desk checks the portal's new dossiers during office hours.
            now = demo.later(calendar, now, rng.randrange(10, 40))
            dossier = services.dossier_transition(
                actor=officer, dossier=dossier, action="receive", at=now
            )
        if dossier.fee_amount:
            now = demo.later(calendar, now, rng.randrange(2, 6))
            method = (
                Dossier.PaymentMethod.ONLINE
                if plan.online
                else rng.choices(
                    [Dossier.PaymentMethod.CASH, Dossier.PaymentMethod.TRANSFER], [85, 15]
                )[0]
            )
            dossier = services.dossier_pay(actor=officer, dossier=dossier, method=method, at=now)
        now = demo.later(calendar, now, rng.randrange(5, 20))
        dossier = services.dossier_transition(
            actor=officer, dossier=dossier, action="transfer", assignee=specialist, at=now
        )
        done = done_moment(calendar, plan.outcome, dossier.due_at, now, rng)
        dossier = services.dossier_transition(
            actor=specialist,
            dossier=dossier,
            action="complete",
            result=upload(
                procedure.result_document,
                "ket-qua.pdf",
                f"Ho so {dossier.code}",
            ),
            at=done,
        )
        returned = demo.later(calendar, done, rng.randrange(5, 120))
        full_online = plan.online and procedure.online_level == Procedure.OnlineLevel.FULL
        dossier = services.dossier_transition(
            actor=officer,
            dossier=dossier,
            action="return_result",
            return_method=Dossier.ReturnMethod.ONLINE if full_online else Dossier.ReturnMethod.DESK,
            at=returned,
        )
        if returned >= period_end:
            raise ValueError(f"{dossier.code}: trả kết quả {returned:%d/%m/%Y}, sau kỳ báo cáo.")
        if plan.rating:
            services.dossier_rate(
                dossier=dossier,
                rating=plan.rating,
                comment=plan.comment,
                at=returned + dt.timedelta(minutes=rng.randrange(1, 10)),
            )
    return len(plans)


def load(*, today: dt.date, report_date: dt.date) -> str:
    """The manifest's demo loader (see ``core.plugins.Manifest.demo``): the report's 99
    dossiers, then the live stream up to ``today``."""
    from xaso.onestop import demo_stream

    said = []
    created = create_demo_dossiers(report_date=report_date, today=today)
    if created:
        said.append(f"Đã tạo {created} hồ sơ demo (đánh dấu demo)")
    new, steps = demo_stream.create_stream(today=today, report_date=report_date)
    if new or steps:
        said.append(
            f"Dòng hồ sơ demo sau ngày báo cáo đến {today:%d/%m/%Y}: "
            f"{new} hồ sơ mới, {steps} bước xử lý"
        )
    return "\n".join(said)
