"""parallax: many outlets, one event, every sentence traceable to its sources."""

__version__ = "0.1.0"
