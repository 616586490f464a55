"""The hrkg ontology: hrkg.ttl (terms), alignments.ttl (mappings to outside vocabularies),
shapes.ttl (the graph contract in SHACL), and the code that reads them: the version
(:mod:`.version`) and the documentation pages (:mod:`.docs`)."""
