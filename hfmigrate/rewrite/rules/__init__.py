"""The Python chat conversion's plan (HFM107/HFM204/HFM205): the text_generation family's module fix
(:func:`hfmigrate.rules.text_generation.llm_calls_to_chat`) calls it."""
