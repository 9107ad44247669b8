"""Text the database cannot store (NUL, unpaired surrogates) is refused with a reason, never a 500.

PostgreSQL refuses a NUL character in text with an exception; before these fixes the views
that read ``request.POST`` directly, ``?period=`` and an imported cell passed it through.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from projects.models import Erratum, ReportingPeriod
from tests.fingerprint import db_fingerprint

NUL = "Budget\x00besluit volgt"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_nul_in_the_exclusion_reason_is_refused_in_dutch(client, round_):
    client.force_login(round_.coordinator)
    before = db_fingerprint()
    response = client.post(
        reverse("projects:exclude", args=[round_.other_report.pk]), {"exclusion_reason": NUL}
    )
    assert response.status_code == 302
    assert any("Null-tekens zijn niet toegestaan" in m for m in messages_of(response))
    assert db_fingerprint() == before


def test_an_empty_exclusion_reason_still_gets_the_models_message(client, round_):
    client.force_login(round_.coordinator)
    response = client.post(
        reverse("projects:exclude", args=[round_.other_report.pk]), {"exclusion_reason": "  "}
    )
    assert messages_of(response) == ["Geef de reden die de raad te lezen krijgt."]


def test_a_nul_in_an_erratum_is_refused_in_dutch(client, round_):
    client.force_login(round_.coordinator)
    before = db_fingerprint()
    response = client.post(
        reverse("reports:erratum", args=[round_.published_report.pk]), {"text": NUL}
    )
    assert response.status_code == 302
    assert any("Null-tekens zijn niet toegestaan" in m for m in messages_of(response))
    assert not Erratum.objects.exists()
    assert db_fingerprint() == before


# Since issue 19 (finding 10) a NUL anywhere in a query string is a 400 for the whole site
# (mip.middleware.RefuseNulInQueryMiddleware), before any view: no longer a 404 per view.
@pytest.mark.parametrize("url", ["/periodes/?period=%00", "/periodes/?period=a%00b"])
def test_a_nul_in_the_chosen_period_is_refused(client, round_, url):
    assert client.get(url).status_code == 400


def test_a_nul_in_the_boards_period_is_refused(client, round_):
    client.force_login(round_.coordinator)
    assert client.get(reverse("projects:board") + "?period=%00").status_code == 400


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "ok \udfff"])
def test_the_models_refuse_text_the_database_cannot_store(round_, text):
    """The admin and the import validate through the model: they follow."""
    report = round_.report
    report.developments = text
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        report.full_clean()
    assert "developments" in excinfo.value.message_dict
    period = ReportingPeriod(label=f"mei {text}", start=round_.period.start, end=round_.period.end)
    with pytest.raises(ValidationError) as excinfo:
        period.full_clean()
    assert "label" in excinfo.value.message_dict


def test_exclude_from_publication_refuses_a_nul_itself(round_):
    """The model method does not rely on its caller's form: save() runs no field validators."""
    with pytest.raises(ValidationError) as excinfo:
        round_.other_report.exclude_from_publication(by=round_.coordinator, reason=NUL)
    assert "exclusion_reason" in excinfo.value.message_dict
    round_.other_report.refresh_from_db()
    assert round_.other_report.exclusion_reason == ""


def test_validate_storable_text_says_why_in_dutch():
    from projects.validators import validate_storable_text

    with translation.override("nl"):
        with pytest.raises(ValidationError, match="NUL-teken"):
            validate_storable_text("a\x00")
        with pytest.raises(ValidationError, match="ongeldig teken"):
            validate_storable_text("\ud83d")
    validate_storable_text("Rotterdam ‏ \u202e € 😀")  # RTL marks and emoji are fine
