"""Build-time half of the checker: criteria YAML → validated, rendered JSON bundle.

Needs PyYAML and markdown-it-py; the run-time engine in `checker/` never imports this package.
"""
