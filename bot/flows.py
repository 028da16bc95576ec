"""The turns that cross features, in one place, and the follow-ups that read the subject.

- A search with no good result is also an unmet need (catalogue, then the needs log).
- "What else?" continues whatever was shown last: the next search results, or the next
  activity after a recommendation.
- After a knowledge answer, the assistant remembers what it was about (bot/subject.py) and now
  and then asks whether it helped.
- Follow-ups read that subject: "tell me more", "how do I run it?", "the second one", "is there
  a worksheet for it?", "can we do it online?", "compare it with Fish Bowl".
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Collection, Iterable, Mapping, Sequence

from bot.activities import (
    activity_in_subject,
    asks_about_one_activity,
    asks_about_the_activity,
    asks_how_to_run,
    compare_turn,
    load_activities,
    mentioned_activities,
    names_a_goal,
    plans_a_session,
    question_aspect,
    question_turn,
    read_cues,
    runner_up_turn,
    steps_turn,
)
from bot.catalogue import (
    details_turn,
    in_short_turn,
    link_not_known,
    more_turn,
    ordinal_in,
    resource_by_turn,
    resource_says_turn,
    search_turn,
    what_is_turn,
)
from bot.details import (
    acronyms_in,
    answer_naming,
    answers_compared,
    answers_mentioning_names,
    asks_about_it,
    asks_for_a_date,
    asks_for_shorter,
    asks_if_still_going,
    asks_who_to_ask,
    best_match,
    detail_part,
    has_more,
    is_bare_follow_up,
    more_holds_kind,
    named_resource,
    names_two_topics,
    offered_after,
    part_with_kind,
    points_back,
    shorter_text,
    source_of,
    status_part,
)
from bot.needs import Source, log_no_search_result
from bot.passages import among, anywhere, asks_for_more, in_context
from bot.privacy import load_word_lists, redact
from bot.replies import Message, Turn, message
from bot.safety import is_low_mood_answer, no_call_answer, refuses_a_call, urgent_answer_in_play
from bot.subject import (
    ACTIVITIES_LIST_ANSWER,
    ANSWER,
    LIST,
    RECOMMENDATION,
    RESOURCE,
    RESOURCES,
    Subject,
    activity_of,
    for_answer,
    parse_subject,
    subject_slot,
)
from bot.text import place_named, tells_of_a_loss
from bot.topics import (
    FALLBACK_INTENT,
    RETRIEVAL_INTENT,
    SURE_ANSWER_CONFIDENCE,
    answer_named_by_title,
    answer_titled,
    answer_titled_in,
    clear_guess,
    crisis_answer_for_the_work,
    suggest_topics,
    sure_answer,
    topic_titles,
)

logger = logging.getLogger(__name__)

# How many of the classifier's closest answers a detail question is matched against.
CLOSEST_ANSWERS = 3
# A follow-up is about the answer just given unless the classifier gives another answer this much
# ("would I get expenses?" after how to give feedback is about expenses).
LEANS_ELSEWHERE = 0.3
SEARCH_SUBJECT_LIMIT = 80

# "Is there a worksheet for it?": words that point back at what was just discussed.
# "Have you got a link?", "where can I read it?": the source of what was just said.
_ASKS_FOR_LINK = re.compile(
    r"\b(?:link|links|url|web ?page|website|where can i (?:read|find|see) (?:it|that|this|more|the full)|"
    r"read (?:it|that|more|the full|the whole)|the source|full (?:text|version|document))\b",
    re.IGNORECASE,
)
# "Where exactly can I download the gap analysis tool?": the document itself, not a page about it.
_ASKS_FOR_THE_FILE = re.compile(
    r"\b(?:download|downloadable|direct link|the (?:actual|real) (?:file|document|tool)|pdf|the file|itself)\b"
    r"|\bwhere (?:can|do|could) (?:i|we) get (?:the|their|a copy of)\b(?!.*[a-z](?<![siu])s\W*$)",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(r"\b(?:it|this|that|this one|that one|the activity|the tool|them)\b", re.IGNORECASE)
# Resource kinds that, asked about on their own, are about the activity being discussed.
_MATERIAL_WORDS = re.compile(r"\b(?:worksheets?|handouts?|videos?|guides?|templates?|cards?)\b", re.IGNORECASE)


def search(text: str, topic: str | None, source: Source, subject: object = None) -> Turn:
    """Searches the catalogue; a search that finds nothing good is logged as an unmet need.

    "Is there a worksheet for it?" right after an activity searches for that activity's worksheet.
    """
    answer = _subject_answer({"subject": subject})
    link = source_of(answer) if answer is not None and not topic and _ASKS_FOR_LINK.search(text) else None
    if link is not None:
        # "Have you got a link?" right after a knowledge answer: where that answer comes from.
        return Turn((message("utter_source_link", url=link),), slots={"subject": subject})
    shown = _resource_subject({"subject": subject})
    if shown is not None and _POINTS_BACK.search(text) and not topic:
        # "Where can I download it?" right after one entry: that entry, with its link.
        return details_turn(shown, text, None, None)
    activity = load_activities().activity(activity_of(parse_subject(subject)) or "")
    if activity is not None and activity.name.lower() not in (topic or text).lower():
        material = _MATERIAL_WORDS.search(topic or text)
        if material or _POINTS_BACK.search(text):
            topic = f"{activity.name} {material.group(0) if material else topic or ''}".strip()
    wants_the_file = bool(_ASKS_FOR_THE_FILE.search(text))
    if wants_the_file and not topic:
        # "gap analysis tool pdf download?": what the file is, without the words for a file.
        topic = " ".join(_ASKS_FOR_THE_FILE.sub(" ", text).split()) or None
    turn = search_turn(text, topic=topic)
    if turn.unmet == "no_search_result":
        log_no_search_result(text, source)
    results = turn.slots.get("search_results")
    first = results[0] if isinstance(results, list) and results and turn.unmet is None else None
    if first is not None and wants_the_file and link_not_known(first):
        # "Where can I download the gap analysis tool itself?": we have no address of its own, only
        # the page that lists it; say so rather than list near matches.
        return details_turn(first, text, None, None).with_slots(subject=subject_slot(RESOURCE, first))
    if turn.slots.get("search_results"):
        # The conversation is about this search now: "wots it actually for?" after a search for a
        # Story Cubes worksheet is about Story Cubes.
        query = str(turn.slots.get("search_query") or "")
        about = query if mentioned_activities(query, load_activities().activities) else text
        return turn.with_slots(subject=subject_slot(RESOURCES, about[:SEARCH_SUBJECT_LIMIT]))
    return turn


def show_more(slots: Mapping[str, object], responses: Collection[str] = ()) -> Turn:
    """The next results of the last search, or the runner-up after a recommendation; with no
    search shown, the rest of what the conversation is about ("more pls" after the C4CC values)."""
    if slots.get("more_of") == "activity":
        return runner_up_turn(
            slots.get("activity_ranking"),  # type: ignore[arg-type]
            slots.get("recommended_activity"),  # type: ignore[arg-type]
            slots.get("last_request"),  # type: ignore[arg-type]
        )
    subject = parse_subject(slots.get("subject"))
    if (
        not slots.get("search_results")
        and subject is not None
        and (subject.kind in (ANSWER, RESOURCE) or activity_of(subject))
    ):
        return tell_more(slots, responses)
    return more_turn(slots.get("search_results"), slots.get("search_shown"))  # type: ignore[arg-type]


def subject_after(previous_action: str | None, knowledge_key: str) -> dict[str, object]:
    """The slots that remember a knowledge answer as what the conversation is about ("tell me more").

    Read by "Was this helpful?", on the action server and on the Rasa side when it answers the
    question without the action server (bot/rasa_ext/action_calls.py).

    Args:
        previous_action: the action this turn ran before the offer.
        knowledge_key: the knowledge answer NLU chose (`faq/…`).
    """
    if previous_action == f"utter_{RETRIEVAL_INTENT}" and knowledge_key:
        return {"subject": for_answer(knowledge_key).slot()}
    return {}


CONDOLENCE = "utter_sorry_for_loss"
DENY = "utter_deny"


# What a bereaved parent the classifier could not place is told after "I'm so sorry": that their
# story helps, and how to share it or take part.
BEREAVED_ANSWER = f"{RETRIEVAL_INTENT}/share_experience"


def bereaved_parent_answer() -> Turn:
    """The answer for a bereaved parent's message nothing else placed."""
    return Turn((message(f"utter_{BEREAVED_ANSWER}"),), slots={"subject": subject_slot(ANSWER, BEREAVED_ANSWER)})


