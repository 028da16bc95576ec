"""Context around a match: is it a person in danger now, and is it the writer or someone else?

A match is set aside when it is clearly not about a person in danger now:

- a mention of the topic: the sentence names a leaflet, training, a drill, a survey... and has
  no first-person or current signal ("I", "my", "she", "now", "since"...) once an organiser's
  own words ("I'm designing a leaflet...") are taken out; or the match is glued to such a word
  ("haemorrhage drill", "session on reduced movements");
- a story from the past: the sentence has a clear past marker ("in 2021", "3 years ago",
  "with my first") and nothing current (no "now", "again", "still", present tense...). The
  engine never applies this to mental health: a past crisis still gets the crisis lines.

`about_someone_else` tells whether the person in danger is someone the writer is helping
(a partner, a sister, a friend), so the answer can be worded for the helper.
"""

from __future__ import annotations

import re

# Words that mark a mention of the topic (a leaflet, a drill, a session) rather than a person.
# Time words ("minutes", "week") and everyday words are left out on purpose: "contractions
# every 5 minutes" is a person in labour.
_META_WORDS = (
    r"awareness|campaign|campaigns|leaflet|leaflets|poster|posters|training|trainings|session|sessions|"
    r"workshop|workshops|policy|policies|drill|drills|survey|surveys|questionnaire|questionnaires|"
    r"role play|role plays|roleplay|roleplays|simulation|simulations|scenario|scenarios|case study|"
    r"case studies|webinar|webinars|course|courses|module|modules|guideline|guidelines|guidance|audit|audits|"
    r"toolkit|toolkits|resource|resources|activity|activities|presentation|presentations|slides|"
    r"research|study|studies|statistics|stats|booklet|booklets|factsheet|factsheets|fact sheet|"
    r"fact sheets|video|videos|article|articles|blog|blogs|newsletter|newsletters|infographic|infographics|"
    r"flyer|flyers|handout|handouts|worksheet|worksheets|template|templates|report|reports|pathway|pathways|"
    r"protocol|protocols|conference|quiz|lesson|lessons|curriculum|e learning|elearning|"
    r"q sort|fish bowl|fishbowl|story cubes|sticky notes|pecha kucha|lecture|lectures|teaching|seminar|"
    r"seminars|focus group|focus groups|listening event|walk through|walkthrough|15 steps|fifteen steps|"
    r"prevention|charity|charities|podcast|podcasts|infographic|signage|script|scripts|chatbot|faq|faqs|"
    r"mnvp|mnvps|mvp|mvps|co production|coproduction|co design|codesign|debrief|debriefs|"
    r"helpline number|agenda|consultation|strategy|campaigning|display|banner|website|webpage|warning signs|"
    r"red flags|signs like|signs such as|symptoms like|symptoms such as|worksheet idea|question to start"
)
_META = re.compile(rf"\b(?:{_META_WORDS})\b")

_ORGANISER = re.compile(
    r"\b(?:(?:how|where|what|when|why) (?:do|can|should|could|would|might|will|did) )?(?:i|we)"
    r"(?: am| are| have| will| would| want to| need to| were| was| have been| am going to| are going to| going to|"
    r" plan to| hope to| are trying to| am trying to| would like to| d like to| like to| should| could| can|"
    r" must| just| currently| also| recently)*"
    r" (?:designing|design|designed|making|make|made|writing|write|wrote|creating|create|created|planning|plan|"
    r"planned|running|run|ran|organising|organise|organised|organizing|organize|organized|preparing|prepare|"
    r"prepared|putting together|put together|developing|develop|developed|drafting|draft|drafted|updating|"
    r"update|updated|reviewing|review|reviewed|co producing|coproducing|co produce|co produced|delivering|"
    r"deliver|delivered|hosting|host|hosted|facilitating|facilitate|facilitated|leading|lead|led|working on|"
    r"producing|produce|produced|explain|explaining|teach|teaching|discuss|discussing|talk about|talking about|"
    r"cover|covering|present|presenting|describe|describing|raise awareness|raising awareness|promote|"
    r"promoting|collect|collecting|gather|gathering|analyse|analysing|evaluate|evaluating|share|sharing|"
    r"print|printing|translate|translating|film|filming|record|recording|attended|attending|went to|"
    r"set up|setting up|train|training|signpost|signposting|include|including|add|adding|brainstorming|brainstorm|"
    r"exploring|explore|mapping|map out|thinking about how|looking at how|asking how|"
    r"recommend|recommending|(?:support|supporting|help|helping) (?:families|women|parents|people|mums|dads|"
    r"staff|service users|colleagues|midwives|students))"
    r"(?: (?:a|an|the|our|some|this|these|my|new|more))?(?: (?:families|women|parents|people|mums|dads|staff|"
    r"service users|colleagues|midwives|students|members|volunteers)(?: to| with| about| on| who)?)?"
)

