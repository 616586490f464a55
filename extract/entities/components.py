"""spaCy components of the hrkg pipeline; importing this module registers them."""

from hrkg.extract.entities import (  # noqa: F401
    bodies,
    coreference,
    editions,
    named_plans,
    persons,
    resolutions,
    resolver,
    rights,
    sdgs,
    symbols,
    titles,
    vocabulary_matcher,
)
