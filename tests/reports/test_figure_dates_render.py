"""Any date the report form accepts renders on every page that shows it and in the PDF (issue 9,
defect 3): the form page, the controller's review, the public drill-down and the archived PDF.

Each example runs a whole round (enter, submit, approve, publish: a PDF render), so hypothesis
draws one beside the three given: the plausible bounds and a leap day.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from projects.models import ReportingPeriod, StatusReport
from projects.validators import EARLIEST_DATE, LATEST_DATE
from reports.models import PublishedDocument
from reports.publication import publish_period
from tests.factory import make_frame
from tests.projects.test_figures_form import edit_url, figures_post
from tests.reports.test_pdf import body_text, page_texts
from tests.workflow_data import build_round

pytestmark = pytest.mark.django_db

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def in_dutch(day: dt.date) -> str:
    """'31 december 2100', written here rather than with Django's date filter."""
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"


@pytest.fixture
def round_(make_programme, make_period):
    return build_round(make_programme, make_period)


_rounds = itertools.count(1)


@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(day=st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE))
@example(day=EARLIEST_DATE)
@example(day=LATEST_DATE)
@example(day=dt.date(2096, 2, 29))
def test_an_accepted_date_renders_on_the_form_review_drill_down_and_pdf(
    client, round_, make_programme, make_period, day
):
    n = next(_rounds)
    programme = make_programme(
        f"Datumprogramma {n}", manager=round_.manager, controller=round_.controller
    )
    make_frame(programme, risk=None)
    # Each example publishes its round, and published periods may not overlap (the council
    # would read about the same months twice): this one starts after the last one ends.
    last_end = ReportingPeriod.objects.order_by("-end").values_list("end", flat=True).first()
    start = max(dt.date(2023, 10, 1), last_end + dt.timedelta(days=1))
    period = make_period(f"datumronde {n}", start=start, state=ReportingPeriod.State.OPEN)
    report = StatusReport.objects.create(programme=programme, period=period)
    # Money orange while the forecast is 12 % over budget: submission needs the reason (issue 14).
    data = figures_post(report, forecast_end_date=day.isoformat(), money_greener_reason="Gedekt.")
    data["milestones-0-forecast_date"] = day.isoformat()

    client.force_login(round_.manager)
    assert client.post(edit_url(report), data).status_code == 302  # accepted
    form_page = client.get(edit_url(report)).content.decode()
    assert f'name="forecast_end_date" value="{day.isoformat()}"' in form_page
    assert f'name="milestones-0-forecast_date" value="{day.isoformat()}"' in form_page

    report.refresh_from_db()
    data |= {"version": report.version, "submit": "Indienen"}
    assert client.post(edit_url(report), data).status_code == 302
    client.force_login(round_.controller)
    review = client.get(reverse("projects:review", args=[report.pk]))
    assert review.status_code == 200 and in_dutch(day) in review.content.decode()

    report.refresh_from_db()
    report.approve(by=round_.controller)
    period.close_for_review()
    publish_period(period, by=None)
    client.logout()
    drill_down = client.get(
        reverse("reports:programme", kwargs={"period": period.slug, "programme": programme.slug})
    )
    assert drill_down.status_code == 200 and in_dutch(day) in drill_down.content.decode()
    period.refresh_from_db()
    as_published = PublishedDocument.objects.get(period=period, report=None, version=1)
    with as_published.file.open("rb") as archived:
        assert in_dutch(day) in body_text(page_texts(archived.read()))
