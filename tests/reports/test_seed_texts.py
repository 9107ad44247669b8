"""What the seed says is shown, once (issue 18, item 9): the "Inhoud" paragraph, the legend of the
previous report's lights, and each track of a programme once on its drill-down."""

from __future__ import annotations

import re

from django.urls import reverse

from projects import demo_data
from projects.models import Programme

from .test_dutch import visible_text


def test_the_overview_shows_the_seeds_contents_and_previous_legend(client, demo):
    text = visible_text(client.get(demo.get_absolute_url()).content.decode())
    assert "Inhoud" in text
    assert "De rapportage bevat per programma/project:" in text
    for line in demo_data.INTRODUCTION["contents"].splitlines()[1:]:
        assert line.lstrip("• ") in text
    assert "Situatie vorige rapportage:" in text
    for summary in demo_data.RATING_LABELS.values():
        assert summary in text


def test_the_drill_down_shows_the_previous_legend_beside_the_previous_lights(client, demo):
    url = reverse("reports:programme", kwargs={"period": demo.slug, "programme": "adidas"})
    text = visible_text(client.get(url).content.decode())
    assert "Situatie vorige rapportage:" in text
    assert "Aandacht/maatregelen noodzakelijk" in text


def test_each_track_is_shown_once_on_its_programmes_drill_down(client, demo):
    for parent in ("rdi", "digitale-stad"):
        url = reverse("reports:programme", kwargs={"period": demo.slug, "programme": parent})
        page = client.get(url).content.decode()
        text = visible_text(page)
        for track in Programme.objects.filter(parent__slug=parent):
            opening = " ".join(track.goal.split())[:80]
            assert text.count(opening) == 1, (parent, track.name)
        items = re.findall(r'<li class="track">(.*?)</li>', page, flags=re.S)
        empty = [item for item in items if not re.sub(r"<strong>.*?</strong>|<[^>]+>|\s", "", item)]
        assert empty == [], (parent, empty)
