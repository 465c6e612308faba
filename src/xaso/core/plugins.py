"""How an app plugs into xaso: one ``Manifest`` per app, in its ``manifest.py``.

A manifest declares everything the rest of the platform needs to know about an app —
which roles get which of its permissions, its menu entries, how its audit actions read,
the resolution measures it feeds live (the targets registry reads these), and the demo
data it loads (the ``demo`` command of ``seed`` asks every manifest, in the order of
``INSTALLED_APPS``). ``core`` reads manifests; it never imports an app.

Functions are named by dotted path (``"xaso.onestop.indicators:pending_for"``) so a
manifest imports nothing heavy and apps load in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import AppConfig, apps


def resolve(path: str) -> Callable:
    """``"package.module:function"`` → the function."""
    module, _sep, name = path.partition(":")
    return getattr(import_module(module), name)


@dataclass(frozen=True)
class Nav:
    """A menu entry and home-page tile; shown only to users holding ``permission``.
    ``pending`` names a function ``(user) -> int`` counting what waits for the user."""

    url_name: str
    label: str
    permission: str
    description: str = ""
    pending: str = ""

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(self.url_name)

    def pending_for(self, user) -> int | None:
        return resolve(self.pending)(user) if self.pending else None


@dataclass(frozen=True)
class TargetSource:
    """A resolution measure the app computes from its records (``data_source =
    "computed:<key>"``): ``supply(org_unit, year) -> Observation | None`` and optionally
    ``many(org_unit, years) -> {year: Observation}``, both dotted paths."""

    key: str
    label: str
    supply: str
    many: str = ""


@dataclass(frozen=True)
class OverviewPanel:
    """A panel of the leader's overview (the home page of a leader, ``core.overview``):
    ``template`` renders it with what ``context`` returns. ``context`` names a function
    ``(user, *, org_unit, year, today) -> dict | None`` — the unit and year chosen
    once at the top of the page (already checked: a unit the user may see, a sane year) —
    returning None when the user may not see the app's data or it has nothing to show.
    Panels appear by ``order``, lowest first."""

    template: str
    context: str
    order: int = 100


@dataclass(frozen=True)
class Manifest:
    app: str
    #: role → the app's permissions that role holds (over the unit it is granted on)
    grants: Mapping[str, Sequence[str]] = field(default_factory=dict)
    navigation: Sequence[Nav] = ()
    #: audit action → how it reads in the log ("dossier_intake" → "tiếp nhận hồ sơ")
    audit_labels: Mapping[str, str] = field(default_factory=dict)
    target_sources: Sequence[TargetSource] = ()
    #: ``"module:function"`` loading the app's demo data: called with ``today`` (the day
    #: the data is seen from; nothing is simulated from that day on) and ``report_date``
    #: (the last day of the report's own period, ``seed.demo.REPORT_DATE``), it loads what
    #: is missing (safe to run again: the same day adds nothing, a later day tops up) and
    #: returns a line to print ("" when it did nothing)
    demo: str = ""
    #: ``"module:function"`` called when days off change (a yearly notice entered) with
    #: ``dates`` (the changed days) and ``org_unit`` (None: nationwide); recalculates the
    #: app's open deadlines those days touch and returns the codes whose due moved.
    calendar_changed: str = ""
    #: panels of the leader's overview (``OverviewPanel``), each shown only when its
    #: ``context`` returns something for the user
    overview: Sequence[OverviewPanel] = ()


class XasoAppConfig(AppConfig):
    """Base of every xaso app: its ``manifest.MANIFEST`` is how the platform knows it
    (``manifests``); nothing is copied into module-level registries."""

    default = False

    @property
    def manifest(self) -> Manifest:
        return import_module(f"{self.name}.manifest").MANIFEST

    def ready(self):
        self.manifest  # noqa: B018 - a broken manifest fails at start, not on first use


@cache
def manifests() -> tuple[Manifest, ...]:
    """Every installed app's manifest, in the order of ``INSTALLED_APPS``."""
    return tuple(c.manifest for c in apps.get_app_configs() if isinstance(c, XasoAppConfig))


@cache
def _audit_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for manifest in manifests():
        labels.update(manifest.audit_labels)
    return labels


def audit_label(action: str) -> str:
    """How an audit action reads in the log; the action itself when no app names it."""
    return str(_audit_labels().get(action, action))


def target_sources() -> list[TargetSource]:
    return [s for manifest in manifests() for s in manifest.target_sources]


def overview_panels() -> list[OverviewPanel]:
    """Every app's overview panels, by ``order`` (then ``INSTALLED_APPS`` order)."""
    panels = [p for manifest in manifests() for p in manifest.overview]
    return sorted(panels, key=lambda p: p.order)
