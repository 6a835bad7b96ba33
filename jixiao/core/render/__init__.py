"""Renderers: the model as text for people (later: XLSX, DOCX, PDF, HTML)."""