def with_condolence(text: str, turn: Turn) -> Turn:
    """The turn, after "I'm so sorry for your loss" when the message tells of a baby's death
    ("our baby died on the neonatal unit last month. i want to help other parents")."""
    if not tells_of_a_loss(text) or any(m.response == CONDOLENCE for m in turn.messages):
        return turn
    return Turn((message(CONDOLENCE), *turn.messages), turn.slots, turn.unmet)


def urgent_again(events_newest_first: Iterable[tuple[str, str | None]], text: str = "") -> Turn | None:
    """After an urgent answer, a message the assistant cannot place ("she won't go to a doctor,
    what do I do?") gets that urgent answer again, not "did you mean".

    When the message says they will not ring anyone ("i cant phone them"), and there are ways of
    help that need no call for that danger (text Shout, email Samaritans), it gets those instead.

    Args:
        events_newest_first: the conversation's events as (type, action name), newest first
            (Rasa's event type names: "user", "action" …).
        text: the message.

    Returns:
        The last urgent answer (or its no-call ways), when it was given in reply to the previous
        message; else None.
    """
    name = urgent_answer_in_play(events_newest_first)
    if name is None:
        return None
    return Turn((message((refuses_a_call(text) and no_call_answer(name)) or name),))


def is_kind_answer_again(turn: Turn) -> bool:
    """Whether `urgent_again` gave the kind answer about low mood (not an urgent route's answer),
    which a question with an answer of its own goes before."""
    return bool(turn.messages) and is_low_mood_answer(turn.messages[0].response)


def deny_answer(events_newest_first: Iterable[tuple[str, str | None]], text: str, said_no: bool = True) -> Turn:
    """The answer to "no" or "stop" on its own.

    Right after the crisis lines, "i dont want to ring anyone" (or a plain "no") is not the end
    of the talk: it gets the ways of help that need no call. After other urgent help, a refusal
    to ring gets that help again. Otherwise: "That's fine. I'm here if you need anything else."

    Args:
        events_newest_first: the conversation's events as (type, action name), newest first.
        text: the message.
        said_no: whether the message was a "no" (a "stop" counts only when it refuses a call).
    """
    name = urgent_answer_in_play(events_newest_first)
    if name is not None:
        no_call = no_call_answer(name)
        if refuses_a_call(text):
            return Turn((message(no_call or name),))
        if said_no and no_call is not None:
            return Turn((message(no_call),))
    return Turn((message(DENY),))


