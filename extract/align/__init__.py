"""Cross-language alignment of two language versions of one document (issue 12, point 5).

Open-world entities (keys ``zh:…``/``en:…``) of a Chinese and an English version of one
document are paired so that the build can give each pair one IRI: :mod:`.record` keeps
what alignment needs of an extraction result (small, picklable: it travels from a build
task to the build), :mod:`.lines` aligns the versions' lines, :mod:`.pairs` pairs their
entities. Deterministic: the same two records always give the same pairs.
"""

from hrkg.extract.align.pairs import EntityPair, align_versions
from hrkg.extract.align.record import (
    AlignmentRecord,
    StoredAlignment,
    alignment_record,
    is_open_world,
    whole_record,
)

__all__ = ["AlignmentRecord", "EntityPair", "StoredAlignment", "align_versions",
           "alignment_record", "is_open_world", "whole_record"]
