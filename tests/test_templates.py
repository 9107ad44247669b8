"""The templates' layout: one block tag opened per line, no line over 120 characters.

A line may open at most one of ``{% if %}``, ``{% for %}``, ``{% with %}``, ``{% block %}``
(their ``else``/``elif``/``empty`` and end tags do not count, nor do ``blocktranslate``,
``partialdef`` or inline tags such as ``translate`` and ``url``), so nesting shows as
indentation rather than as a run of tags on one line. Long ``blocktranslate`` texts are
wrapped with ``trimmed``, which joins the lines with single spaces: the msgid stays the same.

The PDF's own templates (``reports/pdf/``) are not held to this yet: they are being split into
parts on another branch, and are reformatted after that lands.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_LINE = 120
NOT_YET = ("reports/pdf/",)
OPENER = re.compile(r"\{%-?\s*(?:if|for|with|block)\s")


def layout_faults(text: str, name: str = "template") -> list[str]:
    """Lines over ``MAX_LINE`` characters or opening more than one block tag."""
    faults = []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            faults.append(f"{name}:{number} has {len(line)} characters")
        openers = OPENER.findall(line)
        if len(openers) > 1:
            faults.append(f"{name}:{number} opens {len(openers)} block tags")
    return faults


def test_every_template_has_one_opener_per_line_and_no_long_lines():
    faults = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith(NOT_YET):
            faults += layout_faults(path.read_text(), name)
    assert not faults, "\n".join(faults)


def test_layout_faults_finds_two_openers_and_a_long_line():
    assert layout_faults("{% if a %}<b>{% for x in y %}{{ x }}{% endfor %}</b>{% endif %}") == [
        "template:1 opens 2 block tags"
    ]
    assert layout_faults("<p>" + "x" * 120 + "</p>") == ["template:1 has 127 characters"]
    allowed = (
        '{% block title %}{% translate "Board" %}{% endblock %}\n'
        "{% if a %}{{ a }}{% elif b %}{{ b }}{% else %}–{% endif %}\n"
        "{% blocktranslate with n=count %}{{ n }} left{% endblocktranslate %}{% if x %}!{% endif %}"
    )
    assert layout_faults(allowed) == []
