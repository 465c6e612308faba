"""Personas shared by the suite: officials of Long Hẹ by role, and an administrator of
another commune (the outsider) — healthchecks-style."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("XASO_TESTING", "1")

PASSWORD = "mat-khau-thu-2026"


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
def login(db):
    """A fresh client logged in as ``user`` — one per person, so two can act in a test."""
    from django.test import Client

    def do(user):
        client = Client()
        client.force_login(user)
        return client

    return do
