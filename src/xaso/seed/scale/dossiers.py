"""Every service center's synthetic one-stop work: dossiers received on the working days
of 01/7/2025–30/6/2026 in office hours, numbered, timed and judged by the one-stop
module's own rules — the code head, its day counter and the code's format from
``core.codes`` (``daily_code``), the due moment (with the procedure's cut-off) from
``onestop.deadlines.due_moment``, the desk's transfer deadline from
``onestop.deadlines.transfer_due``, over Long Hẹ's working-day calendar (the synthetic
communes have none of their own), in Viet Nam time (``core.vietnamese.LOCAL_TZ``)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from django.db import connection
from django.db.models import Max, Min

from xaso.core import codes
from xaso.core.codes import LOOKUP_ALPHABET
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ, local_date, search_key
from xaso.onestop import fees
from xaso.onestop.deadlines import due_moment, transfer_due
from xaso.onestop.models import Dossier, DossierCounter, Procedure, Status
from xaso.seed.scale.common import (
    SEED,
    SYNTHETIC_COMMUNES,
    by_code,
    leader_username,
    officer_username,
    service_center_code,
)

DEFAULT_DOSSIERS = 1_000_000  # in all, shared evenly among the 75 service centers
DOSSIER_START = dt.date(2025, 7, 1)
DOSSIER_END = dt.date(2026, 6, 30)
DOSSIER_BATCH = 1_000  # rows per bulk_create: 46 columns stay under PostgreSQL's 65,535
RECENT_DAYS = 10  # working days before DOSSIER_END whose dossiers are mostly still open
SQLITE_CACHE_KIB = 256 * 1024  # page cache of the building connection on SQLite
SAMPLE_CODES = 500  # dossier codes handed to the benchmark's lookup scenario
BENCH_APPLICANT = "Công dân bench"
LONGHE_CENTER = "03763-TTPVHCC"

# Procedure mix of the synthetic desks, like Long Hẹ's (mostly certification and civil
# status); status weights for older dossiers and for the last RECENT_DAYS working days.
PROCEDURE_WEIGHTS = {
    "2.000815": 40,
    "1.001193": 22,
    "2.000635": 10,
    "1.000656": 8,
    "1.004873": 6,
    "1.000894": 6,
    "2.000884": 4,
    "CT-HDGD": 3,
}
CHANNEL_WEIGHTS = {"direct": 75, "online": 20, "post": 5}
OLD_STATUS_WEIGHTS = {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1, 7: 2, 8: 1, 9: 3, 10: 85}
RECENT_STATUS_WEIGHTS = {1: 8, 2: 15, 3: 2, 4: 25, 5: 8, 6: 5, 7: 2, 8: 1, 9: 12, 10: 22}
RATINGS = {5: 55, 4: 30, 3: 10, 2: 3, 1: 2}
PAYMENT_WEIGHTS = {"cash": 85, "transfer": 15}  # at the desk (online: paid online)
LATE_SHARE = 0.08
DEMO_NOTE = "(dữ liệu demo)"


def _bench_working_days(calendar, start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class _Weights:
    """A weighted choice with its cumulative weights computed once (picked ~10⁷ times)."""

    def __init__(self, weights: dict):
        self.population = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random):
        return rng.choices(self.population, cum_weights=self.cumulative)[0]


_OLD_STATUSES = _Weights(OLD_STATUS_WEIGHTS)
_RECENT_STATUSES = _Weights(RECENT_STATUS_WEIGHTS)
_CHANNELS = _Weights(CHANNEL_WEIGHTS)
_PAYMENTS = _Weights(PAYMENT_WEIGHTS)
_RATINGS = _Weights(RATINGS)


class _DossierFactory:
    """Builds unsaved synthetic dossiers, center by center and day by day,
    deterministically. Due moments come from the one-stop services, each computed once
    per (procedure, receipt moment): receipts fall on office minutes, so a desk's year
    repeats them."""

    def __init__(self, procedures, calendar, days):
        self.procedures = procedures
        online_ok = {
            code for code, p in procedures.items() if p.online_level != Procedure.OnlineLevel.NONE
        }
        # Waiting for payment needs a known amount: not a fee the province sets (its
        # amount is not entered in a synthetic installation).
        charged = {
            code
            for code, p in procedures.items()
            if p.fee_rule.get("type", "free") in ("fixed", "per_page")
        }
        # The procedures a dossier may have: by (submitted online, waiting for payment).
        self.mix = {
            (online, payment): _Weights(
                {
                    code: weight
                    for code, weight in PROCEDURE_WEIGHTS.items()
                    if code in procedures
                    and (not online or code in online_ok)
                    and (not payment or code in charged)
                }
            )
            for online in (False, True)
            for payment in (False, True)
        }
        self.calendar = calendar
        self.days = days
        # Office periods as (opening, minutes long): receipts are spread over them.
        self.periods = [
            (start, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))
            for start, end in calendar.schedule.periods
        ]
        self.day_minutes = sum(length for _start, length in self.periods)
        self.due: dict[tuple[int, dt.datetime], dt.datetime] = {}
        self.transfer_due: dict[dt.datetime, dt.datetime] = {}
        self.key_prefix = search_key(BENCH_APPLICANT)
        self.serial = 0

    def office_at(self, day: dt.date, minute: int) -> dt.datetime:
        """``minute`` office minutes after the opening of ``day`` (lunch skipped)."""
        for start, length in self.periods:
            if minute < length:
                return dt.datetime.combine(day, start, LOCAL_TZ) + dt.timedelta(minutes=minute)
            minute -= length
        return dt.datetime.combine(day, self.calendar.schedule.closing, LOCAL_TZ)

    def _status_channel_procedure(self, rng, recent):
        status = (_RECENT_STATUSES if recent else _OLD_STATUSES).pick(rng)
        if status in (Status.NEW, Status.REFUSED):
            channel = Dossier.Channel.ONLINE
        else:
            channel = _CHANNELS.pick(rng)
        mix = self.mix[(channel == Dossier.Channel.ONLINE, status == Status.PAYMENT)]
        return status, channel, self.procedures[mix.pick(rng)]

    def day(self, rng, center, identifier, staff, addresses, index, seqs):
        """The dossiers of ``center`` received on working day ``index`` numbered ``seqs``
        after ``identifier`` (the head of its codes); ``addresses``: (bản id, address) to
        pick the applicants' from."""
        day = self.days[index]
        recent = index >= len(self.days) - RECENT_DAYS
        minutes = sorted(rng.randrange(self.day_minutes - 30) for _ in seqs)
        officer, processor = staff
        for seq, minute in zip(seqs, minutes, strict=True):
            self.serial += 1
            status, channel, procedure = self._status_channel_procedure(rng, recent)
            # Foreign keys by id: no descriptor work per row.
            d = Dossier(
                code=codes.daily_code(identifier, day, seq),
                org_unit_id=center.pk,
                procedure_id=procedure.pk,
                channel=channel,
                status=status,
                submitted_at=self.office_at(day, minute),
                lookup_key="".join(rng.choices(LOOKUP_ALPHABET, k=6)),
                is_demo=True,
            )
            self._applicant(d, rng, addresses)
            self._fee(d, rng, procedure)
            self._clock(d, rng, procedure, officer, processor)
            yield d

    def _applicant(self, d, rng, addresses):
        number = f"{self.serial:07d}"
        d.applicant_name = f"{BENCH_APPLICANT} {number} (demo)"
        d.applicant_key = f"{self.key_prefix} {number} (demo)"
        birth = dt.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        century = (0 if birth.year < 2000 else 2) + rng.randrange(2)
        d.applicant_id_number = f"014{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        d.applicant_birth_date = birth
        d.applicant_village_id, d.applicant_address = rng.choice(addresses)

    def _fee(self, d, rng, procedure):
        rule = procedure.fee_rule
        if rule.get("type") == "per_page":
            d.fee_pages, d.fee_copies = rng.randint(1, 8), rng.randint(1, 4)
        elif rule.get("type") == "fixed" and rule.get("per", "hồ sơ") == "bản":
            d.fee_copies = rng.randint(1, 3)
        if "on_time" in procedure.exemptions:
            # Births and deaths registered on time, as nearly all are: exempt.
            d.fee_exemption = "on_time"
        amount = fees.fee_amount(
            rule,
            pages=d.fee_pages,
            copies=d.fee_copies,
            exemption=d.fee_exemption,
            exemptions=procedure.exemptions,
        )
        # A fee the province sets whose amount is not entered: unknown, not 0.
        d.fee_amount, d.fee_unknown = amount or 0, amount is None

    def _deadlines(self, procedure, received):
        """The legal due moment and the desk's transfer deadline (Decree 61/2018 Art. 18)
        of a dossier received at ``received``, as the services compute them."""
        key = (procedure.pk, received)
        if key not in self.due:
            self.due[key] = due_moment(self.calendar, procedure, received)
        if received not in self.transfer_due:
            self.transfer_due[received] = transfer_due(self.calendar, received)
        return self.due[key], self.transfer_due[received]

    def _clock(self, d, rng, procedure, officer, processor):
        status = d.status
        if status in (Status.NEW, Status.REFUSED):
            if status == Status.REFUSED:
                d.closed_at = d.submitted_at + dt.timedelta(hours=1)
                d.decision_reason = f"Hồ sơ không đúng thành phần {DEMO_NOTE}"
            return
        online = d.channel == Dossier.Channel.ONLINE
        received = d.submitted_at + dt.timedelta(minutes=20 if online else 0)
        d.received_at = d.clock_started_at = received
        d.received_by_id = officer.pk
        d.due_at, d.transfer_due_at = self._deadlines(procedure, received)
        due_day = local_date(d.due_at)
        if d.fee_amount and status not in (Status.PAYMENT, Status.WITHDRAWN):
            d.paid_at = received + dt.timedelta(minutes=3)
            d.payment_method = Dossier.PaymentMethod.ONLINE if online else _PAYMENTS.pick(rng)
            d.receipt_number = f"BL-{d.code}"
        transferred = status in (Status.PROCESSING, Status.PAYMENT, Status.STOPPED)
        transferred |= status in (Status.DONE, Status.RETURNED)
        transferred |= status == Status.SUPPLEMENT and rng.random() < 0.5
        if transferred:
            d.assigned_to_id = processor.pk
            d.transferred_at = received + dt.timedelta(minutes=15)
        if status == Status.SUPPLEMENT:
            d.missing_documents = f"Bản sao giấy tờ tùy thân còn thiếu {DEMO_NOTE}"
        elif status == Status.WITHDRAWN:
            d.closed_at = received + dt.timedelta(hours=2)
            d.decision_reason = f"Công dân xin rút hồ sơ {DEMO_NOTE}"
        elif status == Status.STOPPED:
            d.closed_at = d.transferred_at + dt.timedelta(hours=1)
            d.decision_reason = f"Không đủ điều kiện giải quyết {DEMO_NOTE}"
        elif status in (Status.DONE, Status.RETURNED):
            if rng.random() < LATE_SHARE:  # the next working day, after the due moment
                late_day = self.calendar.next_working_day(due_day)
                done = self.office_at(late_day, rng.randrange(10, 120))
            elif due_day > received.date() and rng.random() < 0.5:  # early: the day it came
                done = d.transferred_at + dt.timedelta(minutes=rng.randrange(20, 90))
            else:  # on the due day, in its office hours, by the due moment
                done = d.due_at - dt.timedelta(minutes=rng.randrange(10, 240))
                done = max(done, d.transferred_at + dt.timedelta(minutes=10))
                done = max(done, self.office_at(due_day, 0))
            d.done_at = done
            if status == Status.RETURNED:
                d.returned_at = d.closed_at = done + dt.timedelta(minutes=rng.randrange(5, 90))
                if d.channel == Dossier.Channel.POST:
                    d.return_method = Dossier.ReturnMethod.POST
                elif online and procedure.online_level == Procedure.OnlineLevel.FULL:
                    d.return_method = Dossier.ReturnMethod.ONLINE
                else:
                    d.return_method = Dossier.ReturnMethod.DESK
                if rng.random() < 0.3:
                    d.rating = _RATINGS.pick(rng)
                    d.rated_at = d.returned_at + dt.timedelta(hours=1)


