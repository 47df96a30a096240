"""Data files shipped with jejaring (read them with ``importlib.resources``)."""
