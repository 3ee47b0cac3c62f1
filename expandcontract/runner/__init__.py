"""The migration runner (see runner/README in the module docstrings)."""
