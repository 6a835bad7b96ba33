"""Every tolerance and threshold of the PDF and OCR readers, named, in one frozen value.

Like pdfplumber's ``TableSettings``: a reader takes ``settings: ReaderSettings =
DEFAULT_SETTINGS`` and passes it down, so a caller (a test, a benchmark, the ``extract`` use
case) can change one tolerance for one reading without touching module globals. Units are in
each field's comment: *points* are PDF points (1/72 inch) on the page; *px* are pixels of the
page image at the resolution it is read at (unless said otherwise); *grey* are grey levels
(0 black … 255 white); a bare factor multiplies the size named next to it.

Stage 1 knows nothing of forms: the words OCR corrects a misread cell to (``lexicon``) are
given by the caller (``jixiao.core.extract`` fills them from the forms' vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_SETTINGS", "ReaderSettings"]


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    """Tolerances and limits of the PDF and OCR readers (defaults: what the seeds were tuned on)."""

    # --- Limits -------------------------------------------------------------------------
    #: Pages read at most from one PDF; the rest are reported as not read.
    max_pages: int = 500
    #: Seconds spent on one PDF at most (checked between pages; the first page is always read).
    max_seconds: float = 120.0
    #: Largest image accepted, in pixels; a larger one is refused (decompression bombs).
    max_pixels: int = 60_000_000
    #: Resolution (dpi) at which a PDF page without a text layer is rendered for OCR.
    render_dpi: float = 200.0
    #: Resolution (dpi) assumed for a PNG/JPEG scan that does not state its own.
    image_dpi: float = 200.0
    #: An image (or a frame of one) less than this many pixels wide or tall holds no line of
    #: text: it is not read.
    min_image_side: int = 16

    # --- Rules and ruled tables (points) --------------------------------------------------
    #: Rules closer than this are one rule; a rule this near a cell's edge bounds it; two
    #: tables whose edges are this near are equally wide.
    rule_tolerance: float = 2.0
    #: A PDF path thinner than this (points) is a rule, thicker both ways a rectangle.
    rule_thickness: float = 3.0

    # --- Words and lines of a text layer (factors of a character's height) ---------------
    #: A character of a PDF's text layer stands from this many ems (font sizes) above its
    #: baseline to ``char_descent`` below it, whatever its font (the same box on every machine:
    #: a font the PDF does not embed has no other metrics that do not depend on the system).
    char_ascent: float = 0.8
    char_descent: float = 0.2
    #: Two words are on one visual line when their tops differ by less than this (points).
    line_tolerance: float = 3.0
    #: Two characters are on one line when their vertical centres differ by less than this
    #: fraction of the character's height.
    same_line_fraction: float = 0.4
    #: Characters closer than this fraction of their height (either way) are one word.
    word_gap: float = 0.5
    #: Outside tables, a gap wider than this many character heights parts two cells.
    cell_gap: float = 2.5
    #: A cell cut by a page break ends within this many line heights of its band's foot.
    foot_lines: float = 1.5
    #: ... and its last line, with the first piece of the rest, is wider than the cell less its
    #: padding and this many character heights (the cell could not have held it).
    wrap_slack: float = 0.5

    # --- Ink (grey levels of the page image) ---------------------------------------------
    #: Darker than this is ink: lines in cells, the detector's bands, a line's crop.
    ink_threshold: int = 160
    #: Darker than this is a glyph the detector missed (stricter: faint smudges are not).
    glyph_threshold: int = 128
    #: Adaptive binarisation: block size (px, odd) and offset (grey) below the local mean.
    binary_block: int = 15
    binary_offset: int = 10
    #: A run of at most this many dark pixels is scanner noise, not ink (a full stop printed
    #: at 9 pt is 4 or more even at 150 dpi).
    speck: int = 3

    # --- Deskew and rules of a scan (px) ------------------------------------------------
    #: Largest skew taken from the rules (degrees); and smaller than this is not corrected.
    max_skew: float = 5.0
    min_skew: float = 0.05
    #: The skew is measured on runs of at least page width / ``skew_kernel`` dark pixels (at
    #: least ``min_skew_kernel`` px; a rule tilted by ~2° stays such a run on each row), of
    #: rules at least page width / ``skew_rule_share`` long.
    skew_kernel: int = 60
    min_skew_kernel: int = 15
    skew_rule_share: int = 3
    #: Opening kernels of the rule masks: page width / this (horizontal), page height / this
    #: (vertical), at least ``min_rule_kernel`` px.
    h_rule_kernel: int = 40
    v_rule_kernel: int = 60
    min_rule_kernel: int = 20
    #: A rule that meets another within this many px at one of its ends is a cell border.
    rule_meeting: int = 4
    #: A rule at least page width / this (horizontal), page height / this (vertical) long
    #: is a border even when it meets no other rule; a shorter one is a stroke of text.
    h_rule_share: int = 8
    v_rule_share: int = 12

    # --- Detecting and cutting text lines -----------------------------------------------
    #: Resolution (dpi) at which the detector looks for text lines (it needs ~15 px a line).
    detect_dpi: float = 100.0
    #: White rows (px at ``detect_dpi``) that part two bands of a page for the detector.
    band_gap: int = 24
    #: A detected box is cut at a vertical rule more than this many px inside it, and a piece
    #: narrower than ``min_piece`` px is dropped.
    cut_margin: int = 3
    min_piece: int = 4
    #: In a cell, ink parted by a gap wider than this many line heights is two lines.
    piece_gap: float = 2.0
    #: A band of ink thinner than this fraction of a line is a piece of a glyph, joined to
    #: its neighbour when together they are at most ``band_join`` lines tall.
    thin_band: float = 0.5
    band_join: float = 1.3
    #: The detector sees bands of rows with at least this many ink pixels, padded by this
    #: many px of the page (px at ``detect_dpi``).
    detect_min_ink: int = 2
    detect_pad: int = 16
    #: Ink along a cell's border at most this many px thick and ``residue_ratio`` times longer
    #: than thick is what is left of the rule, not text.
    residue_width: int = 3
    residue_ratio: float = 4.0
    #: A box smaller than a line divided by this, both ways, is a blot, not a character (and a
    #: glyph the detector missed is at least this part of a line tall).
    blot: float = 3.0
    #: A glyph the detector missed: at most this many line heights wide, at least
    #: ``glyph_area`` px of ink; glyphs closer than ``glyph_join`` lines on a line are one box.
    glyph_width: float = 2.0
    glyph_area: int = 12
    glyph_join: float = 0.5
    #: White kept around a line's ink in its crop: 1/this of the ink's height.
    margin: int = 8
    #: A glyph in a crop at least this fraction of the tallest one is part of the line.
    glyph_fraction: float = 0.4
    #: A crop this many times taller than wide, and at least ``upright_lines`` lines tall, is a
    #: line written downwards (turned before recognition).
    upright_ratio: float = 1.5
    upright_lines: float = 2.0

    # --- Recognising ---------------------------------------------------------------------
    #: Recognitions below this confidence are reported for checking.
    min_confidence: float = 0.80
    #: Height (px) of a short text line as the recogniser sees it.
    line_height: int = 28
    #: Height (px) of a line of running text as the recogniser sees it.
    prose_line_height: int = 28
    #: A line longer than this many times its height is running text.
    prose_ratio: float = 10.0
    #: Width (px) of one recognition strip: short lines are packed side by side up to it.
    strip_width: int = 640
    #: White between two lines packed on a strip, in line heights.
    gap: float = 0.5
    #: Strips recognised in one batch.
    batch: int = 4
    #: A short line narrower than this many times its height read in doubt is a lone glyph,
    #: read again centred in ``lone_white`` line heights of white.
    lone_glyph: float = 2.0
    lone_white: int = 3
    #: Largest difference (grey, lines smoothed over 3 × 3) between two prints of one line.
    same_line: float = 30.0

    # --- Corrections ---------------------------------------------------------------------
    #: Words a misread cell one character away from is corrected to (labels of the forms and
    #: tables). Empty: no label correction. Stage 1 does not know them; the caller gives them.
    lexicon: tuple[str, ...] = ()
    #: Only words of at least this many characters (by key) are corrected to.
    min_word: int = 4
    #: A word of at least this many characters is also recognised with one character lost.
    min_lost_word: int = 6


#: The settings the readers use unless told otherwise.
DEFAULT_SETTINGS = ReaderSettings()
