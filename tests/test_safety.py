"""The safety guard (bot/safety/): every urgent message routed, no ordinary message routed."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.safety import (
    BABY_MOVEMENTS,
    CATEGORIES,
    EMERGENCY,
    MATERNITY_TRIAGE,
    MENTAL_HEALTH,
    SafetyMatch,
    assess,
    assess_all,
    normalise,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
NLU_DIR = ROOT / "data" / "nlu"
URGENT_NLU = ROOT / "tests" / "data" / "safety_urgent_more.yml"


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


URGENT: list[dict[str, str]] = _load(DATA / "safety_urgent.yml")["urgent"]  # type: ignore[index]
ORDINARY: list[str] = _load(DATA / "safety_ordinary.yml")["ordinary"]  # type: ignore[index]


def _nlu_examples(path: Path) -> dict[str, list[str]]:
    """Intent -> example lines of one Rasa NLU file."""
    examples: dict[str, list[str]] = {}
    for block in _load(path).get("nlu", []):  # type: ignore[union-attr]
        if "intent" not in block:
            continue
        lines = [line.strip()[2:].strip() for line in block.get("examples", "").splitlines() if line.strip()]
        examples.setdefault(block["intent"], []).extend(lines)
    return examples


def _key(text: str) -> str:
    """A message reduced to its words, so punctuation or case changes don't hide a duplicate."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "").replace("\u2019", "")).split())


def _short(text: object) -> str:
    return repr(text)[:50]


def _category(text: str) -> str | None:
    match = assess(text)
    return None if match is None else match.category


# --- the two test sets ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "category"), [(m["text"], m["category"]) for m in URGENT], ids=_short)
def test_assess_routes_every_urgent_message_to_its_category(text: str, category: str) -> None:
    match = assess(text)
    assert match is not None, f"not routed: {text!r} (normalised: {normalise(text)!r})"
    assert match.category == category, f"{text!r} went to {match.category} via {match.rule} ({match.matched!r})"


@pytest.mark.parametrize("text", ORDINARY, ids=_short)
def test_assess_leaves_every_ordinary_message_alone(text: str) -> None:
    match = assess(text)
    assert match is None, f"{text!r} routed to {match.category} via {match.rule} ({match.matched!r})"


def test_safety_sets_are_big_enough_and_cover_every_category() -> None:
    assert len(URGENT) >= 90
    assert len(ORDINARY) >= 80
    counts = Counter(item["category"] for item in URGENT)
    assert set(counts) == set(CATEGORIES)
    assert min(counts.values()) >= 15, counts


def test_safety_sets_hold_no_duplicates_and_no_message_in_both() -> None:
    urgent = [_key(item["text"]) for item in URGENT]
    ordinary = [_key(text) for text in ORDINARY]
    assert len(set(urgent)) == len(urgent)
    assert len(set(ordinary)) == len(ordinary)
    assert set(urgent) & set(ordinary) == set()


# --- the Rasa training data ----------------------------------------------------------


def test_urgent_nlu_has_one_intent_per_category_with_20_to_30_examples() -> None:
    examples = _nlu_examples(URGENT_NLU)
    assert set(examples) == {f"urgent_{category}" for category in CATEGORIES}
    for intent, lines in examples.items():
        assert 20 <= len(lines) <= 30, (intent, len(lines))
        assert len({_key(line) for line in lines}) == len(lines), intent


def test_test_sets_share_no_message_with_urgent_nlu_training_data() -> None:
    training = {_key(line) for lines in _nlu_examples(URGENT_NLU).values() for line in lines}
    tested = {_key(item["text"]) for item in URGENT} | {_key(text) for text in ORDINARY}
    assert tested & training == set()


def test_guard_routes_every_urgent_nlu_example_to_its_intent() -> None:
    # The guard overrides the classifier, so the two must agree on the training examples.
    wrong = []
    for intent, lines in _nlu_examples(URGENT_NLU).items():
        for line in lines:
            match = assess(line)
            if match is None or f"urgent_{match.category}" != intent:
                wrong.append((intent, line, match))
    assert wrong == []


