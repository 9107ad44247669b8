"""The DCAT catalogue of the published open data, in JSON-LD, by the DCAT-AP-DONL profile that
data.overheid.nl harvests: one ``dcat:Dataset`` per published period, a ``dcat:Distribution``
per file (PDF, package, spreadsheets, JSON, each CSV) with its format, media type, size and
SHA-256 (``spdx:checksum``), and the licence of ``settings.OPEN_DATA_LICENSE``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from . import formats
from .archive import MEDIA_TYPES

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
# The EU file-type vocabulary DCAT-AP-DONL asks for in dct:format.
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
FORMATS = {"zip": "ZIP", "xlsx": "XLSX", "ods": "ODS", "json": "JSON", "csv": "CSV", "pdf": "PDF"}
# Licences by SPDX id, as the DONL licence list names them.
LICENCES = {
    "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/deed.nl",
}
IANA = "https://www.iana.org/assignments/media-types/"
THEME = "http://standaarden.overheid.nl/owms/terms/Bestuur"  # DONL's taxonomy (TOOI themes)
LANGUAGE = "http://publications.europa.eu/resource/authority/language/NLD"
PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"


def licence_uri() -> str:
    name = formats.licence()["name"]
    return LICENCES.get(name, formats.licence()["path"])


def catalogue(request: HttpRequest, listings: list[dict]) -> dict:
    """The catalogue as a JSON-LD document (one graph), absolute URLs from the request."""
    publisher = {
        "@id": settings.OPEN_DATA_PUBLISHER_URI,
        "@type": "foaf:Agent",
        "foaf:name": settings.MIP_MUNICIPALITY,
    }
    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": {"@value": f"Monitor ICT Projecten – {settings.MIP_MUNICIPALITY}",
                      "@language": "nl"},
        "dct:description": {"@value": "De open data van elke gepubliceerde Monitor ICT "
                            "Projecten.", "@language": "nl"},
        "dct:publisher": publisher,
        "dct:license": {"@id": licence_uri()},
        "dcat:dataset": [dataset(request, listing, publisher) for listing in listings],
    }  # fmt: skip


def dataset(request: HttpRequest, listing: dict, publisher: dict) -> dict:
    period = listing["period"]
    page = request.build_absolute_uri(reverse("opendata:index")) + f"#{period.slug}"
    contact = {"@type": "vcard:Organization", "vcard:fn": settings.MIP_MUNICIPALITY}
    if settings.OPEN_DATA_CONTACT_EMAIL:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"}
    return {
        "@id": request.build_absolute_uri(period.get_absolute_url()) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": request.build_absolute_uri(period.get_absolute_url()),
        "dct:title": {"@value": f"Monitor ICT Projecten {period.label}", "@language": "nl"},
        "dct:description": {
            "@value": "Alles wat de raad in deze monitor las, als data: programma's, lichten, "
            "cijfers, kaderbesluiten, signalen, mijlpalen, risico's, uitsluitingen en errata.",
            "@language": "nl",
        },
        "dct:publisher": {"@id": publisher["@id"]},
        "dcat:contactPoint": contact,
        "dct:license": {"@id": licence_uri()},
        "dct:language": {"@id": LANGUAGE},
        "dcat:theme": {"@id": THEME},
        "dct:accessRights": {"@id": PUBLIC},
        "dct:issued": _moment(period.published_at),
        "dcat:landingPage": {"@id": page},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": period.start.isoformat(), "@type": "xsd:date"},
            "dcat:endDate": {"@value": period.end.isoformat(), "@type": "xsd:date"},
        },
        "dcat:distribution": distributions(request, listing),
    }


def _moment(value) -> dict:
    return {"@value": formats.text_value(value, "datetime"), "@type": "xsd:dateTime"}


def distributions(request: HttpRequest, listing: dict) -> list[dict]:
    period = listing["period"]
    found = [
        _distribution(
            request.build_absolute_uri(document.get_absolute_url()),
            "pdf",
            document.filename,
            document.size,
            document.sha256,
        )
        for document in listing["documents"]
    ]
    for item in [*listing["files"], *listing["csvs"]]:
        url = reverse("opendata:file", kwargs={"period": period.slug, "filename": item["name"]})
        found.append(
            _distribution(
                request.build_absolute_uri(url), item["kind"], item["name"], item["size"],
                item["sha256"],
            )
        )  # fmt: skip
    return found


def _distribution(url: str, kind: str, title: str, size: int, sha256: str) -> dict:
    return {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": FILE_TYPES + FORMATS[kind]},
        "dcat:mediaType": {"@id": IANA + MEDIA_TYPES[kind]},
        "dcat:byteSize": {"@value": str(size), "@type": "xsd:nonNegativeInteger"},
        "dct:license": {"@id": licence_uri()},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
            "spdx:checksumValue": {"@value": sha256, "@type": "xsd:hexBinary"},
        },
    }
