"""The API router (tested directly; mounting it is one line in xaso/api.py)."""

import pytest
from ninja.testing import TestClient

from xaso.core.models import AuditEntry
from xaso.petitions.api import router

NAME = "Lò Văn Tố"


@pytest.fixture
def api():
    return TestClient(router)


@pytest.mark.parametrize(("who", "shown"), [("reception", True), ("leader", False)])
def test_api_masks_denouncer(who, shown, request, api, receive, reception, chairman):
    p = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    user = request.getfixturevalue(who)
    listed = api.get("/petitions", user=user).json()
    assert [r["code"] for r in listed] == [p.code]
    assert NAME not in str(listed)
    one = api.get(f"/petitions/{p.code}", user=user).json()
    assert one["petitioner"]["shown"] is shown and (NAME in str(one)) is shown
    assert AuditEntry.objects.filter(action="view_identity", actor=user).count() == int(shown)
