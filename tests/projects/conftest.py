import pytest

from tests.workflow_data import build_round


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)