def not_understood_answer(
    text: str,
    slots: Mapping[str, object] | None = None,
    response_ranking: Sequence[Mapping[str, object]] | None = None,
    intent_ranking: Sequence[Mapping[str, object]] | None = None,
    handed_on: str | None = None,
    resource: str | None = None,
    parts: Sequence[str] | None = None,
) -> Turn | None:
    """`_not_understood_answer`, never with the crisis lines as the answer to a question about an
    MNVP's own work (a leaflet's wording, a poster, a survey): that gets "did you mean"."""
    turn = _not_understood_answer(text, slots, response_ranking, intent_ranking, handed_on, resource, parts)
    keys = [m.response.removeprefix("utter_") for m in turn.messages] if turn is not None else []
    if any(crisis_answer_for_the_work(key, text) for key in keys):
        return None
    return turn


def _not_understood_answer(
    text: str,
    slots: Mapping[str, object] | None = None,
    response_ranking: Sequence[Mapping[str, object]] | None = None,
    intent_ranking: Sequence[Mapping[str, object]] | None = None,
    handed_on: str | None = None,
    resource: str | None = None,
    parts: Sequence[str] | None = None,
) -> Turn | None:
    """A message the classifier could not place, or handed on, may still be answered:

    - two answers set side by side ("the difference between 15 Steps and Walk the Patch"), or
      one answer for each of its questions (`parts`: "what is an MNVP and how do I join one?");

    - a follow-up about the answer being talked about ("who goes on it?", "do we need a DBS?",
      "what principles do they follow?" after what NMV is): the part of that answer that holds
      it, the longer part first since the short one was just read (`bot.details`);
    - a detail of the closest answers ("does the chair need a DBS check?"): that part;
    - the answer the classifier chose, when it handed the question on only because it points
      back at the conversation (`handed_on`, bot/rasa_ext/answer_guard.py);
    - something the catalogue knows ("what is MBRRACE?", "what does SCIE offer?", "we want to try
      Always Events"): its entry (the one named, `resource`, or found here).

    None when none of these (then "did you mean").
    """
    slots = slots or {}
    in_short = shorter(slots) if asks_for_shorter(text) else None
    if in_short is not None:
        # "can u say that shorter": what was just said, in its first sentences.
        return in_short
    key = _subject_answer(slots)
    if key is not None and _ASKS_SOURCE.match(text) and source_of(key):
        # "source?" right after an answer: where it comes from.
        return Turn((message("utter_source_link", url=source_of(key)),), slots={"subject": slots.get("subject")})
    one_line = _one_line_turn(text)
    if one_line is not None:
        # "I need a one-line definition of co-production for a presentation.": its first sentences.
        return one_line
    place = place_named(text)
    if place is not None and (_subject_answer(slots) is not None or parse_subject(slots.get("subject")) is None):
        # "im in gloucestershire if that helps" after how to find an MNVP: what to search for there.
        local = message("utter_local_search", place=_place_title(place))
        return Turn((local,), slots={"subject": slots.get("subject")})
    who = who_to_ask(slots) if asks_who_to_ask(text) else None
    if who is not None:
        # "who do i ask about that?" after what an MNVP pays for: how to reach the local MNVP.
        return who
    says = resource_says_turn(_resource_subject(slots), text) or resource_by_turn(_resource_subject(slots), text)
    if says is not None:
        # "Did it say anything about mental health?" after MBRRACE: what its summary says; "who
        # made it?": who is behind it.
        return says.with_slots(subject=slots.get("subject"))
    subject_answer = _subject_answer(slots)
    if asks_if_still_going(text) and handed_on and handed_on in (answer_naming(text), answer_named_by_title(text)):
        # "is healthwatch still a thing?": the answer about what it names, not the one talked about.
        subject_answer = handed_on
    if subject_answer is not None and asks_if_still_going(text):
        status = status_part(subject_answer)
        if status is not None:
            # "is it still going?" after the CCW project: the part that says it has ended, and
            # what followed it.
            return _part_turn(subject_answer, status, subject_answer)
    titled = answer_titled(text)
    if titled is not None:
        # "hey whats a mnvp": the answer whose title asks just that ("What is an MNVP?").
        return _part_turn(titled, _unread_part(titled, _subject_answer(slots)), _subject_answer(slots))
    pair = answers_compared(text) or [key for key in parts or () if key.startswith(f"{RETRIEVAL_INTENT}/")]
    if len(pair) >= 2:
        # "What's the difference between 15 Steps and Walk the Patch?": both, side by side.
        return Turn(tuple(message(f"utter_{key}") for key in pair), slots={"subject": _answer_slot(pair[-1])})
    titled = answer_titled_in(text)
    if titled is not None:
        # "hello i am from poland my english not so good. what is MNVP? it is for hospital?"
        return _part_turn(titled, _unread_part(titled, _subject_answer(slots)), _subject_answer(slots))
    if _ALL_ACTIVITIES.search(text) and not _MATERIAL_WORDS.search(text):
        # "What are the seven co-creation tools on the NMV page?": the list, whatever page is named.
        return Turn((message(f"utter_{ACTIVITIES_LIST_ANSWER}"),), slots={"subject": subject_slot(LIST, "activities")})
    resource = resource or named_resource(text)
    if resource is not None and _MATERIAL_WORDS.search(text):
        # "Does the CUbe activity come with a worksheet?": a search for that worksheet.
        return search_turn(text).with_slots(subject=subject_slot(RESOURCES, text[:SEARCH_SUBJECT_LIMIT]))
    activity_answer = _one_activity_asked_about(text, slots)
    if activity_answer is not None:
        return activity_answer
    naming = answer_naming(text) if resource is not None else None
    if naming is not None:
        # "15 Steps" named while the classifier thought of another answer: the answer about it.
        return Turn((message(f"utter_{naming}"),), slots={"subject": _answer_slot(naming)})
    mentioning = answers_mentioning_names(text) if resource is not None else []
    told = among(text, mentioning) if mentioning else None
    if told is None and mentioning:
        # "Can I adapt the Co-Creating Welfare training material?": the answers that name the
        # project hold it about as well as each other; the one the selector leans to clearly,
        # when its words point to a part of it (its licence, in the longer part).
        lean = _clear_lean(response_ranking or [])
        told = in_context(text, lean) if lean in mentioning else None
    if told is not None:
        # "What skills was the Co-Creating Welfare training trying to build?": several answers
        # name the project, and the words point to a paragraph of one of them.
        return _part_turn(told.key, told.part, _subject_answer(slots))
    if resource is not None:
        # "What is Whose Shoes?", "we want to try Always Events": the catalogue's entry.
        return details_turn(resource, text, None, None).with_slots(subject=subject_slot(RESOURCE, resource))
    if len(text.split()) == 1 and _subject_answer(slots) is None:
        # One word the classifier could not place, however rare ("south", "meeting"), is a topic
        # to offer ("did you mean"), not a question to answer.
        return None
    # A message that reads more like a request for an activity than a question is never
    # answered from its words: "the same two people always dominate" is not about funding.
    asks_activity = _closest_intent(intent_ranking) in _ACTIVITY_REQUESTS
    keys = [] if asks_activity else _answers_in_play(slots, response_ranking or [])
    two_topics = names_two_topics(text, keys)
    if two_topics:
        keys = []  # "chair or funding??": a choice to offer ("did you mean"), not one to make
    subject = _subject_answer(slots)
    found = None
    if subject is not None and points_back(text):
        part = detail_part(text, subject, follow_up=True)
        found = (subject, part) if part else None
    kind_part = part_with_kind(text, subject) if found is None and subject is not None else None
    if kind_part is not None and subject is not None:
        # "Which countries were involved?" after the CCW project: the part that names them. When
        # that is the short part just read, a paragraph of the longer part that the question's
        # words point to comes first ("where should the money actually sit?").
        # A date the short part gives is the answer, whatever other words the longer part shares.
        deeper = in_context(text, subject) if kind_part == "short" and not asks_for_a_date(text) else None
        if (deeper is not None and deeper.part == "more") or (kind_part == "short" and more_holds_kind(text, subject)):
            # The short part, just read, holds that kind of fact; asked again, the longer part
            # has more of it ("How many rungs does Arnstein's have?" after the ladder).
            found = (subject, "more")
        else:
            found = (subject, kind_part)
    top = (response_ranking or [{}])[0]
    sure_hand_on = (
        handed_on is not None
        and handed_on == top.get("intent_response_key")
        and float(top.get("confidence") or 0.0) >= SURE_ANSWER_CONFIDENCE  # type: ignore[arg-type]
    )
    if found is None and subject is None and sure_hand_on and handed_on is not None:
        # A first question the guard handed on with the answer the selector is sure of ("Where does
        # the line about MVPs being the best way ... come from?": its fuller part holds it) gets
        # that answer, not a weaker one whose words the question happens to share.
        found = (handed_on, "more" if asks_for_more(text, handed_on) else "short")
    if found is None:
        found = best_match(text, keys)
    if found is None and subject is not None:
        # "When was it published?" after what an ICB is: the 2023 guidance it offers next has the date.
        found = _kind_in_offered(text, subject)
    if found is None and keys:
        # A follow-up about the answer just given, or a detail of the closest answer.
        first = _first_two(slots, keys, response_ranking or [])
        found = next(((key, part) for key in first if (part := detail_part(text, key, follow_up=key == subject))), None)
    if found is None and handed_on and handed_on.startswith(f"{RETRIEVAL_INTENT}/"):
        found = (handed_on, "more" if asks_for_more(text, handed_on) else _unread_part(handed_on, subject))
    if found is None and subject is not None and keys and _closest_intent(intent_ranking) == RETRIEVAL_INTENT:
        # In a conversation about a knowledge answer, the classifier was unsure this was another
        # knowledge question but the selector is sure of the answer ("is it only for first time
        # mums tho? this is my 3rd" after what an MNVP is).
        best = (response_ranking or [{}])[0]
        if float(best.get("confidence") or 0.0) >= SURE_ANSWER_CONFIDENCE:  # type: ignore[arg-type]
            key = str(best.get("intent_response_key"))
            found = (key, _unread_part(key, subject))
    if found is None and subject is not None:
        # The best guess is an answer the last one offered next ("is it only for first time mums
        # tho?" after what an MNVP is, which offers "Who takes part in an MNVP?").
        guess = next(iter(suggest_topics(intent_ranking, response_ranking, limit=1)), None)
        if guess is not None and guess.intent in offered_after(subject, topic_titles()):
            found = (guess.intent, "short")
    if found is None and subject is not None and asks_about_it(text):
        # "who goes on it?" right after an answer with more to tell: the rest of it.
        found = (subject, "more") if has_more(subject) else None
    if found is None and subject is not None and len(text.split()) <= _FOLLOW_UP_WORDS:
        # "where should the money actually sit?" after who funds an MNVP: the paragraph of this
        # answer, or of one it offers next, that the question's everyday words point to.
        hit = in_context(text, subject, sorted(offered_after(subject, topic_titles())))
        found = (hit.key, hit.part) if hit is not None else None
    if found is None and subject is not None and is_bare_follow_up(text):
        # "who actually goes round?" after 15 Steps: the answer's fuller part, which says who.
        found = (subject, "more" if has_more(subject) else "short")
    if found is not None:
        return _part_turn(*found, subject)
    turn = what_is_turn(text)
    for acronym in acronyms_in(text) if turn is None else ():
        turn = what_is_turn(f"what is {acronym}")
        if turn is not None:
            break
    if turn is not None:
        return turn.with_slots(subject=subject_slot(RESOURCE, _resource_shown(turn) or "catalogue"))
    # Two topics named ("chair or funding??") are a choice to offer, however sure the selector is.
    sure = sure_answer(intent_ranking, response_ranking) if _asks_a_question(text) and not two_topics else None
    if sure is not None and not crisis_answer_for_the_work(sure, text):
        # The classifier could not choose an intent, but the selector is sure of the answer; the
        # question's words may point to its longer part ("which people at the trust…").
        return _part_turn(sure, "more" if asks_for_more(text, sure) else _unread_part(sure, subject), subject)
    # "As a head of midwifery, who in the trust should I connect our MNVP with?": a paragraph of
    # any answer that the question's words point to clearly.
    hit = anywhere(text)
    if hit is not None:
        return _part_turn(hit.key, hit.part, subject)
    return None if two_topics else _only_guess(intent_ranking, response_ranking, text)


