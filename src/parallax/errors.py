"""One error tree for parallax.

    ParallaxError
    ├── ConfigError            misconfiguration, found at start-up; lists the valid choices
    │   └── UnknownBackendError  a registered name that does not exist
    ├── InputError             one bad input item (file, record, feed, page); names it
    │   ├── ExtractionError      no article text could be extracted
    │   └── FetchError           the network refused, timed out or answered badly
    ├── StoreError             the database cannot be opened or migrated
    ├── ModelError             a model's weights are missing or fail their checksum
    └── CitationError          a citation or quote does not resolve to stored text

A bad item never stops a run: stages catch ``InputError``, record it as a
``Failure`` with its reason, and go on. Everything else stops the run.
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base of every error parallax raises on purpose."""


class ConfigError(ParallaxError):
    """A setting or option is wrong; the message lists what is valid."""


class UnknownBackendError(ConfigError):
    def __init__(self, kind: str, name: str, available: list[str] | tuple[str, ...]):
        choices = ", ".join(sorted(available)) or "(none)"
        super().__init__(f"no {kind} named {name!r}; available: {choices}")
        self.kind, self.name, self.available = kind, name, tuple(available)


class InputError(ParallaxError):
    """One input item is unusable. ``item`` names it, ``reason`` says why."""

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item, self.reason = item, reason


class ExtractionError(InputError):
    """No article text could be extracted from the item."""


class FetchError(InputError):
    """A URL could not be fetched."""


class StoreError(ParallaxError):
    """The store cannot be opened, migrated or written."""


class ModelError(ParallaxError):
    """A model cannot be loaded (missing package, checksum mismatch)."""


class CitationError(ParallaxError):
    """A citation or quote does not resolve to the stored source text."""
