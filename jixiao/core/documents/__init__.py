"""Stage 2: raw grid → canonical model (forms now; final accounts later)."""

from jixiao.core.documents.forms import recognise_forms

__all__ = ["recognise_forms"]