# The selector leans clearly to an answer when it scores at least this, and this many times the next.
CLEAR_LEAN = 0.25
CLEAR_LEAN_RATIO = 2.0


def _clear_lean(response_ranking: Sequence[Mapping[str, object]]) -> str | None:
    """The answer the selector leans to clearly, if any."""
    scores = [(str(r.get("intent_response_key")), float(r.get("confidence") or 0.0)) for r in response_ranking[:2]]  # type: ignore[arg-type]
    if not scores or scores[0][1] < CLEAR_LEAN:
        return None
    runner_up = scores[1][1] if len(scores) > 1 else 0.0
    return scores[0][0] if scores[0][1] >= CLEAR_LEAN_RATIO * runner_up else None


def _answer_slot(key: str) -> str:
    """The subject slot for a knowledge answer just given: the list of the seven tools is a list
    ("the second one?" picks from it), any other answer itself."""
    about = for_answer(key)
    return subject_slot(about.kind, about.key)


def _part_turn(key: str, part: str, subject: str | None) -> Turn:
    """A knowledge answer's part: the short one, or the longer one (after the short one when
    that was not just read)."""
    longer = message(f"utter_more_{key.removeprefix(f'{RETRIEVAL_INTENT}/')}")
    messages: tuple[Message, ...]
    if part != "more":
        messages = (message(f"utter_{key}"),)
    elif key == subject:
        messages = (longer,)  # its short part was just read
    else:
        # A first question about a detail: the answer, then the part that holds the detail.
        messages = (message(f"utter_{key}"), longer)
    return Turn(messages, slots={"subject": _answer_slot(key)})


