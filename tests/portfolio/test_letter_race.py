"""Two coordinators editing one council letter: nobody's paragraphs are overwritten unseen.

The rule lives in ``CouncilLetter.keep_texts`` (a row lock and the ``updated_at`` the editor
opened); raced here on two real PostgreSQL connections, and walked through the form.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse

from portfolio.models import CouncilLetter, LetterConflict
from projects.models import Programme
from tests.portfolio.test_letter import dordrecht, form_data  # noqa: F401  (fixture)
from tests.projects.test_publication_race import in_thread, wait_until_blocked

TEXTS = dict.fromkeys(CouncilLetter.TEXT_FIELDS, "")


@pytest.fixture
def programme(make_programme) -> Programme:
    return make_programme("Race")


def race(programme: Programme, opened, first: str, second: str) -> dict:
    """The first save holds its transaction open until the second waits on its lock."""
    results: dict = {}
    hold, holding = threading.Event(), threading.Event()

    def first_save():
        with transaction.atomic():
            kept = CouncilLetter.keep_texts(
                programme, TEXTS | {"why": first}, opened=opened, by=None
            )
            holding.set()
            hold.wait(10)
            return kept

    one = in_thread(results, "first", first_save)
    assert holding.wait(10), results
    two = in_thread(
        results,
        "second",
        lambda: CouncilLetter.keep_texts(
            programme, TEXTS | {"why": second}, opened=opened, by=None
        ),
    )
    blocked = wait_until_blocked()
    hold.set()
    one.join(15)
    two.join(15)
    results["blocked"] = blocked
    return results


pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of PostgreSQL")
]


@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_a_new_letter_keep_one_and_show_it_to_the_other(programme):
    results = race(programme, None, "Eerste", "Tweede")
    assert results["blocked"], "the second insert should wait on the first"
    assert isinstance(results["first"], CouncilLetter)
    assert isinstance(results["second"], LetterConflict), results["second"]
    assert results["second"].current.why == "Eerste"
    assert CouncilLetter.objects.get(programme=programme).why == "Eerste"


@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_opened_letter_keep_the_first_and_refuse_the_second(programme):
    stored = CouncilLetter.objects.create(programme=programme, why="Begin")
    results = race(programme, stored.updated_at, "Van A", "Van B")
    assert results["blocked"], "the second save should wait on the first one's row lock"
    assert isinstance(results["first"], CouncilLetter)
    assert isinstance(results["second"], LetterConflict)
    assert results["second"].current.why == "Van A"
    assert CouncilLetter.objects.get(programme=programme).why == "Van A"


@pytest.mark.django_db
def test_the_form_shows_the_other_version_keeps_yours_and_a_second_save_overwrites(
    dordrecht,  # noqa: F811
    client,
):
    users = get_user_model().objects
    client.force_login(users.get(username="coordinator"))
    url = reverse("portfolio:letter", args=[dordrecht.slug])
    client.post(url, form_data(client, url, why="Eerst opgeslagen") | {"action": "save"})
    opened_by_me = form_data(client, url)
    # Meanwhile a colleague saves their own words.
    colleague = users.create_user("collega", first_name="Col", last_name="Lega")
    CouncilLetter.keep_texts(
        dordrecht,
        CouncilLetter.objects.get(programme=dordrecht).texts() | {"why": "Tekst van de collega"},
        opened=CouncilLetter.objects.get(programme=dordrecht).updated_at,
        by=colleague,
    )
    response = client.post(url, opened_by_me | {"why": "Mijn tekst", "action": "save"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Col Lega" in page and "Tekst van de collega" in page  # theirs shown
    assert "Mijn tekst" in page  # mine kept in the field
    assert CouncilLetter.objects.get(programme=dordrecht).why == "Tekst van de collega"
    # Saving again, now knowing their version, keeps mine.
    again = response.context["form"]
    data = {name: again[name].value() or "" for name in again.fields}
    assert client.post(url, data | {"action": "save"}).status_code == 302
    assert CouncilLetter.objects.get(programme=dordrecht).why == "Mijn tekst"


@pytest.mark.django_db
def test_an_untouched_save_writes_nothing(dordrecht, client):  # noqa: F811
    client.force_login(get_user_model().objects.get(username="coordinator"))
    url = reverse("portfolio:letter", args=[dordrecht.slug])
    client.post(url, form_data(client, url, why="Vast") | {"action": "save"})
    before = CouncilLetter.objects.get(programme=dordrecht).updated_at
    assert client.post(url, form_data(client, url) | {"action": "save"}).status_code == 302
    assert CouncilLetter.objects.get(programme=dordrecht).updated_at == before
