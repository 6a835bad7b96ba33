"""Stage 1: a file → a :class:`~jixiao.core.ingest.grid.Grid` of raw cells with positions.

Every input format ends here, so the layout recognisers (stage 2) are shared by all of them.
"""

from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.text import read_text, text_to_grid

__all__ = ["Grid", "Row", "read_text", "text_to_grid"]
