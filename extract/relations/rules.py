"""Relations read from the text, each with the sentence it was read from: the rules of
each relation family (cue words in ``patterns/relations.yaml``), run in a fixed order.

Order matters: a relation found by an earlier rule wins over a later one (unless the
earlier one was only background); the first-person rule reads the ``creator`` relations;
the organ of an adopting resolution reads the ``adoptedIn`` relations.
"""

from __future__ import annotations

from collections.abc import Callable

from hrkg.extract.entities.factory import EntityFactory
from hrkg.extract.model import ExtractionResult, Relation
from hrkg.extract.relations import (
    adoption,
    annexed,
    footnotes,
    headed,
    nominal_requests,
    organs,
    requests,
    statements,
    unmarked_notes,
)
from hrkg.extract.relations.context import RelationContext

Rule = Callable[[RelationContext], None]

RULES: tuple[Rule, ...] = (
    statements.authors,
    organs.resolution_organs,
    footnotes.adopted_in,
    unmarked_notes.unmarked_notes,
    annexed.annexed_to_self,
    annexed.adopted_in_text,
    annexed.adopted_by_text,
    annexed.outcome_of_actor,
    adoption.instrument_adopters,
    footnotes.footnote_adopters,
    adoption.owner_before_title,
    adoption.embodied_outcome,
    adoption.organ_in_title,
    adoption.convened_conference,
    adoption.document_adoptions,
    requests.requests,
    headed.requests,
    requests.footnote_endorsements,
    requests.pursuant_to,
    nominal_requests.resolution_request_nouns,
    statements.reaffirms_and_recalls,
    statements.concerns,
    organs.organ_of_adopting_resolution,
)


def extract_relations(result: ExtractionResult, factory: EntityFactory) -> list[Relation]:
    """Every relation the rules read from one document."""
    context = RelationContext(result, factory)
    for rule in RULES:
        rule(context)
    return list(context.relations.values())
