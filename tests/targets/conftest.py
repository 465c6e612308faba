import pytest


@pytest.fixture
def resolution(longhe):
    from xaso.seed import loader
    from xaso.targets.models import Resolution

    loader.load_resolution()
    return Resolution.objects.get()


@pytest.fixture
def statistician(longhe, make_user):
    return make_user("thongke_lh", "statistics", longhe)
