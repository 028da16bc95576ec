"""The spaCy pipeline: blank English with lookup lemmas, saved where config.yml expects it."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.text import pipeline as nlp


def test_lemmas_use_the_lookup_table() -> None:
    assert nlp.lemmas("Babies were running sessions") == ["baby", "be", "run", "session"]


def test_pipeline_is_blank_english_with_a_lookup_lemmatiser() -> None:
    pipeline = nlp.build_pipeline()
    assert pipeline.lang == "en"
    assert pipeline.pipe_names == ["lemmatizer"]
    assert pipeline.get_pipe("lemmatizer").mode == "lookup"


def test_save_pipeline_writes_a_loadable_versioned_folder(tmp_path: Path) -> None:
    target = tmp_path / "model"
    assert not nlp.is_built(target)
    nlp.save_pipeline(target)
    assert nlp.is_built(target)
    import spacy

    assert [t.lemma_ for t in spacy.load(target)("mothers")] == ["mother"]


def test_config_yml_points_spacy_nlp_at_the_current_pipeline(root: Path) -> None:
    # SpacyNLP fingerprints by model name only, so the name must change with the version.
    config = yaml.safe_load((root / "config.yml").read_text(encoding="utf-8"))
    spacy_nlp = next(c for c in config["pipeline"] if c["name"] == "SpacyNLP")
    assert root / spacy_nlp["model"] == nlp.SPACY_MODEL_DIR
    assert nlp.PIPELINE_VERSION in spacy_nlp["model"]


def test_the_loaded_pipeline_tokenizes_as_the_saved_one_and_as_rasa_loads_it() -> None:
    # load_pipeline skips reading the saved tokenizer (the config builds the same one); Rasa's
    # SpacyNLP reads it. Both must split text the same way, special cases included.
    import spacy

    ours = nlp.load_pipeline()
    saved = spacy.load(nlp.SPACY_MODEL_DIR)
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == saved.tokenizer.to_bytes(exclude=["vocab"])
    text = "We're holding a 15-Steps walk-through at St. Mary's, e.g. don't, can't, 3pm, :) and U.K. post-its"
    assert [t.text for t in ours(text)] == [t.text for t in saved(text)]
    assert [t.lemma_ for t in ours(text)] == [t.lemma_ for t in saved(text)]
