"""Fuzz every form of the round and the public query pages (issue 9, "tests to add").

Arbitrary text (NUL, unpaired surrogates, 1 MB, RTL marks), numbers and dates are posted to
every form as the user who may use it, starting from what the page itself offers (as a
browser would send it). Never a 500; and a refused request writes nothing (the database's
fingerprint is the same before and after).

Unpaired surrogates cannot travel in UTF-8; they are sent as the bytes a careless client would
produce ("surrogatepass"), which is what a server can actually receive.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.contrib.messages import constants, get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from projects.models import StatusReport
from tests.fingerprint import db_fingerprint

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)

MEGABYTE = "x" * 2**20
SPECIAL_TEXT = [
    "",
    " ",
    "\x00",
    "Budget\x00besluit",
    "\ud800",
    "voor \udfff na",
    "\u200f\u202eRTL-tekst\u202c",
    "😀 ë ß Ω",
    MEGABYTE,
    "é" * 2**19,  # 1 MB in UTF-8, 6 MB url-encoded: over Django's upload limit
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "\r\n\r\n",
    "green",
    "red",
    "orange",
]
SPECIAL_NUMBERS = [
    "0",
    "-1",
    "13.890.000",
    "13890000,50",
    "1,250,000.50",
    "1" * 40,
    "1e-30",
    "1e400",
    "NaN",
    "Infinity",
    "-0",
    "0,0000001",
    "9" * 15 + ",99",
]
SPECIAL_DATES = ["9999-12-31", "0001-01-01", "2023-02-30", "1999-12-31", "2101-01-01", "31-12-2023"]

texts = st.one_of(st.sampled_from(SPECIAL_TEXT), st.text(max_size=60))
numbers = st.one_of(
    st.sampled_from(SPECIAL_NUMBERS),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
dates = st.one_of(
    st.sampled_from(SPECIAL_DATES),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.strftime("%d-%m-%Y")),
)
anything = st.one_of(texts, numbers, dates)


def value_for(name: str) -> st.SearchStrategy[str]:
    """Mostly what the field expects to be typed, sometimes anything at all."""
    if any(word in name for word in ("date", "start", "end", "deadline")):
        expected = dates
    elif any(
        word in name
        for word in (
            "budget",
            "forecast_at",
            "spent",
            "amount",
            "likelihood",
            "impact",
            "FORMS",
            "version",
            "id",
        )
    ):
        expected = numbers
    else:
        expected = texts
    return st.one_of(expected, expected, anything)


class Forms(HTMLParser):
    """The fields of every <form> on a page, with the values a browser would send unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                fields.setdefault(name, "")
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in {"submit", "button"}:
                fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            fields[name], self._textarea = "", name
        elif tag == "select" and name:
            fields[name], self._select = "", name
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_on(client: Client, page: str, has: str) -> dict[str, str]:
    """The fields of the form on ``page`` that has a field named ``has``."""
    response = client.get(page)
    assert response.status_code == 200, page
    parser = Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        if has in form["fields"]:
            fields = dict(form["fields"])
            fields.pop("csrfmiddlewaretoken", None)
            return fields
    raise AssertionError(f"no form with {has} on {page}")


def encoded(data: dict[str, str] | list[tuple[str, str]]) -> str:
    pairs = data.items() if isinstance(data, dict) else data
    return urlencode(list(pairs), encoding="utf-8", errors="surrogatepass")


def refused(response) -> bool:
    """Whether the request was refused: an error page, the form again, or an error message."""
    if response.status_code >= 400:
        return True
    if response.status_code == 200 and response.wsgi_request.method == "POST":
        return True  # the form shown again, with its errors
    return any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request))


def send(client: Client, method: str, url: str, data, *, writes: bool = True):
    """One request in a savepoint rolled back afterwards: never a 500, never a partial write.

    After a successful post the page it leads to is opened too: what was stored must show.
    """
    with transaction.atomic():
        before = db_fingerprint()
        if method == "get":
            response = client.get(f"{url}?{encoded(data)}")
        else:
            response = client.post(
                url, encoded(data), content_type="application/x-www-form-urlencoded"
            )
        assert response.status_code < 500
        if refused(response) or not writes:
            assert db_fingerprint() == before, f"{url} wrote although it refused"
        elif response.status_code == 302:
            assert client.get(response.url).status_code < 500
        transaction.set_rollback(True)
    return response


def mutate(data: st.DataObject, fields: dict[str, str]) -> dict[str, str]:
    """The form as offered, with one to four fields replaced by arbitrary input."""
    names = data.draw(st.sets(st.sampled_from(sorted(fields)), min_size=1, max_size=4))
    return fields | {name: data.draw(value_for(name), label=name) for name in names}


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def fuzz(round_):
    """The round with every form in reach: a submitted report to review, an excluded one."""
    other = round_.other_report
    for aspect in ("quality", "money", "time", "risk"):
        setattr(other, f"{aspect}_rating", "green")
    other.save()
    other.submit(by=round_.other_manager)
    return round_


