"""The activities: the data file, the session extractor and the recommender (tables and properties)."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.activities.explain import compare_text, explain, load_phrases, steps_text
from bot.activities.extract import (
    extract_details,
    extract_group_size,
    extract_minutes,
    extract_mode,
    extract_participants,
    extract_purpose,
    is_not_sure,
    plans_a_session,
    reads_as_a_family,
)
from bot.activities.model import ACTIVITIES_FILE, Activity, Range, load_activities, parse_activities
from bot.activities.recommend import SessionRequest, recommend

DATA = load_activities()
IDS = [a.id for a in DATA.activities]
PURPOSES = [p.id for p in DATA.purposes]


def test_the_data_has_the_seven_activities_and_seven_goals() -> None:
    assert IDS == ["q_sort", "role_play", "story_cubes", "fish_bowl", "sticky_notes", "pecha_kucha", "cube"]
    assert len(PURPOSES) == 7
    for activity in DATA.activities:
        assert activity.steps
        assert activity.purposes
        assert activity.links
        for span in (activity.group_size, activity.minutes):
            assert span.max is None or span.min <= span.max
        # A second goal is only claimed with the page that says so.
        assert not activity.also_fits or activity.also_fits_source.startswith("https://")


def test_every_goal_has_an_activity_that_fits_it_best() -> None:
    for purpose in PURPOSES:
        assert any(purpose in a.purposes for a in DATA.activities), purpose


# --- the extractor --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("about 8 parents", 8),
        ("we're a group of 15", 15),
        ("a dozen of us", 12),
        ("8-10 people", 10),
        ("between 20 and 30 staff", 30),
        ("20ish", 20),
        ("twenty people", 20),
        ("for an hour", None),
        ("45 mins", None),
        ("step 2 of the model", None),
        ("the same two people always dominate", None),
        ("12 of us but the same 3 people do all the talking", 12),
    ],
)
def test_group_size(text: str, size: int | None) -> None:
    assert extract_group_size(text) == size


@pytest.mark.parametrize(("text", "size"), [("10", 10), ("about 12", 12), ("maybe 6-8", 8), ("loads", None)])
def test_group_size_when_asked_accepts_a_bare_number(text: str, size: int | None) -> None:
    assert extract_group_size(text, asked=True) == size


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45 mins", 45),
        ("an hour", 60),
        ("an hour and a half", 90),
        ("hour and a half", 90),
        ("1.5 hours", 90),
        ("1h30", 90),
        ("2 hours", 120),
        ("90 minutes", 90),
        ("half an hour", 30),
        ("half a day", 180),
        ("a couple of hours", 120),
        ("twenty minutes", 20),
        ("about 10 people", None),
    ],
)
def test_minutes(text: str, minutes: int | None) -> None:
    assert extract_minutes(text) == minutes


def test_minutes_when_asked_accepts_a_bare_number() -> None:
    assert extract_minutes("90", asked=True) == 90
    assert extract_minutes("90") is None


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("on Teams", "online"),
        ("over zoom", "online"),
        ("virtual", "online"),
        ("face to face", "in_person"),
        ("in person at the hospital", "in_person"),
        ("in the room", "in_person"),
        ("not sure yet", None),
    ],
)
def test_mode(text: str, mode: str | None) -> None:
    assert extract_mode(text) == mode


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("just parents", "families"),
        ("mums and dads", "families"),
        ("midwives and doctors", "staff"),
        ("a mix of both", "mixed"),
        ("parents and staff", "mixed"),
        ("no idea", None),
    ],
)
def test_participants(text: str, who: str | None) -> None:
    assert extract_participants(text) == who


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("we want to brainstorm", "idea_generation"),
        ("to agree what the problem is", "problem_framing"),
        ("present our findings", "presenting"),
        # Blind set 6: goals in new words.
        ("young parents, they def wont talk in front of each other", "shared_knowledge"),
        ("an activity that relies on pictures more than words", "shared_story"),
        ("dig into continuity of carer because people feel really differently about it", "problem_solving"),
        ("everyone seems to see the purpose of it differently", "problem_framing"),
        ("wat can i do to get ppl chatting", "warm_up"),
    ],
)
def test_purpose(text: str, purpose: str) -> None:
    assert extract_purpose(text, DATA.purposes) == purpose


def test_not_sure() -> None:
    assert is_not_sure("not sure")
    assert is_not_sure("dunno really")
    assert not is_not_sure("about 10 people")


def test_one_message_fills_four_details() -> None:
    details = extract_details("we want to brainstorm with about 8 parents in person for an hour", DATA.purposes)
    assert details.purpose == "idea_generation"
    assert (details.group_size, details.minutes, details.mode, details.participants) == (8, 60, "in_person", "families")


# --- the recommender ------------------------------------------------------------------------


def test_a_cube_brainstorm_that_cannot_be_a_cube_goes_elsewhere_and_says_why() -> None:
    result = recommend(DATA.activities, SessionRequest(purpose="warm_up", group_size=30, mode="online"))
    assert result.best.activity.id != "cube"
    assert result.best.activity.group_size.contains(30)


def test_relaxing_time_is_reported() -> None:
    result = recommend(DATA.activities, SessionRequest(purpose="problem_solving", group_size=20, minutes=5))
    assert "minutes" in result.relaxed
    assert result.best.activity.group_size.contains(20)


def test_a_short_session_keeps_its_goal_and_says_it_may_run_long() -> None:
    # Lengths are a rough guide: 15 minutes of collecting ideas is not a reason for Pecha Kucha.
    result = recommend(DATA.activities, SessionRequest(purpose="idea_generation", minutes=15))
    assert "idea_generation" in result.best.activity.purposes
    assert "minutes" in result.relaxed


def test_no_details_still_ranks_all_seven_deterministically() -> None:
    first = recommend(DATA.activities, SessionRequest())
    assert sorted(s.activity.id for s in first.ranked) == sorted(IDS)
    assert first == recommend(DATA.activities, SessionRequest())
    assert first.relaxed == ()


def test_the_goal_decides_when_everything_fits() -> None:
    for purpose in PURPOSES:
        best = recommend(DATA.activities, SessionRequest(purpose=purpose)).best
        assert purpose in best.activity.purposes, purpose


requests = st.builds(
    SessionRequest,
    purpose=st.one_of(st.none(), st.sampled_from(PURPOSES)),
    group_size=st.one_of(st.none(), st.integers(1, 200)),
    minutes=st.one_of(st.none(), st.integers(5, 400)),
    mode=st.one_of(st.none(), st.sampled_from(["online", "in_person"])),
    participants=st.one_of(st.none(), st.sampled_from(["families", "staff", "mixed"])),
)


@settings(max_examples=300, deadline=None)
@given(requests)
def test_an_activity_that_excludes_the_group_size_never_wins_when_one_fits(request: SessionRequest) -> None:
    result = recommend(DATA.activities, request)
    if request.group_size is not None and any(a.group_size.contains(request.group_size) for a in DATA.activities):
        assert result.best.activity.group_size.contains(request.group_size)


@settings(max_examples=300, deadline=None)
@given(requests)
def test_an_activity_meeting_every_constraint_wins_over_one_that_does_not(request: SessionRequest) -> None:
    # ... unless none that meets them is made for the goal and one made for it misses only the
    # length (a rough guide): then that one wins, and the length is said to be relaxed.
    result = recommend(DATA.activities, request)

    def for_goal(activity: Activity) -> bool:
        return request.purpose in activity.purposes or request.purpose in activity.also_fits

    def meets_but_length(activity: Activity) -> bool:
        return (
            dataclasses.replace(request, minutes=None) == request
            or recommend((activity, activity), dataclasses.replace(request, minutes=None)).best.meets_constraints
        )

    stretched = (
        request.purpose is not None
        and request.minutes is not None
        and not any(s.meets_constraints and for_goal(s.activity) for s in result.ranked)
        and any(for_goal(s.activity) and meets_but_length(s.activity) for s in result.ranked)
    )
    if stretched:
        assert for_goal(result.best.activity)
        assert meets_but_length(result.best.activity)
        assert "minutes" in result.relaxed
    elif any(s.meets_constraints for s in result.ranked):
        assert result.best.meets_constraints
        assert result.relaxed == ()
    assert len({s.activity.id for s in result.ranked}) == len(DATA.activities)


@settings(max_examples=200, deadline=None)
@given(requests)
def test_online_sessions_avoid_poor_online_activities_when_possible(request: SessionRequest) -> None:
    request = dataclasses.replace(request, mode="online")
    result = recommend(DATA.activities, request)
    if "mode" not in result.relaxed:
        assert result.best.activity.online != "poor"


def _activity(activity_id: str, size: tuple[int, int], purpose: str) -> Activity:
    base = DATA.activities[0]
    return dataclasses.replace(base, id=activity_id, group_size=Range(*size), purposes=(purpose,), also_fits=())


def test_recommender_needs_two_activities() -> None:
    with pytest.raises(ValueError, match="at least two"):
        recommend((DATA.activities[0],), SessionRequest())


def test_a_better_goal_does_not_beat_a_group_size_that_fits() -> None:
    small = _activity("small", (2, 6), "warm_up")
    big = _activity("big", (10, 50), "problem_solving")
    result = recommend((small, big), SessionRequest(purpose="warm_up", group_size=30))
    assert result.best.activity.id == "big"
    assert any(r.code == "purpose_other" for r in result.best.reasons)


@pytest.mark.parametrize(("text", "size"), [("about 30, on teams", 30), ("20ish and mostly staff", 20)])
def test_group_size_when_asked_takes_the_first_number_of_a_longer_answer(text: str, size: int) -> None:
    assert extract_group_size(text, asked=True) == size


@pytest.mark.parametrize(("text", "minutes"), [("3/4 of an hour", 45), ("all afternoon", 180)])
def test_more_ways_of_saying_how_long(text: str, minutes: int) -> None:
    assert extract_minutes(text) == minutes


# --- wave 2: sources, open ranges, words that rule an activity out, mixed goals ---------------


def test_an_also_fits_goal_without_a_source_is_refused() -> None:
    raw = yaml.safe_load(ACTIVITIES_FILE.read_text(encoding="utf-8"))
    raw["activities"][0]["also_fits"] = ["warm_up"]
    raw["activities"][0].pop("also_fits_source", None)
    with pytest.raises(ValueError, match="also_fits_source"):
        parse_activities(raw)


def test_pecha_kucha_has_no_upper_limit_the_sources_do_not_give() -> None:
    pecha = DATA.activity("pecha_kucha")
    assert pecha is not None
    assert pecha.group_size.max is None
    assert pecha.minutes.max is None
    assert pecha.group_size.contains(500)
    phrases = load_phrases()
    assert pecha.group_size.describe("people", phrases) == "any number of people"
    assert pecha.minutes.describe("minutes", phrases) == "at least 7 minutes"
    assert "100" not in compare_text(pecha, DATA.activity("fish_bowl"))["comparison"].split("Fish Bowl")[0]


def test_compare_and_steps_say_estimates_are_a_rough_guide() -> None:
    cube, q_sort, fish_bowl = (DATA.activity(a) for a in ("cube", "q_sort", "fish_bowl"))
    assert "rough guide" in compare_text(cube, q_sort)["comparison"]
    assert "rough guide" in steps_text(cube)["extra"]
    # Fish Bowl's figures come from its sources, so no note.
    assert "rough guide" not in steps_text(fish_bowl)["extra"]


def test_no_activity_is_said_to_have_an_unknown_goal() -> None:
    for activity in DATA.activities:
        why = explain(
            recommend(DATA.activities, SessionRequest(purpose=activity.purposes[0])),
            SessionRequest(purpose=activity.purposes[0]),
            DATA,
        ).why
        assert "does not say what this activity is for" not in why


def test_words_that_rule_an_activity_out_put_it_last() -> None:
    text = "20 people will each present their ideas, but nobody will have time to prepare anything"
    details = extract_details(text, DATA.purposes, DATA.activities)
    assert details.purpose == "presenting"
    assert details.avoid == ("pecha_kucha",)
    ranked = recommend(DATA.activities, SessionRequest(**vars(details))).ranked
    assert ranked[-1].activity.id == "pecha_kucha"
    trauma = extract_details(
        "bereaved parents offered to re-enact what happened to them, would role play be best?",
        DATA.purposes,
        DATA.activities,
    )
    assert recommend(DATA.activities, SessionRequest(**vars(trauma))).best.activity.id != "role_play"


def test_two_goals_mentioned_favour_the_activity_made_for_both() -> None:
    details = extract_details("we want to brainstorm ideas with a new group", DATA.purposes, DATA.activities)
    assert recommend(DATA.activities, SessionRequest(**vars(details))).best.activity.id == "cube"
    online = extract_details("brainstorm ideas with a new group on zoom", DATA.purposes, DATA.activities)
    assert recommend(DATA.activities, SessionRequest(**vars(online))).best.activity.id != "cube"


def test_the_largest_number_of_people_is_the_group() -> None:
    assert extract_group_size("a couple of people always dominate, and there are 25 of us") == 25


def test_teams_means_microsoft_teams_only_when_it_reads_so() -> None:
    assert extract_mode("5 teams will share their proposals") is None
    assert extract_mode("we meet on teams") == "online"
    assert extract_mode("a ms teams call") == "online"


def test_a_description_of_how_it_runs_points_to_the_activity() -> None:
    text = (
        "the one where you fold a six-sided shape out of card, chuck it round, and whoever catches it writes a thought"
    )
    details = extract_details(text, DATA.purposes, DATA.activities)
    assert recommend(DATA.activities, SessionRequest(**vars(details))).best.activity.id == "cube"


def test_a_recommendation_names_the_details_that_could_still_change_it() -> None:
    from bot.activities.dialogue import could_change, recommendation_turn

    # Agreeing the problem with 8 people: a short session would change the choice.
    slots = {"activity_purpose": "problem_framing", "group_size": 8}
    assert could_change(slots) == "Tell me how long the session is, and I'll check it still fits."
    why = recommendation_turn(slots).messages[0].kwargs()["why"]
    assert why.endswith("Tell me how long the session is, and I'll check it still fits.")
    # Presenting: nothing could change it, so nothing is said.
    assert could_change({"activity_purpose": "presenting"}) == ""
    # Everything given: nothing left to tell.
    full = {"activity_purpose": "problem_framing", "group_size": 8, "session_minutes": 60}
    full |= {"session_mode": "in_person", "participants": "mixed"}
    assert could_change(full) == ""


def test_only_details_that_change_the_choice_on_their_own_are_asked() -> None:
    from bot.activities.dialogue import slots_to_ask

    # Warming up a new group: the length never changes the choice on its own.
    assert "session_minutes" not in slots_to_ask({"activity_purpose": "warm_up"})
    # Collecting ideas: the group size does (Role Play, Sticky Notes and CUbe suit different sizes).
    assert "group_size" in slots_to_ask({"activity_purpose": "idea_generation"})
    # Unguided (the session described before any question): nothing after the goal.
    assert slots_to_ask({"activity_purpose": "idea_generation"}, guided=False) == ["activity_purpose"]


def test_the_form_asks_a_few_questions_not_every_one_that_could_matter() -> None:
    from bot.activities.dialogue import ENOUGH_DETAILS, slots_to_ask

    # Collecting ideas with 12 people for 90 minutes: who takes part could still change the
    # choice, but the goal and two details are enough to suggest one (and say what could change it).
    slots = {"activity_purpose": "idea_generation", "group_size": 12, "session_minutes": 90}
    assert ENOUGH_DETAILS == 2
    assert slots_to_ask(slots) == ["activity_purpose", "group_size", "session_minutes"]
    assert "participants" in slots_to_ask({"activity_purpose": "idea_generation", "group_size": 12})


def test_a_goal_is_read_from_an_activitys_cues_when_no_goal_is_named() -> None:
    from bot.activities.extract import purpose_from_cues

    data = load_activities()
    text = "I want partners to surface what motivates them and what gets in the way"
    assert purpose_from_cues(text, data.purposes, data.activities) == "idea_generation"  # CUbe's cues
    # Naming an activity is a question about it, not a goal.
    assert purpose_from_cues("what is a fish bowl?", data.purposes, data.activities) is None
    assert purpose_from_cues("hello", data.purposes, data.activities) is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("new volunteers who dont know each other at all, need something to break the ice, any ideas?", True),
        ("At our AGM each workstream shares what it achieved, briefly. Any activity for that?", True),
        ("what is an mnvp", False),
        ("i had a bad experience of the birth", False),
        ("how do i join the session", False),
    ],
)
def test_a_message_asking_for_something_to_do_in_a_session_is_an_activity_request(text: str, asks: bool) -> None:
    from bot.activities.extract import asks_for_an_activity

    data = load_activities()
    assert asks_for_an_activity(text, data.purposes, data.activities) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("I have under 7 minutes at trust board to present what our MNVP did. Which of the seven tools fits?", True),
        ("which activity would work best for 10 people in 30 minutes", True),
        ("which of the seven tools is best for a new group", True),
        ("what are the seven tools", False),  # the list, not a choice
        ("which tool fits best?", False),  # a choice, but no session described yet
    ],
)
def test_asking_which_activity_fits_a_described_session_is_a_request(text: str, asks: bool) -> None:
    from bot.activities import asks_which_activity_fits

    assert asks_which_activity_fits(text, load_activities().purposes) is asks


@pytest.mark.parametrize(
    "text",
    [
        "Each of our four workstream leads has to report back at the AGM. I want it snappy and everyone gets"
        " exactly the same time.",
        "Regional conference, around 100 delegates. We want an interactive discussion on racism in maternity care"
        " rather than another panel.",
        "We all have different theories about why few young dads come. I want us to work out the real problem first.",
        "im a volunteer, want to run sumthing at our baby group where mums can share ideas without talking in"
        " front of every1",
    ],
)
def test_a_session_plan_without_asking_for_an_activity_is_one(text: str) -> None:
    from bot.activities.extract import plans_a_session

    data = load_activities()
    assert plans_a_session(text, data.purposes, data.activities)


@pytest.mark.parametrize(
    "text",
    [
        "what is the MNVP meeting for? I want to know before I go",
        "they want us to do role play at the next mvp session and i get anxious about acting. do i have to",
        "I had my second baby at home in January. I'd love the midwives to know how much difference they made,"
        " and I want to share my story with the group.",
        "we lost our baby last year. I want to help other families tell their story",
    ],
)
def test_a_question_a_story_or_a_parent_is_not_a_session_plan(text: str) -> None:
    from bot.activities.extract import plans_a_session

    data = load_activities()
    assert not plans_a_session(text, data.purposes, data.activities)


def test_a_baby_group_is_not_a_parent_speaking_of_their_own_baby() -> None:
    data = load_activities()
    assert not reads_as_a_family("want to run something at our baby group for shy mums", data.activities)
    assert reads_as_a_family("our baby was in the neonatal unit, i want to help", data.activities)


def test_every_address_in_the_activities_file_comes_from_the_sources_page() -> None:
    import re

    from tests.conftest import SOURCES

    known = set(re.findall(r"https?://[^\s)>\]]+", SOURCES.read_text(encoding="utf-8")))
    raw = ACTIVITIES_FILE.read_text(encoding="utf-8")
    addresses = re.findall(r"https?://\S+", raw)
    assert len(addresses) > 20
    assert [a for a in addresses if a not in known] == []


@pytest.mark.parametrize(
    ("activity_id", "question", "page"),
    [
        # "Keep it under about 40" comes from mycoted; the steps from the Q Sort training guide.
        ("q_sort", "what should we watch out for", "https://www.mycoted.com/Q-Sort"),
        ("q_sort", "how do I run it", "https://sagiter.eu/"),
        ("sticky_notes", "anything special I need to bring?", "https://makemeetings.work/"),
        ("fish_bowl", "how many people do we need", "http://towards2060.org.nz/"),
        ("story_cubes", "can we do it online", "https://icebreakergame.app/"),
        # An aspect with no page of its own cites the activity's page (the NMV page).
        ("cube", "can we do it online", "https://nationalmaternityvoices.org.uk/"),
    ],
)
def test_an_answer_about_one_aspect_cites_the_page_that_says_it(activity_id: str, question: str, page: str) -> None:
    from bot.activities.dialogue import question_turn

    turn = question_turn(question, activity_id)
    sent = [m for m in turn.messages if m.response != "utter_activity_which"]
    assert sent, question
    assert sent[0].kwargs().get("source", "").startswith(page), sent[0]


def test_activity_sources_name_only_known_aspects() -> None:
    raw = yaml.safe_load(ACTIVITIES_FILE.read_text(encoding="utf-8"))
    raw["activities"][0]["sources"] = {"colour": "https://example.org/"}
    with pytest.raises(ValueError, match="sources"):
        parse_activities(raw)


@pytest.mark.parametrize(
    "text",
    [
        "im a mum volunteer helpin at our mvp coffee morning, want a fun thing so mums can share their birth journey "
        "like a story, about 8 of us, 30 mins",
        "At our AGM each workstream lead gives a short update. Is there a format that keeps them short and equal?",
        "We need staff and families to work through a problem together: long waits on the triage line. 25 people.",
        "hiya we got 30 mums comin to a community event, want them all to put ideas up on the wall about what wud make "
        "the hospital feel more welcoming, 1 hr",
        "We're sharing our maternity survey results in a webinar for about 100 people. How do we keep it engaging?",
    ],
)
def test_more_ways_of_planning_a_session(text: str) -> None:
    from bot.activities.extract import plans_a_session

    data = load_activities()
    assert plans_a_session(text, data.purposes, data.activities)


def test_the_answer_guard_sends_a_session_plan_the_selector_was_sure_of_to_the_recommender() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from bot.rasa_ext.answer_guard import AnswerGuard

    text = "hiya we got 30 mums comin to a community event, want them all to put ideas up on the wall, 1 hr"
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.9}])
    response = {"intent_response_key": "faq/give_feedback", "confidence": 0.8}
    message.set("response_selector", {"faq": {"response": response, "ranking": [response]}})
    [message] = AnswerGuard.create({}, None, None, None).process([message])  # type: ignore[arg-type]
    assert message.get("intent")["name"] == "inform_activity"


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        # Found by blind sets 9 and 10: goals in new words.
        (
            "Which activity is best for exploring an issue in depth when people's views really differ?",
            "problem_solving",
        ),
        ("Views are really split between staff and families. About 40 people, 90 minutes.", "problem_solving"),
        (
            "I'm a researcher and want to co-produce the research question with parents. 8 parents, an hour.",
            "problem_framing",
        ),
        (
            "We've got loads of ideas from our survey and need to pick the ones to take to the trust.",
            "shared_knowledge",
        ),
        (
            "Each of our 5 workstreams needs to share an update quickly and fairly so nobody hogs the time. Ideas?",
            "presenting",
        ),
        ("we want to map what a family goes through on the neonatal unit, 12 people", "shared_story"),
    ],
)
def test_goals_said_in_new_words(text: str, purpose: str) -> None:
    assert extract_purpose(text, DATA.purposes) == purpose


def test_what_the_organiser_rules_out_is_not_the_goal() -> None:
    text = "we want to tell the mnvp wot pregnancy is like for our families. we dont do presentations!! 12 women"
    assert extract_purpose(text, DATA.purposes) != "presenting"
    assert extract_purpose("we want to do presentations, 12 of us", DATA.purposes) == "presenting"


def test_a_number_of_people_and_a_discussion_make_a_plan() -> None:
    text = "Staff and families keep clashing over visiting hours. 30 people. I need a structured discussion."
    assert plans_a_session(text, DATA.purposes, DATA.activities)


def test_a_plan_for_one_activity_asking_if_it_will_work_gets_its_sizes() -> None:
    from bot.activities import asks_if_it_fits, load_activities, question_turn

    data = load_activities()
    text = "I want to run a Fish Bowl with 6 people. Will that work?"
    assert asks_if_it_fits(text, data.activities)
    assert not asks_if_it_fits("will fish bowl work online?", data.activities)
    assert not asks_if_it_fits("we have 6 people, will that work?", data.activities)  # no activity named
    [answer] = question_turn(text, None).messages
    assert answer.response == "utter_activity_size"
    assert dict(answer.values)["name"] == "Fish Bowl"
    [timed] = question_turn("Is 10 minutes enough time for a Q Sort?", None).messages
    assert timed.response == "utter_activity_time"


def test_which_of_two_named_activities_for_a_goal_is_a_request_for_a_choice() -> None:
    from bot.activities import asks_to_choose_between, load_activities

    data = load_activities()
    text = "fish bowl or q sort for a group of 8 who need to work out what's actually wrong with the clinic?"
    assert asks_to_choose_between(text, data.purposes, data.activities)
    difference = "whats the difference between fish bowl and q sort"
    assert not asks_to_choose_between(difference, data.purposes, data.activities)
    assert not asks_to_choose_between("fish bowl or q sort?", data.purposes, data.activities)  # no goal


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("we r doing a 'Q sort' next week", "q_sort"),
        ("help with a 'CUbe' at the volunteer day", "cube"),
        ("a ‘fish bowl’?", "fish_bowl"),
    ],
)
def test_an_activity_named_in_quotes_is_named(text: str, activity: str) -> None:
    from bot.activities import load_activities, mentioned_activities

    assert mentioned_activities(text, load_activities().activities) == (activity,)


def test_how_long_a_pecha_kucha_talk_is_said_with_its_time() -> None:
    from bot.activities import question_turn

    [answer] = question_turn("how long is each talk", "pecha_kucha").messages
    values = dict(answer.values)
    assert answer.response == "utter_activity_time"
    assert "6 minutes 40 seconds" in values["note"]
    assert values["source"] == "https://edu-gen.com/common/support/pecha_kucha_overview.html"
