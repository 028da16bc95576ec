"""What each urgent situation gets (bot/safety/replies.py and the answers in domain.yml).

The first line of an urgent answer is the action for what was described, for the person
writing or for someone they are helping, and an answer carries no unrelated routes.
"""

from __future__ import annotations

import pytest

from bot.safety import assess
from bot.safety.low_mood import assess_low_mood, is_about_taking_part
from bot.safety.replies import (
    AFTER_URGENT,
    AFTER_URGENT_FORM,
    DEACTIVATE_LOOP,
    RESPONSES,
    no_call_answer,
    refuses_a_call,
    support_plan,
    urgent_response,
)
from tests.conftest import ROOT, load_yaml

DOMAIN = load_yaml(ROOT / "domain.yml")


def _text(response: str) -> str:
    return DOMAIN["responses"][response][0]["text"]


@pytest.mark.parametrize(
    ("message", "category", "situation", "about"),
    [
        ("im bleeding heavily and passing clots", "emergency", "bleeding", "self"),
        ("my wife is bleeding loads and it wont stop", "emergency", "bleeding", "other"),
        ("wifes blleding alot n it wont stop 38 weeks", "emergency", "bleeding", "other"),
        ("really sharp pain in my tummy that doesnt go away 34 weeks", "emergency", "pain", "self"),
        ("my sister's collapsed in the kitchen, she's 30 weeks", "emergency", "collapse", "other"),
        ("my baby isnt breathing", "emergency", "baby", "other"),
        ("baby has gone floppy and blue, he's 6 weeks old", "emergency", "baby", "other"),
        ("i've taken an overdose", "emergency", "harm", "self"),
        ("my wife has just taken a load of tablets and wont wake up properly", "emergency", "collapse", "other"),
        ("she took a load of pills", "emergency", "harm", "other"),
        ("the baby is coming right now and we are at home on our own", "emergency", "birth", "self"),
        # Found by the second blind conversation set.
        (
            "A mum at our coffee morning just told me she's planning to end her life tonight",
            "emergency",
            "harm",
            "other",
        ),
        # Found by blind set 10: a friend's plan for tonight, in everyday words, is a 999 call.
        (
            "my mate had her baby 3 wks ago n just texted me saying shes going to end it tonight. wot do i do",
            "emergency",
            "harm",
            "other",
        ),
        ("my sister said she wants to die tonight", "emergency", "harm", "other"),
        ("he says hes going to do it tonight, he has the rope", "emergency", "harm", "other"),
        # Found by blind set 11: signs of psychosis, and a baby shut in with her, is 999 now.
        (
            "my sister says the baby is possessed and shes locked herself in the bathroom with him",
            "emergency",
            "baby",
            "other",
        ),
        (
            "how do i join the mvp btw. not that it matters, i dont think ill be around much longer",
            "mental_health",
            "crisis",
            "self",
        ),
        ("i want to end my life", "mental_health", "crisis", "self"),
        ("my sister keeps saying she doesn't see the point in living", "mental_health", "crisis", "other"),
        ("my sister keeps saying she wants to hurt the baby", "mental_health", "baby", "other"),
        ("i keep having thoughts of hurting my baby", "mental_health", "baby", "self"),
        ("my partner is hearing voices and thinks the baby is evil", "mental_health", "psychosis", "other"),
        ("baby hasnt moved since this morning", "baby_movements", "general", "self"),
        ("he's barely moved since this morning and I'm 36 weeks", "baby_movements", "general", "self"),
        ("My daughter's 35 weeks and says the baby's movements have changed", "baby_movements", "general", "other"),
        ("i think my waters have broken", "maternity_triage", "labour", "self"),
        ("contractions every 4 mins first baby do i ring 999??", "maternity_triage", "labour", "self"),
        ("My daughter's face and hands have swollen up badly. She's 35 weeks.", "maternity_triage", "general", "other"),
    ],
)
def test_the_guard_names_the_situation_and_the_person(message: str, category: str, situation: str, about: str) -> None:
    match = assess(message)
    assert match is not None
    assert (match.category, match.situation, match.about) == (category, situation, about)


@pytest.mark.parametrize(
    "message",
    [
        "i wont be around next week for the meeting",
        "I might not be here for long at the meeting, I have to collect my son",
        "i dont think the MVP will be around much longer without funding",
        "the chair is planning to end her term this year",
        "shes going to do it tonight, the presentation for the board",
        "she locked herself in the bathroom with him to change his nappy in peace lol",
    ],
)
def test_ordinary_words_near_the_crisis_wordings_are_not_urgent(message: str) -> None:
    assert assess(message) is None