def _unread_part(key: str, subject: str | None) -> str:
    """The part of an answer to give: its longer part when its short one was just read (a
    second question about the same thing wants more), else the short one."""
    return "more" if key == subject and has_more(key) else "short"


_ASKS = re.compile(
    r"\?|^\W*(?:who|what|whats|when|where|which|why|how|do|does|did|is|are|can|could|should|would|will)\b"
    r"|\b(?:any (?:pointers|tips|ideas|advice|suggestions)|tell me|explain)\b",
    re.IGNORECASE,
)


def _asks_a_question(text: str) -> bool:
    """A question, not a plan for a session ("40 of us on Zoom, we want ideas") nor a statement."""
    if not _ASKS.search(text or ""):
        return False
    data = load_activities()
    return not plans_a_session(text, data.purposes, data.activities)


def _only_guess(
    intent_ranking: Sequence[Mapping[str, object]] | None,
    response_ranking: Sequence[Mapping[str, object]] | None,
    text: str = "",
) -> Turn | None:
    """When "did you mean" would offer one knowledge answer, or one far ahead of the rest ("im a
    nan, can grandparents be involved in this mnvp stuff"), that answer, said to be a guess."""
    guess = clear_guess(intent_ranking, response_ranking)
    if guess is None or not guess.intent.startswith(f"{RETRIEVAL_INTENT}/"):
        return None
    if crisis_answer_for_the_work(guess.intent, text):
        return None
    key = guess.intent
    return Turn((message("utter_best_guess"), message(f"utter_{key}")), slots={"subject": _answer_slot(key)})


