"""The dashboard and a drill-down cost a fixed number of queries, however many targets,
bản and years there are (the figures are computed per request, so this matters)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


# The dashboard: 14 before the Party module fed it; its two live sources read every year
# of the term at once — XD3a its bản cells and their leaderships (2), XD2 its admissions
# grouped by year (1) — so the count does not grow with the years. The ratings and
# meetings add six: XD1a–d one grouped read each, XD1e its meetings and its cells (2).
@pytest.mark.parametrize("url, most", [("/chi-tieu/", 22), ("/chi-tieu/social/11/", 18)])
def test_pages_cost_a_bounded_number_of_queries(resolution, leader, login, url, most):
    client = login(leader)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= most, [q["sql"][:120] for q in queries]
