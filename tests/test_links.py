"""Links and typed literals derived from data (issue 13 point 6): ISO 3166 / M49 codes of
States from pycountry's packaged table, undocs.org pages of UN symbols, dates typed by their
precision, languages typed xsd:language."""

from __future__ import annotations

import pycountry
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from hrkg.graph.links import state_codes, state_key_codes, typed_date, undocs_url
from hrkg.graph.namespaces import HR


def test_state_codes_come_from_the_packaged_table():
    assert state_codes("cn") == ("CN", "CHN", "156")
    assert state_codes("AF") == ("AF", "AFG", "004")  # M49 keeps its leading zeros
    assert state_key_codes("state-va") == ("VA", "VAT", "336")  # Holy See, observer
    assert state_key_codes("state-ps") == ("PS", "PSE", "275")
    assert state_codes("XX") is None and state_key_codes("actor-un") is None


@pytest.mark.parametrize(("symbol", "language", "url"), [
    ("A/HRC/44/28", "zh", "https://undocs.org/zh/A/HRC/44/28"),
    ("A/RES/217(III)", "en", "https://undocs.org/en/A/RES/217%28III%29"),
    ("E/CN.4/2005/L.10/Add.11 (Part I)", "en",
     "https://undocs.org/en/E/CN.4/2005/L.10/Add.11%20%28Part%20I%29"),
    ("A/79/L.2", "und", "https://undocs.org/en/A/79/L.2"),  # no such version: English
])
def test_undocs_url_percent_encodes_the_symbol(symbol: str, language: str, url: str):
    assert undocs_url(symbol, language) == URIRef(url)


def test_dates_are_typed_by_their_precision():
    assert typed_date("2024") == Literal("2024", datatype=XSD.gYear)
    assert typed_date("2024-05") == Literal("2024-05", datatype=XSD.gYearMonth)
    assert typed_date("2024-05-01") == Literal("2024-05-01", datatype=XSD.date)
    assert typed_date("May 2024") == Literal("May 2024")  # the shapes report it


def test_every_state_of_the_demo_graph_carries_its_codes(demo_graph: Graph):
    states = set(demo_graph.subjects(RDF.type, HR.State))
    assert len(states) > 50
    for state in states:
        alpha2 = str(demo_graph.value(state, HR.iso3166Alpha2))
        assert str(state).endswith(f"/state-{alpha2.lower()}"), state
        country = pycountry.countries.get(alpha_2=alpha2)
        assert str(demo_graph.value(state, HR.iso3166Alpha3)) == country.alpha_3
        assert str(demo_graph.value(state, HR.m49Code)) == country.numeric


def test_symbols_link_to_their_undocs_page(demo_graph: Graph):
    linked = 0
    for cls in (HR.Resolution, HR.UNDocument):
        for node in demo_graph.subjects(RDF.type, cls):
            symbol = str(demo_graph.value(node, DCTERMS.identifier))
            assert list(demo_graph.objects(node, RDFS.seeAlso)) == [undocs_url(symbol)]
            linked += 1
    assert linked > 20
    for doc in demo_graph.subjects(RDF.type, HR.Document):
        symbol = demo_graph.value(doc, DCTERMS.identifier)
        language = demo_graph.value(doc, DCTERMS.language)
        assert language.datatype == XSD.language
        if symbol is not None:
            assert demo_graph.value(doc, RDFS.seeAlso) == undocs_url(str(symbol), str(language))
        date = demo_graph.value(doc, DCTERMS.date)
        if date is not None:
            assert date.datatype in (XSD.date, XSD.gYearMonth, XSD.gYear)
