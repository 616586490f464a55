"""hrkg: knowledge graphs from United Nations human-rights documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hrkg")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
