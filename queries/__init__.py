"""The named Cypher queries of jejaring, one ``.cypher`` file per query.

Installed as the package ``jejaring_queries`` so the files travel inside the wheel;
:mod:`jejaring.queries` finds, reads and runs them (``jejaring query --list``).
"""
