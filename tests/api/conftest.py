import pytest


@pytest.fixture
def reception(longhe, make_user):
    return make_user("tiepdan_lh", "reception", longhe)


@pytest.fixture
def statistician(longhe, make_user):
    return make_user("thongke_lh", "statistics", longhe)
