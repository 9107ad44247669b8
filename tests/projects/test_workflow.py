"""The reporting round through the real stack: views, rules, models, history, mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from projects.models import (
    Erratum,
    FrozenReportError,
    ReportingPeriod,
    StaleReportError,
    StatusReport,
)
from reports.publication import publish_period

pytestmark = pytest.mark.django_db

FILLED = {
    "quality_rating": "green",
    "quality_explanation": "",
    "money_rating": "orange",
    "money_explanation": "Extra licentiekosten; dekking wordt gezocht.",
    "time_rating": "red",
    "time_explanation": "De leverancier levert de koppeling drie maanden later.",
    "risk_rating": "green",
    "risk_explanation": "",
    "developments": "Fase 2 is gestart.",
}


def form_data(report: StatusReport, **changes) -> dict:
    return {**FILLED, "version": report.version, **changes}


def edit_url(report) -> str:
    return reverse("projects:edit", args=[report.pk])


def test_new_period_starts_with_prefilled_drafts(round_):
    report = round_.report
    assert report.state == StatusReport.State.DRAFT
    assert report.prefilled_from == round_.published_report
    assert report.money_explanation == "De kosten van de migratie vallen hoger uit."
    assert report.money_rating == ""  # lights are set anew every period


def test_form_shows_previous_light_beside_each_aspect_and_marks_prefill(client, round_):
    client.force_login(round_.manager)
    html = client.get(edit_url(round_.report)).content.decode()
    assert "De kosten van de migratie vallen hoger uit." in html
    assert "gekopieerd uit de rapportage van februari t/m mei 2023" in html
    assert html.count('<fieldset class="aspect-card') == 4


def test_inline_check_reports_missing_explanation_in_dutch(client, round_):
    client.force_login(round_.manager)
    url = reverse("projects:check_aspect", args=[round_.report.pk, "time"])
    html = client.post(
        url, form_data(round_.report, time_explanation=""), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Een toelichting is verplicht als tijd op rood staat." in html
    assert "<html" not in html
    html = client.post(url, form_data(round_.report), headers={"HX-Request": "true"}).content
    assert b"toelichting is verplicht" not in html


def test_a_draft_with_red_and_no_explanation_saves_and_lists_what_is_missing(client, round_):
    # Issue 14 changed this rule: a draft always saves (it used to be refused, losing the work).
    client.force_login(round_.manager)
    response = client.post(
        edit_url(round_.report),
        form_data(round_.report, time_explanation="", developments="Mijn tekst"),
    )
    assert response.status_code == 302
    round_.report.refresh_from_db()
    assert round_.report.developments == "Mijn tekst"
    assert (round_.report.time_rating, round_.report.state) == ("red", "draft")
    html = client.get(edit_url(round_.report)).content.decode()
    checklist = html[html.index('id="checklist-heading"') : html.index('id="aspects-heading"')]
    assert "Nog nodig voor het indienen" in checklist
    assert (
        '<a href="#id_time_explanation">Toelichting tijd</a>: '
        "Een toelichting is verplicht als tijd op rood staat."
    ) in checklist
    assert "Niet opgeslagen" not in html  # a checklist, not an error


def test_submitting_red_without_explanation_is_refused_with_the_same_item(client, round_):
    client.force_login(round_.manager)
    response = client.post(
        edit_url(round_.report),
        {**form_data(round_.report, time_explanation="", developments="Mijn tekst"), "submit": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[html.index("error-summary") : html.index('id="aspects-heading"')]
    assert "Een toelichting is verplicht als tijd op rood staat." in summary
    assert "Mijn tekst" in html  # what was typed stays in the form
    round_.report.refresh_from_db()
    assert round_.report.state == StatusReport.State.DRAFT


def test_the_model_refuses_an_incomplete_submission_but_saves_the_draft(round_):
    report = round_.report
    report.time_rating = "red"
    report.full_clean()  # a draft: accepted
    report.save()
    with pytest.raises(ValidationError) as excinfo:
        report.submit(by=round_.manager)
    assert set(excinfo.value.message_dict) == {
        "quality_rating",
        "money_rating",
        "risk_rating",
        "time_explanation",
    }
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT


def test_round_submit_return_resubmit_approve_with_mail(
    client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    def post(url, data):  # mail goes out on commit
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    report = round_.report
    client.force_login(round_.manager)
    response = post(edit_url(report), {**form_data(report), "submit": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED
    assert report.submitted_by == round_.manager
    assert [m.to for m in mailoutbox] == [[round_.controller.email]]
    assert "Sorga" in mailoutbox[0].subject

    client.force_login(round_.controller)
    review_url = reverse("projects:review", args=[report.pk])
    html = client.get(review_url).content.decode()
    assert "<ins>" in html  # changes since the previous period are highlighted
    response = client.post(review_url, {"return": "", "review_comment": "  "})
    assert response.status_code == 200
    assertContains(response, "Geef aan wat er moet veranderen")
    response = post(review_url, {"return": "", "review_comment": "Licht geld klopt niet."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == StatusReport.State.RETURNED
    assert mailoutbox[-1].to == [round_.manager.email]
    assert "Licht geld klopt niet." in mailoutbox[-1].body
    assert f"http://testserver/beheer/rapportage/{report.pk}/invullen/" in mailoutbox[-1].body

    client.force_login(round_.manager)
    assert "Licht geld klopt niet." in client.get(edit_url(report)).content.decode()
    post(edit_url(report), {**form_data(report, money_rating="red"), "submit": ""})
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED

    client.force_login(round_.controller)
    post(review_url, {"approve": ""})
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    assert report.reviewed_by == round_.controller
    assert mailoutbox[-1].to == [round_.manager.email]
    assert len(mailoutbox) == 4


def test_submit_needs_all_four_lights(client, round_):
    client.force_login(round_.manager)
    response = client.post(
        edit_url(round_.report), {**form_data(round_.report, risk_rating=""), "submit": ""}
    )
    assert response.status_code == 200
    assertContains(response, "Kies een kleur.")
    round_.report.refresh_from_db()
    assert round_.report.state == StatusReport.State.DRAFT


def test_stale_save_is_refused_and_both_versions_are_shown(client, round_):
    report = round_.report
    loaded_version = report.version
    # Someone else saves first (another tab, the controller's colleague, an import...).
    theirs = StatusReport.objects.get(pk=report.pk)
    theirs.developments = "Tekst van de ander."
    theirs.save()

    client.force_login(round_.manager)
    response = client.post(
        edit_url(report),
        {**FILLED, "version": loaded_version, "developments": "Mijn eigen tekst."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen" in html
    assert "Tekst van de ander." in html  # what the other person changed
    assert "Mijn eigen tekst." in html  # the user's input is kept
    report.refresh_from_db()
    assert report.developments == "Tekst van de ander."
    # Saving again, knowingly, stores the user's version.
    assert f'name="version" value="{report.version}"' in html
    client.post(
        edit_url(report), {**FILLED, "version": report.version, "developments": "Mijn eigen tekst."}
    )
    report.refresh_from_db()
    assert report.developments == "Mijn eigen tekst."


def test_stale_save_is_refused_in_the_model(round_):
    first = StatusReport.objects.get(pk=round_.report.pk)
    second = StatusReport.objects.get(pk=round_.report.pk)
    first.developments = "eerste"
    first.save()
    second.developments = "tweede"
    with pytest.raises(StaleReportError) as refused:
        second.save()
    assert refused.value.current.developments == "eerste"
    assert [c.new for c in refused.value.current.changes_since(second.version)] == ["eerste"]


def test_published_report_is_frozen_in_the_model_layer(round_):
    report = StatusReport.objects.get(pk=round_.published_report.pk)
    report.money_rating = "red"
    with pytest.raises(FrozenReportError):
        report.save()
    with pytest.raises(ValidationError) as invalid:
        report.full_clean()
    assert "kan niet meer worden gewijzigd" in str(invalid.value)
    with pytest.raises(FrozenReportError):
        StatusReport.objects.filter(pk=report.pk).update(money_rating="red")
    with pytest.raises(FrozenReportError):
        report.delete()
    assert StatusReport.objects.get(pk=report.pk).money_rating == "orange"


def test_published_report_cannot_be_changed_through_the_form(client, round_):
    report = round_.report
    report.quality_rating = report.money_rating = report.time_rating = report.risk_rating = "green"
    report.submit(by=round_.manager)  # states change only through the workflow
    report.approve(by=round_.controller)
    round_.other_report.exclusion_reason = "Nog niet gestart."
    round_.other_report.save()
    publish_period(round_.period, by=None)
    client.force_login(round_.manager)
    response = client.post(edit_url(report), {**form_data(report), "submit": ""})
    assert response.status_code == 409  # not saved; the input is shown back, to copy
    report.refresh_from_db()
    assert report.time_rating == "green"


def test_published_report_cannot_be_changed_through_the_admin(client, round_):
    report = round_.published_report
    client.force_login(round_.admin)
    url = reverse("admin:projects_statusreport_change", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="money_rating"' not in response.content.decode()  # shown read-only
    response = client.post(
        url,
        {
            "programme": report.programme_id,
            "period": report.period_id,
            "state": "approved",
            "money_rating": "red",
            "money_explanation": "stil gewijzigd",
            "version": report.version,
        },
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.money_rating == "orange"


def test_erratum_is_a_visible_correction_on_the_public_page(client, round_):
    client.force_login(round_.coordinator)
    report = round_.published_report
    response = client.post(
        reverse("reports:erratum", args=[report.pk]),
        {"text": "Het tekort is 1,2 miljoen, niet 2,1 miljoen."},
    )
    assert response.status_code == 302
    erratum = Erratum.objects.get()
    assert erratum.created_by == round_.coordinator
    public = client.get(reverse("reports:programme", args=[report.period.slug, "sorga"]))
    assertContains(public, "Het tekort is 1,2 miljoen, niet 2,1 miljoen.")
    with pytest.raises(ValidationError):
        erratum.save()  # errata are appended, never rewritten


def test_publish_requires_every_report_approved_or_excluded(client, round_):
    period = round_.period
    with pytest.raises(ValidationError, match="Sorga"):
        publish_period(period, by=None)
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.OPEN

    report = round_.report
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "green")
    report.submit(by=round_.manager)
    report.approve(by=round_.controller)
    client.force_login(round_.coordinator)
    exclude_url = reverse("projects:exclude", args=[round_.other_report.pk])
    client.post(exclude_url, {"exclusion_reason": ""})
    round_.other_report.refresh_from_db()
    assert round_.other_report.exclusion_reason == ""
    client.post(
        reverse("projects:exclude", args=[round_.other_report.pk]),
        {"exclusion_reason": "Het project is stilgelegd in afwachting van een besluit."},
    )
    response = client.post(reverse("reports:publish", args=[period.slug]))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.is_published

    client.logout()
    html = client.get(period.get_absolute_url()).content.decode()
    assert "Het project is stilgelegd in afwachting van een besluit." in html
    assert reverse("reports:programme", args=[period.slug, "adidas"]) not in html
    assert reverse("reports:programme", args=[period.slug, "sorga"]) in html


def test_history_lists_each_change_with_its_author(client, round_):
    report = round_.report
    client.force_login(round_.manager)
    client.post(edit_url(report), form_data(report))
    report.refresh_from_db()
    client.post(edit_url(report), {**form_data(report), "submit": ""})
    client.force_login(round_.controller)
    client.post(reverse("projects:review", args=[report.pk]), {"approve": ""})
    report.refresh_from_db()

    timeline = report.timeline()
    assert [entry.who for entry in timeline] == [
        None,  # created when the coordinator opened the period (no request)
        round_.manager,
        round_.manager,
        round_.controller,
    ]
    saved_draft = {c.label: (c.old, c.new) for c in timeline[1].changes}
    assert saved_draft["geld"] == ("", "oranje")
    assert {c.label: c.new for c in timeline[3].changes}["status"] == "goedgekeurd"

    html = client.get(reverse("projects:detail", args=[report.pk])).content.decode()
    assert "Mila Manager" in html and "Chris Controller" in html
    assert "Extra licentiekosten" in html


def test_coordinator_opens_a_period_with_drafts_for_the_monitor(client, round_, make_programme):
    deadline = timezone.localdate() + dt.timedelta(days=14)  # a deadline that has not passed
    make_programme("Afgerond", in_monitor=False)
    make_programme("Gestopt", monitored_until=round_.published_period)
    client.force_login(round_.coordinator)
    response = client.post(
        reverse("projects:open_period"),
        {
            "label": "oktober 2023 t/m januari 2024",
            "start": "2023-10-01",
            "end": "2024-01-31",
            "deadline": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(slug="oktober-2023-tm-januari-2024")
    assert period.reports.count() == 2
    assert period.reports.get(programme=round_.programme).history.get().history_user == (
        round_.coordinator
    )
    # Texts start from the last report the council saw, not from the unpublished round.
    assert period.reports.get(programme=round_.programme).prefilled_from == round_.published_report
    response = client.post(
        reverse("projects:open_period"),
        {"label": "oktober 2023 t/m januari 2024", "start": "2023-10-01", "end": "2023-09-01"},
    )
    assert response.status_code == 200
    assertContains(response, "bestaat al")


def test_board_shows_state_next_actor_and_filters(
    client, round_, make_programme, django_assert_max_num_queries
):
    for n in range(20):
        programme = make_programme(f"Extra {n}", manager=round_.manager)
        StatusReport.draft_for(programme, round_.period)
    client.force_login(round_.coordinator)
    url = reverse("projects:board") + f"?period={round_.period.slug}"
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    assert html.lower().count("programmamanager") >= 22
    report = round_.report
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "green")
    report.submit(by=round_.manager)
    html = client.get(url + "&state=submitted", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert "Sorga" in html and "Extra 3" not in html
    assert "controller" in html.lower()


def test_close_for_review_stops_entry(client, round_):
    client.force_login(round_.coordinator)
    client.post(reverse("projects:close_period", args=[round_.period.slug]))
    round_.period.refresh_from_db()
    assert round_.period.state == ReportingPeriod.State.IN_REVIEW
    client.force_login(round_.manager)
    response = client.get(edit_url(round_.report))
    assert response.status_code == 302


def test_deadline_phrase(round_):
    assert round_.period.days_to_deadline(round_.period.deadline - dt.timedelta(days=3)) == 3


def test_a_published_period_cannot_be_reopened(round_):
    period = ReportingPeriod.objects.get(pk=round_.published_period.pk)
    period.state = ReportingPeriod.State.OPEN
    with pytest.raises(ValidationError, match="blijft gepubliceerd"):
        period.full_clean()
    with pytest.raises(ValidationError):
        period.save()
    assert ReportingPeriod.objects.get(pk=period.pk).is_published


def test_a_returned_report_can_be_fixed_after_entry_closes(client, round_):
    report = round_.report
    client.force_login(round_.manager)
    client.post(edit_url(report), {**form_data(report), "submit": ""})
    report.refresh_from_db()
    report.return_to_manager(round_.controller, "Licht tijd klopt niet.")
    round_.period.close_for_review()
    report.refresh_from_db()
    assert report.is_editable
    assert not round_.other_report.is_editable  # a draft missed the deadline
    client.post(edit_url(report), {**form_data(report), "submit": ""})
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED


def test_admin_offers_no_published_period_for_a_new_report(client, round_):
    client.force_login(round_.admin)
    html = client.get(reverse("admin:projects_statusreport_add")).content.decode()
    assert f'value="{round_.period.pk}"' in html
    assert f'value="{round_.published_period.pk}"' not in html


def test_a_second_reviewer_acting_on_an_old_copy_is_told_not_crashed(client, round_):
    report = round_.report
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "green")
    report.submit(by=round_.manager)
    stale_copy = StatusReport.objects.get(pk=report.pk)
    StatusReport.objects.get(pk=report.pk).approve(by=round_.controller)
    with pytest.raises(StaleReportError):
        stale_copy.approve(by=round_.coordinator)
    client.force_login(round_.coordinator)
    response = client.post(
        reverse("projects:review", args=[report.pk]), {"approve": ""}, follow=True
    )
    assert response.status_code == 200
    assertContains(response, "Alleen een ingediende rapportage kan worden goedgekeurd.")
    assert StatusReport.objects.get(pk=report.pk).reviewed_by == round_.controller


def _fill(report, **overrides):
    for aspect in ("quality", "money", "time", "risk"):
        setattr(report, f"{aspect}_rating", "green")
    for name, value in overrides.items():
        setattr(report, name, value)
    report.save()


def test_an_excluded_report_stays_out_until_readmitted(client, round_):
    report = round_.report
    report.exclude_from_publication(by=round_.coordinator, reason="Komt volgende ronde.")
    assert not report.is_editable
    with pytest.raises(ValidationError):
        report.submit(by=round_.manager)

    client.force_login(round_.controller)
    assertNotContains(client.get(reverse("projects:review_queue")), report.programme.name)

    client.force_login(round_.coordinator)
    client.post(reverse("projects:readmit", args=[report.pk]))
    report.refresh_from_db()
    assert report.exclusion_reason == "" and report.is_editable
    _fill(report)
    report.submit(by=round_.manager)
    report.approve(by=round_.controller, comment="Mooi op tijd.")
    report.refresh_from_db()
    assert report.state == "approved" and report.review_comment == "Mooi op tijd."


def test_an_excluded_submitted_report_cannot_be_approved(round_):
    report = round_.report
    _fill(report)
    report.submit(by=round_.manager)
    report.exclude_from_publication(by=round_.coordinator, reason="Besluit volgt.")
    assert not report.is_reviewable
    with pytest.raises(ValidationError):
        report.approve(by=round_.controller)


def test_browser_line_endings_are_not_an_edit(round_):
    report = round_.report
    report.developments = "Eerste alinea.\r\n\r\nTweede alinea."
    report.save()
    report.refresh_from_db()
    assert report.developments == "Eerste alinea.\n\nTweede alinea."


def test_previous_skips_reports_the_council_never_saw(round_, make_period):
    excluded = round_.report
    excluded.exclude_from_publication(by=round_.coordinator, reason="Niet gestart.")
    later = make_period("oktober 2023 t/m januari 2024", start=dt.date(2023, 10, 1), state="open")
    draft = StatusReport.draft_for(round_.programme, later)
    assert draft.previous() == round_.published_report
    assert draft.prefilled_from == round_.published_report


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("manager", "projects:my_reports"),
        ("controller", "projects:review_queue"),
        ("coordinator", "projects:board"),
        ("admin", "projects:board"),
    ],
)
def test_login_lands_on_the_users_main_task(client, round_, role, landing):
    client.force_login(round_.user(role))
    response = client.get(reverse("projects:start"))
    assert response.url == reverse(landing)


def test_a_published_periods_texts_cannot_change(round_):
    period = round_.published_period
    period.introduction = "Achteraf herschreven."
    with pytest.raises(ValidationError) as excinfo:
        period.full_clean()
    assert "introduction" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        period.save()
    period.refresh_from_db()
    assert period.introduction != "Achteraf herschreven."


def test_a_stale_save_names_the_colour_not_its_code(round_):
    from projects.models import StatusReport as Report

    first = Report.objects.get(pk=round_.report.pk)
    second = Report.objects.get(pk=round_.report.pk)
    first.time_rating = "red"
    first.time_explanation = "Uitloop."
    first.save()
    with pytest.raises(StaleReportError) as refused:
        second.save()
    changes = {str(c.label): c.new for c in refused.value.current.changes_since(second.version)}
    assert changes["tijd"] == "rood"


def test_a_verdict_on_a_report_changed_since_reading_is_refused(client, round_):
    report = round_.report
    _fill(report)
    report.submit(by=round_.manager)
    read_version = StatusReport.objects.get(pk=report.pk).version
    # Meanwhile the coordinator excludes and readmits it: the report is no longer as read.
    report.exclude_from_publication(by=round_.coordinator, reason="Even niet.")
    report.readmit(by=round_.coordinator)
    client.force_login(round_.controller)
    client.post(
        reverse("projects:review", args=[report.pk]), {"approve": "1", "version": read_version}
    )
    report.refresh_from_db()
    assert report.state == "submitted"