# What the first line of each route's answer must tell people to do.
FIRST_LINE = {
    "emergency": ("999",),
    "mental_health": ("111", "999", "116 123"),
    "baby_movements": ("maternity unit",),
    "maternity_triage": ("maternity unit",),
}
# Words that belong to other routes: an answer must not carry them.
UNRELATED = {
    "bleeding": ("116 123", "samaritans", "shout", "movements"),
    "pain": ("116 123", "samaritans", "shout", "movements"),
    "labour": ("116 123", "samaritans", "shout"),
    "general/baby_movements": ("116 123", "samaritans", "shout"),
}
SITUATIONS = {
    "emergency": ("general", "bleeding", "pain", "collapse", "baby", "birth", "harm"),
    "mental_health": ("crisis", "psychosis", "baby"),
    "baby_movements": ("general",),
    "maternity_triage": ("general", "labour"),
}


@pytest.mark.parametrize(
    ("category", "situation", "about"),
    [(c, s, a) for c, situations in SITUATIONS.items() for s in situations for a in ("self", "other")],
)
def test_every_situation_has_an_answer_that_leads_with_its_action(category: str, situation: str, about: str) -> None:
    response = urgent_response(category, situation, about)
    assert response in DOMAIN["responses"], response
    first_line = _text(response).splitlines()[0]
    assert any(action in first_line for action in FIRST_LINE[category]), (response, first_line)
    for word in UNRELATED.get(situation, ()) + UNRELATED.get(f"{situation}/{category}", ()):
        assert word not in _text(response).lower(), (response, word)
    assert "http" in _text(response), f"{response} has no source link"


def test_answers_for_someone_else_speak_to_the_helper() -> None:
    for category, situations in SITUATIONS.items():
        for situation in situations:
            self_answer, other_answer = (
                urgent_response(category, situation),
                urgent_response(category, situation, "other"),
            )
            if self_answer != other_answer:
                # The helper is not the one in danger: no "if you are bleeding", "your baby's movements".
                first = _text(other_answer).splitlines()[0].lower()
                for words in ("you are", "you have", "your baby", "your pregnancy", "yourself", "if you might"):
                    assert words not in first, (other_answer, words)


def test_every_urgent_answer_in_the_domain_is_one_the_guard_can_choose() -> None:
    in_domain = {name for name in DOMAIN["responses"] if name.startswith(("utter_urgent_", "utter_low_mood"))}
    assert in_domain == {r for r in RESPONSES if r.startswith(("utter_urgent_", "utter_low_mood"))}
    assert {AFTER_URGENT, AFTER_URGENT_FORM} <= set(DOMAIN["responses"])


def test_an_unknown_situation_gets_the_route_s_general_answer() -> None:
    assert urgent_response("emergency", "no such situation") == "utter_urgent_emergency"
    assert urgent_response("mental_health", "no such situation", "other") == "utter_urgent_mental_health_other"
    assert urgent_response("no such route") == "utter_urgent_emergency"


def test_the_plan_stops_a_form_answers_first_and_offers_to_carry_on() -> None:
    safety = {"category": "baby_movements", "situation": "general", "about": "self"}
    assert support_plan("urgent_baby_movements", safety, "activity_form") == (
        DEACTIVATE_LOOP,
        "utter_urgent_baby_movements",
        AFTER_URGENT_FORM,
    )
    assert support_plan("urgent_baby_movements", safety, "feedback_form") == (
        DEACTIVATE_LOOP,
        "utter_urgent_baby_movements",
        AFTER_URGENT,
    )
    assert support_plan("urgent_baby_movements", safety, None) == ("utter_urgent_baby_movements", AFTER_URGENT)


def test_the_plan_uses_the_guard_s_details_only_for_its_own_route() -> None:
    bleeding = {"category": "emergency", "situation": "bleeding", "about": "other"}
    assert support_plan("urgent_emergency", bleeding, None)[0] == "utter_urgent_emergency_bleeding_other"
    # A story test or a typed "/urgent_mental_health" has no matching details: the general answer.
    assert support_plan("urgent_mental_health", bleeding, None)[0] == "utter_urgent_mental_health_other"
    assert support_plan("urgent_emergency", None, None)[0] == "utter_urgent_emergency"


def test_low_mood_gets_the_kind_answer_and_no_extra_message() -> None:
    assert support_plan("low_mood", {"category": "low_mood", "about": "self"}, None) == ("utter_low_mood",)
    assert support_plan("low_mood", {"category": "low_mood", "about": "other"}, None) == ("utter_low_mood_other",)
    text = _text("utter_low_mood").lower()
    for words in ("common", "not your fault", "gp", "health visitor", "midwife", "111", "116 123", "85258", "999"):
        assert words in text, words
    assert "can't give medical advice" not in text


