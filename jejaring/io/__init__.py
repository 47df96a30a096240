"""Spreadsheets in and out: reading office tables (CSV, XLSX), importing them with every
problem located at ``file:row:column``, blank templates, and exports (JSON, CSV, GraphML,
GEXF).

>>> from jejaring.io import import_files, export, write_templates
>>> callable(import_files) and callable(export) and callable(write_templates)
True
"""

from jejaring.io.export import export
from jejaring.io.importer import check_batch, import_files, read_batch
from jejaring.io.problems import ImportFailed, Located
from jejaring.io.tables import Table, read_tables
from jejaring.io.templates import write_templates

__all__ = [
    "Table",
    "read_tables",
    "read_batch",
    "check_batch",
    "import_files",
    "ImportFailed",
    "Located",
    "write_templates",
    "export",
]
