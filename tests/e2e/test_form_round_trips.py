"""Every form, round-tripped in Chromium: what a page shows, saved untouched, changes nothing.

Each form is opened on a fully filled record as the user who uses it and saved without
touching anything; the whole database (every row of MIP's own apps, users and groups) must be
as it was. Then one field is changed and exactly that field must change. Tests that post to
Django's test client skip the browser's widgets (a number input that cannot show "13.890.000",
a date input that cannot show "01-06-2023"); these do not.

What legitimately moves on every save and is left out of the comparison: ``updated_at``
(``auto_now``), ``StatusReport.version`` (raised on every save, the optimistic lock) and the
history tables (django-simple-history writes a row per save, also for an unchanged one).
The report form (manager) is covered by its own round trip, not here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from projects.management.commands.loaddemo import DEMO_PASSWORD
from projects.models import (
    BaselineDecision,
    Milestone,
    Programme,
    ReportingPeriod,
    Risk,
    SignalThresholds,
    StatusReport,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Fields that move on every save by design (see the module docstring).
MOVING = {"updated_at"}
MOVING_PER_MODEL = {"StatusReport": {"version"}}


def snapshot() -> dict[tuple[str, object], dict[str, object]]:
    """Every row of MIP's own models plus users and groups, field by field (m2m included)."""
    models = [
        model
        for label in ("projects", "reports")
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ] + [User, Group]
    rows = {}
    for model in models:
        ignored = MOVING | MOVING_PER_MODEL.get(model.__name__, set())
        m2m = [f for f in model._meta.many_to_many]
        for obj in model._base_manager.prefetch_related(*(f.name for f in m2m)):
            row = {
                f.attname: getattr(obj, f.attname)
                for f in model._meta.concrete_fields
                if f.attname not in ignored
            }
            for field in m2m:
                row[field.name] = sorted(o.pk for o in getattr(obj, field.name).all())
            rows[(model.__name__, obj.pk)] = row
    return rows


def changes(before: dict, after: dict) -> dict[tuple, tuple]:
    """(model, pk, field) -> (old, new) for every difference; added/removed rows as field '*'."""
    diff = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            diff[(*key, "*")] = (old, new)
            continue
        for name in old.keys() | new.keys():
            if old.get(name) != new.get(name):
                diff[(*key, name)] = (old.get(name), new.get(name))
    return diff


