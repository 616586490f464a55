"""Sub-commands of the ``hrkg`` CLI (one module each)."""
