"""Reads of the petitions module, and the one place deciding who sees a petitioner.

Confidentiality (Law 25/2018/QH14 on Denunciations): the identity and contacts of a
person making a denunciation are shown only to the officer assigned and the leader who
decides. Everyone else — other officers, leaders, administrators, superusers, pages,
exports and API answers — gets the masked view. Every actual showing is audited
(``view_identity``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit
from xaso.core.models import User
from xaso.core.selectors import calendar_for
from xaso.petitions import clocks
from xaso.petitions import permissions as perms
from xaso.petitions.models import Kind, Petition, Status

MASK = "***"
IDENTITY_FIELDS = ("name", "id_number", "address", "phone")
OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.VERIFYING)
DUE_SOON_DAYS = 3


# --- the legal clock that runs now ----------------------------------------------------------


def current_step(petition: Petition) -> tuple[str, dt.datetime] | None:
    """The step whose legal clock runs now and when it started."""
    if petition.status == Status.RECEIVED:
        return clocks.ACCEPT, petition.received_at
    if petition.status in (Status.ACCEPTED, Status.VERIFYING) and petition.accepted_at:
        return clocks.RESOLVE, petition.accepted_at
    return None


def compute_due(petition: Petition, calendar=None) -> dt.datetime | None:
    """When the running step's limit ends (None when no clock runs)."""
    step = current_step(petition)
    if step is None:
        return None
    calendar = calendar or calendar_for(petition.org_unit)
    return clocks.due_for(
        petition.kind,
        step[0],
        step[1],
        calendar=calendar,
        remote=petition.remote_area,
        complex=petition.complex,
        especially_complex=petition.especially_complex,
        extensions=petition.extensions,
    )


# --- who may act, and what a page offers ---------------------------------------------------

#: Until it is concluded a petition may be reclassified (a "feedback" that is in fact a
#: complaint or a denunciation).
RECLASSIFIABLE = (Status.RECEIVED, Status.ACCEPTED, Status.VERIFYING)


def can_handle(user: User, petition: Petition, permission: str) -> bool:
    """``permission`` over the petition's unit — and, for a denunciation (or a petition
    that was one), being its assigned officer or its decider (Law 25/2018/QH14)."""
    if not access.allowed(user, permission, petition):
        return False
    if petition.kind == Kind.DENUNCIATION or petition.confidential:
        return user.pk in (petition.assigned_to_id, petition.decider_id)
    return True


def can_assign(user: User, petition: Petition) -> bool:
    """A leader names the officer and the decider while the petition is open; once a
    denunciation has a decider, only that decider may change them."""
    if petition.status not in OPEN_STATUSES:
        return False
    if petition.decider_id:
        return can_handle(user, petition, perms.DECIDE)
    return access.allowed(user, perms.DECIDE, petition)


def assignable(petition: Petition) -> tuple[QuerySet[User], QuerySet[User]]:
    """(officers who may handle it, leaders who may decide it)."""
    return (
        access.holders(perms.RECEIVE, petition.org_unit),
        access.holders(perms.DECIDE, petition.org_unit),
    )


def can_reclassify(user: User, petition: Petition) -> bool:
    return petition.status in RECLASSIFIABLE and can_handle(user, petition, perms.RECEIVE)


def can_extend(user: User, petition: Petition) -> bool:
    """A running limit, the decider's hand, and one more extension the law allows for the
    step — counting the matter complex (an extension makes it so) or, when the decider
    ticks it, especially complex (``services.petition_extend``)."""
    step = current_step(petition)
    if step is None or not can_handle(user, petition, perms.DECIDE):
        return False
    most = max(
        clocks.allowed_extensions(petition.kind, step[0], complex=True),
        clocks.allowed_extensions(petition.kind, step[0], complex=True, especially_complex=True),
    )
    return petition.extensions < most


def can_receive(user: User) -> bool:
    """Receive a petition, record a reception session or a dialogue (the unit is the
    user's own, as the pages take it)."""
    return access.allowed(user, perms.RECEIVE)


def can_see_identity(user: User, petition: Petition) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if not access.allowed(user, perms.VIEW, petition):
        return False
    if petition.kind == Kind.DENUNCIATION or petition.confidential:
        return user.pk in (petition.assigned_to_id, petition.decider_id)
    return access.allowed(user, perms.VIEW_PERSONAL, petition)


