import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from projects.models import Rating, StatusReport


@pytest.mark.parametrize("rating", ["orange", "red"])
@pytest.mark.parametrize("aspect", ["quality", "money", "time", "risk"])
def test_non_green_aspect_without_explanation_fails_validation(make_report, aspect, rating):
    with pytest.raises(ValidationError) as excinfo:
        make_report(**{f"{aspect}_rating": rating, f"{aspect}_explanation": "   "})
    assert list(excinfo.value.message_dict) == [f"{aspect}_explanation"]
    assert StatusReport.objects.count() == 0


@pytest.mark.parametrize("state", ["draft", "returned"])
@pytest.mark.parametrize("rating", ["", "orange", "red"])
def test_a_draft_accepts_every_aspect_state(make_report, state, rating):
    # Issue 14: completeness is checked at submission; a draft never loses what was typed.
    report = make_report(state=state, time_rating=rating, time_explanation="", money_rating="")
    assert report.pk is not None
    assert "money_rating" in report.submission_errors()


def test_non_green_aspect_with_explanation_is_valid(make_report):
    report = make_report(
        time_rating="red", time_explanation="De realisatie loopt een half jaar uit."
    )
    assert report.aspects[2].deviates
    assert report.aspects[2].rating is Rating.RED


def test_green_aspect_needs_no_explanation(make_report):
    report = make_report()
    assert all(not status.deviates for status in report.aspects)


def test_submitted_report_needs_all_four_ratings(make_report):
    with pytest.raises(ValidationError) as excinfo:
        make_report(state="submitted", money_rating="")
    assert "money_rating" in excinfo.value.message_dict


def test_previous_is_same_programme_in_most_recent_earlier_period(
    make_programme, make_period, make_report
):
    adidas, sorga = make_programme("ADIDAS"), make_programme("Sorga")
    oct22 = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    jun22 = make_period("juni t/m september 2022", start=dt.date(2022, 6, 1))
    feb23 = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    old = make_report(adidas, jun22)
    previous = make_report(adidas, oct22)
    make_report(sorga, oct22)  # another programme in the same period: never the answer
    current = make_report(adidas, feb23)

    assert current.previous() == previous
    assert previous.previous() == old
    assert old.previous() is None


def test_period_slug_and_neighbours(make_period):
    first = make_period("oktober 2022 t/m januari 2023", start=dt.date(2022, 10, 1))
    second = make_period("februari t/m mei 2023", start=dt.date(2023, 2, 1))
    assert second.slug == "februari-tm-mei-2023"
    assert second.previous() == first
    assert first.next() == second
    assert first.previous() is None
