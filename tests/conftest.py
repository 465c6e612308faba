"""Personas shared by the suite: officials of Long Hẹ by role, and an administrator of
another commune (the outsider) — healthchecks-style."""

from __future__ import annotations

import importlib
import os

import pytest

os.environ.setdefault("XASO_TESTING", "1")

PASSWORD = "mat-khau-thu-2026"

#: the PostgreSQL pass of ``make test`` (DATABASE_URL set to PostgreSQL)
ON_POSTGRESQL = "postgres" in os.environ.get("DATABASE_URL", "")
_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
#: modules whose tests run ``xaso`` in a child process, which reads DATABASE_URL: they
#: test the database although the test itself opens no connection
_CHILD_PROCESS_MODULES = {"test_serve.py", "test_notices.py", "test_backup.py"}


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass runs what can differ by database. A test that opens no
    connection (pytest-django refuses one to a test without database access) answers
    the same on both, so the SQLite pass runs it alone — the calendar, lunar and number
    arithmetic with their hypothesis examples — keeping ``make test`` within its time."""
    if not ON_POSTGRESQL:
        return
    keep, drop = [], []
    for item in items:
        uses_database = (
            item.get_closest_marker("django_db")
            or _DATABASE_FIXTURES & set(item.fixturenames)
            or item.path.name in _CHILD_PROCESS_MODULES
        )
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Long Hẹ's units, loaded once into the test database rather than by each of the
    ~900 tests that ask for them (a quarter to half a second each, per database pass).
    Each test runs in a transaction rolled back after it, so what it adds never reaches
    the next. The loader only adds what is missing, so ``longhe`` still calls it: after
    a transactional test's flush it loads them again. (The one-stop catalogue is not
    preloaded: the targets it feeds must stay empty where a test loads none.)"""
    from xaso.seed import loader

    with django_db_blocker.unblock():
        loader.load_org_units()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction held open through a module and rolled back at its end, for data
    that takes seconds to build and that the module's tests only read (the province
    benchmark dataset, the Party demo): build it in a module fixture that asks for this
    one. Each test's own transaction nests in it as a savepoint, so what a test changes
    is undone before the next. Every test of the module after the first that asks for
    the data sees it: keep those tests in a module of their own, or last."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throw-away folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def longhe(db):
    from xaso.core.models import OrgUnit
    from xaso.seed import loader

    loader.load_org_units()
    return OrgUnit.objects.get(code="03763")


@pytest.fixture
def demo_accounts(longhe):
    """The demo accounts ``xaso demo`` creates before any app loads its demo data."""
    from xaso.seed import demo

    return demo.create_demo_accounts()


@pytest.fixture
def other_commune(longhe):
    from xaso.core import services
    from xaso.core.models import OrgUnit

    province = OrgUnit.objects.get(code="14")
    commune = services.org_unit_create(
        actor=None, parent=province, code="09999", name="Chiềng Khác", kind=OrgUnit.Kind.COMMUNE
    )
    services.org_unit_create(
        actor=None, parent=commune, code="09999-B01", name="Bản Đông", kind=OrgUnit.Kind.VILLAGE
    )
    return commune


@pytest.fixture
def make_user(db):
    from xaso.core import services

    def make(username, role=None, unit=None, field=""):
        user = services.user_create(
            actor=None,
            username=username,
            full_name=f"Người {username}",
            password=PASSWORD,
            org_unit=unit,
        )
        if role:
            services.role_grant(actor=None, user=user, role=role, org_unit=unit, field=field)
        return user

    return make


@pytest.fixture
def admin(longhe, make_user):
    return make_user("quantri_lh", "administrator", longhe)


@pytest.fixture
def leader(longhe, make_user):
    return make_user("lanhdao_lh", "leader", longhe)


@pytest.fixture
def officer(longhe, make_user):
    from xaso.core.models import OrgUnit

    return make_user("motcua_lh", "onestop_officer", OrgUnit.objects.get(code="03763-TTPVHCC"))


@pytest.fixture
def outsider(other_commune, make_user):
    return make_user("quantri_khac", "administrator", other_commune)


@pytest.fixture
def procedures(longhe):
    """The one-stop catalogue, by code."""
    from xaso.onestop.models import Procedure
    from xaso.seed import loader

    loader.load_procedures()
    return {p.code: p for p in Procedure.objects.all()}


@pytest.fixture
def center(longhe):
    from xaso.core.models import OrgUnit

    return OrgUnit.objects.get(code="03763-TTPVHCC")


@pytest.fixture
def specialist(longhe, make_user):
    return make_user("tuphap_lh", "specialist", longhe, field="justice_civil_status")


@pytest.fixture
def login(db):
    """A fresh client logged in as ``user`` — one per person, so two can act in a test."""
    from django.test import Client

    def do(user):
        client = Client()
        client.force_login(user)
        return client

    return do


# --- the append-only audit log vs. the flush between transactional tests ---------------
#
# Transactional tests (``live_server``, ``django_db(transaction=True)``): pytest-django empties the
# database after each test with ``flush`` (DELETE on SQLite, TRUNCATE on PostgreSQL).
# The audit log refuses both by database triggers (migration 0002), and every test
# here writes audit entries (seed, logins), so the flush fails. The triggers are kept
# during each test, dropped just before the flush and created again right after it, in
# the throwaway test database only.

_AUDIT_MIGRATION = "xaso.core.migrations.0002_audit_append_only_and_holidays"
_BLOCKER = pytest.StashKey[object]()


def _audit_triggers(create: bool) -> None:
    from django.db import connection

    migration = importlib.import_module(_AUDIT_MIGRATION)
    postgres = connection.vendor == "postgresql"
    drop = migration.POSTGRES_DROP if postgres else migration.SQLITE_DROP
    add = migration.POSTGRES_TRIGGERS if postgres else migration.SQLITE_TRIGGERS
    with connection.cursor() as cursor:
        for sql in [*drop, *(add if create else [])]:
            cursor.execute(sql)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _audit_log_flushable(request):
    if not _is_transactional(request):
        yield
        return
    # Set up after transactional_db, so torn down before its flush.
    request.getfixturevalue("transactional_db")
    request.node.stash[_BLOCKER] = request.getfixturevalue("django_db_blocker")
    yield
    _audit_triggers(create=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After the flush, while the test
    # database still exists (it goes away after the session's last test).
    try:
        return (yield)
    finally:
        blocker = item.stash.get(_BLOCKER, None)
        if blocker is not None and nextitem is not None:
            with blocker.unblock():
                _audit_triggers(create=True)
