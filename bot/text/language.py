"""Does a message look like English? Used to answer other languages, gibberish and emoji sensibly.

The classifier is trained on English only and can be confidently wrong on other languages
("¿Dónde puedo…" scored as a feedback question). A message whose words are mostly unknown
to English (`bot.text.vocabulary`: spaCy's lookup tables and stop words, plus the words of our
own training data, which holds names such as MNVP or Pecha Kucha) is treated as not understood.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text.vocabulary import WORD, unfold, vocabulary, words_of

# Too few words to judge: leave short messages ("mvp?", "hiya") to the classifier.
MIN_WORDS = 3
# Longer messages get a friendly "please ask one question at a time" (the widget stops at this too).
# A family's story of their care can be long, and it is welcome: 5,000 characters is about two pages.
MAX_MESSAGE_CHARS = 5000
# A story is at least this long, tells it in the first person, and is about care.
STORY_MIN_CHARS = 250
STORY_MIN_FIRST_PERSON = 4
STORY_MIN_CARE_WORDS = 2
STORY_MIN_PAST = 3  # it tells what happened: "I was moved", "nobody came", "we felt"
_PAST = re.compile(
    r"\b(?:was|were|had|felt|went|got|told|said|came|left|didn'?t|wasn'?t|weren'?t|couldn'?t|gave|took|asked|"
    r"waited|ignored|explained|moved|sent|happened|born|induced|cried|needed|wanted|seemed|made|saw|found|stayed)\b",
    re.IGNORECASE,
)
# A shorter story counts when it asks where to tell it.
TOLD_STORY_MIN_CHARS = 90
_WHERE_TO_TELL = re.compile(
    r"\b(?:where (?:do|can|should|would) (?:i|we) (?:send|tell|say|share|report|put|take|write)"
    r"|how (?:do|can|should|would) (?:i|we) (?:tell|let|report|share|feed ?back|complain|pass|get (?:this|that|it) to)"
    r"|who (?:do|can|should|would) (?:i|we) (?:tell|speak to|talk to|complain to|write to)"
    r"|is there (?:anywhere|somewhere|someone|somebody|a way|way)"
    r"|do (?:these|they|you|the) (?:\w+ ){0,2}(?:care about|want to hear|want to know|listen to)"
    r"|want (?:someone|somebody|them|people) to (?:actually )?know|(?:i|we) want (?:to )?tell"
    r"|(?:does|do) (?:anyone|anybody|they|you|the \w+) (?:even |actually )?care)\b",
    re.IGNORECASE,
)
_TOLD_AS_A_STORY = re.compile(r"\b(?:my|our) (?:birth )?(?:experience|story|stories)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
_CARE_WORDS = re.compile(
    r"\b(?:birth|births|born|labour|labor|ward|wards|midwi(?:fe|ves)|hospital|baby|babies|stay|stayed|postnatal|"
    r"antenatal|care|cared|pregnan(?:t|cy)|doctors?|nurses?|consultant|induction|induced|c-?section|caesarean|"
    r"appointments?|discharged?|neonatal|nicu|scans?|triage|delivery|delivered|feeding|breastfeeding|"
    r"maternity|staff|theatre|epidural)\b",
    re.IGNORECASE,
)
MIN_KNOWN_SHARE = 0.5
# Markup pasted into the chat: script and style blocks with their content, then any tag.
MARKUP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def strip_markup(text: str) -> str:
    """The text without HTML tags, and without the content of script and style blocks."""
    return TAG.sub(" ", MARKUP_BLOCK.sub(" ", text))


def known_share(text: str) -> float | None:
    """The share of the message's words that are English, or None when it has too few words."""
    words = words_of(text)
    if len(words) < MIN_WORDS:
        return None
    known = vocabulary()
    return sum(1 for w in words if w in known or w.replace("'", "") in known) / len(words)


def _mostly_other_script(text: str) -> bool:
    # Chinese, Arabic, Thai… may have no spaces, so counting words would see one "word".
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_WORDS:
        return False
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin / len(letters) < MIN_KNOWN_SHARE


def looks_english(text: str) -> bool:
    """Whether the message has English words for the classifier to work on.

    False when it has no words at all (empty, emoji or punctuation only, only markup), when
    most of its letters are not Latin, or when it has enough words and most are not English.
    """
    plain = strip_markup(unfold(text))
    if not WORD.search(plain) or _mostly_other_script(plain):
        return False
    share = known_share(plain)
    return share is None or share >= MIN_KNOWN_SHARE


def is_experience_story(text: str) -> bool:
    """Whether a message reads as someone's story of their own care (long, first person, about care),
    or a shorter one that asks where to tell it ("...nobody told us about the parking permit so
    where do we send all of this").

    Such a message is welcome: the assistant thanks them, says how to share it with their MNVP
    (or PALS for a complaint), and records it, redacted, for the people who run the service.
    """
    plain = text.strip()
    first_person = len(_FIRST_PERSON.findall(plain))
    care_words = len({w.lower() for w in _CARE_WORDS.findall(plain)})
    past = len(_PAST.findall(plain))
    if (
        len(plain) >= STORY_MIN_CHARS
        and first_person >= STORY_MIN_FIRST_PERSON
        and care_words >= STORY_MIN_CARE_WORDS
        and past >= STORY_MIN_PAST
    ):
        return True
    return (
        len(plain) >= TOLD_STORY_MIN_CHARS
        and first_person >= 2
        and care_words >= 1
        and (past >= 1 or _TOLD_AS_A_STORY.search(plain) is not None)
        and _WHERE_TO_TELL.search(plain) is not None
    )


def is_too_long(text: str) -> bool:
    """True for a message longer than MAX_MESSAGE_CHARS (spaces at either end not counted)."""
    return len(text.strip()) > MAX_MESSAGE_CHARS
