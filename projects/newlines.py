"""Stored text has LF line endings, whoever sent it.

Browsers submit a textarea's line breaks as CRLF (as the HTML standard says). Stored as sent,
an untouched save of an admin form changed every multi-line text (a goal, a milestone's note,
a risk's cause): the history and every comparison saw edits nobody made. Normalised here, for
every model of this app, on every save: the admin, the workflow forms, imports and code alike.
"""

from __future__ import annotations

from django.db import models


def store_lf_newlines(sender, instance, **kwargs) -> None:
    """pre_save: CRLF and lone CR become LF in every text field of a ``projects`` model."""
    if sender._meta.app_label != "projects":
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and "\r" in value:
            setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))
