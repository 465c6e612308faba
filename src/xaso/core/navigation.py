"""The menu and the home page, per role. Entries come from the apps' manifests
(``core.plugins.Nav``); an entry shows only to users holding its permission."""

from __future__ import annotations

from xaso.core import access
from xaso.core.plugins import Nav

ENTRIES: list[Nav] = []


def register(entry: Nav) -> None:
    if entry not in ENTRIES:
        ENTRIES.append(entry)


def menu_for(user) -> list[Nav]:
    if not user.is_authenticated:
        return []
    return [e for e in ENTRIES if access.allowed(user, e.permission)]


def home_sections(user) -> list[tuple[Nav, int | None]]:
    """The home page's tiles, each with the number of items waiting for the user."""
    return [(e, e.pending_for(user)) for e in menu_for(user)]
