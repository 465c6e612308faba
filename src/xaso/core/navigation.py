"""The menu and the home page, per role. Entries come from the apps' manifests
(``core.plugins.Nav``); an entry shows only to users holding its permission."""

from __future__ import annotations

from xaso.core import access, plugins
from xaso.core.plugins import Nav


def menu_for(user) -> list[Nav]:
    if not user.is_authenticated:
        return []
    entries = [entry for manifest in plugins.manifests() for entry in manifest.navigation]
    return [e for e in entries if access.allowed(user, e.permission)]


def home_sections(user) -> list[tuple[Nav, int | None]]:
    """The home page's tiles, each with the number of items waiting for the user."""
    return [(e, e.pending_for(user)) for e in menu_for(user)]
