"""The project's spaCy pipeline: blank English plus the lookup lemmatiser.

No pretrained English model can be downloaded here, so the pipeline is built from
`spacy.blank("en")` and the lemma lookup table shipped by `spacy-lookups-data`, and
saved to a folder (git-ignored) that Rasa's SpacyNLP loads by path.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import VAR_DIR
from bot.text.vocabulary import lemma_table

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

PIPELINE_NAME = "coprod_en"
# Bump when the way the pipeline is built changes, so `make` rebuilds and retrains.
PIPELINE_VERSION = "1.1.0"
# The version is in the folder name because Rasa's SpacyNLP fingerprints the model by its
# name only: a new folder name makes Rasa retrain instead of reusing a cached result.
SPACY_MODEL_DIR = VAR_DIR / "spacy" / f"{PIPELINE_NAME}-{PIPELINE_VERSION}"


def build_pipeline() -> Language:
    """Builds the pipeline in memory.

    Returns:
        A spaCy `Language` with a tokenizer and a lookup lemmatiser.
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup table from spacy-lookups-data
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    _add_case_variants(lemmatizer.lookups.get_table("lemma_lookup"))
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = PIPELINE_VERSION
    return nlp


def _add_case_variants(table: Any) -> None:
    """Adds Title-case and UPPER-case keys, so "Babies" at the start of a sentence becomes "baby".

    The lookup lemmatiser matches a token's exact text, and the loaded table keeps only
    hashes of its keys, so the words are read again from spacy-lookups-data's file.
    """
    for word, lemma in lemma_table().items():
        for variant in (word.title(), word.upper()):
            if variant != word and variant not in table:
                table[variant] = lemma


def is_built(path: Path = SPACY_MODEL_DIR) -> bool:
    """Says whether a pipeline of the current version is saved at `path`."""
    meta = path / "meta.json"
    if not meta.is_file():
        return False
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(data.get("name") == PIPELINE_NAME and data.get("version") == PIPELINE_VERSION)


def save_pipeline(path: Path = SPACY_MODEL_DIR, force: bool = False) -> Path:
    """Builds the pipeline and saves it to `path`, unless it is already there.

    Args:
        path: the folder to write.
        force: rebuild even when an up-to-date pipeline is there.

    Returns:
        The folder written.
    """
    if is_built(path) and not force:
        return path
    nlp = build_pipeline()
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    logger.info("spaCy pipeline saved to %s", path)
    return path


@lru_cache(maxsize=1)
def load_pipeline(path: Path = SPACY_MODEL_DIR) -> Language:
    """Loads the saved pipeline once per process, building it first if needed."""
    import spacy

    save_pipeline(path)
    # The saved tokenizer is blank English's own, which the saved config builds anyway: reading
    # its special cases again from disk would take a third of the load (tests/test_text_pipeline.py).
    return spacy.load(path, exclude=["tokenizer"])


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the alphanumeric tokens of `text`."""
    return [t.lemma_.lower() for t in load_pipeline()(text) if not t.is_punct and not t.is_space]
