"""Extraction: raw article text in, metadata out.

Pure functions over text: no Django import, no ORM, so they are re-runnable and
testable in milliseconds. `pipeline.extract()` gives an article's fields,
`pipeline.find_facts()` its entities, figures, quotes, themes and fingerprint;
archive/curation.py writes them through the ORM.

This package file imports nothing on purpose: web workers import the light
modules (dates, text) and must not pull in numpy, datasketch or spaCy.
"""
