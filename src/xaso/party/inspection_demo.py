"""Demo inspections and supervisions of the Đảng bộ xã Long Hẹ, and demo Party dues —
DEMO DATA.

The report (Phần thứ hai, I.7.3): "Trong nhiệm kỳ Đảng ủy đã tổ chức kiểm tra, giám sát
được 25 cuộc với 22 đảng viên". Here, over the term (``demo.TERM_START`` to the report
date), exactly 25 inspections and supervisions are recorded through the real services,
on 22 distinct demo members (15 of them on members — seven on two members, eight on
one — and 10 on cells), each with a programme item, a conclusion and, for some, a
follow-up done. Only the two totals come from the report; the programmes, contents,
dates, subjects and conclusions are INVENTED and say "demo". The report names no
discipline decision, so the demo records none.

Dues (``dues_demo``) are loaded from here too. Deterministic and idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.party import inspections
from xaso.party.demo import OFFICE, PARTY_UNIT, TERM_START
from xaso.party.models import (
    Activity,
    Authority,
    Cell,
    Inspection,
    InspectionKind,
    Member,
    ProgrammeScope,
    Status,
)

INSPECTIONS, MEMBERS = 25, 22
CONCLUSION = "Dữ liệu mẫu (demo): thực hiện cơ bản tốt; còn một số hạn chế cần chấn chỉnh."
#: Inspections on two members, on one member; the rest are on cells.
ON_TWO, ON_ONE = 7, 8
CONTENTS = {
    Activity.INSPECTION: [
        "Kiểm tra việc thực hiện nhiệm vụ đảng viên (demo)",
        "Kiểm tra việc chấp hành Điều lệ Đảng, sinh hoạt chi bộ (demo)",
        "Kiểm tra việc thu, nộp, quản lý đảng phí (demo)",
    ],
    Activity.SUPERVISION: [
        "Giám sát việc thực hiện nghị quyết của Đảng ủy (demo)",
        "Giám sát việc giữ gìn phẩm chất đạo đức, lối sống (demo)",
        "Giám sát việc thực hiện quy chế dân chủ ở cơ sở (demo)",
    ],
}


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


@transaction.atomic
def create_demo_inspections(*, report_date: dt.date) -> int:
    """See the module's docstring; returns how many inspections were recorded."""
    party_unit = OrgUnit.objects.filter(code=PARTY_UNIT).first()
    if party_unit is None or Inspection.objects.filter(is_demo=True).exists():
        return 0
    # Members on the roll since before the term: subjects at any date of it.
    pool = list(
        Member.objects.filter(
            is_demo=True, status=Status.OFFICIAL, temporary=False, admitted_on__lt=TERM_START
        ).order_by("card_number")
    )
    cells = list(Cell.objects.filter(org_unit__parent=party_unit).order_by("org_unit__code"))
    if len(pool) < MEMBERS or not cells:
        return 0
    (office,) = demo.accounts(OFFICE)
    rng = demo.rng("party", "inspections", PARTY_UNIT)
    chosen = rng.sample(pool, MEMBERS)
    subjects: list[list[Member]] = [chosen[2 * i : 2 * i + 2] for i in range(ON_TWO)]
    subjects += [[m] for m in chosen[2 * ON_TWO :]]
    subjects += [[] for _ in range(INSPECTIONS - ON_TWO - ON_ONE)]
    rng.shuffle(subjects)
    # The term is five years and some months: the inspections spread over them in order.
    span = (report_date - TERM_START).days
    starts = sorted(
        TERM_START + dt.timedelta(days=rng.randrange(span - 60)) for _ in range(INSPECTIONS)
    )
    term = inspections.programme_create(
        actor=office,
        party_unit=party_unit,
        scope=ProgrammeScope.TERM,
        body=Authority.COMMITTEE,
        title="Chương trình kiểm tra, giám sát toàn khóa nhiệm kỳ 2020 – 2025 (demo)",
        number="01-CTr/ĐU (demo)",
        adopted_on=TERM_START,
        period_start=TERM_START,
        period_end=report_date,
        items=[(c, "") for texts in CONTENTS.values() for c in texts],
        is_demo=True,
    )
    yearly = {}
    for year in range(TERM_START.year, report_date.year + 1):
        yearly[year] = inspections.programme_create(
            actor=office,
            party_unit=party_unit,
            scope=ProgrammeScope.YEAR,
            body=Authority.COMMISSION,
            title=f"Chương trình kiểm tra, giám sát năm {year} của Ủy ban kiểm tra (demo)",
            number=f"{year - 2019:02d}-CTr/UBKT (demo)",
            adopted_on=max(dt.date(year, 1, 5), TERM_START),
            period_start=dt.date(year, 1, 1),
            period_end=min(dt.date(year, 12, 31), report_date),
            items=[
                (item.content, f"Quý {q}")
                for q, item in enumerate(rng.sample(list(term.items.all()), 3), 1)
            ],
            is_demo=True,
        )
    for n, (members, started) in enumerate(zip(subjects, starts, strict=True), 1):
        activity = Activity.INSPECTION if n % 2 else Activity.SUPERVISION
        kind = InspectionKind.PROGRAMME if rng.random() < 0.7 else InspectionKind.THEMATIC
        item = rng.choice(list(yearly[started.year].items.all()))
        ended = started + dt.timedelta(days=rng.randint(5, 30))
        inspection = inspections.inspection_record(
            actor=office,
            party_unit=party_unit,
            body=Authority.COMMISSION if rng.random() < 0.8 else Authority.COMMITTEE,
            activity=activity,
            kind=kind,
            content=item.content,
            started_on=started,
            ended_on=ended,
            subject_cell=None if members else rng.choice(cells),
            subject_members=members,
            item=item,
            is_demo=True,
        )
        concluded = ended + dt.timedelta(days=rng.randint(3, 20))
        follow = rng.random() < 0.4
        inspections.inspection_conclude(
            actor=office,
            inspection=inspection,
            conclusion=CONCLUSION,
            concluded_on=concluded,
            follow_up="Khắc phục các hạn chế đã chỉ ra (demo)" if follow else "",
            follow_up_due=concluded + dt.timedelta(days=30) if follow else None,
        )
        if follow:
            inspections.follow_up_done(
                actor=office,
                inspection=inspection,
                done_on=concluded + dt.timedelta(days=rng.randint(10, 30)),
            )
    return INSPECTIONS


def load(*, today: dt.date, report_date: dt.date) -> list[str]:
    """Called by ``demo.load``: the inspections, then the dues; the lines to print."""
    from xaso.party.dues_demo import create_demo_dues

    said = []
    if create_demo_inspections(report_date=report_date):
        said.append(f"Đã tạo {INSPECTIONS} cuộc kiểm tra, giám sát mẫu (demo).")
    paid = create_demo_dues(today=today)
    if paid:
        said.append(f"Đã tạo {paid} lượt nộp đảng phí mẫu (demo).")
    return said
