"""Real components for tests: a loopback HTTP server."""