def log_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/**")
    return page


def admin_save(page, url: str, change=None) -> None:
    """Open an admin change form, optionally change one thing, press save; fail on errors."""
    page.goto(url)
    save = page.locator("input[name=_save]")
    assert save.count() == 1, f"{url}: {page.locator('#content').inner_text()[:1000]}"
    if change is not None:
        change(page)
    save.click()
    page.wait_for_load_state()
    errors = page.locator(".errornote, .errorlist")
    if errors.count():
        raise AssertionError(f"{url}: {page.locator('#content').inner_text()[:3000]}")
    assert page.locator(".messagelist .success").count() == 1, page.url


def round_trip(page, url: str, change, expected: set[tuple]) -> None:
    before = snapshot()
    admin_save(page, url)
    assert changes(before, snapshot()) == {}, f"an untouched save of {url} changed data"
    admin_save(page, url, change)
    assert set(changes(before, snapshot())) == expected


def fill_everything(demo_period: ReportingPeriod) -> tuple[Programme, StatusReport]:
    """The demo, with every optional field of one programme and its report filled in."""
    programme = (
        Programme.objects.filter(tracks__isnull=False, milestones__isnull=False).distinct().first()
    )
    assert programme is not None, "the demo has a programme with tracks and milestones"
    programme.sponsor = programme.sponsor or "Directeur Stadsontwikkeling"
    programme.goal = "Eerste regel van het doel.\nTweede regel, met € en ‘quotes’."
    programme.monitored_from = programme.monitored_from or ReportingPeriod.objects.earliest("start")
    programme.save()
    for milestone in programme.milestones.all():
        milestone.forecast_date = milestone.forecast_date or milestone.baseline_date
        milestone.actual_date = milestone.actual_date or milestone.baseline_date
        milestone.note = milestone.note or "Een toelichting.\nOver twee regels."
        milestone.save()
    BaselineDecision.objects.get_or_create(
        programme=programme,
        kind=BaselineDecision.Kind.REBASELINE,
        decided_on=dt.date(2022, 3, 15),
        defaults={
            "decided_by": "Gemeenteraad",
            "reference": "Raadsbesluit 22bb1234",
            "budget": Decimal("13890000.50"),
            "end_date": dt.date(2026, 12, 31),
            "note": "Extra scope.\nTweede regel.",
        },
    )
    Risk.objects.get_or_create(
        programme=programme,
        title="Leverancier failliet",
        defaults={
            "cause": "Markt.\nKrap.",
            "measure": "Escrow.",
            "owner": "Inkoop",
            "likelihood": 2,
            "impact": 4,
        },
    )
    report = StatusReport.objects.get(programme=programme, period=demo_period)
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "orange")
        setattr(report, f"{aspect}_explanation", f"Toelichting {aspect}.\nTweede regel.")
    report.developments = "Ontwikkelingen.\n\nNieuwe alinea."
    report.save()
    figures = report.figures
    figures.forecast_at_completion = Decimal("13890000")
    figures.spent_to_date = Decimal("4500000.50")
    figures.forecast_end_date = dt.date(2026, 6, 30)
    figures.original_budget = Decimal("12000000")
    figures.current_budget = Decimal("13890000.50")
    figures.original_end_date = dt.date(2025, 12, 31)
    figures.current_end_date = dt.date(2026, 12, 31)
    figures.save()
    return programme, report


def test_the_admin_change_forms_a_coordinator_uses(browser, live_server, demo):
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    programme, report = fill_everything(open_period)
    SignalThresholds.current().save()  # the one row, as the coordinator keeps it
    manager = programme.manager
    page = log_in(browser, live_server, "coordinator")

    def milestone_date(page):
        page.locator("#id_milestones-0-forecast_date").fill("15-03-2029")

    first_milestone = programme.milestones.order_by("baseline_date", "pk").first()
    round_trip(
        page,
        f"/admin/projects/programme/{programme.pk}/change/",
        milestone_date,
        {("Milestone", first_milestone.pk, "forecast_date")},
    )
    assert Milestone.objects.get(pk=first_milestone.pk).forecast_date == dt.date(2029, 3, 15)

    round_trip(
        page,
        f"/admin/projects/reportingperiod/{open_period.pk}/change/",
        lambda page: page.locator("#id_deadline").fill("28-02-2031"),
        {("ReportingPeriod", open_period.pk, "deadline")},
    )
    round_trip(
        page,
        f"/admin/projects/statusreport/{report.pk}/change/",
        lambda page: page.locator("#id_developments").fill("Alleen dit veranderde."),
        {("StatusReport", report.pk, "developments")},
    )
    round_trip(
        page,
        "/admin/projects/signalthresholds/1/change/",
        lambda page: page.locator("#id_money_red_percent").fill("12.5"),
        {("SignalThresholds", 1, "money_red_percent")},
    )
    assert SignalThresholds.current().money_red_percent == Decimal("12.5")
    round_trip(
        page,
        f"/admin/auth/user/{manager.pk}/change/",
        lambda page: page.locator("#id_first_name").fill("Milena"),
        {("User", manager.pk, "first_name")},
    )
    page.context.close()


def submitted_report(period: ReportingPeriod) -> StatusReport:
    """A demo draft, filled in and submitted through the workflow (as the manager would)."""
    report = period.reports.select_related("programme__manager").filter(
        programme__manager__isnull=False, figures__isnull=False
    )[0]
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "orange")
        setattr(report, f"{aspect}_explanation", f"Toelichting {aspect}.\nTweede regel.")
    for aspect in ("money", "time"):  # orange may be greener than the figures' signal
        setattr(report, f"{aspect}_greener_reason", f"Reden {aspect}.")
    report.save()
    report.submit(by=report.programme.manager)
    return report


def wait_for_message(page) -> str:
    page.locator(".messages").wait_for()
    return page.locator(".messages").inner_text()


def test_the_workflow_forms(browser, live_server, demo):
    """Review (controller), exclusion, erratum and opening a period (coordinator)."""
    open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    report = submitted_report(open_period)
    other = open_period.reports.exclude(pk=report.pk).select_related("programme")[0]
    published = StatusReport.objects.published().select_related("programme").first()

    # Review: returning without a comment is refused and changes nothing; approving changes
    # the state and who reviewed when, nothing else (no text, no figure).
    page = log_in(browser, live_server, "controller")
    page.goto(f"/beheer/rapportage/{report.pk}/beoordelen/")
    before = snapshot()
    page.get_by_role("button", name="Terugsturen naar programmamanager").click()
    page.locator("#comment-error").wait_for()
    assert changes(before, snapshot()) == {}
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url("**/beheer/beoordelen/")
    assert set(changes(before, snapshot())) == {
        ("StatusReport", report.pk, name) for name in ("state", "reviewed_at", "reviewed_by_id")
    }
    page.context.close()

    page = log_in(browser, live_server, "coordinator")
    # Exclusion: only the reason is stored.
    page.goto(f"/beheer/rondebord/?period={open_period.slug}")
    before = snapshot()
    row = page.locator("#board-table tbody tr").filter(has_text=other.programme.name)
    row.locator("summary").click()
    row.get_by_label("Reden voor uitsluiting").fill("Stilgelegd.\nIn afwachting van een besluit.")
    row.get_by_role("button", name="Uitsluiten van publicatie").click()
    assert other.programme.name in wait_for_message(page)
    assert set(changes(before, snapshot())) == {("StatusReport", other.pk, "exclusion_reason")}
    stored = StatusReport.objects.get(pk=other.pk).exclusion_reason
    assert stored == "Stilgelegd.\nIn afwachting van een besluit."

    # Erratum: one new row plus the PDF versions that carry it and the publication job that
    # archived them (a background task; immediate in tests); the published report untouched.
    page.goto(f"/beheer/rapportage/{published.pk}/")
    before = snapshot()
    page.get_by_label("Correctie").fill("Het bedrag is € 1.250.000,50.\nNiet € 1.250.000.")
    page.get_by_role("button", name="Erratum toevoegen").click(timeout=120_000)
    wait_for_message(page)
    added = changes(before, snapshot())
    assert all(key[2] == "*" for key in added), added  # rows added, none changed
    assert [key[0] for key in added].count("Erratum") == 1
    assert {key[0] for key in added} == {"Erratum", "PublishedDocument", "PublicationJob"}
    assert published.errata.get().text == "Het bedrag is € 1.250.000,50.\nNiet € 1.250.000."

    # Open period: a refused post shows back what was typed (the dates too) and stores
    # nothing; fixing the one wrong field opens the period with exactly the typed dates.
    page.goto("/beheer/periodes/nieuw/")
    typed = {"start": "2031-06-01", "end": "2031-09-30", "deadline": "2031-06-30"}
    page.locator("#id_label").fill(open_period.label)  # already exists
    for name, value in typed.items():
        page.locator(f"#id_{name}").fill(value)
    before = snapshot()
    page.get_by_role("button", name="Periode openen").click()
    page.locator(".field-error").wait_for()
    assert changes(before, snapshot()) == {}
    for name, value in typed.items():
        assert page.locator(f"#id_{name}").input_value() == value, name
    page.locator("#id_label").fill("juni t/m september 2031")
    page.get_by_role("button", name="Periode openen").click()
    wait_for_message(page)
    new = ReportingPeriod.objects.get(label="juni t/m september 2031")
    assert (new.start, new.end, new.deadline) == (
        dt.date(2031, 6, 1),
        dt.date(2031, 9, 30),
        dt.date(2031, 6, 30),
    )
    assert all(old is None for old, _new in changes(before, snapshot()).values()), (
        "opening a period only adds rows"
    )
    page.context.close()
