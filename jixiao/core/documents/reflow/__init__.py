"""Rebuild table rows from text that lost its cell separators.

Two shapes of published text carry a table without any separator the splitter can see:

* **one cell per line** (copied from a PDF viewer): every non-blank cell on its own line, blank
  cells gone, row boundaries gone;
* **flattened rows** (copied from a web page): each row on one line, its cells joined by single
  spaces — and the cells themselves may contain spaces.

Both are recognised by their structural tokens (field labels, column headers, indicator levels,
fund rows) and rebuilt into rows whose cells stand under their header columns, so that the
ordinary layout recognisers read them. Cell boundaries that the text lost are recovered by a
small dynamic programme that scores each way of cutting the tokens by how well every piece fits
the type its column expects (see :func:`~jixiao.core.documents.align.fit`).
"""

from __future__ import annotations

from jixiao.core.documents.reflow.apply import reflow

__all__ = ["reflow"]
