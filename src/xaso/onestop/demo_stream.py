"""The live stream of demo dossiers after the report date — DEMO DATA.

So that the desk opens on full queues whatever day the demo is started, the Center keeps
receiving dossiers after the report date (``seed.demo.REPORT_DATE``) up to that day. Each
working day ``k`` (counted from the report date) plans a few, one per slot:

* ``multi`` — every day, one of the catalogue's shortest procedures of several working
  days (contracts, wills …), resolved on its due day: on any working day one is due
  today and one tomorrow;
* ``online`` — every day, one sent on the portal the evening before (``online2``: a
  second one every other day): the next working day's are new online dossiers waiting
  for the desk;
* ``extra`` — every other day, an ordinary one (certified copies, births …);
* ``late`` — every third day, one resolved 4–8 working days after its due day: one or
  two are always late;
* ``supplement`` — every third day, one whose documents the specialist finds incomplete
  the day it arrives, the citizen bringing them 4–9 working days later: one or two are
  always waiting for the citizen.

The procedures' mix follows the report's period (``onestop.demo.PLAN``); the rest is
INVENTED — the report says nothing of this period. Applicants are "Công dân demo NNN";
every dossier goes through the real services (intake, receive, pay, transfer, request and
complete a supplement, complete, return, rate) with the demo accounts at simulated moments
(``at=``) in office hours of the Center's calendar, and is ``is_demo``.

A dossier's plan comes from random numbers seeded with its day and slot, and each step's
moment from the dossier as the services left it, so a run simulates everything before the
day it is started (midnight) and nothing after: the same day gives the same data, a
second run that day adds nothing (the intake's idempotency key is the slot's), a later
run receives the new days and moves the open dossiers on. The last ``DENSE_DAYS`` working
days keep every slot; older days a share that holds the stream under ``HISTORY_BUDGET``
dossiers however long ago the report was (a share only ever shrinks, so a later run never
adds to an older day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ
from xaso.onestop import selectors, services
from xaso.onestop.demo import (
    CENTER_CODE,
    COMMENTS,
    OFFICER,
    PLAN,
    SPECIALIST,
    applicant,
    done_moment,
    intake,
    upload,
)
from xaso.onestop.models import Dossier, Procedure, Status

FIRST_NUMBER = 100  # after the report's 001–099
SLOTS = ("multi", "online", "online2", "extra", "late", "supplement")
MISSING = "Bản sao giấy tờ tùy thân không rõ, đề nghị bổ sung bản rõ nét (demo)."


def slots(k: int) -> list[str]:
    """The slots of the ``k``-th working day after the report date."""
    found = ["multi", "online"]
    if k % 2 == 1:
        found.append("online2")
    if k % 2 == 0:
        found.append("extra")
    if k % 3 == 0:
        found.append("late")
    if k % 3 == 1:
        found.append("supplement")
    return found


#: Every slot of the last 12 working days; older days a share under 90 dossiers.
HISTORY = demo.History.from_slots(lambda k: len(slots(k)), 6, dense_days=12, budget=90)
DENSE_DAYS, HISTORY_BUDGET, share = HISTORY.dense_days, HISTORY.budget, HISTORY.share


@dataclass
class Plan:
    day: dt.date
    slot: str
    number: int
    procedure: Procedure
    submitted_at: dt.datetime
    outcome: str  # early | on_time | on_due_day | late
    late_days: int = 1
    supplied_after: int = 0  # working days the citizen takes to supplement
    return_after: int = 30  # office minutes from the result to its return
    pages: int = 0
    copies: int = 1
    exemption: str = ""
    undigitised: bool = False
    rating: int | None = None
    comment: str = ""

    @property
    def online(self) -> bool:
        return self.slot.startswith("online")

    @property
    def key(self) -> str:
        return f"demo:{self.day:%Y%m%d}:{self.slot}"

    def rng(self, step: str):
        return demo.rng("onestop", "stream", self.day, self.slot, step)


class _Catalogue:
    """The procedures the stream draws from, weighted as in the report's period."""

    def __init__(self):
        by_code = {
            p.code: p for p in Procedure.objects.filter(active=True, code__in=[c for c, *_ in PLAN])
        }
        self.direct = [(by_code[c], n - k) for c, n, k in PLAN if c in by_code and n > k]
        self.online = [
            (by_code[c], max(k, 1))
            for c, _n, k in PLAN
            if c in by_code and by_code[c].online_level != Procedure.OnlineLevel.NONE
        ]
        self.short = [(p, w) for p, w in self.direct if p.processing_time <= 1]
        # The catalogue's shortest procedures of several working days (all with the same
        # time, so one received k days ago is due on the same day whichever it is), those
        # of the report's mix more often.
        several = [
            p
            for p in Procedure.objects.filter(
                active=True, time_unit=Procedure.TimeUnit.WORKING_DAYS, processing_time__gte=2
            ).order_by("code")
            if p.processing_time % 1 == 0
        ]
        shortest = min((p.processing_time for p in several), default=None)
        self.multi = [
            (p, 3 if p.code in by_code else 1) for p in several if p.processing_time == shortest
        ]

    @staticmethod
    def pick(rng, choices):
        procedures, weights = zip(*choices, strict=True)
        return rng.choices(procedures, weights)[0]


