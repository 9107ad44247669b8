"""Two coordinators promoting at the same moment, on two real PostgreSQL connections.

The same initiative promoted twice yields one programme (the initiative's row lock); two
initiatives with the same title both become programmes, each with its own address.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from planning.models import Initiative
from planning.promotion import promote
from projects.models import Programme
from tests.projects.test_publication_race import in_thread, wait_until_blocked

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL"),
]


def race(first: Initiative, second: Initiative) -> dict:
    """The first promotion holds its transaction open until the second waits on a lock."""
    results: dict = {}
    hold, holding = threading.Event(), threading.Event()

    def first_promotion():
        with transaction.atomic():
            programme = promote(first)
            holding.set()
            hold.wait(10)
            return programme

    one = in_thread(results, "first", first_promotion)
    assert holding.wait(20), results
    two = in_thread(results, "second", lambda: promote(second))
    results["blocked"] = wait_until_blocked()
    hold.set()
    one.join(20)
    two.join(20)
    return results


def test_the_same_initiative_promoted_twice_at_once_is_one_programme(plan):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    before = Programme.objects.count()
    results = race(kiss, kiss)
    assert results["blocked"]
    assert isinstance(results["first"], Programme)
    assert isinstance(results["second"], ValidationError), results["second"]
    assert Programme.objects.count() == before + 1
    kiss.refresh_from_db()
    assert kiss.programme == results["first"]


def test_two_initiatives_of_one_title_promoted_at_once_get_their_own_address(plan):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    twin = Initiative.objects.get(pk=kiss.pk)
    other_domain = plan.domains.exclude(pk=kiss.domain_id).first()  # its own organisation unit
    twin.pk, twin.domain, twin.number, twin.programme = None, other_domain, 90, None
    twin.save()
    results = race(kiss, twin)
    assert results["blocked"], "the second insert should wait on the first one's slug"
    assert isinstance(results["first"], Programme), results["first"]
    assert isinstance(results["second"], Programme), results["second"]
    assert results["first"].slug != results["second"].slug
    kiss.refresh_from_db()
    twin.refresh_from_db()
    assert {kiss.programme_id, twin.programme_id} == {results["first"].pk, results["second"].pk}
