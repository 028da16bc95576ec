"""Text handling every feature shares: the spaCy pipeline, English words, numbers, search terms.

- `fold`: undoing disguised characters (zero-width, look-alike letters, "b l e e d");
- `vocabulary`: the English words the assistant knows, and `unfold` (fold with them);
- `language`: does a message look like English, is it too long;
- `local`: does a message ask for one MNVP's own details (contacts, people, dates);
- `loss`: does a message tell of a baby's death (a bereaved parent hears "I'm so sorry" first);
- `pipeline`: the spaCy pipeline (blank English and the lookup lemmatiser);
- `terms`: catalogue text and search queries as terms (canonical forms and lemmas);
- `numbers`: numbers and places in a list written as words.

Outsiders import from here.
"""

from bot.text.fold import IsWord, WordCost, fold
from bot.text.language import MAX_MESSAGE_CHARS, is_experience_story, is_too_long, looks_english, strip_markup
from bot.text.local import asks_local_detail, place_named
from bot.text.loss import tells_of_a_loss
from bot.text.numbers import ORDINALS, WORD_NUMBERS
from bot.text.pipeline import load_pipeline
from bot.text.terms import query_terms, terms_of_many
from bot.text.txtspeak import expand_txtspeak
from bot.text.vocabulary import is_word, lemma_table, unfold, vocabulary, word_cost, words_of

__all__ = [
    "MAX_MESSAGE_CHARS",
    "ORDINALS",
    "WORD_NUMBERS",
    "IsWord",
    "WordCost",
    "asks_local_detail",
    "fold",
    "expand_txtspeak",
    "is_experience_story",
    "is_too_long",
    "is_word",
    "lemma_table",
    "load_pipeline",
    "looks_english",
    "place_named",
    "query_terms",
    "strip_markup",
    "tells_of_a_loss",
    "terms_of_many",
    "unfold",
    "vocabulary",
    "word_cost",
    "words_of",
]
