"""Every URL of the site × every role, with the expected answer.

The list of URLs comes from the resolver, so a new URL without a row here fails
``test_every_url_has_a_row``. Expected answers: 200, ``LOGIN`` (302 to the login page),
``REDIRECT`` (302 elsewhere: a POST that did its work or reported an error), 403, 404.

Choices: a signed-in user without the right gets 403, not 404. Reports are addressed by
number and their existence is no secret (the monitor lists every programme), so a 404 would
hide nothing. Unpublished periods are 404 on the public pages for everyone, admin included:
drafts are previewed through the workflow pages, never through the public URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.workflow_data import Round

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "manager",
    "other_manager",
    "controller",
    "other_controller",  # controls ADIDAS, not Sorga: object rules, not role names
    "coordinator",
    "admin",
]
LOGIN, REDIRECT = "login", "redirect"

# The admin guards itself (is_staff plus model permissions); its URLs are generated per model.
# Published reports in the admin are covered by test_workflow.py.
NOT_OURS = {"admin"}


@dataclass
class Row:
    name: str
    args: object  # callable(round) -> list
    expected: dict[str, object]
    method: str = "get"
    data: dict = field(default_factory=dict)
    note: str = ""


def everyone(code) -> dict:
    return dict.fromkeys(ROLES, code)


def signed_in(code, **overrides) -> dict:
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], code), **overrides}


def only(roles: set[str], code=200) -> dict:
    return {
        role: LOGIN if role == "anonymous" else (code if role in roles else 403) for role in ROLES
    }


# Concept previews are for those who prepare the publication: coordinators and any controller.
# A controller's preview holds only the programmes they may view (projects.view_report).
PREPARERS = ["controller", "other_controller", "coordinator", "admin"]


def report(r: Round) -> list:
    return [r.report.pk]


def plan(r: Round) -> list:
    """A plan with one initiative, made when a planning row first asks for it."""
    from planning.models import Domain, Initiative, Plan, Priority

    plan, _ = Plan.objects.get_or_create(
        slug="iup", defaults={"title": "i-uitvoeringsplan", "first_year": 2025, "last_year": 2026}
    )
    domain, _ = Domain.objects.get_or_create(plan=plan, name="Basis")
    Initiative.objects.get_or_create(
        domain=domain, number=1, defaults={"title": "Zaaksysteem", "priority": Priority.P1A}
    )
    return [plan.slug]


def initiative(r: Round) -> list:
    from planning.models import Initiative

    [slug] = plan(r)
    return [slug, Initiative.objects.get(domain__plan__slug=slug).pk]


MATRIX = [
    # Public pages: everyone reads published periods; unpublished ones do not exist there.
    Row("reports:index", lambda r: [], everyone(200)),
    Row("reports:choose_period", lambda r: [], everyone(404), note="no ?period: nothing chosen"),
    Row("reports:overview", lambda r: [r.published_period.slug], everyone(200)),
    Row("reports:overview", lambda r: [r.period.slug], everyone(404), note="open period"),
    Row("reports:programme", lambda r: [r.published_period.slug, "sorga"], everyone(200)),
    Row("reports:programme", lambda r: [r.period.slug, "sorga"], everyone(404)),
    Row("reports:export_csv", lambda r: [r.published_period.slug], everyone(200)),
    Row("reports:export_csv", lambda r: [r.period.slug], everyone(404), note="open period"),
    Row("reports:export_json", lambda r: [r.published_period.slug], everyone(200)),
    Row("reports:export_json", lambda r: [r.period.slug], everyone(404), note="open period"),
    Row("reports:signal", lambda r: [], everyone(200), note="computes only from its input"),
    # Open data (issue 21): published periods only, for everyone.
    Row("opendata:index", lambda r: [], everyone(200)),
    Row("opendata:catalogue", lambda r: [], everyone(200)),
    Row("opendata:file", lambda r: [r.published_period.slug, "lichten.csv"], everyone(200)),
    Row("opendata:file", lambda r: [r.period.slug, "lichten.csv"], everyone(404), note="open"),
    Row("opendata:programme_history", lambda r: ["sorga"], everyone(200)),
    # The portfolio of a published period is public; the council letter is the coordinator's.
    Row("portfolio:portfolio", lambda r: [r.published_period.slug], everyone(200)),
    Row("portfolio:portfolio", lambda r: [r.period.slug], everyone(404), note="open period"),
    Row("portfolio:letter", lambda r: ["sorga"], only({"coordinator", "admin"})),
    # PDFs: the published file for everyone; a concept preview for those preparing it.
    Row("reports:period_pdf", lambda r: [r.published_period.slug], everyone(200)),
    Row(
        "reports:period_pdf",
        lambda r: [r.period.slug],
        {**everyone(404), **dict.fromkeys(PREPARERS, 200)},
        note="concept preview",
    ),
    Row("reports:period_pdf_version", lambda r: [r.published_period.slug, 1], everyone(200)),
    Row(
        "reports:period_pdf_version",
        lambda r: [r.period.slug, 1],
        everyone(404),
        note="an unpublished period has no archived versions",
    ),
    Row("reports:programme_pdf", lambda r: [r.published_period.slug, "sorga"], everyone(200)),
    Row(
        "reports:programme_pdf_version",
        lambda r: [r.published_period.slug, "sorga", 1],
        everyone(200),
    ),
    Row(
        "reports:programme_pdf_version",
        lambda r: [r.period.slug, "sorga", 1],
        everyone(404),
        note="an unpublished period has no archived versions",
    ),
    Row(
        "reports:programme_pdf",
        lambda r: [r.period.slug, "sorga"],
        {**everyone(404), **dict.fromkeys(["controller", "coordinator", "admin"], 200)},
        note="concept preview: Sorga's controller, not ADIDAS's",
    ),
    # Managers.
    Row("projects:my_reports", lambda r: [], signed_in(200)),
    Row(
        "projects:start",
        lambda r: [],
        signed_in(REDIRECT),
        note="to the board, the review queue or my reports",
    ),
    Row("projects:edit", report, only({"manager", "admin"})),
    Row(
        "projects:check_aspect",
        lambda r: [r.report.pk, "time"],
        only({"manager", "admin"}),
        method="post",
        data={"time_rating": "red", "version": 1},
    ),
    Row("projects:detail", report, only({"manager", "controller", "coordinator", "admin"})),
    # Controllers (the coordinator may stand in).
    Row(
        "projects:review_queue",
        lambda r: [],
        only({"controller", "other_controller", "coordinator", "admin"}),
    ),
    Row("projects:review", report, only({"controller", "coordinator", "admin"})),
    # The coordinator.
    Row("projects:board", lambda r: [], only({"coordinator", "admin"})),
    Row("projects:open_period", lambda r: [], only({"coordinator", "admin"})),
    Row(
        "projects:close_period",
        lambda r: [r.period.slug],
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
    ),
    Row(
        "reports:publish",
        lambda r: [r.period.slug],
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
    ),
    Row(
        "projects:exclude",
        report,
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
        data={"exclusion_reason": "Nog niet gestart."},
    ),
    Row(
        "projects:readmit",
        report,
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
    ),
    Row(
        "reports:publication",
        lambda r: [r.period.slug],
        only({"coordinator", "admin"}),
    ),
    Row(
        "reports:retry_publication",
        lambda r: [r.period.slug],
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
    ),
    # Importing a round in the browser (issue 21): upload, template, confirm.
    Row("projects:import", lambda r: [], only({"coordinator", "admin"})),
    Row("projects:import_template", lambda r: [], only({"coordinator", "admin"})),
    Row(
        "projects:import_confirm",
        lambda r: [],
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
        note="nothing previewed: back to the upload",
    ),
    Row(
        "reports:erratum",
        lambda r: [r.published_report.pk],
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
        data={"text": "Correctie."},
    ),
]

# The i-uitvoeringsplan: a draft of spending, read by every signed-in user (planning.view_plan),
# edited by the coordinator and the plan's planners, promoted to the monitor by the coordinator.
MATRIX += [
    Row("planning:plans", lambda r: plan(r)[:0], signed_in(REDIRECT), note="to the only plan"),
    Row("planning:plan", plan, signed_in(200)),
    Row("planning:totals", plan, signed_in(200)),
    Row("planning:totals_xlsx", plan, signed_in(200)),
    Row("planning:pdf", plan, signed_in(200)),
    Row("planning:contracts", plan, signed_in(200)),
    Row("planning:initiative", initiative, signed_in(200)),
    Row("planning:edit", initiative, only({"coordinator", "admin"})),
    # No classification model in this round: the page sends the coordinator back with a message.
    Row("planning:classify", initiative, only({"coordinator", "admin"}, REDIRECT)),
    # Admission and departure (issue 25): the coordinator's, as running the round is.
    Row("projects:admission", lambda r: [r.report.programme_id], only({"coordinator", "admin"})),
    Row(
        "projects:classify",
        lambda r: [r.report.programme_id],
        only({"coordinator", "admin"}, REDIRECT),
        note="no classification model in use",
    ),
    Row("projects:departure", lambda r: [r.report.programme_id], only({"coordinator", "admin"})),
    Row(
        "planning:promote",
        initiative,
        only({"coordinator", "admin"}, REDIRECT),
        method="post",
    ),
]

AUTH_ROWS = [
    Row("login", lambda r: [], everyone(200)),
    # Load balancer probes: open to everyone, no session.
    Row("healthz", lambda r: [], everyone(200)),
    Row("readyz", lambda r: [], everyone(503), note="no task worker in the test"),
    Row("logout", lambda r: [], everyone(REDIRECT), method="post"),
    Row("password_change", lambda r: [], signed_in(200)),
    Row("password_change_done", lambda r: [], signed_in(200)),
    Row("password_reset", lambda r: [], everyone(200)),
    Row("password_reset_done", lambda r: [], everyone(200)),
    Row("password_reset_confirm", lambda r: ["MQ", "set-password"], everyone(200)),
    Row("password_reset_complete", lambda r: [], everyone(200)),
    Row("set_language", lambda r: [], everyone(REDIRECT), method="post", data={"language": "en"}),
    Row("resume_post", lambda r: [], signed_in(REDIRECT), note="nothing kept"),
]
MATRIX += AUTH_ROWS


def our_url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_OURS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= our_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"unnamed URL pattern {pattern.pattern}: name it")
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    assert our_url_names() == {row.name for row in MATRIX}


def test_every_row_covers_every_role():
    for row in MATRIX:
        assert set(row.expected) == set(ROLES), row.name


@pytest.mark.parametrize(
    ("row", "role"),
    [(row, role) for row in MATRIX for role in ROLES],
    ids=[
        f"{row.name}{'-' + row.note if row.note else ''}-{role}" for row in MATRIX for role in ROLES
    ],
)
def test_permission_matrix(client, round_, row: Row, role: str):
    user = round_.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(row.name, args=row.args(round_))
    response = getattr(client, row.method)(url, row.data)
    expected = row.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    elif expected == REDIRECT:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login") + "?")
    else:
        assert response.status_code == expected


def _pdf_text(content: bytes) -> str:
    import io

    import pypdf

    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_controllers_concept_pdf_holds_only_the_programmes_they_may_view(client, round_):
    """Defect 14: the concept PDF showed every programme's draft to any controller."""
    round_.other_report.developments = "Geheime ontwikkeling bij ADIDAS."
    round_.other_report.save()
    url = reverse("reports:period_pdf", args=[round_.period.slug])

    client.force_login(round_.controller)
    text = _pdf_text(client.get(url).getvalue())
    assert "Sorga" in text
    assert "ADIDAS" not in text

    client.force_login(round_.coordinator)
    text = _pdf_text(client.get(url).getvalue())
    assert "Sorga" in text and "Geheime ontwikkeling bij ADIDAS." in text


def test_the_signed_in_user_comes_with_the_coordinator_role_and_losing_it_counts_at_once(
    client, round_
):
    """``RoleAwareModelBackend`` reads the role with the user (one query, not one more per
    page); it is read afresh on every request, so a removed role is gone on the next page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(round_.coordinator)
    board = reverse("projects:board")
    assert client.get(board).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(board).status_code == 200
    role_reads = [q["sql"] for q in queries.captured_queries if '"auth_user_groups"' in q["sql"]]
    assert len(role_reads) == 1 and role_reads[0].startswith('SELECT "auth_user"."id"')

    round_.coordinator.groups.clear()
    assert client.get(board).status_code == 403
