"""The plan's pages: who sees and edits what, the htmx table, the downloads, the contract
warning, editing (an untouched save writes nothing; bad input writes nothing) and promotion."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from planning.forms import InitiativeEditor
from planning.models import Contract, CostLine, Initiative, Score
from planning.rules import PLANNER_GROUP
from planning.totals import all_tables
from projects.rules import COORDINATOR_GROUP


def user(name: str, group: str | None = None) -> User:
    account = User.objects.create_user(name, password="x")
    if group:
        account.groups.add(Group.objects.get_or_create(name=group)[0])
    return account


@pytest.fixture
def reader(client, plan):
    client.force_login(user("reader"))
    return client


@pytest.fixture
def planner(client, plan):
    client.force_login(user("pim", PLANNER_GROUP))
    return client


def url(name: str, plan, *args) -> str:
    return reverse(f"planning:{name}", args=[plan.slug, *args])


def test_the_plan_is_for_signed_in_users(client, plan):
    response = client.get(url("plan", plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_reader_sees_every_page_but_edits_nothing(reader, plan):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    history = kiss.history.count()
    for name, args in (("plan", ()), ("totals", ()), ("contracts", ()), ("initiative", [kiss.pk])):
        assert reader.get(url(name, plan, *args)).status_code == 200, name
    page = reader.get(url("initiative", plan, kiss.pk)).content.decode()
    for heading in ("Doel", "Actielijnen", "Baten", "Looptijd", "Organisatie(s)", "Applicatie(s)",
                    "Kosten", "Financiering", "Prioriteit"):  # fmt: skip
        assert f">{heading}</th>" in page
    assert "Score 7,3 = (I-visie 3 + Bereik 5 + Effect 3) / Opbrengst 1,5" in page
    assert reader.get(url("edit", plan, kiss.pk)).status_code == 403
    assert reader.post(url("promote", plan, kiss.pk)).status_code == 403
    assert kiss.history.count() == history


def test_the_table_filters_and_sorts_through_htmx(reader, plan):
    response = reader.get(
        url("plan", plan), {"priority": "1a", "sort": "score"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="plan-table"' in html
    assert "Visie Common Ground" in html and "Website" not in html
    sociaal = html[html.index(">Sociaal</h2>") :]
    assert sociaal.index("i4Sociaal") < sociaal.index("Ontwikkelen digitale interactie")
    assert response["Vary"] and "HX-Request" in response["Vary"]
    full = reader.get(url("plan", plan), {"municipality": "OW", "domain": ""}).content.decode()
    assert "<html" in full and "Identiteitscontrole (Oribi)" in full and "i4Sociaal" not in full


def test_the_plan_warns_of_contracts_ending_without_a_successor(reader, plan):
    page = reader.get(url("plan", plan)).content.decode()
    assert "8 contracten lopen af binnen de jaren van het plan" in page
    topdesk = Contract.objects.get(supplier="TopDesk")
    Initiative.objects.get(title="Management informatie").replaces.add(topdesk)
    page = reader.get(url("plan", plan)).content.decode()
    assert (
        "7 contracten lopen af" in page
        and "TopDesk SAAS" not in page.split("plan-warning")[1][:3000]
    )


def test_the_spreadsheet_holds_the_numbers_of_the_page(reader, plan):
    page = reader.get(url("totals", plan))
    shown = page.context["summary"] + [t for s in page.context["sections"] for t in s["tables"]]
    response = reader.get(url("totals_xlsx", plan))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = pd.read_excel(io.BytesIO(response.content), sheet_name=None)
    assert list(sheets) == [t.key for t in shown] == [t.key for t in all_tables(plan)]
    for table in shown:
        sheet = sheets[table.key]
        assert len(sheet) == len(table.rows)
        for (_, line), row in zip(sheet.iterrows(), table.rows, strict=True):
            assert line.iloc[0] == row.label
            numbers = [*row.needed, *row.to_request]
            assert [round(float(v), 2) for v in line.iloc[1 : 1 + len(numbers)]] == [
                float(n) for n in numbers
            ]
            assert line.iloc[-1] == row.pm


def test_the_plan_pdf_renders(reader, plan):
    response = reader.get(url("pdf", plan))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def form_data(editor: InitiativeEditor) -> dict:
    """What a browser posts for the edit page as shown: every field at its initial value."""
    data = {}
    forms = [editor.form, editor.score_form, editor.costs.management_form, *editor.costs.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(value, (list, tuple)):
                data[field.html_name] = [str(v) for v in value]
            elif value is True:
                data[field.html_name] = "on"
            elif value not in (None, False):
                shown = field.field.widget.format_value(value)
                if shown is not None:
                    data[field.html_name] = shown[0] if isinstance(shown, list) else str(shown)
    return data


def history_rows() -> int:
    return (
        sum(m.history.count() for m in (Initiative, Score, CostLine))
        + Initiative.municipalities.through.objects.count()
    )


def test_an_untouched_save_changes_nothing_not_even_history(planner, plan):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    before = (history_rows(), list(CostLine.objects.values()), list(Score.objects.values()))
    response = planner.post(url("edit", plan, kiss.pk), form_data(InitiativeEditor(kiss)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (history_rows(), list(CostLine.objects.values()), list(Score.objects.values())) == before


def test_the_edit_page_answers_head_as_it_answers_get(planner, plan):
    """Link checkers ask with HEAD (issue 18, item 14): the form page is a page like the others."""
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    head = planner.head(url("edit", plan, kiss.pk))
    assert head.status_code == planner.get(url("edit", plan, kiss.pk)).status_code == 200
    assert head.content == b""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score-vision": "2"}, "2 punten is niet toegestaan: kies 1, 3 of 5."),
        ({"score-vision": ""}, "Vul alle vier onderdelen van de score in"),
        ({"initiative-priority": "AO"}, "Een autonome ontwikkeling (AO) krijgt geen score"),
        ({"costs-0-covered": "99.999"}, "Er is meer gedekt dan nodig is."),
        ({"costs-0-amount": "12,5,0"}, "Schrijf bedragen"),
        ({"initiative-action_lines": "AE"}, "Actielijnen zijn de letters A tot en met D"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_written(planner, plan, change, message):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    data = form_data(InitiativeEditor(kiss)) | change | {"initiative-title": "Nieuwe titel"}
    before = (history_rows(), list(CostLine.objects.values()), list(Score.objects.values()))
    response = planner.post(url("edit", plan, kiss.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Er is niets opgeslagen" in response.content.decode()
    kiss.refresh_from_db()
    assert kiss.title == "Klant interactie systeem (KISS)"
    assert (history_rows(), list(CostLine.objects.values()), list(Score.objects.values())) == before


def test_a_changed_line_is_saved_with_its_history(planner, plan):
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    data = form_data(InitiativeEditor(kiss))
    line = CostLine.objects.get(pk=data["costs-0-id"])
    data["costs-0-covered"] = "1.000"
    unchanged = kiss.history.count(), Score.objects.get(initiative=kiss).history.count()
    assert planner.post(url("edit", plan, kiss.pk), data).status_code == 302
    line.refresh_from_db()
    assert line.covered == 1000 and line.history.count() == 2
    assert (kiss.history.count(), Score.objects.get(initiative=kiss).history.count()) == unchanged


def test_promotion_creates_the_programme_and_links_both_ways(client, plan):
    client.force_login(user("carla", COORDINATOR_GROUP))
    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    response = client.post(url("promote", plan, kiss.pk))
    assert response.status_code == 302
    kiss.refresh_from_db()
    programme = kiss.programme
    assert programme.name == kiss.title and kiss.goal in programme.goal
    assert programme.initiative == kiss and programme.unit.name == kiss.domain.name
    client.post(url("promote", plan, kiss.pk))
    assert Initiative.objects.filter(programme__isnull=False).count() == 1
    page = client.get(url("initiative", plan, kiss.pk)).content.decode()
    assert "In de monitor als" in page


def test_the_monitors_drill_down_names_the_initiative_it_came_from(client, demo, plan):
    """Published pages are snapshots rendered once: the link is made before the first visit."""
    from projects.models import Programme

    kiss = Initiative.objects.get(title="Klant interactie systeem (KISS)")
    kiss.programme = Programme.objects.get(slug="adidas")
    kiss.save()
    page = client.get(f"{demo.get_absolute_url()}adidas/").content.decode()
    assert "Komt voort uit initiatief" in page and "Klant interactie systeem (KISS)" in page
    other = client.get(f"{demo.get_absolute_url()}sorga/").content.decode()
    assert "Komt voort uit initiatief" not in other