def test_guard_leaves_every_other_nlu_example_alone() -> None:
    # A routed example would be overridden at run time: the classifier could never answer it.
    routed = []
    for path in sorted(NLU_DIR.glob("*.yml")):
        if path == URGENT_NLU:
            continue
        for intent, lines in _nlu_examples(path).items():
            routed.extend((path.name, intent, line, assess(line)) for line in lines if assess(line) is not None)
    assert routed == []


# --- odd input -------------------------------------------------------------------------

ORDINARY_10KB = ". ".join(ORDINARY * 20)[:10_240]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t\r",
        "🤰🙂👶🏽❤️",
        "<script>alert('hello')</script>",
        "<div><b>what is a fish bowl activity</b></div>",
        "¿Dónde está la unidad de maternidad?",
        "我想加入产妇之声合作组织",
        "هل يمكنني الانضمام",
        "a" * 100_000,
        "\x00\x01\x02",
        ORDINARY_10KB,
    ],
    ids=_short,
)
def test_assess_returns_none_for_odd_but_harmless_input(text: str) -> None:
    assert assess(text) is None
    assert assess_all(text) == ()


@pytest.mark.parametrize("value", [None, 42, b"bleeding heavily", ["bleeding heavily"], {"text": "x"}], ids=_short)
def test_assess_returns_none_for_anything_that_is_not_a_string(value: object) -> None:
    assert assess(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("<p>my baby isnt moving</p>", BABY_MOVEMENTS),
        ("BLEEDING HEAVILY 😭😭😭", EMERGENCY),
        ("ｂｌｅｅｄｉｎｇ ｈｅａｖｉｌｙ", EMERGENCY),  # full-width letters
        ("i want to die\x00", MENTAL_HEALTH),
        (ORDINARY_10KB + ". my waters have gone green", MATERNITY_TRIAGE),
        ("my waters have gone green. " + ORDINARY_10KB, MATERNITY_TRIAGE),
        ("hello " * 5_000 + "baby hasnt moved all day", BABY_MOVEMENTS),
    ],
    ids=_short,
)
def test_assess_finds_urgent_words_inside_noise_and_long_text(text: str, category: str) -> None:
    assert _category(text) == category


# --- priority order ------------------------------------------------------------------


def test_categories_are_in_priority_order() -> None:
    assert CATEGORIES == (EMERGENCY, MENTAL_HEALTH, BABY_MOVEMENTS, MATERNITY_TRIAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("baby hasnt moved since lunch and now im bleeding heavily", (EMERGENCY, BABY_MOVEMENTS, MATERNITY_TRIAGE)),
        ("i cut myself and now theres blood everywhere", (EMERGENCY, MENTAL_HEALTH)),
        ("i want to end my life and i have not felt the baby kick today", (MENTAL_HEALTH, BABY_MOVEMENTS)),
        ("my waters broke an hour ago and the baby has stopped moving", (BABY_MOVEMENTS, MATERNITY_TRIAGE)),
        ("bad headache with blurry vision", (MATERNITY_TRIAGE,)),
    ],
    ids=_short,
)
def test_assess_all_lists_every_category_in_priority_order(text: str, expected: tuple[str, ...]) -> None:
    matches = assess_all(text)
    assert tuple(m.category for m in matches) == expected
    assert assess(text) == matches[0]


# --- normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("I'm BLEEEEDING!!!", "i am bleeding"),
        ("bby isnt movin", "baby isnt moving"),
        ("my babys movments", "my baby movements"),
        ("feelin suicidle", "feeling suicidal"),
        ("gonna kil myslef", "going to kill myself"),
        ("she hasn’t felt him", "she hasnt felt him"),  # curly apostrophe
        ("has not moved", "hasnt moved"),
        ("café naïve", "cafe naive"),
        ("34w", "34 weeks"),
        ("ur sooooo kind", "your so kind"),
        ("   ", ""),
    ],
)
def test_normalise_maps_variants_to_one_spelling(raw: str, normalised: str) -> None:
    assert normalise(raw) == normalised


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("bleading loads", EMERGENCY),
        ("bledding everywhere", EMERGENCY),
        ("bby not movin", BABY_MOVEMENTS),
        ("babys not kickin", BABY_MOVEMENTS),
        ("bby hasnt moved 4 hours", BABY_MOVEMENTS),
        ("im suicidle", MENTAL_HEALTH),
        ("wanna kil myself", MENTAL_HEALTH),
        ("dont want 2 be here anymore", MENTAL_HEALTH),
        ("watters broke at 33wks", MATERNITY_TRIAGE),
        ("blury vison", MATERNITY_TRIAGE),
    ],
)
def test_assess_sees_through_typos_and_text_speak(text: str, category: str) -> None:
    assert _category(text) == category