# A first-person or current signal: a real person, here and now.
_PERSONAL = re.compile(
    r"\b(?:i|me|my|mine|myself|she|her|hers|herself|he|him|his|wife|partner|girlfriend|husband|our baby|"
    r"now|right now|since|today|tonight|this morning|this afternoon|this evening|yesterday|last night|all day|"
    r"at the moment|currently|help|please|urgent|scared|worried|frightened|terrified|panicking)\b"
    r"|(?<!\byour )(?<!\bif )(?<!\bwhen )(?<!\ba )(?<!\bthe signs )\bbaby (?:is|has|isnt|hasnt|not|was|wasnt|"
    r"keeps|seems|looks|been|stopped|doesnt|didnt|wont|cant)\b"
)

# A match glued to a meta word: "haemorrhage drill", "self harm awareness week".
_META_AFTER = re.compile(
    rf"^(?: (?:prevention|awareness|related|safety|support|information|info|education|postpartum|postnatal|"
    rf"and|or|in pregnancy|after birth))* (?:{_META_WORDS})\b"
)
# "session on reduced movements", "a leaflet about what to do if your waters break".
_META_BEFORE = re.compile(
    rf"\b(?:{_META_WORDS})(?: \w+){{0,3}} (?:on|about|for|regarding|re|around|covering|of|into|explaining|called|"
    r"titled|named|like|with|including|includes|such as|mentioning|mentions|says|said)"
    r"(?: (?!(?:and|but|now|then|so|my|her|his|i|she|he|me|today|tonight|since|because|when|while|after|"
    r"suddenly|just|still|help|please)\b)\w+){0,5} ?$"
)


# A clearly past event ("when I had a haemorrhage in 2021", "with my first"). Families share
# their stories with an MNVP, so a past event with nothing current in the same sentence is
# not routed, except for mental health, where a past crisis is still worth the crisis lines.
_PAST = re.compile(
    r"\b(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of|a few|many) "
    r"(?:years?|months?) ago|years ago|last year|the year before|back in|in (?:19|20)\d\d|"
    r"(?:my|her|our|the) (?:previous|last|earlier) (?:pregnancy|pregnancies|birth|births|baby|babies|labour)|"
    r"with (?:my|her|our) (?:first|last|previous|eldest|older|other|second|third|1st|2nd|son|daughter)|"
    r"when (?:i|she|we) (?:had|was having|was pregnant with|gave birth to) (?:my|her|our) "
    r"(?:first|son|daughter|last|eldest|other|second|older|1st|2nd)|last pregnancy|previous pregnancy)\b"
)
# Anything that puts the sentence in the here and now.
_CURRENT = re.compile(
    r"\b(?:now|right now|today|tonight|this morning|this afternoon|this evening|last night|yesterday|since|"
    r"again|still|currently|at the moment|help|please|urgent|ago today|hours ago|hour ago|minutes ago|"
    r"just now|just|am|is|are|isnt|hasnt|havent|arent|keeps|keep|cant|wont|doesnt|dont|weeks pregnant|"
    r"pregnant|has|have|been|going|feel|feeling|think|scared|worried)\b"
    # "bleeding heavily like with my first": a present participle is current, unless "was/were" comes first.
    r"|(?<!\bwas )(?<!\bwere )(?<!\bwith )(?<!\bof )(?<!\babout )(?<!\bfor )(?<!\bstopped )(?<!\bstarted )"
    r"(?<!\bafter )(?<!\bfrom )(?<!\bno )\b(?:bleeding|losing|passing|gushing|pouring|leaking|hurting|cramping|"
    r"contracting|fitting|shaking|vomiting|breathing|moving|kicking|dying)\b"
)