def generate_dossiers(total: int) -> dict[str, int]:
    """Bulk-create ``total`` synthetic dossiers over the 75 service centers (Long Hẹ's
    first) unless synthetic dossiers exist; number them on from, and update, the day
    counters of their codes' head units (``core.codes``), so the services number on
    after them."""
    created = {"dossiers": 0, "dossier_counters": 0}
    if total <= 0 or Dossier.objects.filter(applicant_name__startswith=BENCH_APPLICANT).exists():
        return created
    numbers = range(1, SYNTHETIC_COMMUNES + 1)
    center_codes = [LONGHE_CENTER, *(service_center_code(n) for n in numbers)]
    centers = by_code(center_codes)
    heads = {code: codes.code_unit(center) for code, center in centers.items()}
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "motcua",
                "tuphap",
                *(officer_username(n) for n in numbers),
                *(leader_username(n) for n in numbers),
            ]
        )
    }
    staff = {
        LONGHE_CENTER: (users["motcua"], users["tuphap"]),
        **{
            service_center_code(n): (users[officer_username(n)], users[leader_username(n)])
            for n in numbers
        },
    }
    communes = {code: center.commune() for code, center in centers.items()}
    villages_of: dict[int, list[OrgUnit]] = {}
    for v in OrgUnit.objects.filter(
        parent__in=communes.values(), kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True
    ).order_by("code"):
        villages_of.setdefault(v.parent_id, []).append(v)
    procedures = {
        p.code: p for p in Procedure.objects.filter(code__in=list(PROCEDURE_WEIGHTS), active=True)
    }
    calendar = calendar_for(centers[LONGHE_CENTER])
    days = _bench_working_days(calendar, DOSSIER_START, DOSSIER_END)
    factory = _DossierFactory(procedures, calendar, days)
    counters = {
        (c.org_unit_id, c.day): c
        for c in DossierCounter.objects.filter(org_unit__in=heads.values())
    }
    new_counters: list[DossierCounter] = []
    changed_counters: list[DossierCounter] = []

    if connection.vendor == "sqlite":
        # A larger page cache for this connection (the default is 2 MB): the indexes of a
        # million rows are updated at random places (ID numbers, statuses, due dates).
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    per_center, extra = divmod(total, len(center_codes))
    batch: list[Dossier] = []
    for position, code in enumerate(center_codes):
        center, commune, head = centers[code], communes[code], heads[code]
        identifier = codes.identifier(head)
        count = per_center + (1 if position < extra else 0)
        if not count:
            continue
        rng = random.Random(f"{SEED}:dossiers:{code}")
        place = f"{commune.display_name}, tỉnh Sơn La"
        addresses = [(v.pk, f"{v.display_name}, {place}") for v in villages_of.get(commune.pk, [])]
        addresses = addresses or [(None, place)]
        # Even spread: dossier i of the center is received on day i × days ÷ count.
        per_day: dict[int, int] = {}
        for i in range(count):
            index = i * len(days) // count
            per_day[index] = per_day.get(index, 0) + 1
        for index, n in sorted(per_day.items()):
            counter = counters.get((head.pk, days[index]))
            first = (counter.last if counter else 0) + 1
            batch.extend(
                factory.day(
                    rng, center, identifier, staff[code], addresses, index, range(first, first + n)
                )
            )
            if counter is None:
                new_counters.append(
                    DossierCounter(org_unit=head, day=days[index], last=first + n - 1)
                )
            else:
                counter.last = first + n - 1
                changed_counters.append(counter)
            if len(batch) >= DOSSIER_BATCH * 10:
                Dossier.objects.bulk_create(batch, batch_size=DOSSIER_BATCH)
                created["dossiers"] += len(batch)
                batch = []
    if batch:
        Dossier.objects.bulk_create(batch, batch_size=DOSSIER_BATCH)
        created["dossiers"] += len(batch)
    DossierCounter.objects.bulk_create(new_counters, batch_size=DOSSIER_BATCH)
    DossierCounter.objects.bulk_update(changed_counters, ["last"], batch_size=DOSSIER_BATCH)
    created["dossier_counters"] = len(new_counters)
    # Fresh statistics for the query planner, as a database of that size would have.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Dossier._meta.db_table}")
    return created


def sample_dossier_lookups(n: int = SAMPLE_CODES) -> list[tuple[str, str]]:
    """``n`` (code, look-up key) pairs spread over every dossier (by primary key), for
    the public look-up, which needs both."""
    bounds = Dossier.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    low, high = bounds["low"], bounds["high"]
    wanted = sorted({low + (high - low) * i // max(n - 1, 1) for i in range(n)})
    rows = Dossier.objects.filter(pk__in=wanted).order_by("pk")
    return [tuple(row) for row in rows.values_list("code", "lookup_key")]


def sample_dossier_codes(n: int = SAMPLE_CODES) -> list[str]:
    """``n`` codes spread over every dossier (by primary key)."""
    return [code for code, _key in sample_dossier_lookups(n)]