@pytest.mark.parametrize(
    "text", ["light bleeding but not heavy", "bleeding isnt heavy", "no heavy bleeding just spotting"], ids=_short
)
def test_bleeding_said_not_to_be_heavy_goes_to_triage_not_999(text: str) -> None:
    assert _category(text) == MATERNITY_TRIAGE


# --- mentions of a topic versus a person in danger -------------------------------------


@pytest.mark.parametrize(
    ("mention", "person", "category"),
    [
        ("a session on reduced movements", "reduced movements since this morning", BABY_MOVEMENTS),
        ("role play about a postpartum haemorrhage drill", "i think im haemorrhaging", EMERGENCY),
        ("our suicide prevention training", "i feel suicidal", MENTAL_HEALTH),
        ("a leaflet about waters breaking early", "my waters are breaking and im 34 weeks", MATERNITY_TRIAGE),
        ("the poster says call if your baby is moving less", "my baby is moving less", BABY_MOVEMENTS),
        ("i had a haemorrhage in 2021", "i had a haemorrhage in 2021 and now im bleeding heavily again", EMERGENCY),
    ],
)
def test_a_mention_is_ignored_but_a_person_is_routed(mention: str, person: str, category: str) -> None:
    assert assess(mention) is None
    assert _category(person) == category


def test_a_first_person_signal_keeps_a_meta_message_routed() -> None:
    assert _category("im on a training course and my waters have just gone") == MATERNITY_TRIAGE


def test_a_past_mental_health_crisis_is_still_routed() -> None:
    assert _category("i felt suicidal after my first baby in 2019") == MENTAL_HEALTH


# --- the result --------------------------------------------------------------------------


def test_safety_match_is_frozen_and_says_what_matched() -> None:
    match = assess("my baby isnt breathing")
    assert isinstance(match, SafetyMatch)
    assert match.category == EMERGENCY
    assert match.category in CATEGORIES
    assert "breathing" in match.matched
    assert match.rule
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.category = MATERNITY_TRIAGE  # type: ignore[misc]


# --- review findings: the next sentence and a past comparison must not hide a current danger ---


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("baby not moving. website says call", "baby_movements"),
        ("Bleeding heavily. Survey link is broken", "emergency"),
        ("bleeding heavily like with my first one", "emergency"),
        ("im losing loads of blood like last pregnancy", "emergency"),
    ],
)
def test_a_meta_word_or_past_comparison_elsewhere_does_not_hide_a_current_danger(text: str, category: str) -> None:
    assert _category(text) == category


def test_a_past_story_told_in_the_past_tense_is_still_not_routed() -> None:
    assert assess("i was bleeding heavily with my first one, how do i give feedback") is None


# --- blind set findings: a complaint told in the past tense, with no date ------------------


@pytest.mark.parametrize(
    "text",
    [
        "how do i complain about my care?? had an awful time on the postnatal ward in march, nobody came when i "
        "pressed the buzzer and i was left in blood soaked sheets for hours. i want someone to actually know",
        "how do i complain about how i was treated on the postnatal ward?? pressed the buzzer and nobody came for "
        "like 40 mins, i was in agony after my section",
    ],
)
def test_a_complaint_about_past_care_is_not_routed(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("how do i complain? i'm bleeding heavily and nobody came", EMERGENCY),
        ("i want to complain. i was bleeding heavily all night and it's still coming", EMERGENCY),
        ("how do i complain, i was in agony after my section and now the pain is worse", EMERGENCY),
    ],
)
def test_a_complaint_with_a_danger_now_is_still_routed(text: str, category: str) -> None:
    assert _category(text) == category


