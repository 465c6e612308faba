"""Org units, users and roles, the audit log and the working-day calendar's data.

Everything later modules record belongs to an ``OrgUnit``; every write leaves an
``AuditEntry``; every deadline is computed over the calendar kept here.
"""

from xaso.core.models.audit import AuditChain, AuditEntry, AuditQuerySet
from xaso.core.models.calendar import (
    CalendarOverride,
    HolidayNotice,
    HolidayRule,
    OfficeSchedule,
)
from xaso.core.models.counters import DailyCounter, Throttle
from xaso.core.models.units import OrgUnit
from xaso.core.models.users import Field, Role, RoleAssignment, User

__all__ = [
    "AuditChain",
    "AuditEntry",
    "AuditQuerySet",
    "CalendarOverride",
    "DailyCounter",
    "Field",
    "HolidayNotice",
    "HolidayRule",
    "OfficeSchedule",
    "OrgUnit",
    "Role",
    "RoleAssignment",
    "Throttle",
    "User",
]
