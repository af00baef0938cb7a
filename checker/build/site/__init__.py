"""Build-time generation of the knowledge-base site from the compiled bundle (MkDocs hook, pages, form)."""
