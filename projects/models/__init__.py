"""The Monitor ICT Projecten's models: programmes, periods, status reports and their figures."""

from .report import *  # noqa: F403
