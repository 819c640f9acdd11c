"""Facets of a running story: which development a sentence tells — the toll, the rescue, the investigation, a court
case, blame and denial, reactions — read by the story's own sentence encoder against a small table of prototypes.

A running story is one event with developments inside it (issue #23): a toll that rises over days, arrests, a
trial, blame and denials, condolences from forty capitals. Each facet is described by a few plain English
sentences (``PROTOTYPES``, a data table that holds for any event of these kinds); a sentence belongs to the facet
whose prototypes' mean vector is closest, when that cosine reaches ``MIN_COSINE`` (chosen on the tune half of
real_news_dev against its hand-written page facets, ``bench/timeline_facets.py``), else to none: the event itself.
With a multilingual encoder (e5, the default) a German or Arabic sentence meets the English prototypes in one
space; with TF-IDF (no encoder) nothing is assigned, since words of other languages never meet them.
"""

from __future__ import annotations

import weakref

import numpy as np

from parallax.write.pool import SentencePool, embed_texts

PROTOTYPES = {
    "toll": ("The death toll rose to hundreds of people killed.", "Dozens of people were killed and many injured.",
             "The number of dead and wounded increased."),
    "rescue": ("Rescue teams searched the rubble for survivors.", "Aid and emergency supplies were sent to the area.",
               "Thousands of residents were evacuated from their homes."),
    "investigation": ("Police arrested a suspect and searched his home.", "Investigators are looking into the motive.",
                      "The suspect was identified by the authorities."),
    "court": ("The defendant went on trial in court.", "Prosecutors charged the accused with murder.",
              "The judge sentenced him to life in prison."),
    "blame": ("The government blamed its enemy for the attack.", "The group denied any responsibility.",
              "Officials accused the other side of lying about who was behind it."),
    "reactions": ("World leaders condemned the attack and offered condolences.",
                  "The president expressed sympathy for the victims' families.",
                  "Governments around the world reacted with shock."),
}
MIN_COSINE = 0.86  # e5 cosines run high; the best precision with half the pages judged on the tune half


def _centres(pool: SentencePool) -> tuple[list[str], np.ndarray]:
    """The facet names and their unit prototype centres, embedded once per sentence encoder in a process (the
    prototypes never change; a run's briefs share them)."""
    hook = pool.material.sentence_vectors
    encoder = getattr(hook, "embedder", getattr(hook, "__self__", hook))  # ``write.stored.TextVectors`` or a method
    try:
        return _ENCODED.setdefault(encoder, {})[pool.material.embedder]
    except TypeError:  # an encoder that takes no weak reference: once per pool
        return pool.derived("facet_centres", lambda: _encoded_centres(pool))
    except KeyError:
        found = _ENCODED[encoder][pool.material.embedder] = _encoded_centres(pool)
        return found


def _encoded_centres(pool: SentencePool) -> tuple[list[str], np.ndarray]:
    names = list(PROTOTYPES)
    vectors = embed_texts(pool.material, [t for n in names for t in PROTOTYPES[n]])
    sizes = [len(PROTOTYPES[n]) for n in names]
    centres = np.array([vectors[sum(sizes[:k]):sum(sizes[:k + 1])].mean(axis=0) for k in range(len(names))])
    return names, centres / np.linalg.norm(centres, axis=1, keepdims=True)


_ENCODED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # encoder -> {its name: (names, centres)}


def best_facet(pool: SentencePool, i: int) -> tuple[str, float]:
    """The facet closest to sentence ``i`` and its cosine; ("", 0) without a sentence encoder."""
    if pool.material.sentence_vectors is None:
        return "", 0.0
    names, centres = _centres(pool)
    scores = centres @ pool.vectors[i]
    best = int(np.argmax(scores))
    return names[best], float(scores[best])


def facet_of(pool: SentencePool, i: int, floor: float = MIN_COSINE) -> str:
    """The facet sentence ``i`` tells ("" for none: the event itself, or no sentence encoder)."""
    name, score = best_facet(pool, i)
    return name if score >= floor else ""
