"""The benchmark suite: ``make bench`` (``python -m bench``) measures jejaring at kabupaten and
national scale against the obvious alternatives; see :mod:`bench.suite`."""
