"""The leader's overview: the home page of a leader, made of the apps' panels
(``core.plugins.OverviewPanel``) under one chooser of unit (``don_vi``) and year
(``nam``). Core knows no app: each panel's ``context`` function says what its app shows
this user for that unit and year, or None when the user may not see it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xaso.core import access, plugins
from xaso.core.models import OrgUnit, Role, User

#: Years offered before the current one.
YEARS_BACK = 5


@dataclass
class Choice:
    """What the chooser at the top of the overview offers and what was chosen."""

    unit: OrgUnit
    year: int
    units: list[OrgUnit] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


def shows_for(user: User) -> bool:
    """Whether ``user``'s home page is the overview: a leader's is."""
    return any(a.role == Role.LEADER for a in access.roles_of(user))


def choice(user: User, params, today: dt.date) -> Choice | None:
    """The unit and year asked for (``?don_vi=&nam=``), each falling back to the default
    — the user's own unit, this year — when missing, malformed or out of reach; None
    when the user has no unit at all."""
    home = access.home_unit(user)
    if home is None:
        return None
    # Its bản by name: one not named yet (a placeholder the administrator is asked to
    # name) has nothing to show and would put a code in the list.
    villages = home.children.filter(kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True).exclude(
        name=""
    )
    units = [home, *villages]
    units = [u for u in units if access.allowed(user, access.VIEW_ORG, u)] or [home]
    years = list(range(today.year, today.year - YEARS_BACK - 1, -1))
    code = str(params.get("don_vi", ""))
    unit = next((u for u in units if u.code == code), units[0])
    asked = str(params.get("nam", ""))
    year = int(asked) if re.fullmatch(r"[0-9]{4}", asked) and int(asked) in years else today.year
    return Choice(unit=unit, year=year, units=units, years=years)


def panels_for(user: User, chosen: Choice, today: dt.date) -> list[Panel]:
    """The panels ``user`` gets for the chosen unit and year, in order."""
    shown = []
    for panel in plugins.overview_panels():
        context = plugins.resolve(panel.context)(
            user, org_unit=chosen.unit, year=chosen.year, today=today
        )
        if context is not None:
            shown.append(Panel(template=panel.template, context=context))
    return shown
