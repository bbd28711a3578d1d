"""Extraction: raw article text in, metadata out.

Pure functions over text: no Django import, no ORM, so they are re-runnable and
testable in milliseconds. The importer (archive/importing.py) calls `extract()`
and writes the result through the ORM.
"""

from .dates import Precision
from .pipeline import Extracted, RawArticle, extract

__all__ = ["Extracted", "Precision", "RawArticle", "extract"]
