"""Demo trainings of the Đảng bộ xã Long Hẹ — DEMO DATA.

The report (Phần thứ hai, I.7.2.1): over the 2020–2025 term the Đảng ủy "đề nghị cấp
có thẩm quyền cử đi học Đại học 04 đồng chí; đi học Trung cấp lý luận 05 đồng chí, Sơ
cấp lý luận 12 đồng chí". Here exactly those counts are sent between ``demo.TERM_START``
and the report date, on distinct demo official members. Only the three counts come from
the report; who, when, where and how each course ended are INVENTED.

A course counts as over when it would have ended by the report date (xaso's demo
assumption on course lengths: ``LENGTH_MONTHS``); those are "completed", the rest
"studying". The members' theory levels are never changed here: a completed theory
course goes to a member whose file already holds that level, a course still running to
a member one level below it — so the files stay as the member demo made them.
University courses likewise: a finished one to a member whose file holds a degree, one
still running to a member without; the youngest first. Deterministic (seeded),
idempotent (nothing is added when demo trainings exist), one bulk insert and one audit
entry.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xaso.core import audit, demo
from xaso.core.models import OrgUnit
from xaso.party import services
from xaso.party.demo import OFFICE, PARTY_UNIT, TERM_START
from xaso.party.models import (
    CourseKind,
    Member,
    Professional,
    Status,
    Theory,
    Training,
    TrainingResult,
)
from xaso.party.training_selectors import REPORT_FIGURES

#: Demo assumption: how long each course lasts (months from the date sent).
LENGTH_MONTHS = {
    CourseKind.UNIVERSITY: 48,
    CourseKind.INTERMEDIATE_THEORY: 18,
    CourseKind.ELEMENTARY_THEORY: 3,
}
#: The theory level a member holds when the course is over, and while it runs.
LEVELS = {
    CourseKind.INTERMEDIATE_THEORY: (Theory.INTERMEDIATE, Theory.ELEMENTARY),
    CourseKind.ELEMENTARY_THEORY: (Theory.ELEMENTARY, Theory.NONE),
}
INSTITUTIONS = {
    CourseKind.UNIVERSITY: "Trường Đại học Tây Bắc (demo)",
    CourseKind.INTERMEDIATE_THEORY: "Trường Chính trị tỉnh Sơn La (demo)",
    CourseKind.ELEMENTARY_THEORY: "Trung tâm Chính trị huyện Thuận Châu (demo)",
}


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


@transaction.atomic
def create_demo_trainings(*, report_date: dt.date) -> int:
    """See the module's docstring; returns how many trainings were added."""
    party_unit = OrgUnit.objects.filter(code=PARTY_UNIT).first()
    if party_unit is None or Training.objects.filter(is_demo=True).exists():
        return 0
    # Youngest first: the ones a commune sends to study.
    pool = list(
        Member.objects.filter(
            org_unit__parent=party_unit,
            is_demo=True,
            status=Status.OFFICIAL,
            temporary=False,
            admitted_on__lt=TERM_START,
        )
        .select_related("org_unit")
        .order_by("-birth_date", "card_number")
    )
    if not pool:
        return 0
    (office,) = demo.accounts(OFFICE)
    rng = demo.rng("party", "trainings", PARTY_UNIT)
    taken: set[int] = set()
    rows = []
    for kind, count in REPORT_FIGURES.items():
        days = sorted(
            _day(rng, TERM_START, report_date - dt.timedelta(days=30)) for _ in range(count)
        )
        for n, sent in enumerate(days, 1):
            over = services.months_after(sent, LENGTH_MONTHS[kind]) <= report_date
            if kind == CourseKind.UNIVERSITY:  # a degree finished is already in the file
                degree = (Professional.UNIVERSITY, Professional.POSTGRADUATE)
                fits = [m for m in pool if (m.professional in degree) == over]
            else:
                level = LEVELS[kind][0 if over else 1]
                fits = [m for m in pool if m.theory == level]
            member = next((m for m in fits if m.pk not in taken), None)
            if member is None:
                return 0  # not enough demo members: nothing half-made (the transaction)
            taken.add(member.pk)
            finished = services.months_after(sent, LENGTH_MONTHS[kind]) if over else None
            rows.append(
                Training(
                    org_unit=member.org_unit,
                    member=member,
                    kind=kind,
                    sent_on=sent,
                    decision_number=f"{n:02d}-QĐ/ĐU (demo)",
                    institution=INSTITUTIONS[kind],
                    result=TrainingResult.COMPLETED if over else TrainingResult.STUDYING,
                    finished_on=finished,
                    recorded_by=office,
                    is_demo=True,
                )
            )
    Training.objects.bulk_create(rows)
    audit.record(
        actor=office,
        action="party_training_demo",
        org_unit=party_unit,
        object_type="party.training",
        object_repr=f"{len(rows)} lượt cử đi đào tạo, bồi dưỡng mẫu (demo)",
    )
    return len(rows)


def load(*, today: dt.date, report_date: dt.date) -> list[str]:
    """Called by ``demo.load``; the lines to print."""
    made = create_demo_trainings(report_date=report_date)
    return [f"Đã tạo {made} lượt cử đi đào tạo, bồi dưỡng mẫu (demo)."] if made else []
