"""What a browser would post for a form on a page: every named input as rendered."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """Collects the successful controls of the form with id or class ``form_id``.

    Inputs outside the form that name it with ``form="…"`` count too, as in a browser.
    """

    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.done = False
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def _belongs(self, attrs: dict) -> bool:
        if "form" in attrs:
            return attrs["form"] == self.form_id
        return self.in_form

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {k: v if v is not None else "" for k, v in attrs_list}
        if tag == "form" and not self.done:
            names = [attrs.get("id", ""), *attrs.get("class", "").split()]
            if self.form_id is None or self.form_id in names:
                self.in_form = True
        if not self._belongs(attrs) or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"radio", "checkbox"} and "checked" not in attrs:
                return
            self.data.append(
                (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], []
        elif tag == "select":
            self._select, self._options = attrs["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.data.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _ in self._options[:1]
            ]
            self.data.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_data(html: str, form_id: str | None = None) -> dict[str, str]:
    """The form's fields as a dict (the last value wins for repeated names except lists)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict = {}
    for name, value in parser.data:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    return data
