"""Issue 13: the period's indicator description and colour definitions, and the track order."""

import pytest
from django.core.exceptions import ValidationError

from projects.models import Programme, Rating

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field",
    [
        "indicator_description",
        "green_definition",
        "orange_definition",
        "red_definition",
        "figures_note",
    ],
)
def test_intro_texts_are_editable_before_publication_and_frozen_after(round_, field):
    open_period = round_.period
    setattr(open_period, field, "Nieuwe tekst.")
    open_period.full_clean()
    open_period.save()
    open_period.refresh_from_db()
    assert getattr(open_period, field) == "Nieuwe tekst."

    published = round_.published_period
    setattr(published, field, "Achteraf herschreven.")
    with pytest.raises(ValidationError) as excinfo:
        published.full_clean()
    assert field in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        published.save()


def test_colour_definitions_fall_back_to_the_short_meaning(round_):
    period = round_.period
    period.orange_definition = "Actieve bijsturing is noodzakelijk."
    definitions = dict(period.colour_definitions())
    assert definitions[Rating.ORANGE] == "Actieve bijsturing is noodzakelijk."
    assert definitions[Rating.GREEN] == Rating.GREEN.meaning


def test_tracks_follow_the_coordinators_order_not_the_alphabet(make_programme):
    parent = make_programme("Rotterdamse Digitale Infrastructuur")
    for position, name in enumerate(["Identity (IAM)", "Werkomgeving (DWO)", "Datacenter (DC)"]):
        make_programme(name, parent=parent, kind="track", position=position + 1)
    tracks = sorted(parent.tracks.all(), key=lambda track: track.monitor_sort_key)
    assert [track.name for track in tracks] == [
        "Identity (IAM)",
        "Werkomgeving (DWO)",
        "Datacenter (DC)",
    ]
    assert [t.name for t in Programme.objects.filter(parent=parent)] == [t.name for t in tracks]
