"""Demo admissions of the Đảng bộ xã Long Hẹ — DEMO DATA.

The report (Phần thứ hai, I.7.2.1) gives, for the 2020–2025 term: 122 people introduced
as Party sympathisers, 120 sent to the Party-awareness class, 79 admitted. The demo
members (``demo``) already hold the 79 admitted in the term; here each gets its
admission record (``admissions.record_completed``) dated back from its decision — the
member's admission date — and 43 more people were introduced in the term (41 of them
trained) whose admission stopped, so the three figures come out exactly. The invented
parts: the steps' spacing, the papers' numbers, the votes, the reasons, the ceremony
held on the decision's day (so the member's official date, 12 months after admission,
is also 12 months after the ceremony).

After the report date a few admissions are open at different steps, dated back from
today, some past their time limit, so the Party office has work after ``make demo``;
none reaches the ceremony, so the membership stays 554 (543 official, 11 probationary).
The two decided ones count for XD2 in their year. Deterministic and idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.party import admissions
from xaso.party.demo import OFFICE, TERM_START
from xaso.party.models import Admission, Cell, CellKind, Member, Status

INTRODUCED, TRAINED = 122, 120
ORGANISATIONS = ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh"]

#: Open admissions after the report date: the days before today of each step, in order.
OPEN = [
    {"start": 30},
    {"start": 200, "train": 150},
    {"start": 260, "train": 220, "assign_helpers": 150},
    {"start": 300, "train": 260, "assign_helpers": 200, "check_history": 100},
    {"start": 330, "train": 290, "assign_helpers": 250, "check_history": 160, "cell_vote": 130},
    {
        "start": 240,
        "train": 200,
        "assign_helpers": 150,
        "check_history": 80,
        "cell_vote": 40,
        "resolve": 30,
    },
    {
        "start": 300,
        "train": 260,
        "assign_helpers": 200,
        "check_history": 130,
        "cell_vote": 100,
        "resolve": 90,
        "decide": 70,
    },
    {
        "start": 220,
        "train": 180,
        "assign_helpers": 120,
        "check_history": 60,
        "cell_vote": 30,
        "resolve": 20,
        "decide": 8,
    },
]


def _back(rng, day: dt.date, low: int, high: int) -> dt.date:
    return day - dt.timedelta(days=rng.randint(low, high))


def _completed(rng, office, member: Member, report_date: dt.date, n: int) -> None:
    decision = member.admitted_on
    resolution = _back(rng, decision, 3, 15)
    meeting = _back(rng, resolution, 5, 20)
    checked = _back(rng, meeting, 5, 30)
    helpers = _back(rng, checked, 20, 90)
    certificate = _back(rng, helpers, 5, 30)
    introduced = _back(rng, certificate, 30, 180)
    dates = {
        "introduced_on": introduced,
        "certificate_on": certificate,
        "helpers_on": helpers,
        "checked_on": checked,
        "meeting_on": meeting,
        "resolution_on": resolution,
        "decision_on": decision,
        "ceremony_on": decision,
    }
    floor = TERM_START  # the term's figures count only what happened in it
    for field in admissions.ORDER[:-1]:
        dates[field] = max(dates[field], floor)
        floor = dates[field]
    review = None
    if member.status == Status.OFFICIAL:
        review = min(member.official_on + dt.timedelta(days=rng.randint(3, 25)), report_date)
        dates["review_on"] = max(review, member.official_on)
    total = rng.randint(9, 25)
    admissions.record_completed(
        actor=office,
        member=member,
        mass_organisation=rng.choice(ORGANISATIONS),
        dates=dates,
        numbers={
            "certificate_number": f"{n:03d}/GCN-DEMO",
            "resolution_number": f"{n:02d}-NQ/ĐU (demo)",
            "decision_number": f"{n:02d}-QĐ/ĐU (demo)",
        },
        votes=(total - rng.randint(0, 2), total),
        review_votes=(total, total) if review else None,
    )


def _person(rng, n: int) -> dict:
    gender = rng.choice(["male", "female"])
    name = "Lò Thị Ngân" if gender == "female" else "Cà Văn Sơn"
    return {
        "full_name": f"{name} (demo kết nạp {n:03d})",
        "birth_date": dt.date(rng.randint(1990, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        "gender": gender,
        "ethnicity": rng.choice(["Thái", "Thái", "Kinh", "Mông"]),
        "general_education": "upper_secondary",
        "mass_organisation": rng.choice(ORGANISATIONS),
    }


def _inputs(rng, action: str, day: dt.date, adm: Admission, n: int) -> dict:
    date_field = admissions.STEP_DATE.get(action)
    inputs = {date_field: day} if date_field else {}
    if action == "train":
        inputs["certificate_number"] = f"{n:03d}/GCN-DEMO"
    elif action == "assign_helpers":
        first, second = rng.sample(list(_officials(adm.org_unit)), 2)
        inputs.update(helper_1=first.pk, helper_2=second.pk)
    elif action == "cell_vote":
        total = _officials(adm.org_unit).count()
        inputs.update(votes_for=total, votes_total=total)
    elif action == "resolve":
        inputs["resolution_number"] = f"{n:02d}-NQ/ĐU (demo)"
    elif action == "decide":
        inputs["decision_number"] = f"{n:02d}-QĐ/ĐU (demo)"
    elif action == "stop":
        inputs["reason"] = "Dữ liệu mẫu (demo): chưa đủ điều kiện, dừng xem xét"
    return inputs


def _officials(unit: OrgUnit):
    return Member.objects.filter(org_unit=unit, status=Status.OFFICIAL, temporary=False)


def _walk(rng, office, cell: Cell, steps: list[tuple[str, dt.date]], n: int) -> Admission:
    """Start an admission and take ``steps`` through the real workflow."""
    (_start, introduced), *rest = steps
    adm = admissions.start(
        actor=office, cell=cell.org_unit, introduced_on=introduced, is_demo=True, **_person(rng, n)
    )
    for action, day in rest:
        adm = admissions.take_step(
            actor=office, admission=adm, action=action, **_inputs(rng, action, day, adm, n)
        )
    return adm


@transaction.atomic
def create_demo_admissions(*, today: dt.date, report_date: dt.date) -> int:
    """See the module's docstring; returns how many admissions were recorded (0 when
    they exist already or the demo members are not loaded)."""
    members = list(
        Member.objects.filter(
            is_demo=True, admitted_on__range=(TERM_START, report_date), temporary=False
        ).order_by("admitted_on", "pk")
    )
    if not members or Admission.objects.filter(is_demo=True).exists():
        return 0
    (office,) = demo.accounts(OFFICE)
    rng = demo.rng("party", "admissions")
    n = 0
    for member in members:
        n += 1
        _completed(rng, office, member, report_date, n)
    cells = list(
        Cell.objects.filter(kind=CellKind.VILLAGE)
        .select_related("org_unit")
        .order_by("org_unit__code")
    )
    cells = [c for c in cells if _officials(c.org_unit).count() >= 3]
    not_admitted = INTRODUCED - len(members)
    for i in range(not_admitted):
        n += 1
        introduced = TERM_START + dt.timedelta(days=rng.randrange((report_date - TERM_START).days))
        steps = [("start", introduced)]
        if i < TRAINED - len(members):
            trained = min(introduced + dt.timedelta(days=rng.randint(20, 120)), report_date)
            steps.append(("train", trained))
        end = min(steps[-1][1] + dt.timedelta(days=rng.randint(30, 300)), report_date)
        steps.append(("stop", end))
        _walk(rng, office, rng.choice(cells), steps, n)
    after = report_date + dt.timedelta(days=1)
    for offsets in OPEN:
        n += 1
        steps, floor = [], after
        for action, days in offsets.items():  # in the order of the steps
            floor = max(today - dt.timedelta(days=days), floor)
            steps.append((action, floor))
        if floor > today:  # the demo is loaded too soon after the report date
            continue
        _walk(rng, office, rng.choice(cells), steps, n)
    return n
