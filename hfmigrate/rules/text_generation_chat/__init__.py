"""The text_generation family's Python chat conversion (HFM107/HFM204/HFM205): :mod:`.conversion` plans it, on
the analyses beside it (this package holds no logic).

- :mod:`.sites`: the POSTs to a legacy ``/models/{id}`` URL, with the bodies each sends;
- :mod:`.payload`: where a body comes from (an inline dict, a variable built over several statements, or the
  parameter of a thin wrapper whose call sites hold the dicts), and what blocks converting it;
- :mod:`.flow`: every place the result goes (variables, ``return`` into callers, ``[0]``, ``.get``, loops,
  comprehensions, ``isinstance`` checks), as local edits (:mod:`.read_edits`), unread terminals that need a
  marker, and blockers; :mod:`.uses` judges one use (shown or read, a truth test, an index) and words the markers;
- :mod:`.edits`: the chat body for a legacy body (hf-api.md §5);
- :mod:`.evidence`: whether a call does LLM text generation, and the catalogue's word on the model;
- :mod:`.names`, :mod:`.importers`: bindings and loads in a module; names other modules import from it.
"""
