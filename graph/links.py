"""Links and typed literals the graph derives from data, never typed by hand.

* :func:`state_codes`: a State's ISO 3166-1 alpha-2 and alpha-3 codes and its UN M49
  number, from pycountry's packaged ISO 3166-1 table (Debian's iso-codes data); for
  countries the ISO 3166-1 numeric code is the M49 code.
* :func:`undocs_url`: the official page of a UN symbol, ``https://undocs.org/<lang>/<symbol>``
  (the symbol percent-encoded, its slashes kept).
* :func:`typed_date`: an ISO 8601 date as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``
  by its precision.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple
from urllib.parse import quote

import pycountry
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

UNDOCS = "https://undocs.org"
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # undocs.org serves these versions
_DATES = ((re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), XSD.date),
          (re.compile(r"^[0-9]{4}-[0-9]{2}$"), XSD.gYearMonth),
          (re.compile(r"^[0-9]{4}$"), XSD.gYear))


class StateCodes(NamedTuple):
    alpha2: str
    alpha3: str
    m49: str  # three digits, as the UN writes it (004 for Afghanistan)


@cache
def state_codes(alpha2: str) -> StateCodes | None:
    """The codes of the country whose ISO 3166-1 alpha-2 code is ``alpha2`` (any case)."""
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    if country is None:
        return None
    return StateCodes(country.alpha_2, country.alpha_3, country.numeric)


def state_key_codes(key: str) -> StateCodes | None:
    """The codes of a State vocabulary entry (key ``state-<alpha-2>``)."""
    return state_codes(key[len("state-"):]) if key.startswith("state-") else None


def undocs_url(symbol: str, language: str = "en") -> URIRef:
    """``https://undocs.org/<language>/<symbol>``; English for a language undocs.org lacks."""
    lang = language if language in UN_LANGUAGES else "en"
    return URIRef(f"{UNDOCS}/{lang}/{quote(symbol, safe='/')}")


def typed_date(text: str) -> Literal:
    """``text`` (YYYY, YYYY-MM or YYYY-MM-DD) with the XSD datatype of its precision; any
    other text stays a plain literal (the shapes report it)."""
    for pattern, datatype in _DATES:
        if pattern.match(text):
            return Literal(text, datatype=datatype)
    return Literal(text)