# Made-up people: in a scenario, a role play or a quiz, "she" and "her baby" are characters.
_FICTION = re.compile(
    r"\b(?:scenario|scenarios|role play|roleplay|role plays|case study|case studies|simulation|drill|drills|script|"
    r"scripts|character|characters|actor|actors|storyline|sketch|quiz|vignette|vignettes|mock|pretend|example)\b"
)
# A question about what should happen to someone in general, not to a person now.
_HYPOTHETICAL = re.compile(
    r"\b(?:what should happen|what happens|what to do|what do you do|what would you do|what should (?:a|the) "
    r"\w+ do|how should (?:staff|triage|midwives|the unit|the trust|we) (?:respond|handle|deal))\b"
    r"(?: \w+){0,3}? (?:when|if) (?:someone|somebody|a woman|a mum|a mother|a parent|a person|a family|"
    r"women|mums|parents|people|families|you)\b"
)
# Only the writer and the here and now; third persons do not count in fiction.
_FIRST_PERSON_NOW = re.compile(
    r"\b(?:i|me|my|mine|myself|our baby|now|right now|since|today|tonight|this morning|this afternoon|"
    r"this evening|yesterday|last night|all day|at the moment|currently|help|please|urgent|scared|worried|"
    r"frightened|terrified|panicking)\b"
)


def is_meta_mention(text: str, start: int, end: int, bounds: tuple[int, int]) -> bool:
    """True when the match at text[start:end] names the topic, not a person in it.

    Only the match's own sentence (`bounds`) counts: "baby not moving. website says call" is
    a person, whatever the next sentence names.
    """
    sentence_start, sentence_end = bounds
    sentence = text[sentence_start:sentence_end]
    if _META_AFTER.match(text[end : min(end + 60, sentence_end)]):
        return True
    if _META_BEFORE.search(text[max(sentence_start, start - 120) : start]):
        return True
    if (_FICTION.search(sentence) or _HYPOTHETICAL.search(sentence)) and not _FIRST_PERSON_NOW.search(
        _ORGANISER.sub(" ", sentence)
    ):
        return True
    # Only a sentence that names a leaflet, a drill, a session... can be a mention; the
    # organiser's own "I" ("I'm designing a leaflet") is not a person in danger.
    if _META.search(sentence) is None:
        return False
    without_organiser = _ORGANISER.sub(" ", sentence)
    # The match itself may hold a personal word ("my waters"); that still counts as personal.
    return _PERSONAL.search(without_organiser) is None


# Movements are first felt at about 16-24 weeks (FACTS.md 8.3): "not felt the baby yet at 16
# weeks" is a question for the midwife, not a reduced-movements emergency.
NOT_FELT_YET_EARLY = re.compile(
    r"(?=.*\b(?:yet|first time|for the first time|start feeling|started feeling|when will i|when do you)\b)"
    r"(?=.*\b(?:[1-9]|1[0-9]|2[0-3]) weeks\b)"
)


# A past story that has ended well ("she's fully recovered now").
_RECOVERED = re.compile(
    r"\b(?:fully recovered|recovered now|has recovered|have recovered|is recovered|made a full recovery|"
    r"is well now|is fine now|doing well now|is doing well|doing great now|is healthy now|better now)\b"
)


