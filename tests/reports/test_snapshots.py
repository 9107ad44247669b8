"""Published pages revalidate by ETag, are rendered once per key and compressed (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Erratum

PAGES = ["overview", "programme", "export_csv", "export_json"]


@pytest.fixture
def published(make_programme, make_period, make_report):
    report = make_report(make_programme("Sorga", slug="sorga"), make_period(), developments="Live.")
    return report


def url_of(name: str, report) -> str:
    args = [report.period.slug] + ([report.programme.slug] if name == "programme" else [])
    return reverse(f"reports:{name}", args=args)


def body(response) -> bytes:
    return re.sub(rb"[A-Za-z0-9]{64}", b"TOKEN", response.content)  # CSRF tokens differ


@pytest.mark.parametrize("name", PAGES)
def test_revalidation_with_the_etag_is_a_304(client, published, name, django_assert_num_queries):
    first = client.get(url_of(name, published))
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(1):  # the publication key, nothing else
        again = client.get(url_of(name, published), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(
        url_of(name, published), headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert since.status_code == 304


@pytest.mark.parametrize("name", PAGES)
def test_a_second_request_is_served_from_the_stored_snapshot(
    client, published, name, django_assert_max_num_queries
):
    first = client.get(url_of(name, published))
    # The publication key and the snapshot, from the database cache all app servers share.
    with django_assert_max_num_queries(2):
        second = client.get(url_of(name, published))
    assert second.status_code == 200
    assert body(second) == body(first)
    assert second["Content-Type"] == first["Content-Type"]


def test_an_erratum_changes_the_etag_and_the_page(client, published):
    url = url_of("programme", published)
    before = client.get(url)
    Erratum.objects.create(report=published, text="Het budget is € 1,2 mln.")
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Het budget is € 1,2 mln." in after.content.decode()


def test_the_token_in_a_stored_page_is_the_visitors_own(published):
    """The language switch still works from a snapshot rendered for someone else."""
    Client().get(url_of("overview", published))  # another visitor stores the snapshot
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url_of("overview", published)).content.decode()
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html)[1]
    response = visitor.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_signed_in_users_get_a_fresh_page_not_a_snapshot(client, published, django_user_model):
    client.force_login(django_user_model.objects.create_user("ravi"))
    response = client.get(url_of("overview", published))
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "ravi" in response.content.decode().lower()


def test_published_pages_are_compressed(client, published):
    response = client.get(url_of("overview", published), headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


# --- Issue 19, finding 11: no visitor's message, no cache filled from outside ------------------

SESSION_EXPIRED = "Uw sessie is verlopen: log opnieuw in."


def with_message(client: Client, text: str) -> Client:
    """The client carries a message for its next page, as after an expired session."""
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.WARNING, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    return client


def stored_pages() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM mip_snapshots")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("name", ["overview", "programme"])
def test_one_visitors_message_is_never_served_to_another(published, name):
    url = url_of(name, published)
    own = with_message(Client(), SESSION_EXPIRED).get(url)
    assert own.status_code == 200
    assert SESSION_EXPIRED in own.content.decode()  # the visitor it was meant for sees it
    for visitor in (Client(), Client()):  # the first renders and stores, the second is served
        assert SESSION_EXPIRED not in visitor.get(url).content.decode()


def test_unknown_query_parameters_store_no_page_of_their_own(published):
    url = url_of("overview", published)
    Client().get(url)
    before = stored_pages()
    for n in range(5):
        response = Client().get(url, {"utm": f"campagne-{n}", "x": "y" * n})
        assert response.status_code == 200
        assert b"campagne" not in response.content  # served the stored page
    assert stored_pages() == before


def test_a_query_the_page_echoes_is_not_stored_for_others(published):
    url = url_of("overview", published)
    Client().get(url, {"utm": "nep-bericht"})
    assert b"nep-bericht" not in Client().get(url).content


def test_the_overview_filters_are_still_stored_per_unit(published):
    url = url_of("overview", published)
    unit = published.programme.unit_id
    Client().get(url)
    before = stored_pages()
    for value in (str(unit), f"00{unit}", "99999", "²", "abc"):
        assert Client().get(url, {"unit": value}).status_code == 200
    assert stored_pages() == before + 1  # one page for the unit; the rest are the plain page
