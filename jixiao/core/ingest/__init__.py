"""Stage 1: a file → a :class:`~jixiao.core.ingest.grid.Grid` of raw cells with positions.

Every input format ends here, so the layout recognisers (stage 2) are shared by all of them.
The entry is :func:`jixiao.core.ingest.read.read_bytes` (format detection and the readers);
the readers' tolerances are :class:`jixiao.core.ingest.settings.ReaderSettings`. Stage 1
imports nothing of stage 2: it knows no forms.
"""

from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.text import read_text, text_to_grid

__all__ = ["Grid", "Row", "read_text", "text_to_grid"]
