"""Text stage: extraction, sentences with offsets, fingerprints, language."""
