"""The colours and aspects of the monitor: plain enumerations for models, calculations, views."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Rating(TextChoices):
    """The three colours of the monitor, from best to worst."""

    GREEN = "green", _("green")
    ORANGE = "orange", _("orange")
    RED = "red", _("red")

    @property
    def meaning(self) -> str:
        return RATING_MEANINGS[self]

    @property
    def severity(self) -> int:
        return list(Rating).index(self)


RATING_MEANINGS = {
    Rating.GREEN: _("No steering needed"),
    Rating.ORANGE: _("Steering still possible"),
    Rating.RED: _("Attention/measures needed"),
}


class Aspect(TextChoices):
    """The four rated aspects, in the order the Rotterdam monitor shows them."""

    QUALITY = "quality", _("quality")
    MONEY = "money", _("money")
    TIME = "time", _("time")
    RISK = "risk", _("risks")
