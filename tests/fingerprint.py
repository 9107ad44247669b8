"""A fingerprint of everything the app stores, to prove that a refused request wrote nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps

# The apps whose data a form or an import could change; sessions and last_login change on
# every login and say nothing about the monitor.
APPS = ("projects", "reports")


def db_fingerprint() -> str:
    """A digest of every row of every model of the monitor, in primary-key order."""
    digest = hashlib.sha256()
    for app_label in APPS:
        models = apps.get_app_config(app_label).get_models()
        for model in sorted(models, key=lambda m: m._meta.label):
            digest.update(model._meta.label.encode())
            for row in model._base_manager.order_by("pk").values_list():
                digest.update(repr(row).encode())
    return digest.hexdigest()


def db_rows() -> dict[str, list[tuple]]:
    """Every row of every model of the monitor (history tables included), per model: to show
    which rows a request wrote when it should have written none."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for app_label in APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def written(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> dict[str, int]:
    """Per model, how many rows differ between two ``db_rows``: empty when nothing was written."""
    return {
        label: len(set(map(repr, before[label])) ^ set(map(repr, after[label])))
        for label in before
        if before[label] != after[label]
    }