def client_for(user) -> Client:
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    return client


# --- The forms -------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzz_the_report_form(fuzz, data):
    client = client_for(fuzz.manager)
    url = reverse("projects:edit", args=[fuzz.report.pk])
    fields = form_on(client, url, "version")
    posted = mutate(data, fields)
    if data.draw(st.booleans(), label="submit"):
        posted["submit"] = ""
    send(client, "post", url, posted)


@FUZZ
@given(data=st.data(), aspect=st.sampled_from(["quality", "money", "time", "risk", "x", "geld"]))
def test_fuzz_the_inline_aspect_check(fuzz, data, aspect):
    client = client_for(fuzz.manager)
    url = reverse("projects:check_aspect", args=[fuzz.report.pk, aspect])
    posted = {
        f"{aspect}_rating": data.draw(value_for("rating")),
        f"{aspect}_explanation": data.draw(texts),
    }
    send(client, "post", url, posted, writes=False)


@FUZZ
@given(data=st.data(), verdict=st.sampled_from(["approve", "return"]))
def test_fuzz_the_review(fuzz, data, verdict):
    client = client_for(fuzz.other_controller)
    url = reverse("projects:review", args=[fuzz.other_report.pk])
    fields = form_on(client, url, "review_comment")
    send(client, "post", url, mutate(data, fields) | {verdict: ""})


@FUZZ
@given(data=st.data())
def test_fuzz_opening_a_period(fuzz, data):
    client = client_for(fuzz.coordinator)
    url = reverse("projects:open_period")
    fields = {
        "label": "oktober 2023 t/m januari 2024",
        "start": "2023-10-01",
        "end": "2024-01-31",
        "deadline": (dt.date.today() + dt.timedelta(days=14)).isoformat(),
    }
    send(client, "post", url, mutate(data, fields))


@FUZZ
@given(reason=texts, extra=st.dictionaries(texts, anything, max_size=2))
@example(reason="Budget\x00besluit", extra={})
@example(reason="\ud800", extra={"\x00": "\x00"})
def test_fuzz_the_exclusion(fuzz, reason, extra):
    client = client_for(fuzz.coordinator)
    url = reverse("projects:exclude", args=[fuzz.report.pk])
    send(client, "post", url, [*extra.items(), ("exclusion_reason", reason)])


@FUZZ
@given(text=texts, extra=st.dictionaries(texts, anything, max_size=2))
@example(text="Budget\x00besluit", extra={})
@example(text=MEGABYTE, extra={})
def test_fuzz_the_erratum(fuzz, text, extra):
    """The form's edge, not the task: an accepted erratum's job is left queued (its PDFs and
    pages are rendered by tests/reports), which keeps each example from rendering them all."""
    client = client_for(fuzz.coordinator)
    url = reverse("reports:erratum", args=[fuzz.published_report.pk])
    with mock.patch("reports.publication.enqueue") as enqueue:
        response = send(client, "post", url, [*extra.items(), ("text", text)])
    assert enqueue.call_count == (0 if refused(response) else 1)


@FUZZ
@given(extra=st.dictionaries(texts, anything, max_size=3))
def test_fuzz_the_readmit(fuzz, extra):
    report = fuzz.report
    report.exclude_from_publication(by=fuzz.coordinator, reason="Komt volgende ronde.")
    client = client_for(fuzz.coordinator)
    send(client, "post", reverse("projects:readmit", args=[report.pk]), extra)
    report.refresh_from_db()
    assert report.exclusion_reason == "Komt volgende ronde."  # every request was rolled back


# --- Pages that take a query -----------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_fuzz_the_signal_box(fuzz, data):
    names = [
        "money_rating",
        "time_rating",
        "forecast_at_completion",
        "original_budget",
        "current_budget",
        "forecast_end_date",
        "original_end_date",
        "current_end_date",
        "prefix",
    ]
    query = {name: data.draw(value_for(name), label=name) for name in names}
    send(client_for(None), "get", reverse("reports:signal"), query, writes=False)


@FUZZ
@given(period=anything, extra=st.dictionaries(texts, anything, max_size=2))
@example(period="\x00", extra={})
@example(period="\ud800", extra={})
def test_fuzz_choosing_a_period(fuzz, period, extra):
    query = [*extra.items(), ("period", period)]
    send(client_for(None), "get", reverse("reports:choose_period"), query, writes=False)


@FUZZ
@given(period=anything, state=anything)
@example(period="\x00", state="\x00")
def test_fuzz_the_board_query(fuzz, period, state):
    client = client_for(fuzz.coordinator)
    send(client, "get", reverse("projects:board"), {"period": period, "state": state}, writes=False)


def test_the_fuzzed_reports_start_where_the_forms_expect(fuzz):
    """Guard: the fuzz reaches the forms it means to (not only their refusal pages)."""
    assert fuzz.report.is_editable
    assert StatusReport.objects.get(pk=fuzz.other_report.pk).is_reviewable
