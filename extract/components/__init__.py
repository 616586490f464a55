"""spaCy components of the hrkg pipeline; importing this package registers them."""

from . import (  # noqa: F401
    bodies,
    coreference,
    resolutions,
    resolver,
    rights,
    sdgs,
    symbols,
    titles,
    vocabulary_matcher,
)