@dataclass(frozen=True)
class PetitionerView:
    name: str
    id_number: str
    address: str
    phone: str
    shown: bool

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "id_number": self.id_number,
            "address": self.address,
            "phone": self.phone,
            "shown": self.shown,
        }


def masked_view(petition: Petition) -> PetitionerView:
    if petition.kind == Kind.DENUNCIATION or petition.confidential:
        hidden = _("(được giữ bí mật)")
        return PetitionerView(hidden, MASK, MASK, MASK, False)
    name = petition.petitioner_name.strip()
    initials = " ".join(part[0] + "." for part in name.split()[:-1])
    last = name.split()[-1] if name else ""
    return PetitionerView(f"{initials} {last}".strip(), MASK, MASK, MASK, False)


def petitioner_view(user: User, petition: Petition, *, purpose: str = "") -> PetitionerView:
    """The petitioner as ``user`` may see it; an audit entry each time it is shown."""
    if not can_see_identity(user, petition):
        return masked_view(petition)
    audit.record(
        actor=user,
        action="view_identity",
        obj=petition,
        changes={"kind": petition.kind, "purpose": purpose},
    )
    return PetitionerView(
        petition.petitioner_name,
        petition.petitioner_id_number,
        petition.petitioner_address,
        petition.petitioner_phone,
        True,
    )


def visible_petitions(user: User) -> QuerySet[Petition]:
    return access.scope(user, perms.VIEW, Petition.objects.all()).select_related(
        "org_unit", "village", "duplicate_of__org_unit"
    )


def late(user: User, now: dt.datetime | None = None) -> QuerySet[Petition]:
    now = now or timezone.now()
    return visible_petitions(user).filter(status__in=OPEN_STATUSES, due_at__lt=now)


def late_count(user: User) -> int:
    """Open petitions past their legal limit that ``user`` sees (the home page's tile)."""
    return late(user).count()


def due_soon(user: User, now: dt.datetime | None = None, days: int = DUE_SOON_DAYS):
    now = now or timezone.now()
    return visible_petitions(user).filter(
        status__in=OPEN_STATUSES, due_at__gte=now, due_at__lt=now + dt.timedelta(days=days)
    )


