"""Login lockout policy (django-axes handler), issue 19 finding 5.

Stock axes counts each lockout parameter with one failure limit and one cool-off, and a success
deletes every attempt matching *any* parameter: with ``["username", "ip_address"]`` a correct
login as one user wiped the address's count for every username (unlimited guesses for ``admin``
between logins as ``manager2``), and five failures from anywhere locked a user out everywhere.

Here each counter has its own limit and cool-off (``RULES``):

- the pair username + address: locked after ``AXES_FAILURE_LIMIT`` failures (5), for the full
  cool-off (``AXES_COOLOFF_TIME``, 30 minutes). This stops guessing one account from one place.
- the username alone, from any address: only after four times as many failures (20), for a
  third of the cool-off (10 minutes). A distributed guess is slowed down; someone elsewhere can
  lock a real user out for at most 10 minutes at a time, and has to keep failing to extend it.
- the address alone, any username: after ten times as many (50), for the full cool-off: one
  address spraying one password over many usernames.

A successful login resets only the pair (that username from that address): it never clears
another username's failures, nor the failures for this username from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


class Rule(NamedTuple):
    parameters: tuple[str, ...]
    failures: int
    cool_off: dt.timedelta


def rules() -> list[Rule]:
    """The three counters, derived from AXES_FAILURE_LIMIT and AXES_COOLOFF_TIME."""
    limit = int(settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    return [
        Rule(("username", "ip_address"), limit, cool_off),
        Rule(("username",), 4 * limit, cool_off / 3),
        Rule(("ip_address",), 10 * limit, cool_off),
    ]


def _values(request: HttpRequest, credentials: dict | None) -> dict[str, str | None]:
    return {
        "username": get_client_username(request, credentials),
        "ip_address": request.axes_ip_address,
    }


def failures_for(rule: Rule, values: dict[str, str | None]) -> int:
    """Failures that count for one rule: attempts matching its parameters, within its cool-off."""
    since = timezone.now() - rule.cool_off
    attempts = AccessAttempt.objects.filter(
        attempt_time__gte=since, **{name: values[name] for name in rule.parameters}
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler with a limit and cool-off per counter and a reset of the pair only."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        values = _values(request, credentials)
        return any(failures_for(rule, values) >= rule.failures for rule in rules())

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Axes compares this with AXES_FAILURE_LIMIT: report the limit once any rule is hit,
        else the pair's own count (below the limit)."""
        if self.is_locked(request, credentials):
            return int(settings.AXES_FAILURE_LIMIT)
        return failures_for(rules()[0], _values(request, credentials))

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a good login: forget this username's failures from this address, nothing else."""
        values = _values(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=values["username"], ip_address=values["ip_address"]
        ).delete()
        return count