# --- blind set 5 findings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Psychosis told as what she says, with no sleep and fast talk.
        (
            "my partner had our baby 10 days ago and shes started saying the nurses are poisoning the baby, shes "
            "not slept in days and talking really fast. shes not hurting anyone but im scared",
            MENTAL_HEALTH,
        ),
        # Someone else's plan to overdose tonight, with the pills saved: 999.
        (
            "at our coffee morning a mum just told me she's got pills saved up and plans to take them tonight. "
            "she's sitting with me now. what do I do",
            EMERGENCY,
        ),
        # The writer's own plan: the crisis lines first (they name 999 too).
        ("i've got pills saved up and i plan to take them tonight", MENTAL_HEALTH),
    ],
)
def test_blind_set_5_urgent_messages_get_their_route(text: str, category: str) -> None:
    assert _category(text) == category


def test_taking_tablets_as_usual_is_not_an_overdose() -> None:
    assert assess("she plans to take her tablets tonight as usual") is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Blind set 6: "mine" is the baby, after a myth about babies slowing down.
        (
            "my mate says its normal for babies to slow down at the end cos theres no room. mines been way less "
            "active for the last 2 days, 38wks. thats right isnt it",
            BABY_MOVEMENTS,
        ),
        ("mine has slowed right down the last 2 days, 36 weeks", BABY_MOVEMENTS),
    ],
)
def test_blind_set_6_urgent_messages_get_their_route(text: str, category: str) -> None:
    assert _category(text) == category


def test_mine_alone_without_a_pregnancy_is_not_the_baby() -> None:
    assert assess("our mnvp is quiet at the moment, mine is quieter than the next trust") is None


@pytest.mark.parametrize(
    "text",
    [
        "im 17 and pregnant and feeling really really low, like worst ive ever felt. who can i talk to right now",
        "i have never felt so low since the birth",
        "never felt this down, i dont know who to talk to",
        "this is the lowest ive ever been, i feel so alone",
    ],
    ids=_short,
)
def test_a_low_called_the_worst_ever_gets_the_crisis_lines(text: str) -> None:
    assert _category(text) == MENTAL_HEALTH


@pytest.mark.parametrize(
    "text",
    ["the worst ive ever been treated, the midwife was rude", "worst i have felt about a hospital visit, honestly"],
    ids=_short,
)
def test_a_worst_ever_without_a_low_is_not_a_crisis(text: str) -> None:
    assert _category(text) != MENTAL_HEALTH


@pytest.mark.parametrize(
    "text",
    [
        "thanks. i havent slept in 5 days and last night i stood on the bridge near the hospital thinking about "
        "jumping",
        "i went up to the top of the car park and nearly jumped",
        "sat on the edge of the roof last night wanting to let go",
        "my wife keeps saying she wants to jump off the balcony",
    ],
    ids=_short,
)
def test_thoughts_of_jumping_or_standing_at_a_height_get_the_crisis_lines(text: str) -> None:
    assert _category(text) == MENTAL_HEALTH


@pytest.mark.parametrize(
    "text",
    [
        "we stood on the bridge and watched the boats",
        "i nearly jumped out of my skin when the midwife came in",
        "thinking about jumping ship to another trust",
        "can the kids jump on the bouncy castle at the mvp fun day",
    ],
    ids=_short,
)
def test_a_jump_or_a_bridge_in_everyday_words_is_not_a_crisis(text: str) -> None:
    assert _category(text) is None


def test_crying_every_single_day_after_a_birth_is_low_mood() -> None:
    from bot.safety import assess_low_mood

    text = "baby is 5 days old and ive cried every single day, over nothing. is this normal"
    assert assess_low_mood(text) == "self"
    assert assess_low_mood("i cried every single day at work last year") is None


@pytest.mark.parametrize(
    "text",
    [
        "My wife had our baby 10 days ago. Now she's saying the baby isn't ours and that someone is sending her "
        "messages through the telly. She hasn't slept for days. What do I do?",
        "she's saying the baby isn't ours",
        "someone is sending her messages through the telly",
    ],
    ids=_short,
)
def test_psychosis_told_by_a_partner_in_everyday_words_gets_the_crisis_route(text: str) -> None:
    assert _category(text) == MENTAL_HEALTH


@pytest.mark.parametrize(
    "text",
    [
        "my partner says the baby isnt mine, we had a dna test argument",
        "we are sending messages through the local radio about the mnvp",
    ],
    ids=_short,
)
def test_a_paternity_quarrel_or_a_radio_campaign_is_not_psychosis(text: str) -> None:
    assert _category(text) is None
