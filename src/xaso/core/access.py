"""The one place that answers "may this user do this to that object".

A permission is a string such as ``"core.manage_users"``. Roles grant permissions
(``role_permissions``: the platform's own, ``CORE_PERMISSIONS``, and each app's manifest
``grants``); a role is held over an org unit and reaches everything under it. Views
and services both call ``require``/``allowed``; lists narrow with ``scope``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xaso.core.models import OrgUnit, Role, RoleAssignment, User

VIEW_ORG = "core.view_orgunit"
MANAGE_ORG = "core.manage_orgunit"
MANAGE_USERS = "core.manage_users"
VIEW_AUDIT = "core.view_audit"
VIEW_CALENDAR = "core.view_calendar"
MANAGE_CALENDAR = "core.manage_calendar"

_EVERY_ROLE = {VIEW_ORG, VIEW_CALENDAR}

#: What each role holds of the platform's own pages; apps add theirs in their manifests.
CORE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMINISTRATOR: _EVERY_ROLE | {MANAGE_ORG, MANAGE_USERS, VIEW_AUDIT, MANAGE_CALENDAR},
    Role.LEADER: _EVERY_ROLE | {VIEW_AUDIT},
    Role.ONESTOP_OFFICER: set(_EVERY_ROLE),
    Role.SPECIALIST: set(_EVERY_ROLE),
    Role.PARTY_OFFICE: set(_EVERY_ROLE),
    Role.STATISTICS: set(_EVERY_ROLE),
    Role.RECEPTION: set(_EVERY_ROLE),
}


@cache
def role_permissions() -> dict[str, frozenset[str]]:
    """Every role's permissions: the platform's and those the apps' manifests grant."""
    from xaso.core import plugins

    table = {role: set(granted) for role, granted in CORE_PERMISSIONS.items()}
    for manifest in plugins.manifests():
        for role, granted in manifest.grants.items():
            table.setdefault(role, set()).update(granted)
    return {role: frozenset(granted) for role, granted in table.items()}


def roles_with(permission: str) -> list[str]:
    return [role for role, granted in role_permissions().items() if permission in granted]


def _assignments(user: User) -> list[RoleAssignment]:
    # Cached on the user object: one query per request however many checks a page makes.
    cached = getattr(user, "_xaso_assignments", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("org_unit"))
        user._xaso_assignments = cached
    return cached


def roles_of(user: User) -> list[RoleAssignment]:
    if not user.is_authenticated or not user.is_active:
        return []
    return _assignments(user)


def units_with(user: User, permission: str) -> list[OrgUnit]:
    """The roots of the subtrees where ``user`` holds ``permission``."""
    return [a.org_unit for a in roles_of(user) if permission in role_permissions().get(a.role, ())]


def unit_of(obj: Any) -> OrgUnit | None:
    """The org unit an object belongs to: itself, ``org_unit``, or ``None``."""
    if isinstance(obj, OrgUnit):
        return obj
    unit = getattr(obj, "org_unit", None)
    if isinstance(unit, OrgUnit):
        return unit
    return None


def allowed(user: User, permission: str, obj: Any = None) -> bool:
    """May ``user`` do ``permission`` to ``obj`` (anything with an org unit)?

    Without ``obj``: does the user hold the permission anywhere at all.
    An object with no org unit is reachable only by superusers.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    roots = units_with(user, permission)
    if obj is None:
        return bool(roots)
    unit = unit_of(obj)
    # A merged unit's records passed to its successor (Long Hẹ and É Tòng → Long Hẹ,
    # 1/7/2025): whoever holds the successor holds its history too.
    for _hop in range(5):  # a chain of mergers; bounded against a cycle
        if unit is None:
            return False
        if any(unit.path.startswith(root.path) for root in roots):
            return True
        unit = unit.successor if unit.successor_id else None
    return False


def may_manage_account(actor: User, account: User) -> bool:
    """Whether ``actor`` may manage ``account`` (edit, lock, reset its password, grant or
    revoke its roles): only when the account holds nothing beyond the actor's reach —
    never a superuser unless the actor is one, and the account's unit and the unit of
    every role it holds all lie in the actor's account-management subtrees."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    units = [
        a.org_unit for a in RoleAssignment.objects.filter(user=account).select_related("org_unit")
    ]
    if account.org_unit_id:
        units.append(account.org_unit)
    return bool(units) and all(allowed(actor, MANAGE_USERS, unit) for unit in units)


