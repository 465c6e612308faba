from tests.api.test_schemathesis import _credentials, schema, CURRENT, world, keep_connection
import pytest

def test_dbg(world, officer):
    from django.test import Client
    creds = _credentials(officer)
    op = schema["/api/v1/deadline"]["POST"]
    case = op.Case(body={"start": "2026-03-02T08:00:00", "days": 3}, media_type="application/json")
    case.cookies = dict(creds["cookies"]); case.headers = dict(creds["headers"])
    r = case.call()
    print(r.status_code, r.text, r.request.headers)
