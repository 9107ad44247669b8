"""The demo's classification model and the admission of the eight programmes of seed 000.

The criteria follow the afweegkader councils write down (Rotterdam's *Regeling risicovolle
projecten* 2012, Utrecht's regulation of 2025): impact on the city and on the organisation, the
money involved, administrative and organisational complexity, the municipality's role among
partners, a non-routine undertaking limited in time. Weights, threshold and every answer are
invented for the demo and marked so; seed 000 only says the selection follows "het
classificatiemodel welke binnen het concern wordt gehanteerd".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from .models import (
    Admission,
    Classification,
    ClassificationModel,
    Criterion,
    Departure,
    Programme,
    ReportFigures,
    StatusReport,
    loading_history,
    programme_record,
)

MODEL = {
    "name": "Classificatiemodel ICT-programma's (demo)",
    "description": (
        "Afweegkader naar de regelingen van Rotterdam (2012) en Utrecht (2025); gewichten, "
        "drempel en antwoorden zijn verzonnen voor de demo."
    ),
    "threshold": "50.0",
}
# (name, question, scale_max, weight)
CRITERIA = [
    ("Impact op de stad", "Hoe groot is het effect op inwoners, ondernemers en partners?", 3, 3),
    ("Impact op de organisatie", "Hoeveel onderdelen en medewerkers raakt het?", 3, 2),
    ("Financieel belang", "Hoe groot is het bedrag (0: < € 1 mln, 3: > € 10 mln)?", 3, 3),
    ("Bestuurlijke complexiteit", "Hoeveel bestuurlijke belangen en besluiten spelen er?", 3, 2),
    ("Organisatorische complexiteit", "Hoe complex zijn uitvoering en techniek?", 3, 2),
    ("Rol van de gemeente", "Draagt de gemeente alle of de meeste verantwoordelijkheid?", 3, 1),
    ("Niet-routinematig en begrensd", "Is het een eenmalige, in tijd begrensde activiteit?", 1, 1),
]
# Illustrative answers per programme, in the order of CRITERIA.
ANSWERS = {
    "adidas": [3, 3, 2, 2, 3, 3, 1],
    "dgw": [2, 3, 2, 1, 3, 3, 1],
    "digitale-stad": [3, 2, 3, 3, 2, 2, 1],
    "forza-mor": [1, 3, 2, 1, 2, 3, 1],
    "great": [2, 2, 2, 1, 3, 3, 1],
    "rave": [2, 3, 2, 2, 2, 3, 1],
    "rdi": [2, 3, 3, 2, 3, 3, 1],
    "sorga": [3, 2, 2, 2, 2, 3, 1],
}
GROUNDS = (
    "Zwaar programma volgens het classificatiemodel van het concern: een eigen "
    "projectcontroller en opname in de Monitor ICT Projecten (seed 000)."
)


def load_classification() -> ClassificationModel:
    model, _created = ClassificationModel.objects.update_or_create(
        name=MODEL["name"],
        defaults={
            "description": MODEL["description"],
            "threshold": MODEL["threshold"],
            "illustrative": True,
        },
    )
    for position, (name, question, scale_max, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            model=model,
            name=name,
            defaults={
                "question": question,
                "scale_max": scale_max,
                "weight": weight,
                "position": position,
            },
        )
    return model


@transaction.atomic
def load_admissions(coordinator=None) -> None:
    """Score and admit the eight programmes; loading again changes nothing."""
    model = load_classification()
    criteria = list(model.criteria.all())
    for slug, answers in ANSWERS.items():
        programme = Programme.objects.get(slug=slug)
        scoring = Classification.of(programme).first()
        if scoring is None:
            scoring = Classification.record(
                programme,
                {str(c.pk): a for c, a in zip(criteria, answers, strict=True)},
                by=coordinator,
                model=model,
                illustrative=True,
            )
        Admission.objects.update_or_create(
            programme=programme,
            defaults={
                "decision_body": Admission.Body.COLLEGE,
                "decided_on": dt.date(2022, 9, 13),
                "reference": "",
                "classification": scoring,
                "grounds": GROUNDS,
                "illustrative": True,
            },
        )


# --- One programme that left after the invented earlier period (issue 25) ----------------------

LEFT = {
    "slug": "zaaksysteem-vervanging",
    "name": "Vervanging zaaksysteem",
    "goal": "Het verouderde zaaksysteem vervangen door een zaakgericht werken-platform.",
    "answers": [1, 3, 2, 1, 2, 3, 1],
    "ratings": {"quality": "green", "money": "orange", "time": "green", "risk": "green"},
    "figures": {
        "original_budget": Decimal("2400000"),
        "current_budget": Decimal("2600000"),
        "forecast_at_completion": Decimal("2550000"),
        "spent_to_date": Decimal("2550000"),
        "original_end_date": dt.date(2022, 12, 31),
        "current_end_date": dt.date(2023, 1, 31),
        "forecast_end_date": dt.date(2023, 1, 31),
    },
    "explanation": "Opgeleverd in januari 2023; het beheer ligt bij de lijnorganisatie.",
    "lessons": (
        "Vroeg de archivaris betrekken bij de migratie van dossiers; de extra fase voor het "
        "migreren van oude zaken had in de oorspronkelijke planning moeten staan."
    ),
}


@transaction.atomic
def load_departure(periods: dict, unit, coordinator=None) -> Programme:
    """The invented programme reported in 2022-3 only, then left as completed (illustrative)."""
    earlier = periods["2022-3"]
    programme, _created = Programme.objects.update_or_create(
        slug=LEFT["slug"],
        defaults={"name": LEFT["name"], "goal": LEFT["goal"], "unit": unit, "position": 90},
    )
    criteria = list(ClassificationModel.objects.get(name=MODEL["name"]).criteria.all())
    scoring = Classification.of(programme).first() or Classification.record(
        programme,
        {str(c.pk): a for c, a in zip(criteria, LEFT["answers"], strict=True)},
        by=coordinator,
        illustrative=True,
    )
    Admission.objects.update_or_create(
        programme=programme,
        defaults={
            "decision_body": Admission.Body.COUNCIL,
            "decided_on": dt.date(2021, 6, 24),
            "reference": "RV 2021-118 (verzonnen)",
            "classification": scoring,
            "grounds": "Bedrijfskritisch systeem; vervanging raakt alle clusters (verzonnen).",
            "illustrative": True,
        },
    )
    if not StatusReport.objects.filter(programme=programme, period=earlier).exists():
        with loading_history():
            report = StatusReport(
                programme=programme,
                period=earlier,
                state=StatusReport.State.APPROVED,
                developments="Het nieuwe zaaksysteem is in gebruik; de oude zaken zijn gemigreerd.",
                programme_name_at_publication=programme.name,
                goal_at_publication=programme.goal,
                programme_at_publication=programme_record(programme),
                **{f"{aspect}_rating": rating for aspect, rating in LEFT["ratings"].items()},
            )
            report.money_explanation = "Extra migratiefase: € 150.000 boven de eerste bijstelling."
            report.full_clean()
            report.save()
            ReportFigures.objects.create(report=report, **LEFT["figures"])
    Departure.objects.update_or_create(
        programme=programme,
        defaults={
            "reason": Departure.Reason.COMPLETED,
            "last_period": earlier,
            "decided_on": dt.date(2023, 2, 14),
            "reference": "Raadsinformatiebrief 2023-07 (verzonnen)",
            "explanation": LEFT["explanation"],
            "lessons": LEFT["lessons"],
            "evaluated_on": dt.date(2023, 4, 20),
            "illustrative": True,
        },
    )
    return programme
