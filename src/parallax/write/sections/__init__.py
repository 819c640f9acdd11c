"""Section builders: each takes the story's sentence pool and returns one section's data.

Every builder is a small pure function in its own module so that better
analysis (claims, stances, figures, stakeholders) can replace it alone.
"""
