"""The DCAT-AP-DONL catalogue in JSON-LD: parsed as RDF and queried for what the national
portal's harvester requires of a dataset and its distributions."""

from __future__ import annotations

import hashlib

from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

SPDX = "http://spdx.org/rdf/terms#"


def catalogue(client) -> Graph:
    response = client.get(reverse("opendata:catalogue"))
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


DATASETS = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?dataset ?title ?start ?end WHERE {
  ?catalog a dcat:Catalog ; dcat:dataset ?dataset .
  ?dataset a dcat:Dataset ; dct:title ?title ; dct:description ?description ;
           dct:publisher ?publisher ; dct:license ?licence ; dct:identifier ?identifier ;
           dcat:contactPoint ?contact ; dct:language ?language ; dcat:theme ?theme ;
           dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] .
}
"""

DISTRIBUTIONS = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX spdx: <http://spdx.org/rdf/terms#>
SELECT ?url ?format ?size ?sha WHERE {
  ?dataset dcat:distribution ?distribution .
  ?distribution a dcat:Distribution ; dcat:accessURL ?url ; dcat:downloadURL ?url ;
      dct:format ?format ; dct:license ?licence ; dcat:byteSize ?size ;
      spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue ?sha ] .
  FILTER (STRSTARTS(STR(?dataset), ?prefix))
}
"""


def test_every_published_period_is_a_dataset_with_what_donl_requires(client, demo, settings):
    graph = catalogue(client)
    found = {str(row.title): (str(row.start), str(row.end)) for row in graph.query(DATASETS)}
    assert found == {
        "Monitor ICT Projecten februari t/m mei 2023": ("2023-02-01", "2023-05-31"),
        "Monitor ICT Projecten oktober 2022 t/m januari 2023": ("2022-10-01", "2023-01-31"),
    }
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/publicdomain/zero/1.0/deed.nl")}
    publisher = URIRef(settings.OPEN_DATA_PUBLISHER_URI)
    assert len(list(graph.subjects(DCTERMS.publisher, publisher))) == 3  # catalogue, 2 datasets


def test_every_distribution_has_its_url_format_size_and_checksum(client, demo):
    graph = catalogue(client)
    prefix = f"http://testserver/{demo.slug}/"
    rows = list(graph.query(DISTRIBUTIONS, initBindings={"prefix": Literal(prefix)}))
    formats = {str(row.format).rsplit("/", 1)[1] for row in rows}
    assert formats == {"ZIP", "XLSX", "ODS", "JSON", "CSV"}  # no PDF: loaded --no-archive
    assert len(rows) == 4 + 9
    for row in rows:
        response = client.get(str(row.url).removeprefix("http://testserver"))
        assert response.status_code == 200, row.url
        assert hashlib.sha256(response.content).hexdigest() == str(row.sha)
        assert len(response.content) == int(row.size)


def test_the_licence_is_a_setting(client, demo, settings):
    settings.OPEN_DATA_LICENSE = "CC-BY-4.0"
    graph = catalogue(client)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert {graph.value(d, DCTERMS.license) for d in datasets} == {
        URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")
    }