def _kind_in_offered(text: str, subject: str) -> tuple[str, str] | None:
    """The answer the subject offers next that holds the kind of fact asked for, and its part."""
    for key in sorted(offered_after(subject, topic_titles())):
        part = part_with_kind(text, key)
        if part:
            return key, part
    return None


_ONE_ACTIVITY_WORDS = 14
# A follow-up read against the answer in play is this many words at most.
_FOLLOW_UP_WORDS = 14
_ASPECTS_OF_ONE = frozenset({"cautions", "online", "materials"})
_WHAT_IS_ONE_WORDS = 24
_ALL_ACTIVITIES = re.compile(
    r"\b(?:seven|7|all (?:the|of the)?|list (?:the|of)?|which|what) (?:co-?creation |co-?production |ccw )?"
    r"(?:tools|activities|exercises|methods|games)\b"
    r"(?! (?:would|should|could|can|will|might|fits?|suits?|works?|helps?|are (?:good|best|right|suitable)))",
    re.IGNORECASE,
)


def _one_activity_asked_about(text: str, slots: Mapping[str, object]) -> Turn | None:
    """A short question naming one activity and no goal ("can you explain how a Q Sort works?"):
    a question about its size, time or materials gets that answer, anything else what it is."""
    data = load_activities()
    named = mentioned_activities(text, data.activities)
    if len(named) != 1 or names_a_goal(text, data.purposes):
        return None
    words = len(text.split())
    if asks_how_to_run(text, data.activities) and not _MATERIAL_WORDS.search(text):
        # "ive been asked to do a q sort at the mvp thing, wat do i actually do": its steps.
        return steps_turn(text, None)
    if words > _ONE_ACTIVITY_WORDS and not (
        words <= _WHAT_IS_ONE_WORDS
        and (asks_about_one_activity(text, data.activities) or question_aspect(text) in _ASPECTS_OF_ONE)
    ):
        # A longer message is about the activity only when it asks what it is ("wat is q sort i saw
        # it on a poster for a workshop at the hospital") or what to watch for, where to hold it, or
        # what it needs ("thinking of doing a role play with staff and mums, anything we should
        # watch out for?").
        return None
    if _MATERIAL_WORDS.search(text):
        # "Is there a worksheet for CUbe?": a search for it.
        return search_turn(text).with_slots(subject=subject_slot(RESOURCES, text[:SEARCH_SUBJECT_LIMIT]))
    if asks_about_the_activity(text) or question_aspect(text) in _ASPECTS_OF_ONE:
        return activity_question(text, slots)
    key = f"{RETRIEVAL_INTENT}/activity_{named[0]}"
    return Turn((message(f"utter_{key}"),), slots={"subject": _answer_slot(key)})


def _resource_shown(turn: Turn) -> str | None:
    """The catalogue entry a details turn shows."""
    return next((dict(m.values).get("resource_id") for m in turn.messages if dict(m.values).get("resource_id")), None)


def _resource_subject(slots: Mapping[str, object]) -> str | None:
    """The catalogue entry the conversation is about, if it is one."""
    subject = parse_subject(slots.get("subject"))
    return subject.key if subject is not None and subject.kind == RESOURCE and subject.key != "catalogue" else None


def _subject_answer(slots: Mapping[str, object]) -> str | None:
    """The knowledge answer the conversation is about, if it is one."""
    subject = parse_subject(slots.get("subject"))
    if subject is None or subject.kind != ANSWER or not subject.key.startswith(f"{RETRIEVAL_INTENT}/"):
        return None
    return subject.key


_ACTIVITY_REQUESTS = frozenset({"choose_activity", "inform_activity"})


def _closest_intent(intent_ranking: Sequence[Mapping[str, object]] | None) -> str | None:
    """The classifier's best guess other than "not understood"."""
    for entry in intent_ranking or ():
        if entry.get("name") != FALLBACK_INTENT:
            return str(entry.get("name"))
    return None


def _first_two(slots: Mapping[str, object], keys: list[str], ranking: Sequence[Mapping[str, object]]) -> list[str]:
    """The answer being talked about (unless the classifier leans clearly to another one), then
    the classifier's closest."""
    subject = parse_subject(slots.get("subject"))
    if subject is None or subject.kind != ANSWER or not keys or keys[0] != subject.key:
        return keys[:1]
    best = ranking[0] if ranking else {}
    leans_elsewhere = (
        best.get("intent_response_key") != subject.key
        and float(
            best.get("confidence") or 0.0  # type: ignore[arg-type]
        )
        >= LEANS_ELSEWHERE
    )
    return keys[1:2] if leans_elsewhere else keys[:2]


def _answers_in_play(slots: Mapping[str, object], ranking: Sequence[Mapping[str, object]]) -> list[str]:
    """The knowledge answers a detail may be about: the one being talked about, then the closest."""
    keys = []
    subject = parse_subject(slots.get("subject"))
    if subject is not None and subject.kind == ANSWER and subject.key.startswith(f"{RETRIEVAL_INTENT}/"):
        keys.append(subject.key)
    for entry in ranking[:CLOSEST_ANSWERS]:
        key = str(entry.get("intent_response_key") or "")
        if key.startswith(f"{RETRIEVAL_INTENT}/") and key not in keys:
            keys.append(key)
    return keys