def urgent_first(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """A working list: the longest past its limit first, then the one due soonest; a
    petition without a running limit last, the newest of those first."""
    return qs.order_by(F("due_at").asc(nulls_last=True), "-received_at", "-pk")


def petition_lists(user: User, now: dt.datetime | None = None) -> dict[str, QuerySet]:
    """The lists of the petitions page, each in the order it is worked: late, due soon
    and open most urgent first; all of them newest first (today's on page 1)."""
    now = now or timezone.now()
    visible = visible_petitions(user)
    return {
        "late": urgent_first(late(user, now)),
        "due_soon": urgent_first(due_soon(user, now)),
        "open": urgent_first(visible.filter(status__in=OPEN_STATUSES)),
        "all": visible.order_by("-received_at", "-pk"),
    }


def history(petition: Petition) -> list[dict]:
    """A petition's steps in words: what was done (the step's label, never its code), by
    whom, the status it led to, and the reason or the kinds of a reclassification."""
    from xaso.petitions.services import ACTION_LABELS

    kinds, statuses = dict(Kind.choices), dict(Status.choices)
    steps = []
    for event in petition.events.select_related("actor"):
        data = event.data if isinstance(event.data, dict) else {}
        change = ""
        if event.action == "reclassify" and data.get("old") in kinds and data.get("new") in kinds:
            change = f"{kinds[data['old']]} → {kinds[data['new']]}"
        steps.append(
            {
                "at": event.at,
                "label": ACTION_LABELS.get(event.action, _("cập nhật đơn")),
                "actor": event.actor.full_name or event.actor.username if event.actor else "",
                "status": statuses.get(event.to_status, "")
                if event.to_status != event.from_status
                else "",
                "change": change,
                "reason": event.reason,
            }
        )
    return steps


def statistics(user: User, year: int | None = None) -> dict:
    """Counts by kind and status; a duplicate is not counted twice."""
    qs = visible_petitions(user).filter(duplicate_of__isnull=True)
    if year:
        qs = qs.filter(received_at__year=year)
    by_kind = {k: 0 for k in Kind.values}
    by_status = {s: 0 for s in Status.values}
    for kind, status in qs.values_list("kind", "status"):
        by_kind[kind] += 1
        by_status[status] += 1
    total = sum(by_kind.values())
    answered = sum(by_status[s] for s in (Status.NOTIFIED, Status.CLOSED))
    return {"total": total, "answered": answered, "by_kind": by_kind, "by_status": by_status}


def _resolution_due(event) -> dt.datetime | None:
    """The resolution limit that ran when the petition was concluded: stored on the
    conclude event; for older events, recomputed from the acceptance."""
    stored = event.data.get("due_at") if isinstance(event.data, dict) else None
    if stored:
        return dt.datetime.fromisoformat(stored)
    petition = event.petition
    petition.status = Status.ACCEPTED  # in memory only: the step that was running
    return compute_due(petition) if petition.accepted_at else None


def period_statistics(user: User, start: dt.date, end: dt.date) -> dict:
    """Counts for [start, end] (local dates): received by kind and channel (duplicates
    not counted twice), accepted, resolved on time and late, forwarded, still pending
    (received in the period and open now); dialogues held and follow-ups done."""
    from xaso.petitions.models import Channel, Dialogue, DialogueAction, PetitionEvent

    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    visible = visible_petitions(user)
    received = visible.filter(
        duplicate_of__isnull=True, received_at__gte=since, received_at__lt=until
    )
    by_kind = {k: {c: 0 for c in Channel.values} for k in Kind.values}
    for kind, channel in received.values_list("kind", "channel"):
        by_kind[kind][channel] += 1
    events = PetitionEvent.objects.filter(petition__in=visible, at__gte=since, at__lt=until)
    on_time = late_count = 0
    for event in events.filter(action="conclude").select_related("petition__org_unit"):
        due = _resolution_due(event)
        if due is not None and event.at > due:
            late_count += 1
        else:
            on_time += 1
    dialogues = access.scope(user, perms.VIEW, Dialogue.objects.all())
    return {
        "start": start,
        "end": end,
        "channels": Channel.choices,
        "rows": [
            (label, [by_kind[kind][c] for c in Channel.values], sum(by_kind[kind].values()))
            for kind, label in Kind.choices
        ],
        "channel_totals": [sum(by_kind[k][c] for k in Kind.values) for c in Channel.values],
        "received": received.count(),
        "accepted": events.filter(action="accept").values("petition").distinct().count(),
        "resolved_on_time": on_time,
        "resolved_late": late_count,
        "forwarded": events.filter(action="forward").values("petition").distinct().count(),
        "pending": received.filter(status__in=OPEN_STATUSES).count(),
        "dialogues": dialogues.filter(date__range=(start, end)).count(),
        "followups_done": DialogueAction.objects.filter(
            dialogue__in=dialogues, done_at__gte=since, done_at__lt=until
        ).count(),
    }


def duplicate_link(user: User, petition: Petition) -> Petition | None:
    """The earlier petition this one repeats, when ``user`` may see it and neither is
    confidential — never a link that tells anything about a denouncer."""
    target = petition.duplicate_of
    if target is None or petition.confidential or target.confidential:
        return None
    return target if access.allowed(user, perms.VIEW, target) else None


def public_status(code: str) -> dict | None:
    """What the citizen page shows for a code: no personal data, only public petitions
    (recommendations and feedback submitted online, or marked public)."""
    petition = Petition.objects.filter(code=code.strip(), public=True, confidential=False).first()
    if petition is None:
        return None
    return {
        "code": petition.code,
        "kind": petition.get_kind_display(),
        "status": petition.get_status_display(),
        "received_at": petition.received_at,
        "due_at": petition.due_at,
        "answer": petition.answer if petition.status in (Status.NOTIFIED, Status.CLOSED) else "",
    }


def due_is_provisional(petition: Petition) -> bool:
    """Whether the running limit crosses a day off no notice has fixed yet (dự kiến)."""
    step = current_step(petition)
    if petition.due_at is None or step is None:
        return False
    return bool(calendar_for(petition.org_unit).provisional_between(step[1], petition.due_at))
