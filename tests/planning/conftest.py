import pytest

from planning.management.commands.loaddemo_planning import load_plan
from planning.models import Plan


@pytest.fixture
def plan(db) -> Plan:
    """The demo plan of seed 004, loaded as ``loaddemo_planning`` loads it."""
    return load_plan()
