"""The completeness board's simple tags print what the templates and tags they replace printed."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from projects.models import StatusReport


@pytest.mark.parametrize("state", [*StatusReport.State.values, "excluded"])
def test_state_badge_is_the_badge_the_template_printed(make_report, state):
    report = make_report(
        state=StatusReport.State.DRAFT if state == "excluded" else state,
        exclusion_reason="Gestopt" if state == "excluded" else "",
    )
    label = "uitgesloten" if state == "excluded" else None
    with translation.override("nl"):
        html = Template("{% load workflow %}{% state_badge report %}").render(
            Context({"report": report})
        )
        assert html == (
            f'<span class="badge badge--{state}">{label or report.get_state_display()}</span>'
        )


def test_report_url_is_the_detail_url(make_report):
    report = make_report()
    html = Template("{% load workflow %}{{ report|report_url }}").render(
        Context({"report": report})
    )
    assert html == reverse("projects:detail", args=[report.pk])


@pytest.mark.parametrize("route", ["projects:exclude", "projects:readmit"])
def test_report_url_reverses_the_route_it_is_given(make_report, route):
    report, other = make_report(), make_report()
    html = Template(
        "{% load workflow %}{{ report|report_url:route }} {{ other|report_url:route }}"
    ).render(Context({"report": report, "other": other, "route": route}))
    assert html == f"{reverse(route, args=[report.pk])} {reverse(route, args=[other.pk])}"


def test_aspect_lights_are_the_four_lights_of_the_light_tag(make_report):
    report = make_report(
        money_rating="orange",
        money_explanation="Duurder.",
        risk_rating="red",
        risk_explanation="Leverancier.",
    )
    report.time_rating = ""  # not rated: drawn as such
    context = Context({"report": report})
    one_by_one = Template(
        "{% load monitor %}{% for status in report.aspects %}"
        "{% light status.rating show_label=False %}{% endfor %}"
    ).render(context)
    assert Template("{% load monitor %}{% aspect_lights report %}").render(context) == one_by_one
    assert one_by_one.count('class="light ') == 4
