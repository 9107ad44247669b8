"""Login lockout policy (issue 19, finding 5; mip/lockout.py), over real logins on PostgreSQL.

Two attacks that worked with axes' stock counters: a good login as another user from the same
address reset the failures for ``admin`` (unlimited guesses), and five failures from anywhere
locked a real user out everywhere for 30 minutes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.workflow_data import PASSWORD, build_round

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


def login(address: str, username: str, password: str) -> int:
    """One login post from `address` in a fresh browser; the HTTP status (302 = logged in)."""
    return (
        Client(REMOTE_ADDR=address)
        .post(LOGIN, {"username": username, "password": password})
        .status_code
    )


def test_a_good_login_as_another_user_does_not_reset_the_count_for_admin(round_):
    admin, other = round_.admin.username, round_.manager.username
    statuses = []
    for _ in range(3):
        statuses += [login(ATTACKER, admin, f"guess-{n}") for n in range(4)]
        assert login(ATTACKER, other, PASSWORD) == 302  # the attacker's own account
    # Before the fix all twelve guesses got the form back (200); now the fifth is the last.
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    assert login(ATTACKER, admin, PASSWORD) == 429  # the right password is refused too


def test_a_good_login_resets_the_count_of_that_username_from_that_address(round_):
    manager = round_.manager.username
    for _ in range(3):
        assert [login(OFFICE, manager, "typo") for _ in range(4)] == [200] * 4
        assert login(OFFICE, manager, PASSWORD) == 302


def test_failures_from_elsewhere_lock_the_pair_there_but_not_the_user_at_the_office(round_):
    manager = round_.manager.username
    assert [login(ATTACKER, manager, "x") for _ in range(5)] == [200] * 4 + [429]
    assert login(ATTACKER, manager, PASSWORD) == 429
    assert login(OFFICE, manager, PASSWORD) == 302  # before the fix: 429 for 30 minutes


def test_the_username_alone_locks_after_many_failures_for_a_shorter_time(round_):
    manager = round_.manager.username
    addresses = [f"203.0.113.{n}" for n in range(1, 5)]
    for address in addresses:
        for _ in range(5):
            login(address, manager, "x")
    assert login(OFFICE, manager, PASSWORD) == 429  # 20 failures: the username is locked
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11))
    assert login(OFFICE, manager, PASSWORD) == 302  # 10 minutes later it is not
    assert login(addresses[0], manager, PASSWORD) == 429  # the pairs stay locked for 30


def test_one_address_spraying_many_usernames_is_locked_after_fifty(round_):
    for n in range(50):
        login(ATTACKER, f"guess{n}", "wrong")
    assert login(ATTACKER, round_.other_manager.username, PASSWORD) == 429
    assert login(OFFICE, round_.other_manager.username, PASSWORD) == 302