def _plan(catalogue: _Catalogue, calendar, k: int, day: dt.date, slot: str, report_date):
    rng = demo.rng("onestop", "stream", day, slot)
    per_day = demo.office_minutes(calendar)
    if slot == "multi" and catalogue.multi:
        procedure = catalogue.pick(rng, catalogue.multi)
        minute, outcome = rng.randrange(10, 200), "on_due_day"
    elif slot.startswith("online"):
        procedure, minute = catalogue.pick(rng, catalogue.online), 0
        outcome = "early" if rng.random() < 0.3 else "on_time"
    elif slot == "late":
        procedure, minute, outcome = (
            catalogue.pick(rng, catalogue.short),
            rng.randrange(300),
            "late",
        )
    elif slot == "supplement":
        procedure, minute = catalogue.pick(rng, catalogue.direct), rng.randrange(10, 180)
        outcome = "on_time"
    else:
        procedure, minute = catalogue.pick(rng, catalogue.direct), rng.randrange(5, per_day - 20)
        outcome = "early" if rng.random() < 0.3 else "on_time"
    submitted = demo.at_minute(calendar, day, minute)
    if slot.startswith("online"):
        # Sent on the portal after the previous working day's closing (or before the
        # opening when that day is still the report's); the desk receives it in the morning.
        before = calendar.previous_working_day(day)
        if before > report_date:
            submitted = dt.datetime.combine(before, dt.time(17, 30), LOCAL_TZ) + dt.timedelta(
                minutes=rng.randrange(300)
            )
        else:
            submitted = dt.datetime.combine(day, dt.time(6, 0), LOCAL_TZ) + dt.timedelta(
                minutes=rng.randrange(80)
            )
    rating = rng.choices([None, 5, 4, 3], weights=[65, 22, 10, 3])[0]
    plan = Plan(
        day=day,
        slot=slot,
        number=FIRST_NUMBER + len(SLOTS) * k + SLOTS.index(slot),
        procedure=procedure,
        submitted_at=submitted,
        outcome=outcome,
        late_days=rng.randint(4, 8),
        supplied_after=rng.randint(4, 9) if slot == "supplement" else 0,
        # Most come back for the result within hours, some a day or two later.
        return_after=rng.choice([rng.randrange(5, 120), rng.randrange(per_day, 2 * per_day)]),
        undigitised=rng.random() < 0.04,
        rating=rating,
        comment=rng.choice(COMMENTS) if rating else "",
    )
    if procedure.code == "2.000815":
        plan.pages, plan.copies = rng.randint(1, 6), rng.randint(1, 4)
    elif procedure.code == "2.000635":
        plan.copies = rng.randint(1, 2)
    elif "on_time" in procedure.exemptions:
        plan.exemption = "on_time"  # a birth or death registered on time: free
    return plan


def plans(*, today: dt.date, report_date: dt.date, calendar) -> list[tuple[Plan, bool]]:
    """(plan, kept) of every slot from the report date to the first working day from
    ``today`` on (whose online dossier may already be waiting)."""
    catalogue = _Catalogue()
    if not (catalogue.direct and catalogue.online and catalogue.short):
        raise LookupError("Chưa có danh mục thủ tục: chạy loader.load_procedures().")
    last = today if calendar.is_working_day(today) else calendar.next_working_day(today)
    days = demo.working_days(calendar, report_date + dt.timedelta(days=1), last)
    old = HISTORY.old_days(len([d for d in days if d < today]))
    found = []
    for k, day in enumerate(days, start=1):
        for slot in slots(k):
            plan = _plan(catalogue, calendar, k, day, slot, report_date)
            found.append((plan, HISTORY.kept(k, old, plan.rng("share").random())))
    return found


# --- one dossier's next step -------------------------------------------------------------


def _last_moment(dossier: Dossier) -> dt.datetime:
    return dossier.events.order_by("-at", "-pk").values_list("at", flat=True).first()


