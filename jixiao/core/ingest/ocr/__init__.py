"""Scans (PNG/JPEG, and PDF pages without a text layer) → grid, through OCR.

The package reads a page image in the order of its modules: :mod:`.models` (RapidOCR's
detector and recogniser, fused), :mod:`.geometry` (deskew, ruled lines), :mod:`.lines` (text
lines from the ink of ruled cells and from the detector elsewhere, cropped to their ink),
:mod:`.recognise` (lines packed on strips, each print read once per document),
:mod:`.corrections` (cells read as the template printed them, corrected figures reported) and
:mod:`.page` (a page, an image file, the reader of a PDF's scanned pages). Tables are rebuilt
from the rules with the text-layer reader's code (:mod:`jixiao.core.ingest.ruled`); this
package does not import the PDF reader, nor the PDF reader this package.
"""

from jixiao.core.ingest.ocr.page import ScanReader, image_page, image_rows, read_image
from jixiao.core.ingest.ocr.recognise import Memo

__all__ = ["Memo", "ScanReader", "image_page", "image_rows", "read_image"]
