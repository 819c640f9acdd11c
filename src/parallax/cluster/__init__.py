"""Stories: online assignment of articles in published order, merges and stable ids."""

from parallax.cluster.assign import ClusterResult, assign_to_stories, to_story
from parallax.cluster.index import StoryIndex, story_id_for
from parallax.cluster.signals import Signals, signals_of
from parallax.cluster.state import ClusterConfig

ALGORITHM = "online-avglink-langoffset-v3"  # recorded in provenance; bump when assignment changes

__all__ = [
    "ALGORITHM",
    "ClusterConfig",
    "ClusterResult",
    "Signals",
    "StoryIndex",
    "assign_to_stories",
    "signals_of",
    "story_id_for",
    "to_story",
]
