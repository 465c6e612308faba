"""Demo members of the Đảng bộ xã Long Hẹ — DEMO DATA.

The Congress report (Phần thứ nhất, 2; Phần thứ hai, I.7.2.1): "Đảng bộ xã Long Hẹ có
32 chi bộ, trong đó 9 chi bộ cơ quan, đơn vị; với tổng số 554 đảng viên. Đảng viên
chính thức 543, dự bị 11 đảng viên", and over the 2020–2025 term "kết nạp được 79 đảng
viên mới". The cells come from ``seed/longhe/party_cells.json`` (real, from the report);
this loader fills them with exactly 554 members on the roll — 543 official, 11
probationary — of whom exactly 79 were admitted within the term (from 01/01/2020, the
start the petitions demo also takes, to the report date), the 11 probationary among them.

Only those totals come from the report. Everything else is INVENTED for a plausible
picture: how the members spread over the cells (a third of the bản cells small, under
the nine official members that make a chi ủy, so the share of bản cells with one is
below the resolution's 80%), names ("Lò Văn Đức (demo 001)" — generated, numbered,
never a real person), birth dates, gender, ethnicity, levels, card numbers ("DEMO…"),
each cell's leadership and its term. Every record is ``is_demo``, entered through the
real services by the demo Party office account (``vanphongdang``). Deterministic and
idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.party import rules, services
from xaso.party.models import (
    Cell,
    CellKind,
    GeneralEducation,
    Member,
    Position,
    Professional,
    Status,
    Theory,
)

PARTY_UNIT = "03763-DU"
OFFICE = "vanphongdang"
MEMBERS, OFFICIAL, PROBATIONARY = 554, 543, 11
ADMITTED_IN_TERM = 79
TERM_START = dt.date(2020, 1, 1)
#: Bản cells kept under the chi ủy threshold (invented, see above).
SMALL_VILLAGE_CELLS = 10

FAMILY = ["Lò", "Cà", "Quàng", "Lường", "Tòng", "Vì", "Điêu", "Hoàng", "Nguyễn", "Lù", "Giàng"]
GIVEN = {
    "male": ["Đức", "Chiến", "Đông", "Tuấn", "Xuân", "Quyết", "Dũng", "Hùng", "Sơn", "Ơn"],
    "female": ["Hương", "Thắm", "Hoa", "Mai", "Lan", "Thủy", "Hạnh", "Ngân", "Điệp", "Ước"],
}
ETHNICITIES = [("Thái", 70), ("Kinh", 15), ("Mông", 10), ("Khơ Mú", 5)]


def _weighted(rng, pairs):
    return rng.choices([p for p, _w in pairs], weights=[w for _p, w in pairs])[0]


def _sizes(rng, cells: list[Cell]) -> list[int]:
    """Members per cell, summing to ``MEMBERS``: small bản cells 4–8, the others larger."""
    villages = [c for c in cells if c.kind == CellKind.VILLAGE]
    small = {c.pk for c in rng.sample(villages, SMALL_VILLAGE_CELLS)}
    sizes = [
        rng.randint(4, 8)
        if c.pk in small
        else rng.randint(12, 30)
        if c.kind == CellKind.VILLAGE
        else rng.randint(9, 16)
        for c in cells
    ]
    big = [i for i, c in enumerate(cells) if c.pk not in small]
    i = 0
    while sum(sizes) != MEMBERS:  # spread the difference over the larger cells
        k = big[i % len(big)]
        sizes[k] += 1 if sum(sizes) < MEMBERS else -1
        i += 1
    return sizes


def _day_between(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _profile(rng, number: int, *, admitted: dt.date, probationary: bool) -> dict:
    gender = "female" if rng.random() < 0.32 else "male"
    age_at_admission = rng.randint(19, 35)
    birth = admitted - dt.timedelta(days=age_at_admission * 365 + rng.randrange(300))
    middle = "Thị" if gender == "female" else "Văn"
    name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN[gender])} (demo {number:03d})"
    try:
        months = rules.value("probation_months", admitted)
    except LookupError:  # before the first rule in the data: the demo takes today's 12
        months = rules.value("probation_months", dt.date(2025, 1, 1))
    official_on = None if probationary else services.months_after(admitted, months)
    theory = _weighted(
        rng,
        [
            (Theory.NONE, 55),
            (Theory.ELEMENTARY, 35),
            (Theory.INTERMEDIATE, 8),
            (Theory.ADVANCED, 2),
        ],
    )
    return {
        "full_name": name,
        "birth_date": birth,
        "gender": gender,
        "ethnicity": _weighted(rng, ETHNICITIES),
        "admitted_on": admitted,
        "official_on": official_on,
        "card_number": "" if probationary else f"DEMO{number:06d}",
        "general_education": _weighted(
            rng,
            [
                (GeneralEducation.UPPER_SECONDARY, 60),
                (GeneralEducation.LOWER_SECONDARY, 35),
                (GeneralEducation.PRIMARY, 5),
            ],
        ),
        "professional": _weighted(
            rng,
            [
                (Professional.NONE, 50),
                (Professional.INTERMEDIATE, 25),
                (Professional.COLLEGE, 8),
                (Professional.UNIVERSITY, 16),
                (Professional.POSTGRADUATE, 1),
            ],
        ),
        "theory": theory,
    }


def _admissions(rng, report_date: dt.date) -> list[tuple[dt.date, bool]]:
    """554 (admission day, probationary): 11 probationary admitted in the 12 months before
    the report date, 68 more officials admitted in the term, the rest before it."""
    months = rules.value("probation_months", report_date)
    recent = services.months_after(report_date, -months) + dt.timedelta(days=1)
    in_term_end = recent - dt.timedelta(days=1)
    days = [(_day_between(rng, recent, report_date), True) for _ in range(PROBATIONARY)]
    days += [
        (_day_between(rng, TERM_START, in_term_end), False)
        for _ in range(ADMITTED_IN_TERM - PROBATIONARY)
    ]
    days += [
        (_day_between(rng, dt.date(1966, 1, 1), TERM_START - dt.timedelta(days=1)), False)
        for _ in range(OFFICIAL - (ADMITTED_IN_TERM - PROBATIONARY))
    ]
    rng.shuffle(days)
    return days


def _committee(rng, cell: Cell, members: list[Member], report_date: dt.date, office) -> None:
    official = [m for m in members if m.status == Status.OFFICIAL]
    minimum = rules.value("committee_official_members_min", report_date)
    elected = len(official) >= minimum
    chosen = rng.sample(official, min(len(official), 5 if len(official) >= 15 else 3))
    if not elected:
        chosen = chosen[:2]
    positions = [Position.SECRETARY, Position.DEPUTY] + [Position.MEMBER] * (len(chosen) - 2)
    start = _day_between(rng, dt.date(2025, 7, 1), report_date)
    term_months = rules.value("cell_term_months", start)
    titles = {
        Position.SECRETARY: "Bí thư chi bộ",
        Position.DEPUTY: "Phó bí thư chi bộ",
        Position.MEMBER: "Chi ủy viên",
    }
    for member, position in zip(chosen, positions, strict=True):
        services.member_update(actor=office, member=member, positions=titles[position])
    services.committee_set(
        actor=office,
        cell=cell,
        elected=elected,
        term_start=start,
        term_end=services.months_after(start, term_months),
        seats=list(zip(chosen, positions, strict=True)),
        is_demo=True,
    )


@transaction.atomic
def create_demo_members(*, report_date: dt.date) -> int:
    """Fill the Đảng bộ's cells (see the module's docstring); returns how many members
    were created (0 when they exist already or the cells are not loaded)."""
    party_unit = OrgUnit.objects.filter(code=PARTY_UNIT).first()
    if party_unit is None:
        return 0
    cells = list(
        Cell.objects.filter(org_unit__parent=party_unit)
        .select_related("org_unit")
        .order_by("org_unit__code")
    )
    if not cells or Member.objects.filter(org_unit__parent=party_unit, is_demo=True).exists():
        return 0
    (office,) = demo.accounts(OFFICE)
    rng = demo.rng("party", "members", PARTY_UNIT)
    admissions = _admissions(rng, report_date)
    # The probationary members go to bản cells (one each) so every agency cell keeps
    # its officials; the order of ``admissions`` decides the rest.
    probationary = [a for a in admissions if a[1]]
    officials = [a for a in admissions if not a[1]]
    sizes = _sizes(rng, cells)
    village_slots = [i for i, c in enumerate(cells) if c.kind == CellKind.VILLAGE]
    with_probationary = set(rng.sample(village_slots, PROBATIONARY))
    number = 0
    for index, (cell, size) in enumerate(zip(cells, sizes, strict=True)):
        plan = [probationary.pop()] if index in with_probationary else []
        plan += [officials.pop() for _ in range(size - len(plan))]
        members = []
        for admitted, is_probationary in sorted(plan):
            number += 1
            members.append(
                services.member_create(
                    actor=office,
                    cell=cell.org_unit,
                    status=Status.PROBATIONARY if is_probationary else Status.OFFICIAL,
                    is_demo=True,
                    note="Dữ liệu mẫu (demo)",
                    **_profile(rng, number, admitted=admitted, probationary=is_probationary),
                )
            )
        _committee(rng, cell, members, report_date, office)
    return number


def load(*, today: dt.date, report_date: dt.date) -> str:
    """The manifest's demo loader (``xaso demo``)."""
    from xaso.party.admission_demo import create_demo_admissions
    from xaso.party.rating_demo import create_demo_ratings_and_meetings

    created = create_demo_members(report_date=report_date)
    admitted = create_demo_admissions(today=today, report_date=report_date)
    rated, held = create_demo_ratings_and_meetings(today=today)
    said = []
    if created:
        said.append(f"Đã tạo {created} đảng viên mẫu (demo) trong {Cell.objects.count()} chi bộ.")
    if admitted:
        said.append(f"Đã tạo {admitted} hồ sơ kết nạp mẫu (demo).")
    if rated or held:
        said.append(f"Đã tạo {rated} xếp loại và {held} buổi sinh hoạt chi bộ mẫu (demo).")
    said += import_module("xaso.party.inspection_demo").load(today=today, report_date=report_date)
    said += import_module("xaso.party.training_demo").load(today=today, report_date=report_date)
    return " ".join(said)
