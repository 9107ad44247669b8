from django.conf import settings
from django.http import HttpRequest


def monitor(request: HttpRequest) -> dict:
    return {"municipality": settings.MIP_MUNICIPALITY}
