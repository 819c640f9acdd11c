"""The assistant interface: parallax's stories over the Model Context Protocol (`parallax mcp`).

Named ``assist`` so it does not shadow the ``mcp`` SDK package it is built on.
"""