def shorter(slots: Mapping[str, object]) -> Turn | None:
    """ "Can u say that shorter?", "and in plain english?": the knowledge answer being talked about
    in its first sentences, with its source, or what the activity being talked about is for; None
    when the conversation is about neither."""
    resource = _resource_subject(slots)
    if resource is not None:
        turn = in_short_turn(resource)
        return turn.with_slots(subject=slots.get("subject")) if turn is not None else None
    key = _subject_answer(slots)
    if key is not None and activity_of(parse_subject(slots.get("subject"))) is None:
        text, url = shorter_text(key), source_of(key)
        if text and url:
            return Turn((message("utter_in_short", summary=text, url=url),), slots={"subject": _answer_slot(key)})
    activity = _current_activity(slots)
    return question_turn("what is it for", activity) if activity is not None else None


# Answers after which "who do I ask?" is not about the MNVP: feelings, crisis lines, support.
_NOT_THE_MNVPS = frozenset(
    {f"{RETRIEVAL_INTENT}/{key}" for key in ("crisis_lines", "postpartum_psychosis", "support_lines", "deaf_999")}
)
LOCAL_MNVP_ANSWER = f"{RETRIEVAL_INTENT}/find_local_mvp"


# "source?", "whats the source", "reference pls": where the answer just given comes from.
_ASKS_SOURCE = re.compile(
    r"^\W*(?:and |ok |so )?(?:(?:what(?:'?s| is) )?(?:the |your |its |ur )?)?(?:source|reference|citation|evidence)s?"
    r"(?: for (?:that|this|it))?\W*(?:pls|please|thanks)?\W*$",
    re.IGNORECASE,
)
# "a one-line definition", "in 1 sentence", "in a nutshell": the short of it.
_ONE_LINE = re.compile(r"\b(?:one|1|a single)[ -](?:line|liner|sentence)\b|\bin a nutshell\b", re.IGNORECASE)


def _one_line_turn(text: str) -> Turn | None:
    """A request for one thing in a line ("whats the mvp for in 1 sentence"): the first sentences
    of the answer about it, with its source; None when it names nothing an answer is about."""
    if not _ONE_LINE.search(text):
        return None
    key = answer_titled(_ONE_LINE.sub(" ", text)) or answer_named_by_title(text)
    summary, url = (shorter_text(key), source_of(key)) if key else (None, None)
    if key is None or not summary or not url:
        return None
    return Turn((message("utter_in_short", summary=summary, url=url),), slots={"subject": _answer_slot(key)})


def _place_title(place: str) -> str:
    """ "gloucestershire" as "Gloucestershire", "st helens" as "St Helens"; "YORK" as typed."""
    return place if any(c.isupper() for c in place) else " ".join(w.capitalize() for w in place.split())


def who_to_ask(slots: Mapping[str, object]) -> Turn | None:
    """ "Who do I ask about that?", "how would I start?": how to reach the local MNVP, which
    holds what this assistant does not (its lead, meetings, expenses); None after an activity, a
    search or the crisis lines, where the local MNVP is not the one to ask."""
    subject = parse_subject(slots.get("subject"))
    if subject is not None and (subject.kind != ANSWER or activity_of(subject) is not None):
        return None
    key = _subject_answer(slots)
    if key in _NOT_THE_MNVPS:
        return None
    part = "more" if key == LOCAL_MNVP_ANSWER and has_more(key) else "short"
    return _part_turn(LOCAL_MNVP_ANSWER, part, key)


def tell_more(slots: Mapping[str, object], responses: Collection[str], text: str = "") -> Turn:
    """ "Tell me more" about whatever the conversation is about ("say it more simply": in short).

    Args:
        slots: the tracker's slots (`subject`, `search_results`, `search_shown`).
        responses: the response names the domain has (a knowledge answer's longer version is
            `utter_more_<key>`, when there is one).
        text: the message, if it asks for the answer in fewer or plainer words.
    """
    in_short = shorter(slots) if text and asks_for_shorter(text) else None
    if in_short is not None:
        return in_short
    subject = parse_subject(slots.get("subject"))
    if subject is None:
        return Turn((message("utter_more_what"),))
    if subject.kind == "answer":
        longer = f"utter_more_{subject.key.removeprefix('faq/')}"
        if longer in responses:
            return Turn((message(longer),))
    activity = activity_of(subject)
    if activity is not None:
        return steps_turn("", activity)
    if subject.kind == RESOURCES:
        return details_turn(None, "the first one", slots.get("search_results"), slots.get("search_shown"))  # type: ignore[arg-type]
    if subject.kind == RESOURCE and _resource_subject(slots):
        return details_turn(subject.key, "", None, None)
    if subject.kind == LIST:
        return Turn((message("utter_more_which_activity"),))
    return Turn((message("utter_more_none"),))


