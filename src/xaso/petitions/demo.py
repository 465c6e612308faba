"""Demo petitions and dialogues of xã Long Hẹ — DEMO DATA.

The Congress report (Báo cáo chính trị Đại hội Đảng bộ xã Long Hẹ 2025–2030, Phần thứ
hai, I, 6.4): "Trong nhiệm kỳ đã tiếp nhận 81 đơn thư kiến nghị, phản ánh; người đứng đầu
cấp ủy, chính quyền trực tiếp trả lời và giải quyết kịp thời 81/81 đơn thư. Tổ chức đối
thoại với nhân dân 6 cuộc tại 05 bản." ``create_demo_petitions`` makes that picture:

* 81 kiến nghị and phản ánh, received over the 2020–2025 term up to the report date
  (``seed.demo.REPORT_DATE``) on working days of the receiving unit's calendar (the days
  off the Government announced): before 01/7/2025 by the two communes merged into Long Hẹ
  — Long Hẹ (cũ) and É Tòng (cũ), closed on 30/6/2025 — and from then on by xã Long Hẹ
  (03763), each period's share in proportion to its working days (the merged commune's
  days counting for both communes it joined). All 81 accepted within
  the legal 10 working days (Law 42/2013 Art. 28), concluded by the leader, the
  petitioner notified and the file closed before the report date: 81 answered.
* 6 dialogues in 5 bản. The bản are recorded as units of 03763 only from 01/7/2025 (the
  data does not say which old commune each belonged to), so the dialogues are dated
  between 01/7/2025 and the report date.

Only those totals come from the report. The dates, kinds (kiến nghị or phản ánh),
channels and topics are INVENTED for a plausible picture (the report gives no congress
date for 2020: the term is spread from the first working day of 2020); no person is real
("Công dân demo 001" …); a predecessor's petition names no bản (unknown). Every record
goes through the real services (receive, accept, verify, conclude, notify, close) with
the demo accounts ``tiepdan`` (reception) and ``lanhdao`` (leader, decider) — who hold
03763 and so its predecessors' history (``core.access``) — at simulated moments, and is
``is_demo``. Deterministic and idempotent. After the report date ``petitions.demo_stream``
keeps a live stream going up to the day the demo is started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.petitions import services
from xaso.petitions.models import Kind, Petition, Status

COMMUNE = "03763"
RECEPTION, LEADER = "tiepdan", "lanhdao"
REPORT_PETITIONS = 81
DIALOGUE_VILLAGES = 5
DIALOGUES = 6
#: The term's start as the demo takes it: the report dates neither old commune's 2020
#: congress.
TERM_START = dt.date(2020, 1, 1)
#: Working days from receipt to closing, at most (accept ≤ 6, verify ≤ 2, conclude ≤ 8,
#: notify and close the same or the next days): every one is closed by the report date.
LONGEST = 20
# Invented topics (the report gives only the totals).
TOPICS = [
    "Đường giao thông nội bản xuống cấp",
    "Nước sinh hoạt không ổn định",
    "Hỗ trợ nhà ở cho hộ nghèo",
    "Ranh giới đất nương rẫy",
    "Điện chiếu sáng",
    "Chế độ chính sách người có công",
]
ANSWER = "Đã xem xét, trả lời công dân (demo)."


# --- one petition's life, planned in advance -----------------------------------------------


@dataclass
class Plan:
    """What happens to one demo petition, and when: ``steps`` are (action, moment), the
    receipt first. Drawn from its own seeded random numbers, so a plan never depends on
    what is in the database (a later run continues it where it stopped)."""

    number: int
    unit: OrgUnit
    kind: str
    channel: str
    topic: str
    village: OrgUnit | None
    steps: list[tuple[str, dt.datetime]] = field(default_factory=list)

    @property
    def received_at(self) -> dt.datetime:
        return self.steps[0][1]

    @property
    def name(self) -> str:
        return demo.citizen(self.number)


def _after(calendar, rng, moment: dt.datetime, low: int, high: int) -> dt.datetime:
    """A moment ``low``–``high`` working days after ``moment`` (0: later the same day or
    the next), in office hours."""
    days = rng.randint(low, high)
    if days == 0:
        return demo.later(calendar, moment, rng.randint(15, 120))
    day = demo.working_day_after(calendar, moment.date(), days)
    return demo.at_minute(calendar, day, rng.randrange(demo.office_minutes(calendar) - 30))


def lifecycle(
    calendar, rng, day: dt.date, *, accept: tuple[int, int] = (1, 6)
) -> list[tuple[str, dt.datetime]]:
    """Receipt on ``day`` in office hours, acceptance ``accept`` working days later (the
    law allows 10), verification, the leader's conclusion, notice to the petitioner,
    closing."""
    received = demo.at_minute(calendar, day, rng.randrange(10, demo.office_minutes(calendar) - 60))
    accepted = _after(calendar, rng, received, *accept)
    verified = _after(calendar, rng, accepted, 0, 2)
    concluded = _after(calendar, rng, verified, 2, 8)
    notified = demo.later(calendar, concluded, rng.randint(10, 240))
    closed = demo.later(calendar, notified, rng.randint(5, 60))
    return [
        ("receive", received),
        ("accept", accepted),
        ("verify", verified),
        ("conclude", concluded),
        ("notify", notified),
        ("close", closed),
    ]


def advance(
    plan: Plan, petition: Petition | None, *, until: dt.datetime, reception: User, leader: User
) -> tuple[Petition | None, int]:
    """Take ``plan``'s steps that are due before ``until`` and not yet taken, through the
    services; returns the petition (None when not yet received) and how many steps."""
    taken = 0
    done = set() if petition is None else set(petition.events.values_list("action", flat=True))
    for action, moment in plan.steps:
        if moment >= until:
            break
        if action in done:
            continue
        if action == "receive":
            online = plan.channel == "online"
            petition = services.petition_receive(
                actor=None if online else reception,
                org_unit=plan.unit,
                kind=plan.kind,
                channel=plan.channel,
                summary=f"{plan.topic} (demo {plan.number:03d})",
                content="Nội dung đơn demo — không phải đơn thật.",
                village=plan.village,
                petitioner=services.Petitioner(name=plan.name),
                decider=leader,
                received_at=moment,
                is_demo=True,
            )
        else:
            actor = leader if action == "conclude" else reception
            answer = ANSWER if action == "conclude" else ""
            petition = services.petition_transition(
                actor=actor, petition=petition, action=action, answer=answer, at=moment
            )
        taken += 1
    return petition, taken


# --- the report's 81 -----------------------------------------------------------------------


def _report_plans(commune: OrgUnit, report_date: dt.date) -> list[Plan]:
    """The 81: each period (a predecessor commune's, the commune's own) gets a share in
    proportion to its working days — the merged commune's counting once for each commune
    it joined; receipt days leave room to close by the report date."""
    founded = commune.valid_from
    predecessors = list(OrgUnit.objects.filter(successor=commune).order_by("code"))
    calendars = {u.pk: calendar_for(u) for u in [commune, *predecessors]}
    # The last receipt day still closed by the report date, on the commune's calendar.
    last = report_date
    for _ in range(LONGEST + 1):
        last = calendars[commune.pk].previous_working_day(last)
    periods = [
        (unit, demo.working_days(calendars[unit.pk], TERM_START, min(unit.valid_to, last)))
        for unit in predecessors
        if unit.valid_to is not None and unit.valid_to < founded
    ]
    merged = max(1, len(periods))  # the commune is the communes it merged, in one
    periods.append((commune, demo.working_days(calendars[commune.pk], founded, last)))
    weights = [len(days) for _unit, days in periods[:-1]] + [merged * len(periods[-1][1])]
    counts = [round(REPORT_PETITIONS * w / sum(weights)) for w in weights]
    counts[-1] = max(1, counts[-1])
    counts[0] += REPORT_PETITIONS - sum(counts)  # rounding
    villages = demo.named_villages(commune)
    rng = demo.rng("petitions", "report", report_date)
    chosen = []
    for (unit, days), count in zip(periods, counts, strict=True):
        chosen += [(unit, rng.choice(days)) for _ in range(count)]
    chosen.sort(key=lambda pair: (pair[1], pair[0].code))
    plans = []
    for number, (unit, day) in enumerate(chosen, start=1):
        own = demo.rng("petitions", "report", report_date, number)
        plans.append(
            Plan(
                number=number,
                unit=unit,
                kind=own.choice([Kind.RECOMMENDATION] * 11 + [Kind.FEEDBACK] * 9),
                channel=own.choice(["reception", "reception", "post"]),
                topic=own.choice(TOPICS),
                # Which old commune a bản belonged to is not in the data: none is named.
                village=own.choice(villages) if unit == commune and villages else None,
                steps=lifecycle(calendars[unit.pk], own, day),
            )
        )
    return plans


@transaction.atomic
def create_demo_petitions(*, report_date: dt.date) -> int:
    """The report's 81 kiến nghị, phản ánh and 6 dialogues, unless Long Hẹ already has
    them; returns how many petitions were created (81, or 0)."""
    commune = OrgUnit.objects.get(code=COMMUNE)
    history = OrgUnit.objects.filter(pk=commune.pk) | OrgUnit.objects.filter(successor=commune)
    end = demo.day_start(report_date + dt.timedelta(days=1))
    if Petition.objects.filter(org_unit__in=history, is_demo=True, received_at__lt=end).exists():
        return 0
    reception, leader = demo.accounts(RECEPTION, LEADER)
    created = 0
    for plan in _report_plans(commune, report_date):
        petition, _steps = advance(plan, None, until=end, reception=reception, leader=leader)
        if petition is None or petition.status != Status.CLOSED:
            raise ValueError(f"Đơn demo {plan.number:03d} chưa kết thúc trước ngày báo cáo.")
        created += 1
    _create_dialogues(commune, report_date, reception, leader)
    return created


def _create_dialogues(commune: OrgUnit, report_date: dt.date, reception, leader) -> None:
    calendar = calendar_for(commune)
    days = demo.working_days(calendar, commune.valid_from, report_date)
    villages = demo.named_villages(commune)[:DIALOGUE_VILLAGES]
    for i in range(DIALOGUES):
        date = days[(i + 1) * len(days) // (DIALOGUES + 1)]
        dialogue = services.dialogue_record(
            actor=reception,
            org_unit=commune,
            village=villages[i % len(villages)],
            date=date,
            topic=TOPICS[i % len(TOPICS)],
            record="Biên bản đối thoại (demo).",
            actions=[("Kiểm tra, trả lời kiến nghị của bản (demo)", leader, None)],
            is_demo=True,
        )
        done = demo.at_minute(calendar, demo.working_day_after(calendar, date, 3), 60)
        for action in dialogue.actions.all():
            services.dialogue_action_done(actor=reception, action=action, at=done)


def load(*, today: dt.date, report_date: dt.date) -> str:
    """The manifest's demo loader (see ``core.plugins.Manifest.demo``): the report's
    petitions and dialogues, then the live stream up to ``today``."""
    from xaso.petitions import demo_stream

    said = []
    created = create_demo_petitions(report_date=report_date)
    if created:
        said.append(f"Đã tạo {created} đơn thư demo và {DIALOGUES} cuộc đối thoại (đánh dấu demo)")
    new, steps = demo_stream.create_stream(today=today, report_date=report_date)
    if new or steps:
        said.append(
            f"Dòng đơn thư demo sau ngày báo cáo đến {today:%d/%m/%Y}: "
            f"{new} đơn mới, {steps} bước xử lý"
        )
    return "\n".join(said)
