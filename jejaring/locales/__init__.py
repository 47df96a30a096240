"""Message catalogues, one TOML file per language (see :mod:`jejaring.i18n`)."""