def details(resource_id: str | None, text: str, slots: Mapping[str, object]) -> Turn:
    """ "The second one": a search result, or an activity from the list of seven."""
    subject = parse_subject(slots.get("subject"))
    position = ordinal_in(text)
    if resource_id is None and subject == Subject(LIST, "activities") and position:
        activities = load_activities().activities
        if position == -1:
            position = len(activities)
        if 1 <= position <= len(activities):
            return steps_turn(activities[position - 1].name, None)
    if resource_id is None and not slots.get("search_results") and _subject_answer(slots) is not None:
        # "whats the first theme about" after the three-year plan: no list was shown, so a
        # question about the answer just read, not "I haven't shown you any resources yet".
        turn = not_understood_answer(text, slots)
        if turn is not None:
            return turn
    return details_turn(resource_id, text, slots.get("search_results"), slots.get("search_shown"))  # type: ignore[arg-type]


def activity_steps(text: str, slots: Mapping[str, object]) -> Turn:
    """ "How do I run it?": the activity named, or the one being talked about.

    "How does it work?" with nothing to refer to is about the assistant itself: its menu.
    """
    current = _current_activity(slots)
    if current is None and parse_subject(slots.get("subject")) is None and _ABOUT_THE_ASSISTANT.search(text or ""):
        return Turn((message("utter_help"),))
    if current is None and not mentioned_activities(text, load_activities().activities):
        # "How do I actually get that to them?" after an answer about feedback: about that answer.
        about = _about_the_answer(text, slots)
        if about is not None:
            return about
    return steps_turn(text, current)


def _about_the_answer(text: str, slots: Mapping[str, object]) -> Turn | None:
    """A follow-up the classifier took for one about an activity, when the conversation is about a
    knowledge answer and no activity is in play: what that answer holds, or else its longer part.
    Never "which activity do you mean?" when no activity was talked about: with nothing to
    give, it says it did not understand."""
    subject = _subject_answer(slots)
    if subject is None:
        return None
    answer = not_understood_answer(text, slots)
    if answer is not None:
        return answer
    if has_more(subject):
        return Turn(
            (message(f"utter_more_{subject.removeprefix(f'{RETRIEVAL_INTENT}/')}"),),
            slots={"subject": subject_slot(ANSWER, subject)},
        )
    return Turn((message("utter_default"),))


# "How does it work?", "how does this work" with no activity named.
_ABOUT_THE_ASSISTANT = re.compile(
    r"^\W*(?:so |ok |okay )?how (?:does|do) (?:it|this|that|things|this chat|you) work\b", re.I
)


def compare(text: str, slots: Mapping[str, object]) -> Turn:
    """ "Compare it with Fish Bowl": the two named, or the one named and the one being talked about."""
    return compare_turn(text, _current_activity(slots))


def activity_question(
    text: str,
    slots: Mapping[str, object],
    response_ranking: Sequence[Mapping[str, object]] | None = None,
    intent_ranking: Sequence[Mapping[str, object]] | None = None,
) -> Turn:
    """ "Can we do it online?", "how many people?", "why that one?" about the current activity.

    With no activity named or being talked about, a follow-up about the knowledge answer just
    given ("do we need a DBS?" after who should chair) is answered from that answer instead, and
    a question the selector is sure of ("Do we need a vice-chair?": its chairs are not Fish
    Bowl's) gets that answer, not "which activity do you mean?".
    """
    named = mentioned_activities(text, load_activities().activities)
    if _resource_subject(slots) is not None and _current_activity(slots) is None and not named:
        # "What's it for?" right after one catalogue entry: that entry again, or what it says on a topic.
        says = resource_says_turn(_resource_subject(slots), text)
        return says if says is not None else details_turn(_resource_subject(slots), text, None, None)
    if _current_activity(slots) is None and not named:
        answer = _about_the_answer(text, slots)
        if answer is None and response_ranking:
            answer = not_understood_answer(text, slots, response_ranking, intent_ranking)
        if answer is not None:
            return answer
    return question_turn(
        text,
        _current_activity(slots),
        slots.get("activity_ranking"),  # type: ignore[arg-type]
        slots.get("last_request"),  # type: ignore[arg-type]
    )


def right_after_recommendation(slots: Mapping[str, object]) -> bool:
    """Whether the conversation is about an activity just recommended (its request is still in play)."""
    subject = parse_subject(slots.get("subject"))
    return subject is not None and subject.kind == RECOMMENDATION and bool(slots.get("last_request"))


def activity_in_play(text: str, slots: Mapping[str, object]) -> bool:
    """Whether a message names an activity, or the conversation is about one."""
    return bool(mentioned_activities(text, load_activities().activities)) or _current_activity(slots) is not None


def _current_activity(slots: Mapping[str, object]) -> str | None:
    return activity_in_subject(parse_subject(slots.get("subject"))) or slots.get("recommended_activity")  # type: ignore[return-value]


def warm_up() -> float:
    """Loads what the first requests would otherwise wait for: word lists, the search index.

    The action server calls it before it takes requests (bot/rasa_ext/launch.py): a first need
    with a capital letter took 6–10 s while the redactor loaded its word lists, longer than
    Rasa waits for an action. Never raises: a missing catalogue is loaded again on first use.

    Returns:
        The seconds it took.
    """
    started = time.monotonic()
    for step in (
        load_word_lists,
        lambda: redact("Warm Up Xq, call 0 7 7 0 0 or jo dot x at example dot com - Ab"),
        lambda: read_cues("warm up with 8 parents"),
        lambda: search_turn("warm up"),
    ):
        try:
            step()
        except Exception:
            logger.exception("Warming up failed; the first requests will be slower")
    seconds = time.monotonic() - started
    logger.info("Warmed up in %.1f s.", seconds)
    return seconds
