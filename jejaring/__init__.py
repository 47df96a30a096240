"""jejaring: the collaboration network around Indonesian villages.

>>> import jejaring as jj
>>> jj.__version__ != ""
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jejaring")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
