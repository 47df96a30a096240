"""The Kemendagri gazetteer: gzip CSVs from idn-area-data (ODbL v1.0); see SOURCE.md."""
