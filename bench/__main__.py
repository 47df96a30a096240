"""``python -m bench`` (``make bench``) runs the benchmark suite of :mod:`bench.suite`."""

import sys

from bench.suite import main

sys.exit(main())