def next_step(plan: Plan, dossier: Dossier, calendar):
    """(moment, action, arguments) of the step that comes next for ``dossier``, or None
    when its life is over — from its state as the services left it."""
    last = timezone.localtime(_last_moment(dossier), LOCAL_TZ)
    rng = plan.rng(f"{dossier.status}:{dossier.events.count()}")
    status = dossier.status
    if status == Status.NEW:
        return demo.later(calendar, plan.submitted_at, rng.randrange(5, 60)), "receive", {}
    if status == Status.RECEIVED:
        if dossier.fee_amount and dossier.paid_at is None:
            return demo.later(calendar, last, rng.randrange(2, 6)), "pay", {}
        return demo.later(calendar, last, rng.randrange(5, 20)), "transfer", {}
    if status == Status.PROCESSING:
        asked = dossier.events.filter(action="request_supplement").exists()
        if plan.slot == "supplement" and not asked:
            return demo.later(calendar, last, rng.randrange(30, 90)), "request_supplement", {}
        done = done_moment(calendar, plan.outcome, dossier.due_at, last, rng, plan.late_days)
        return done, "complete", {}
    if status == Status.SUPPLEMENT:
        day = demo.working_day_after(calendar, last.date(), plan.supplied_after)
        return demo.at_minute(calendar, day, rng.randrange(10, 200)), "complete_supplement", {}
    if status == Status.DONE:
        return demo.later(calendar, last, plan.return_after), "return_result", {}
    if status == Status.RETURNED and plan.rating and dossier.rating is None:
        # The citizen rates on the portal (any hour) soon after.
        return last + dt.timedelta(minutes=rng.randrange(1, 10)), "rate", {}
    return None


def _take(plan: Plan, dossier: Dossier, action: str, at: dt.datetime, officer, specialist):
    if action == "pay":
        method = Dossier.PaymentMethod.ONLINE if plan.online else Dossier.PaymentMethod.CASH
        return services.dossier_pay(actor=officer, dossier=dossier, method=method, at=at)
    if action == "rate":
        return services.dossier_rate(
            dossier=dossier, rating=plan.rating, comment=plan.comment, at=at
        )
    extra: dict = {}
    actor = officer
    if action == "transfer":
        extra["assignee"] = specialist
    elif action == "request_supplement":
        actor, extra["note"] = specialist, MISSING
    elif action == "complete":
        actor = specialist
        extra["result"] = upload(
            plan.procedure.result_document, "ket-qua.pdf", f"Ho so {dossier.code}"
        )
    elif action == "return_result":
        full = plan.online and plan.procedure.online_level == Procedure.OnlineLevel.FULL
        extra["return_method"] = Dossier.ReturnMethod.ONLINE if full else Dossier.ReturnMethod.DESK
    return services.dossier_transition(actor=actor, dossier=dossier, action=action, at=at, **extra)


@transaction.atomic
def create_stream(*, today: dt.date, report_date: dt.date) -> tuple[int, int]:
    """Receive the stream's dossiers up to ``today`` and move the open ones on, through
    the services; returns (dossiers received, steps taken) — (0, 0) when run again the
    same day."""
    if today <= report_date:
        return 0, 0
    center = OrgUnit.objects.get(code=CENTER_CODE)
    officer, specialist = demo.accounts(OFFICER, SPECIALIST)
    calendar = calendar_for(center)
    villages = demo.named_villages(center.commune())
    until = demo.day_start(today)
    planned = plans(today=today, report_date=report_date, calendar=calendar)
    stored = {
        selectors.stored_idempotency_key(None if plan.online else officer, plan.key): plan
        for plan, _kept in planned
    }
    existing = {
        stored[d.idempotency_key].key: d
        for d in Dossier.objects.filter(idempotency_key__in=list(stored), is_demo=True)
    }
    received = steps = 0
    for plan, kept in planned:
        dossier = existing.get(plan.key)
        if dossier is None:
            if not kept or plan.submitted_at >= until:
                continue
            dossier = intake(
                center=center,
                officer=officer,
                procedure=plan.procedure,
                online=plan.online,
                number=plan.number,
                applicant=applicant(plan.rng("applicant"), plan.number, villages),
                submitted_at=plan.submitted_at,
                pages=plan.pages,
                copies=plan.copies,
                exemption=plan.exemption,
                undigitised=plan.undigitised,
                idempotency_key=plan.key,
            )
            received += 1
        while (step := next_step(plan, dossier, calendar)) is not None:
            moment, action, _args = step
            if moment >= until:
                break
            dossier = _take(plan, dossier, action, moment, officer, specialist)
            steps += 1
    return received, steps
