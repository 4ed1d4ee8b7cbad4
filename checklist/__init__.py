"""A self-assessment of how well a drug and alcohol service serves women."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("checklist")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = ["__version__"]
