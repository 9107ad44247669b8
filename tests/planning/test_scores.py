"""The Nijmeegs prioriteitenmodel: the demo's scores against seed 004's Bijlage 1, and the
rule that only its point values are accepted, with a clear Dutch message."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from planning.models import Initiative, Score
from tests.planning.seed_tables import SCORES


def test_every_scored_initiative_matches_the_seeds_score_table(plan):
    scored = Initiative.objects.filter(domain__plan=plan, score__isnull=False)
    printed = {title: value for _name, value, title in SCORES}
    assert sorted(i.title for i in scored) == sorted(printed)
    for initiative in scored:
        score = initiative.score
        computed = Decimal(score.vision + score.reach + score.effect) / score.yield_points
        assert score.display == printed[initiative.title], initiative.title
        assert score.value == computed.quantize(Decimal("0.1")), initiative.title


def test_autonomous_initiatives_have_no_score_and_need_none(plan):
    autonomous = Initiative.objects.filter(domain__plan=plan, priority="AO")
    assert autonomous.count() == 10
    assert not autonomous.filter(score__isnull=False).exists()
    assert not any(i.needs_score for i in autonomous)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("vision", 2, "2 punten is niet toegestaan: kies 1, 3 of 5."),
        ("reach", 4, "4 punten is niet toegestaan: kies 1, 3 of 5."),
        ("effect", 0, "0 punten is niet toegestaan: kies 1, 3 of 5."),
        ("yield_points", Decimal("1"), "niet toegestaan voor Opbrengst: kies 1,5, 2 of 3."),
    ],
)
def test_other_point_values_are_refused_in_dutch(plan, field, value, message):
    initiative = Initiative.objects.get(domain__plan=plan, title="Website")
    score = initiative.score
    setattr(score, field, value)
    with translation.override("nl"):  # lazy messages: read them in the language they are for
        with pytest.raises(ValidationError) as refused:
            score.full_clean()
        assert any(message in text for text in refused.value.message_dict[field])


def test_the_database_refuses_other_points_too(plan):
    score = Initiative.objects.get(domain__plan=plan, title="Website").score
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(vision=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(yield_points=Decimal("2.5"))


def test_an_autonomous_development_cannot_be_scored(plan):
    initiative = Initiative.objects.get(domain__plan=plan, title="Omgevingswet")
    score = Score(initiative=initiative, vision=5, reach=5, effect=5, yield_points=Decimal("1.5"))
    with translation.override("nl"):
        with pytest.raises(ValidationError) as refused:
            score.full_clean()
        assert "Een autonome ontwikkeling (AO) krijgt geen score" in str(refused.value)


@pytest.mark.parametrize(
    ("points", "shown"),
    [((5, 5, 3, "1.5"), "8,7"), ((3, 5, 3, "1.5"), "7,3"), ((1, 3, 3, "2"), "3,5"),
     ((1, 1, 1, "3"), "1,0"), ((5, 5, 5, "1.5"), "10,0"), ((3, 3, 3, "2"), "4,5")],
)  # fmt: skip
def test_the_score_is_shown_to_one_decimal_rounded_half_up(points, shown):
    vision, reach, effect, yield_points = points
    score = Score(vision=vision, reach=reach, effect=effect, yield_points=Decimal(yield_points))
    assert score.display == shown
