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

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit
from xaso.core.models import User
from xaso.petitions import permissions as perms
from xaso.petitions.models import Kind, Petition, Status

MASK = "***"
IDENTITY_FIELDS = ("name", "id_number", "address", "phone")
OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.VERIFYING)
DUE_SOON_DAYS = 3


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
        "org_unit", "village"
    )


def late(user: User, now: dt.datetime | None = None) -> QuerySet[Petition]:
    now = now or timezone.now()
    return visible_petitions(user).filter(status__in=OPEN_STATUSES, due_at__lt=now)


def due_soon(user: User, now: dt.datetime | None = None, days: int = DUE_SOON_DAYS):
    now = now or timezone.now()
    return visible_petitions(user).filter(
        status__in=OPEN_STATUSES, due_at__gte=now, due_at__lt=now + dt.timedelta(days=days)
    )


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
