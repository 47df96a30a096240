"""Analyses of a :class:`~jejaring.network.Network`: structure, gaps, coordination, suggestions."""