@pytest.mark.parametrize(
    ("message", "about"),
    [
        ("is it normal to feel this low after having a baby", "self"),
        ("Day 4 and I keep crying at adverts, is this the baby blues?", "self"),
        ("My wife seems really down and tearful since having the baby", "other"),
        ("my partner has been really low since our son was born", "other"),
    ],
)
def test_low_mood_after_a_birth_is_recognised(message: str, about: str) -> None:
    assert assess(message) is None
    assert assess_low_mood(message) == about


@pytest.mark.parametrize(
    "message",
    [
        "we're running a session on postnatal depression for new dads",
        "I had postnatal depression last year, would my experience be useful to the MNVP?",
        "what is an mnvp",
        "the fish bowl felt a bit flat last time, how do we liven it up",
    ],
)
def test_talk_about_low_mood_is_not_low_mood(message: str) -> None:
    assert assess_low_mood(message) is None


@pytest.mark.parametrize(
    ("message", "taking_part"),
    [
        ("can i bring my baby to mnvp meetings", True),
        ("my baby was in nicu can i get involved", True),
        ("is it safe to take ibuprofen while breastfeeding", False),
    ],
)
def test_questions_about_taking_part_are_recognised(message: str, taking_part: bool) -> None:
    assert is_about_taking_part(message) is taking_part


def test_an_urgent_message_while_sms_options_wait_is_not_taken_for_an_option() -> None:
    # On SMS and WhatsApp the last options are remembered ("reply 2"); an urgent message sent
    # instead reaches the guard as typed, whatever options were waiting.
    from bot.numbered import OptionMemory

    memory = OptionMemory()
    memory.remember("sender", ["/helpful", "/not_helpful"])
    for text in ("my baby hasnt moved all day", "1 my waters have gone", "2 im bleeding heavily"):
        resolved = memory.resolve("sender", text)
        assert resolved == text
        assert assess(resolved) is not None


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # Heavier bleeding with clots after a birth: 999 first (heavy bleeding or passing clots).
        ("had baby 6 days ago and bleeding has suddenly got way heavier with clots", "emergency"),
        # Reduced movements said casually inside a long message about joining.
        ("also random but baby has been way quieter than usual since yesterday, probably nothing", "baby_movements"),
        ("im hearing voices that arent there", "mental_health"),
    ],
)
def test_wordings_found_by_the_third_blind_set_are_urgent(message: str, category: str) -> None:
    match = assess(message)
    assert match is not None
    assert match.category == category


@pytest.mark.parametrize(
    "message",
    ["anything on hearing seldom heard voices", "how do we reach seldom-heard voices in our area"],
)
def test_seldom_heard_voices_are_families_not_a_symptom(message: str) -> None:
    assert assess(message) is None


def test_being_paranoid_as_self_doubt_does_not_hide_reduced_movements() -> None:
    message = "I keep telling myself I'm being paranoid, but he's been a lot quieter than usual since this morning"
    match = assess(message)
    assert match is not None
    assert match.category == "baby_movements"
    assert assess("she is paranoid and not sleeping").category == "mental_health"  # type: ignore[union-attr]


def test_a_partner_hearing_people_talk_about_her_after_no_sleep_is_a_psychiatric_emergency() -> None:
    message = (
        "my girlfriend had the baby 2 wks ago and she hasnt slept for days, keeps saying she can hear "
        "people talking about her through the walls and shes really confused. what do i do"
    )
    match = assess(message)
    assert match is not None
    assert match.category == "mental_health"
    assert assess("we can hear people talking through the walls in the flat, its noisy") is None


@pytest.mark.parametrize(
    "message",
    [
        "i dont want to ring anyone",
        "I CAN'T phone them, im too scared",
        "im not ringing nobody",
        "i cba talking to someone on the phone",
        "no phone calls",
        "i can't face ringing them",
        "I hate the phone",
        "i'm too scared to call",
    ],
)
def test_a_refusal_to_ring_is_recognised(message: str) -> None:
    assert refuses_a_call(message)


@pytest.mark.parametrize(
    "message",
    ["i dont know who to call", "not sure who to ring", "what number do i call", "no thanks", "i will call them now"],
)
def test_asking_who_to_ring_is_not_a_refusal(message: str) -> None:
    assert not refuses_a_call(message)


def test_the_no_call_answers_offer_text_and_email_and_keep_999() -> None:
    for who in ("self", "other"):
        answer = no_call_answer(urgent_response("mental_health", "crisis", who))
        assert answer is not None
        text = _text(answer)
        for words in ("SHOUT to 85258", "jo@samaritans.org", "999"):
            assert words in text, (answer, words)
        # Samaritans has no text service (FACTS 8.5): never offer one.
        assert "text Samaritans" not in text
    # Help that is only a call or a visit has no such answer.
    assert no_call_answer(urgent_response("baby_movements")) is None
    assert no_call_answer(urgent_response("mental_health", "psychosis")) is None