def require(user: User, permission: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``allowed``; the 403 page says it in Vietnamese."""
    if not allowed(user, permission, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def scope(
    user: User, permission: str, queryset: QuerySet, unit_field: str = "org_unit"
) -> QuerySet:
    """Narrow ``queryset`` to the objects whose org unit lies in the user's subtrees
    (or was merged into a unit there). ``unit_field=""`` when the queryset is of OrgUnit."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    roots = units_with(user, permission)
    if not roots:
        return queryset.none()
    return _narrowed(queryset, _covering(roots), unit_field)


def within(queryset: QuerySet, unit: OrgUnit, unit_field: str = "org_unit") -> QuerySet:
    """Narrow ``queryset`` to ``unit``'s subtree and the units merged into it — the rule
    ``scope`` applies to a user's units, for one unit chosen on a page."""
    return _narrowed(queryset, _covering([unit]), unit_field)


def _covering(roots) -> Q:
    condition = Q()
    for root in roots:
        # The unit itself, or a merged unit whose successor lies in the subtree.
        condition |= Q(path__startswith=root.path) | Q(successor__path__startswith=root.path)
    return condition


def _narrowed(queryset: QuerySet, condition: Q, unit_field: str) -> QuerySet:
    if unit_field == "":
        return queryset.filter(condition)
    # Through an id subquery rather than a join: both databases then use the records'
    # (org_unit, …) indexes instead of scanning every record to test the unit's path.
    units = OrgUnit.objects.filter(condition).values("pk")
    return queryset.filter(**{f"{unit_field}__in": units})


def scope_units(user: User, permission: str) -> QuerySet:
    return scope(user, permission, OrgUnit.objects.all(), unit_field="")


def assignments_over(permission: str, unit: OrgUnit) -> QuerySet[RoleAssignment]:
    """The role assignments that give ``permission`` over ``unit``: held on the unit,
    above it, or — for a merged unit — on its successor's line."""
    codes = unit.ancestors_codes()
    if unit.successor_id:
        codes += unit.successor.ancestors_codes()
    return RoleAssignment.objects.filter(role__in=roles_with(permission), org_unit__code__in=codes)


def holders(
    permission: str, unit: OrgUnit, assignments: QuerySet[RoleAssignment] | None = None
) -> QuerySet[User]:
    """The active accounts holding ``permission`` over ``unit`` (``assignments``: those
    of ``assignments_over`` narrowed further by the caller, e.g. to a field)."""
    if assignments is None:
        assignments = assignments_over(permission, unit)
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by(
        "full_name", "username"
    )


def home_unit(user: User) -> OrgUnit | None:
    """The unit a user's pages open on: their own, else their first role's."""
    if user.org_unit_id:
        return user.org_unit
    assignments = roles_of(user)
    return assignments[0].org_unit if assignments else None


def unit_or_404(user: User, permission: str, code: str | None = "") -> OrgUnit | None:
    """The unit ``code`` names — or, without a code, the user's own (None for a user with
    none, e.g. an installation operator). 404, not 403, when the code names no unit or
    one where the user does not hold ``permission``: an officer of another commune
    learns nothing about it, not even that it exists."""
    unit = OrgUnit.objects.filter(code=code).first() if code else home_unit(user)
    if (code and unit is None) or (unit is not None and not allowed(user, permission, unit)):
        raise Http404
    return unit
