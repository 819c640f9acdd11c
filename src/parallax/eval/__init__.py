"""Evaluation commands: read eval-format files given by path, print figures as one JSON line."""