def is_resolved_story(text: str, sentence: str) -> bool:
    """True for a past crisis told as a story: past, and named at an event or said to be over.

    Mental health routes still answer a past crisis in general ("I tried to end my life last
    year and I'm scared it'll happen again"); only a story that is clearly over is set aside.
    """
    return is_past_event(sentence) and (_META.search(sentence) is not None or _RECOVERED.search(text) is not None)


# A message that asks how to complain or give feedback about care tells its story in the past
# tense without a date ("how do I complain? nobody came and I was in agony after my section").
_TELLING_ABOUT_CARE = re.compile(
    r"\b(?:complain|complaining|complaint|complaints|feedback|how (?:i|we) (?:was|were) treated|"
    r"the way (?:i|we) (?:was|were) treated|want (?:someone|somebody|them|people) to (?:actually )?know|"
    r"share (?:my|our) (?:story|experience))\b"
)
_TOLD_IN_PAST = re.compile(
    r"\b(?:i was|we were|i had|was left|were left|nobody came|no one came|noone came|pressed the buzzer|"
    r"was ignored|were ignored|(?:after|during) my (?:section|c section|caesarean|birth|labour|delivery))\b"
)


def is_past_event(sentence: str, text: str = "") -> bool:
    """True when the sentence tells of a past event and has nothing current in it.

    A sentence is past when it has a clear past marker ("in 2021", "with my first"), or, in a
    message about complaining or giving feedback (`text`), when it tells what happened ("I was
    left", "nobody came").
    """
    if _CURRENT.search(sentence) is not None:
        return False
    if _PAST.search(sentence) is not None:
        return True
    return bool(text) and _TELLING_ABOUT_CARE.search(text) is not None and _TOLD_IN_PAST.search(sentence) is not None


# Someone the writer is helping: a third person, or a relation named as the subject.
_RELATION = (
    r"wife|partner|girlfriend|boyfriend|husband|fiance|fiancee|sister|daughter|son|mum|mother|mom|dad|father|"
    r"friend|best friend|colleague|niece|cousin|aunt|auntie|flatmate|neighbour|sister in law|daughter in law|"
    r"mother in law|client|patient|service user|woman|lady|girl|mate|other half|missus|misses|wifey"
)
_OTHER_RELATION = re.compile(rf"\b(?:{_RELATION})s?\b")
_OTHER_PRONOUN = re.compile(r"\b(?:she|he|her|him|hers|herself|himself|shes|hes)\b")
# The writer: first-person words, but not "my baby" or "our baby" (the baby is in both stories).
_WRITER = re.compile(r"\b(?:i|i am|myself|my(?! (?:baby|babies|little one|twins|newborn|bump)))\b")
# A person named at the very start of a match is its subject ("my sister s collapsed"); one
# named later in it is usually its object ("letters to my husband").
_SUBJECT_CHARS = 12


def about_someone_else(text: str, start: int, end: int, bounds: tuple[int, int], *, pronouns: bool = True) -> bool:
    """True when the last person named before the end of a match is someone other than the writer.

    "my wife is bleeding heavily" and "she keeps saying she wants to hurt the baby" are about
    someone else; "I'm bleeding", "my baby isn't moving" and a match with no person named are
    about the writer.

    Args:
        text: The normalised message.
        start: Where the match starts.
        end: Where the match ends.
        bounds: The match's sentence (start, end).
        pronouns: Whether "she" and "he" count. They do not when the baby is the subject
            ("he's barely moved since this morning").
    """
    scope = text[bounds[0] : end]
    limit = start - bounds[0] + _SUBJECT_CHARS
    patterns = (_OTHER_RELATION, _OTHER_PRONOUN) if pronouns else (_OTHER_RELATION,)
    last_other = max((m.end() for p in patterns for m in p.finditer(scope) if m.start() < limit), default=-1)
    last_writer = max((m.end() for m in _WRITER.finditer(scope) if m.start() < limit), default=-1)
    return last_other > last_writer
