"""The coordinator's pages of issue 25: scoring, admitting and leaving, and the demo's leaver."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from projects.models import (
    Admission,
    Classification,
    ClassificationModel,
    Criterion,
    Departure,
    ReportingPeriod,
    left_before,
)


@pytest.fixture
def coordinator(client, db):
    user = User.objects.create_user("carla")
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    client.force_login(user)
    return user


@pytest.fixture
def model(db):
    model = ClassificationModel.objects.create(name="Model", threshold="50.0")
    Criterion.objects.create(model=model, name="Impact", scale_max=3, weight=2, position=0)
    Criterion.objects.create(model=model, name="Geld", scale_max=1, weight=1, position=1)
    return model


def answers(model, *values) -> dict:
    return {f"c{c.pk}": str(v) for c, v in zip(model.criteria.all(), values, strict=True)}


def test_scoring_records_a_new_scoring_and_an_untouched_save_adds_none(
    client, coordinator, model, make_programme
):
    programme = make_programme()
    url = reverse("projects:classify", args=[programme.pk])
    assert client.post(url, {**answers(model, 3, 0), "note": ""}).status_code == 302
    scoring = Classification.of(programme).get()
    assert (scoring.score, scoring.admits, scoring.scored_by) == (
        Decimal("66.7"),
        True,
        coordinator,
    )
    client.post(url, {**answers(model, 3, 0), "note": ""})
    assert Classification.of(programme).count() == 1
    client.post(url, {**answers(model, 0, 1), "note": "opnieuw"})
    assert [c.admits for c in Classification.of(programme)] == [False, True]


def test_a_missing_answer_is_refused_in_dutch_and_nothing_is_written(
    client, coordinator, model, make_programme
):
    programme = make_programme()
    url = reverse("projects:classify", args=[programme.pk])
    response = client.post(url, {f"c{model.criteria.first().pk}": "1", "note": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Classification.of(programme).exists()


def test_admitting_links_the_latest_scoring_and_needs_a_decision_date(
    client, coordinator, model, make_programme
):
    programme = make_programme(admitted=False)
    Classification.record(programme, {str(c.pk): 1 for c in model.criteria.all()})
    url = reverse("projects:admission", args=[programme.pk])
    fields = {"decision_body": "council", "reference": "RV 12", "rhythm": "every"}
    response = client.post(url, fields)
    assert response.status_code == 400
    assert "Geef de datum van het besluit." in response.content.decode()
    assert not Admission.objects.filter(programme=programme).exists()
    client.post(url, {**fields, "decided_on": "2024-03-14", "aspects": ["money", "time"]})
    admission = Admission.objects.get(programme=programme)
    assert admission.classification == Classification.of(programme).first()
    assert admission.aspects == ["money", "time"]


def test_leaving_needs_an_admission_and_an_evaluation_needs_its_date(
    client, coordinator, make_programme, make_period
):
    period = make_period()
    outsider = make_programme(admitted=False)
    response = client.get(reverse("projects:departure", args=[outsider.pk]))
    assert response.status_code == 302
    programme = make_programme()
    url = reverse("projects:departure", args=[programme.pk])
    fields = {"reason": "completed", "last_period": period.pk, "decided_on": "2024-01-10"}
    response = client.post(url, {**fields, "lessons": "Eerder testen."})
    assert response.status_code == 400
    assert not Departure.objects.exists()
    client.post(url, {**fields, "lessons": "Eerder testen.", "evaluated_on": "2024-05-01"})
    assert Departure.objects.get(programme=programme).lessons == "Eerder testen."


def test_others_may_not_score_admit_or_leave(client, make_programme):
    programme = make_programme()
    client.force_login(User.objects.create_user("piet"))
    for name in ("classify", "admission", "departure"):
        assert client.get(reverse(f"projects:{name}", args=[programme.pk])).status_code == 403


def test_the_demo_has_eight_admitted_and_one_that_left_as_completed(demo, client):
    admitted = Admission.objects.filter(illustrative=True, programme__departure__isnull=True)
    assert admitted.count() == 8
    assert all(a.classification.illustrative for a in admitted)
    left = Departure.objects.get()
    assert (left.reason, left.illustrative, left.last_period.label) == (
        "completed",
        True,
        "oktober 2022 t/m januari 2023",
    )
    assert left.lessons and left.evaluated_on
    final = left.final_report()
    assert final.final_cost - final.original_budget == 150_000
    assert list(left_before(demo)) == [left]
    page = client.get(reverse("reports:overview", args=[demo.slug])).content.decode()
    assert "Uit de monitor" in page and left.programme.name in page
    later = ReportingPeriod.objects.create(
        label="later", slug="later", start=dt.date(2024, 1, 1), end=dt.date(2024, 4, 30)
    )
    assert left.programme_id not in {r.programme_id for r in later.create_draft_reports()}
