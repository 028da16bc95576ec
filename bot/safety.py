"""The safety guard: spots messages that need urgent help, before anything else answers.

This module owns one decision: does a message suggest that someone may be in danger, and if
so, which urgent route fits (FACTS.md sections 0 and 8)? It is deliberately plain Python
(standard library only, no Rasa, no spaCy) so that it is fast, testable on its own and loaded
by the NLU component in `bot/rasa_ext/safety_guard.py`.

It is tuned for recall. Families write in a hurry, at night, on a phone: lower case, no
punctuation, typos ("bleading", "suicidle"), text-speak ("bby", "ur") and indirect wording
("I don't want to be here anymore"). So a message is first normalised (accents, apostrophes,
punctuation, repeated letters, a map of misspellings and variants) and then matched against
precompiled regular expressions grouped by category.

Precision comes second. A match is set aside only when it is clearly not about a person in
danger now:

- a mention of the topic: the sentence names a leaflet, training, a drill, a survey... and has
  no first-person or current signal ("I", "my", "she", "now", "since"...) once an organiser's
  own words ("I'm designing a leaflet...") are taken out; or the match is glued to such a word
  ("haemorrhage drill", "session on reduced movements");
- a story from the past: the sentence has a clear past marker ("in 2021", "3 years ago",
  "with my first") and nothing current (no "now", "again", "still", present tense...). This
  never applies to mental health: a past crisis still gets the crisis lines.

Priority when several categories match, highest first (`CATEGORIES` is in this order):

1. `EMERGENCY`: 999 is the most immediate action, and it is also the right route for a
   crisis where someone has already been harmed ("I've cut myself and there's blood
   everywhere", "I've taken an overdose"), as FACTS.md 8.5 says.
2. `MENTAL_HEALTH`: a risk to the person's own life comes before a call to the maternity
   unit; its hand-off still offers 999 when life is at risk.
3. `BABY_MOVEMENTS`: reduced or changed movements are a common, time-critical sign that is
   often left until the next day, so they get their own, specific wording.
4. `MATERNITY_TRIAGE`: everything else that needs a call to the maternity unit now.

`assess` returns the first category; `assess_all` returns every category that matched, in
priority order, for a caller that wants to add the secondary routes.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from re import Pattern

logger = logging.getLogger(__name__)

EMERGENCY = "emergency"
MENTAL_HEALTH = "mental_health"
BABY_MOVEMENTS = "baby_movements"
MATERNITY_TRIAGE = "maternity_triage"

#: Every category, in priority order (first wins when several match).
CATEGORIES: tuple[str, ...] = (EMERGENCY, MENTAL_HEALTH, BABY_MOVEMENTS, MATERNITY_TRIAGE)

# Very long messages are cut, because regex time grows with length. The cut is generous:
# chat messages are short, and the start and the end are kept, since an urgent line is
# usually the first thing said or the last.
MAX_CHARS = 20_000
_KEEP_HEAD = 12_000
# How far (in characters of normalised text) a rule looks for the context it requires.
_CONTEXT_CHARS = 200


@dataclass(frozen=True)
class SafetyMatch:
    """Why a message was routed.

    Attributes:
        category: One of `CATEGORIES`.
        matched: The normalised text span that triggered the route (for logs and tests).
        rule: The name of the rule that matched.
    """

    category: str
    matched: str
    rule: str = ""


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Sentence ends; a full stop or colon between digits ("38.5", "10:30") is not one.
_SENTENCE_BREAK = re.compile(r"[!?;\n\r\u2026]+|\.+(?!\d)|(?<!\d)[.:]+|:(?!\d)|\s[-\u2013\u2014]+\s")
_WEEKS = re.compile(r"\b(\d{1,2}) ?(?:w|wk|wks|wek|weks|week|weeks|weaks)\b")
_TO_AFTER_VERB = re.compile(r"\b(want|wanted|wanting|going|need|like|have|got|trying|try|wish|able) 2\b")

# Exact token variants, applied after punctuation is removed and runs of three or more of
# the same letter are cut to two. One line per spelling: "canonical = variant variant ...".
# A canonical form may be several words ("i am"); a line may be repeated to stay short.
_VARIANT_TABLE = """
    you = u ya yu
    your = ur
    you are = youre
    are = r
    i am = im iam
    i have = ive
    i am going to = ima imma
    she is = shes
    he is = hes
    she had = shed
    he had = hed
    there is = theres
    that is = thats
    it is = its
    they are = theyre
    what is = whats wots
    what = wat wot
    want to = wanna wana
    going to = gonna gona
    got to = gotta
    dont know = dunno
    i dont know = idk
    dont = dnt
    doesnt = dosnt dosent doesent
    didnt = didint dident didn
    isnt = isent isint isn aint
    hasnt = hasent hasn hasint hasnot hant
    havent = havnt havet hvnt hvent havint havenot havn haven havnet havnt
    cant = carnt cnt cannot cany cnat
    couldnt = couldn cudnt couldent cldnt coudnt
    wasnt = wasn wasent
    arent = aren
    wouldnt = wouldn
    not = nt nit
    no more = nomore
    and = n nd
    with = w wit
    before = b4
    for = 4
    when = wen
    please = pls plz plez plse pleas pleae
    help = halp hlp hepl helpp
    because = coz cos cuz bc bcoz becuase becasue
    nothing = nothin nuffin nothng nthing nuthin
    anything = anythin anythng nething
    something = sumthing somethin smth
    everything = evrything everythin
    everyone = evry1 every1 evryone everybody
    no one = noone no1 nobody
    a lot = alot
    lots of = lotsa
    so = soo sooo
    really = realy rly
    today = 2day tday tdy todayy
    tonight = 2nite 2night tonite tnight tonyt
    tomorrow = tmrw tmr 2moro 2morrow tomoz tomorow
    yesterday = yday yest yesturday yesterdy
    morning = mornin mrning moring
    hour = hr
    hours = hrs
    minutes = min mins
    week = wk
    weeks = wks
    baby = bby bbys babys babies babie babyy bbay babay baba babby bubba bubs bub bebe lo bbies babeh
    little = lil
    girlfriend = gf girlfriends gfs
    wife = wifes wifey missus missis misses
    partner = partners
    husband = hubby husbands
    midwife = mw midwif midwive midwfe
    pregnant = preg preggo preggers pregnent pregant prego pregnat prgnant pregnany
    pregnancy = pregnacy pregancy pregnancey
    tummy = stomach stomache stomch stomack belly tum abdomen abdominal abdo tummie tummys stomachs bellys womb
    tummy = uterus
    pain = pains painful painfull pian paine
    ache = aching achey achy aches
    cramps = crampy cramping crampin
    headache = headach hedache headake headaches headachs hedake heddache headahce headace headacke headche
    migraine = migrane migrain migraines
    vision = vison visoin eyesight eyesite visions
    blurry = blury blurred blured blurd blurring bluring blurr blurey blur blurryy
    fuzzy = fuzy
    swollen = swolen swolled swelled sollen swolan swollan swolllen
    swelling = sweling swellin sweeling swealing
    puffy = pufy puffed
    itchy = itchey ichy itchie itchiness itchyness itching iching itchin itches itch
    temperature = temp temprature tempreture temperture tempature temperatur
    fever = fevers feaver fevour
    haemorrhage = hemorrhage hemorrage haemorage haemorrage hemmorage hemmorhage hemorhage haemorhage haemorrhaging
    haemorrhage = hemorrhaging haemoraging hemoraging hemmoraging haemorrhaged hemorrhaged hemorraging haemorraging
    haemorrhage = haemorrhages pph
    seizure = seizures siezure siezures seisure ceasure ceasures seazure
    seizing = seizuring siezing
    convulsing = convulsions convulsion convulsed convulsin
    fitting = fiting fittin
    unconscious = unconcious unconsious unconcsious unconscius unconshus unconsius
    unresponsive = unresponsiv unresponcive unrepsonsive
    collapsed = colapsed collasped collpased collapesd
    collapse = colapse
    collapsing = colapsing
    fainted = feinted fainteded
    breathing = breathin breating breathng breething brething breathig breahting breathinf
    breathe = breath breth breeth brethe breate
    floppy = flopy flopping
    suicide = sucide suiside suicde suicid suicied suecide sewerslide
    suicidal = suicidle suicidel sucidal suisidal suicidial sucidial suicdal suisidle suicidale suacidal sucidle
    suicidal = suicidall suicidey
    kill = kil kll unalive
    kill myself = kms
    killing = killin kiling
    myself = myslef mysef meself mself mysel myselfe myslf myseld mysefl mysself
    dying = dieing dyin
    dead = ded
    harming = harmin
    hurting = hurtin
    self harm = selfharm
    self harming = selfharming
    self harmed = selfharmed
    waters = watters warters watrs watets
    broke = brok
    broken = brokn borken
    blue = blueish bluish bluey
    grey = greyish greying grayish
    purple = purply purpley
    green = greeny greenish grean gren
    brown = browny brownish brwn
    smelly = smely stinky
    spotting = spoting spottin spotin
    clots = clotts clotz
    blood = blud
    movement = movment moovement movemnt movemant
    movements = movments movemnts movemets moovements movemements movemenets movents mvmts mvmnts movemants
    movements = movemnets moevments
    moving = movin moveing movng mooving movinf moivng movign moviing
    moved = movd mooved moveed
    move = moove mve
    moves = mooves
    kicking = kickin kiking kickng
    kicks = kiks kix
    kicked = kickd kiked
    kick = kik
    felt = fealt feelt
    feeling = feelin feling fealing
    wriggling = wiggling wigglin
    wriggle = wiggle
    wriggles = wiggles
    wriggled = wiggled
    wriggly = wiggly
    everywhere = everywere evrywhere everwhere everywear
    heavy = heavey hevy
    heavily = heavly heavyly heavilly heavyily hevily
    bleeding = bleading bledding bleding bleedin bleedng bleeing bleedign bledin bleadin bleedding bleedimg
    bleeding = blleding bleedinng beeding bleedind
    bleed = blead
    bleeds = bleads
    bled = bleded
    emergency = emergancy emergeny emergancey emergecy emergensy emergncy emrgency
    ambulance = ambulence ambulnce amberlance ambalance ambulanse ambulace
    hallucinating = halucinating hallucinate
    hallucinations = halucinations
    voices = voises
    paranoid = paranoyd
    psychosis = psycosis sycosis phychosis pyschosis
    psychotic = psycotic pyschotic
    labour = labor laubor labur
    contractions = contactions contractins contrations contraction contrcations contarctions
    pre eclampsia = preeclampsia preclampsia preeclamptic eclampsia
    c section = csection caesarean cesarean caesarian
    vomiting = vommiting vomitting vomitting
"""


def _parse_variants(table: str) -> dict[str, str]:
    variants: dict[str, str] = {}
    for line in table.strip().splitlines():
        canonical, _, spellings = line.partition("=")
        for spelling in spellings.split():
            variants[spelling] = canonical.strip()
    return variants


_TOKEN_VARIANTS: dict[str, str] = _parse_variants(_VARIANT_TABLE)

# Phrases rewritten after the token map, on the whole space-joined string.
_PHRASE_SUBS: tuple[tuple[Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\bhas not\b", "hasnt"),
        (r"\bhave not\b", "havent"),
        (r"\bis not\b", "isnt"),
        (r"\bdo not\b", "dont"),
        (r"\bdoes not\b", "doesnt"),
        (r"\bdid not\b", "didnt"),
        (r"\bcan not\b", "cant"),
        (r"\bcould not\b", "couldnt"),
        (r"\bwill not\b", "wont"),
        (r"\bwas not\b", "wasnt"),
        (r"\bare not\b", "arent"),
        (r"\bwould not\b", "wouldnt"),
        (r"\bany more\b", "anymore"),
        (r"\bhead ache\b", "headache"),
        (r"\bsewer slide\b", "suicide"),
        (r"\bun alive\b", "kill"),
        (r"\bself harming\b", "self harm"),
        (r"\bself harmed\b", "self harm"),
        (r"\bbaby s\b", "baby"),
        (r"\bi m\b", "i am"),
        (r"\bi ve\b", "i have"),
    )
)

_LETTER_RUNS = re.compile(r"([a-z])\1+")


def _squash(token: str) -> str:
    return _LETTER_RUNS.sub(r"\1", token)


# Variants keyed by the token with every run of one letter squashed to one letter, so
# "bleeeeding", "bleding" and "bledding" all meet at "bleding". Only words whose squashed
# form is unambiguous are listed ("feel" and "fell" both squash to "fel", so neither is).
_SQUASHED_VARIANTS: dict[str, str] = {
    "bleding": "bleeding",
    "bleadin": "bleeding",
    "bleading": "bleeding",
    "bledin": "bleeding",
    "suicidal": "suicidal",
    "suicidle": "suicidal",
    "suicide": "suicide",
    "kil": "kill",
    "kiling": "killing",
    "myself": "myself",
    "movements": "movements",
    "moving": "moving",
    "movin": "moving",
    "kicking": "kicking",
    "haemorhage": "haemorrhage",
    "hemorhage": "haemorrhage",
    "unconscious": "unconscious",
    "unconcious": "unconscious",
    "colapsed": "collapsed",
    "emergency": "emergency",
    "ambulance": "ambulance",
    "swolen": "swollen",
    "sweling": "swelling",
    "blury": "blurry",
    "itchy": "itchy",
    "headache": "headache",
    "help": "help",
    "please": "please",
    "waters": "waters",
    "floppy": "floppy",
    "flopy": "floppy",
    "breathing": "breathing",
    "everywhere": "everywhere",
    "heavily": "heavily",
    "heavy": "heavy",
    "baby": "baby",
    "bby": "baby",
    "kicks": "kicks",
    "blod": "blood",
    "clots": "clots",
    "spoting": "spotting",
    "tumy": "tummy",
}


@lru_cache(maxsize=8192)
def _canonical_token(token: str) -> str:
    variant = _TOKEN_VARIANTS.get(token)
    if variant is not None:
        return variant
    squashed = _squash(token)
    variant = _SQUASHED_VARIANTS.get(squashed)
    if variant is not None:
        return variant
    return token


def normalise(text: str) -> str:
    """Normalises a message for matching.

    Lower case, accents stripped, apostrophes dropped ("don't" -> "dont"), other punctuation
    and symbols (emoji, markup) turned into spaces, runs of three or more of the same letter
    cut to two ("sooooo" -> "soo"), then common misspellings and text-speak mapped to one
    spelling ("bleading" -> "bleeding", "bby" -> "baby", "im" -> "i am").

    Args:
        text: The raw message.

    Returns:
        Space-separated lower-case words; an empty string when nothing is left.
    """
    if not isinstance(text, str) or not text:
        return ""
    if text.isascii():
        stripped = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    stripped = _APOSTROPHES.sub("", stripped)
    stripped = _NON_ALNUM.sub(" ", stripped)
    stripped = _REPEATS.sub(r"\1\1", stripped)
    stripped = _WEEKS.sub(r"\1 weeks", stripped)
    joined = " ".join(_canonical_token(token) for token in stripped.split())
    for pattern, repl in _PHRASE_SUBS:
        joined = pattern.sub(repl, joined)
    joined = _TO_AFTER_VERB.sub(r"\1 to", joined)
    return joined


# --------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: Pattern[str]
    # Context that must be near the match (within _CONTEXT_CHARS), or in the same sentence.
    requires: Pattern[str] | None = None
    requires_in_sentence: bool = False


def _rule(name: str, pattern: str, requires: str | None = None, *, in_sentence: bool = False) -> _Rule:
    return _Rule(name, re.compile(pattern), re.compile(requires) if requires else None, in_sentence)


# Building blocks. Text is normalised, so words are separated by single spaces.
_TUMMY = r"(?:tummy|pelvic|pelvis|bump|lower back|side|ribs)"
_PERSON = (
    r"(?:i|i am|she|she is|he|he is|baby|my baby|the baby|newborn|my newborn|my son|my daughter|son|daughter|"
    r"wife|my wife|partner|my partner|girlfriend|my girlfriend|husband|my husband|mum|my mum|sister|my sister|"
    r"they|little one|twins|woman|a woman|lady|a lady|someone|somebody|mother|patient|man|friend|my friend)"
)
_BABYISH = r"(?:baby|bump|little one|twins|he|she|they)"
# Anything that says a pregnancy or a baby is in the picture.
_PREGNANCY_CONTEXT = (
    r"\b(?:baby|bump|pregnant|pregnancy|weeks|midwife|kick\w*|movements?|due|labour|triage|"
    r"maternity|antenatal|postnatal|newborn|birth|born|son|daughter|little one|twins|wife|partner|girlfriend|"
    r"my|her|i am|i have|i|she|he|him|felt|feel)\b"
)
_FIRST_PERSONISH = r"\b(?:i|me|my|mine|myself|she|her|he|him|his|wife|partner|girlfriend|husband|baby)\b"

_EMERGENCY_RULES: tuple[_Rule, ...] = (
    # Heavy bleeding, clots, haemorrhage.
    _rule(
        "heavy_bleeding",
        r"(?<!\bnot )(?<!\bisnt )(?<!\bno )(?<!\bnot too )(?<!\bnot very )(?<!\bnot that )(?<!\bwasnt )"
        r"(?<!\bwithout )(?<!\barent )(?<!\bnot so )\b(?:heavy|heavily|lots of|lot of|loads of|so much|too much|"
        r"tons of|masses of|huge amount of|pouring|"
        r"gushing|soaking|flooding|really bad|very bad|severe|severely|massive|big|large|extreme|constant|"
        r"uncontrollable|uncontrollably|non stop|more and more|serious|a gush of|gush of|very much|really heavy|"
        r"quite heavy|fairly heavy|a huge|a massive|a big|a large)"
        r"(?: (?:of|with|the|fresh|red|bright|bright red|dark|vaginal|amount|amounts))*"
        r" (?:bleeding|bleed|bleeds|blood|blood loss|haemorrhage)\b",
    ),
    _rule(
        "bleeding_heavily",
        r"\b(?:bleeding|bleed|bled|bleeds|blood|blood loss|losing blood)(?: \w+){0,3}? "
        r"(?<!\bnot )(?<!\bisnt )(?<!\bno )(?<!\bnot too )(?<!\bnot very )(?<!\bnot that )(?<!\bwasnt )"
        r"(?<!\bwithout )(?<!\barent )(?<!\bnot so )(?:heavily|heavy|a lot|loads|"
        r"lots|so much|too much|really bad|really badly|badly|so bad|everywhere|all over|wont stop|not stopping|"
        r"isnt stopping|doesnt stop|cant stop|keeps coming|pouring|gushing|like a tap|like a period times|"
        r"through (?:my|her|the|a|two|2|everything|pads?|clothes|trousers|sheets|towels?|the bed)|"
        r"soaked|soaking|won t stop|more and more|getting worse|getting heavier|heavier)\b",
    ),
    _rule(
        "blood_everywhere",
        r"\b(?:blood|bleeding) (?:is |was |all |just |has )*(?:everywhere|all over|pouring|gushing|running down|"
        r"dripping|soaking|pooling|on the floor|all over the floor|through)\b",
    ),
    _rule(
        "pouring_out",
        r"\b(?:it is|its|it|blood is|bleeding is|blood|bleeding|everything is|theres blood)(?: just| literally| now)? "
        r"(?:pouring|gushing|flooding|streaming|running|pumping|spurting|gushed|poured|pours|gushes|spurted|rushed|"
        r"came pouring|came gushing|flooded)(?: out| down| everywhere| from)?\b",
        r"\b(?:bleeding|bleed|bled|blood|spotting|clots?)\b",
    ),
    _rule(
        "blood_coming_fast",
        r"\b(?:blood|bleeding) (?:is |keeps |just |has been )?(?:coming out|coming|flowing|leaking|running|dripping)"
        r"(?: \w+)? (?:fast|quickly|so fast|really fast|a lot|loads|everywhere|in clumps|in gushes|non stop)\b",
    ),
    _rule(
        "bleeding_near_intense",
        r"\b(?:bleeding|bleed|bled|blood)\b(?: \w+){0,4}? (?<!\bnot )(?<!\bisnt )(?<!\bno )(?<!\bnot too )"
        r"(?<!\bnot very )(?<!\bnot that )(?<!\bwasnt )(?<!\bwithout )(?<!\barent )(?<!\bnot so )(?:heavy|heavily|"
        r"lots|loads|a lot|"
        r"so much|too much|masses|pouring|gushing|flooding|everywhere|wont stop|clots|soaked|soaking|huge|massive|"
        r"pints|buckets)\b"
        r"|(?<!\bnot )(?<!\bisnt )(?<!\bno )(?<!\bnot too )(?<!\bnot very )(?<!\bnot that )(?<!\bwasnt )"
        r"(?<!\bwithout )(?<!\barent )(?<!\bnot so )\b(?:heavy|heavily|lots|loads|a lot|so much|too much|masses|"
        r"pouring|gushing|flooding|"
        r"huge|massive|buckets)\b(?: \w+){0,4}? (?:bleeding|bleed|bled|blood)\b(?! (?:test|tests|pressure|sugar))",
    ),
    _rule(
        "soaking_pads",
        r"\b(?:soaked|soaking|soak|filled|filling|fill|gone through|going through|go through|through|changing)"
        r"(?: \w+){0,3}? (?:pad|pads|maternity pads?|sanitary towels?|towels?|sheets|bed)\b"
        r"(?: \w+){0,4}? (?:an hour|1 hour|one hour|an hr|half an hour|hour|minutes|every)\b",
    ),
    _rule(
        "soaking_in_blood",
        r"\b(?:soaked|soaking|covered|drenched|filled|full)(?: \w+){0,3}? (?:in|with|of) blood\b",
    ),
    _rule(
        "clots",
        r"\b(?:passing|passed|pass|big|large|huge|massive|golf ball|lemon|plum|fist|lots of|loads of|"
        r"blood|more|keep passing|keeps passing|bleeding and|bleeding with|bleeding)"
        r"(?: \w+){0,2}? clots?\b(?! in (?:my|her|the) (?:legs?|lungs?|calf|calves|arm))"
        r"|\bclots? (?:the size|as big|like a|coming out|came out|keep coming|falling out|size of)\b"
        r"|\b(?:coming out|came out|passing|passed|coming away) in (?:clumps|lumps|chunks|bits)\b"
        r"|\b(?:clumps|lumps|chunks) of blood\b"
        r"|\b(?:cant|wont|doesnt|isnt|not|hasnt|havent|cannot) (?:stop|stopping|stopped) bleeding\b",
    ),
    _rule("haemorrhage", r"\bhaemorrhage\b"),
    _rule(
        "losing_blood",
        r"\b(?:losing|lost|lose)(?: \w+){0,2}? (?:blood|so much blood)\b(?! (?:test|tests|pressure|sugar))",
    ),
    # Severe or constant tummy pain.
    _rule(
        "severe_pain",
        r"\b(?:severe|sharp|constant|continuous|unbearable|excruciating|agonising|agonizing|extreme|terrible|"
        r"horrendous|horrific|awful|really bad|very bad|so bad|stabbing|worst|non stop|intense|crippling|"
        r"shooting|tearing|ripping|screaming|searing)"
        r"(?: \w+){0,3}? (?:pain|cramps?|cramping|ache)\b",
    ),
    _rule(
        "tummy_pain_persisting",
        rf"\b{_TUMMY} (?:pain|cramps?|cramping|ache)(?: \w+){{0,5}}? (?:wont stop|doesnt stop|isnt stopping|"
        r"not stopping|wont go|doesnt go|not going away|isnt going away|doesnt come and go|doesnt ease|wont ease|"
        r"all the time|constant|constantly|non stop|getting worse|unbearable|so bad|really bad|agony|"
        r"cant stand|cant move|cant walk|cant breathe|cant talk)\b",
    ),
    _rule(
        "pain_severe_or_persisting",
        r"\bpain(?: in (?:my|her|the) (?:tummy|side|back|lower back|pelvis|ribs|bump|chest))?"
        r"(?: is| has been| keeps| feels| is getting| getting| just| it is| its| so| really| now| has| gets| got|"
        r" that| which)* "
        r"(?:unbearable|excruciating|agony|agonising|severe|constant|so bad|really bad|awful|horrendous|terrible|"
        r"too much|getting worse|worse and worse|wont stop|doesnt stop|not stopping|isnt stopping|never stops|"
        r"wont go away|doesnt go away|not going away|isnt going away|doesnt ease|wont ease|not easing|"
        r"all the time|non stop|off the scale|the worst)\b",
    ),
    _rule(
        "pain_and_bleeding",
        r"\b(?:severe|sharp|bad|awful|terrible|unbearable|constant|excruciating|horrendous|extreme|intense|really|"
        r"very|so|lots of|a lot of|loads of|stabbing|agonising)(?: \w+)? (?:pain|cramps|ache)\b"
        r"(?: \w+){0,8}? (?:bleeding|bleed|bled|blood)\b"
        r"|\b(?:bleeding|bleed|bled|blood)\b(?: \w+){0,8}? (?:severe|sharp|bad|awful|terrible|unbearable|constant|"
        r"excruciating|horrendous|extreme|intense|really|very|so|lots of|a lot of|loads of|stabbing|agonising)"
        r"(?: \w+)? (?:pain|cramps|ache)\b"
        r"|\btummy(?: is| feels| has gone| gone| really| very| so)* (?:rock hard|hard as a rock)\b",
    ),
    _rule(
        "in_agony",
        r"\b(?:in agony|agony|doubled over|doubled up|cant stand up straight|screaming in pain|"
        r"crying in pain|writhing|cant move for the pain|cant move with the pain|worst pain)\b",
    ),
    _rule(
        "chest_pain",
        r"\b(?:chest pain|chest pains|pain in (?:my|her|the) chest|chest (?:is |feels )?(?:tight|hurts|hurting|"
        r"crushing)|tight chest|crushing chest)\b",
    ),
    # Fits, collapse, unconscious.
    _rule(
        "seizure",
        r"\b(?:seizure|seizing|convulsing|eclamptic)\b"
        r"|\b(?:having|had|has|have|went into|gone into|keeps having|keep having|started having|a)"
        r"(?: a| another| an)? (?:fit|fits)\b"
        rf"|\b{_PERSON}(?: is| has| has been| keeps| started| was| just| been)* fitting\b"
        r"|\b(?:shaking|jerking|twitching|shaking and jerking) (?:uncontrollably|all over|and (?:wont|not|isnt|cant) "
        r"(?:respond|wake|stop))\b",
    ),
    _rule(
        "collapse",
        rf"\b{_PERSON}(?: \w+){{0,2}}? (?:collapsed|collapsing|collapse|fainted|fainting|passed out|passing out|"
        r"blacked out|blacking out|keeled over|keeps passing out|keep passing out)\b"
        r"|\b(?:has |have |just )?collapsed (?:at|in|on|and|in the)\b",
        r"\b(?:i|me|my|mine|myself|she|her|he|him|his|wife|partner|girlfriend|husband|baby|woman|lady|someone|"
        r"somebody|mother|mum|patient|man|friend)\b",
    ),
    _rule(
        "about_to_collapse",
        r"\b(?:going to|about to|gonna|might|could|feel like i am going to|feel like i|think i am going to)"
        r" (?:pass out|faint|collapse|black out)\b",
    ),
    _rule(
        "unconscious",
        r"\b(?:unconscious|unresponsive|lifeless)\b(?! bias)"
        rf"|\b{_PERSON}(?: is| has| s| keeps| just| wont| isnt| not| has gone| went| gone)* "
        r"(?:not responding|wont respond|isnt responding|wont wake up|wont wake|not waking up|not waking|"
        r"cant wake|cant be woken|limp|floppy|out cold|not conscious)\b"
        r"|\b(?:cant|couldnt|unable to|cannot) (?:wake|rouse) (?:her|him|baby|the baby|my baby|them|my wife|"
        r"my partner|my girlfriend|my husband|my son|my daughter)\b",
    ),
    # Baby not breathing or seriously ill; anyone unable to breathe.
    _rule(
        "not_breathing",
        r"\b(?:not|isnt|stopped|stop|stops|stopping|cant|couldnt|struggling to|struggle to|struggling|trouble|"
        r"difficulty|"
        r"problems|problem|hard to|fighting for|gasping for|gasping|laboured|labored|noisy|grunting|wont|"
        r"finding it hard to|unable to)(?: \w+)? (?:breathing|breathe)\b(?! (?:through (?:my|her|his) nose|exercises?"
        r"|techniques?|space))",
    ),
    _rule(
        "baby_breathing_signs",
        r"\b(?:breathing|breathe)(?: is| really| very| so| been| has been| seems| sounds| looks)* (?:fast|rapid|"
        r"noisy|weird|strange|funny|shallow|laboured|labored|irregular|odd|wheezy|rattly|struggling)\b"
        r"|\b(?:grunting|grunts|gasping|gasps|wheezing|ribs sucking|chest sucking|sucking in under|"
        r"sucking in with each|pauses in (?:his|her|their) breathing)\b"
        r"|\b(?:lethargic|hard to wake|difficult to wake|wont wake for (?:feeds|a feed|feeding|his feed|her feed)|"
        r"not waking for (?:feeds|a feed|feeding)|not waking up for (?:feeds|a feed)|"
        r"cant wake (?:him|her|them|baby|the baby|my baby)|wont stay awake|not feeding and (?:floppy|sleepy|hot))\b",
        r"\b(?:baby|newborn|old|son|daughter|little one|twins|he|she|him|her)\b",
    ),
    _rule(
        "breathless",
        r"\b(?:very|really|suddenly|severely|extremely|so|badly|struggling|cant|cant get)(?: \w+)? "
        r"(?:short of breathe|breathless|out of breathe)\b|\bcant (?:catch|get) (?:my|her|his) breathe\b",
    ),
    _rule(
        "blue_floppy_baby",
        r"\b(?:baby|newborn|little one|son|daughter|he|she|him|her|twins)(?: is| has| s| has gone| went| gone| going|"
        r" turned| turning| looks| look| seems| is going| is looking| keeps| started| just| been| was| very|"
        r" really| so| all| completely| quite| a bit| very)* (?:blue|grey|gray|floppy|limp|mottled|blotchy and cold|"
        r"turning blue|going blue|stiff and|choking|not breathing|seriously ill|very ill|really ill|so ill|"
        r"really poorly|very poorly|seriously poorly|extremely poorly|critically ill|very unwell|really unwell|"
        r"seriously unwell|extremely unwell|so unwell|so poorly|cold and floppy|pale and floppy|lethargic and|"
        r"not feeding and)\b",
    ),
    _rule(
        "floppy_or_blue",
        r"(?<!\bfeeling )(?<!\bfeel )(?<!\bfeels )"
        r"\b(?:is|s|has gone|gone|went|looks|look|looking|seems|going|turned|turning|very|really|so|all|bit|"
        r"and|suddenly|quite)(?: a| an| really| funny| bit| little| slightly| kind of| sort of| very| quite| all|"
        r" weird)*"
        r" (?:floppy|limp|lifeless|blue|grey|gray|mottled|purple)\b(?! (?:badge|light|lights|"
        r"team|book|folder|form|sky|one|ones|car))",
        r"\b(?:baby|newborn|old|son|daughter|little one|twins|he|she|him|her)\b",
    ),
    _rule(
        "blue_lips",
        r"\b(?:lips|face|skin|tongue|mouth)(?: are| is| have| has| look| looks| gone| going| turned| turning| gone a| a"
        r"| bit| really| very| slightly)* (?:blue|grey|gray|purple|mottled)\b|\bblue (?:lips|face|tinge)\b",
    ),
    _rule(
        "seriously_ill_baby",
        r"\b(?:seriously|very|really|critically|extremely|desperately|dangerously) (?:ill|poorly|unwell|sick) "
        r"(?:baby|newborn|son|daughter|little one)\b"
        r"|\brash(?: \w+){0,4}? (?:doesnt|dont|wont|isnt|not|didnt) (?:fade|go away when|disappear when)\b"
        r"|\bglass test\b|\bbulging (?:soft spot|fontanelle)\b|\b(?:soft spot|fontanelle) (?:is )?bulging\b",
    ),
    _rule(
        "baby_hurt",
        r"\b(?:dropped (?:the|my|our) baby|baby (?:fell|has fallen|rolled) (?:off|from|down)|"
        r"baby (?:hit|banged) (?:his|her|their) head|baby (?:is )?choking|fell (?:down|off) with (?:the|my) baby)\b",
    ),
    # Labour happening now, outside hospital.
    _rule(
        "birth_happening",
        r"\b(?:baby|head|babys head) (?:is )?(?:coming out|crowning|coming now|is coming now|coming right now|"
        r"half out|out|born)(?: \w+){0,3}? (?:at home|in the car|on the floor|in the bathroom|in the toilet|now|"
        r"right now|cant get|no midwife|on my own|alone)\b"
        r"|\b(?:can see|i see|feel|seeing) (?:the )?(?:baby |babys |the baby )?(?:head|cord|hair)\b(?! (?:of|teacher|"
        r"office))|\bcord (?:is )?(?:coming out|hanging|came out|prolapse)\b"
        r"|\bgiving birth (?:at home|in the car|now|right now|on my own|alone)\b"
        r"|\bbaby (?:is )?coming(?: \w+){0,4}? (?:in the car|at home|stuck|no midwife|cant get|on the way|"
        r"wont make it|not going to make it|on the floor|right now|now|fast|too fast|quickly)\b"
        r"|\b(?:stuck|trapped) in (?:the car|traffic)\b(?: \w+){0,6}? (?:baby|contractions|labour|push|waters)\b"
        r"|\b(?:need|have|has|want) to push(?: \w+){0,3}? (?:now|cant get|no midwife|at home|in the car)\b",
    ),
    # Someone says they are dying, or that life is at risk.
    _rule(
        "dying",
        r"\b(?:think|feel like|feels like|scared|afraid|worried|going to|gonna|about to|like) (?:i am|i|she is|"
        r"she|he is|he|baby is|the baby is|my baby is|we are|im|i will|shes)"
        r" (?:going to |about to |gonna |might |could |will |may |am going to |is going to )?"
        r"(?:dying|die|pass out and die|not make it|not going to make it)\b"
        r"|\b(?:i am|she is|he is|baby is|my baby is|the baby is|my wife is|my partner is) dying\b"
        r"(?! (?:to|for|of (?:embarrassment|boredom|laughter|laughing|thirst|curiosity)|laughing|inside))"
        r"|(?<!\bnot )\b(?:risk to (?:her |his |my |their |the )?life|life threatening|life or death|"
        r"danger to (?:her |my )?life|"
        r"in danger|isnt going to make it|not going to make it)\b",
    ),
    _rule(
        "call_999",
        r"\b(?:call|ring|phone|dial|called|rang|phoned|need|needs|get|getting|send|sending|waiting for|"
        r"waiting on|should i call|do i call|do i need) (?:an |the |a )?(?:ambulance|999|paramedics?)\b"
        r"|\b(?:this is|its|it is|having|we have|i have|theres|there is|got) an? (?:emergency|medical emergency)\b"
        r"|\bemergency (?:help|please|now)\b",
    ),
    # Harm already done.
    _rule(
        "overdose_taken",
        r"\b(?:taken|took|swallowed|had|have had|done|did) (?:an |a )?(?:overdose|od)\b|\boverdosed\b"
        r"|\b(?:taken|took|swallowed|had) (?:all|loads|lots|a lot|too many|a whole|the whole|a full|handfuls?|"
        r"a handful|a bunch)(?: of)?(?: \w+){0,2}? (?:pills|tablets|paracetamol|painkillers|meds|medication|"
        r"sleeping pills|antidepressants)\b",
    ),
    _rule(
        "sepsis",
        r"\b(?:sepsis|septic)\b",
        _FIRST_PERSONISH,
    ),
)

_MENTAL_HEALTH_RULES: tuple[_Rule, ...] = (
    _rule("suicidal", r"\b(?:suicidal|suicide)\b"),
    _rule(
        "kill_myself",
        r"\b(?:kill|killing|end|ending|hang|hanging|drown|drowning|hurt|hurting|harm|harming|cut|cutting|burn|"
        r"burning|starve|starving|poison|poisoning|shoot|stab|stabbing|punish|punishing|overdose on) myself\b"
        r"|\b(?:take|taking|end|ending|took) (?:my|her|his) (?:own )?life\b"
        r"|\b(?:kill|kills|killing|cut|cuts|cutting|harm|harms|harming|burn|burns|burning|hang|hanging|"
        r"strangle|strangling|overdose on|starving) (?:herself|himself|themselves)\b"
        r"|\bself harm\b|\bself injur\w*\b",
    ),
    _rule(
        "want_to_die",
        r"\b(?:want|wants|wanting|wanna|wanted|wish|wishes|wishing|going|ready|like|planning|plan|need|trying) to "
        r"(?:die|be dead|not exist"
        r"|stop existing|disappear forever|not wake up|sleep forever|go to sleep and never wake up|end it|"
        r"end it all|end everything|end my life|be gone|not be alive|not be here)\b"
        r"|\b(?:wish|wishing|hope) (?:i|i was|i were|i could)(?: \w+){0,2}? (?:dead|die|gone|never born|"
        r"wasnt born|wasnt here|wasnt alive|werent here|didnt exist|not here|not alive|could disappear|"
        r"could just disappear|dont wake up|never wake up|didnt wake up|wouldnt wake up)\b"
        r"|\b(?:go to sleep|fall asleep|sleep|close my eyes) and (?:not|never|dont|didnt|wont) (?:wake up|wake|"
        r"open them)\b"
        r"|\bwant to (?:just )?(?:disappear|vanish)\b"
        r"|\b(?:life|living|my life) (?:isnt|is not|not|is no longer|aint) worth (?:living|it)\b"
        r"|\bnot worth living\b"
        r"|\bwant (?:it|everything|it all|this|all of this|all this|life|my life|the thoughts|these thoughts)"
        r"(?: all)? to (?:stop|end|be over|go away)\b"
        r"|\b(?:better off dead|rather be dead|rather die|id rather die|would rather die|end it all|"
        r"ending it all|end things|ending things|end everything|no reason to live|nothing to live for|"
        r"(?:dont|doesnt|didnt) want to (?:live|be alive|exist|wake up|be here anymore|be here no more)"
        r"(?! (?:in|at|with|near|there|here|like that|on|for|when|if|until|till|so))|"
        r"cant live like this|cant live with (?:this|myself)|dont deserve to live|should(?:nt)? be alive|"
        r"shouldnt be here|should not be here)\b",
    ),
    _rule(
        "end_it",
        r"\b(?:want to|going to|gonna|thinking of|thinking about|think about|could|might|should|will|just|to|"
        r"planning to|plan to|ready to|decided to|about to|of|about|considering|consider|contemplating)"
        r"(?: just)? (?:end|ending) (?:it|it all|things|everything|my life|this life)\b"
        r"(?! (?:with|off|there|here|early|on|for|between|now then))",
        r"\b(?:i|me|my|myself|she|her|he|tonight|today|now|soon|sometimes)\b",
    ),
    _rule(
        "not_be_here",
        r"\b(?:dont|doesnt|didnt|never) want to (?:be here|be around|carry on|go on|keep going|do this|"
        r"live|exist|be alive|wake up|be in this world)(?:(?: anymore| no more| any longer| like this| and| i|"
        r" i am| because| but| now| today| tonight| it is| everything)\b|$)"
        r"|\b(?:dont|doesnt) want to be here\b(?! (?:when|for|at|while|if|on|in|with|to|until|till|before|after))"
        r"|\b(?:not|dont|doesnt) want to be here anymore\b"
        r"|\b(?:not wanting|no longer wanting|doesnt want|dont want) to (?:be here|live|be alive|exist|wake up)\b"
        r"(?! (?:when|for|at|while|if|on|in|with|to|until|till|before|after|near|there|here|so|like that|through))",
    ),
    _rule(
        "better_off_without_me",
        r"\b(?:happier|better|better off|easier|fine|ok|okay|safer)(?: \w+){0,3}? (?:if|when|once|without) "
        r"(?:i (?:was|were|am|wasnt|werent) (?:gone|dead|not here|not around|no longer here|out of the way|"
        r"out of the picture|here)|me around|me here|i (?:just )?(?:disappeared|died|vanished|left for good|"
        r"ended it|wasnt here|wasnt around|werent here|was gone|killed myself))\b"
        r"|\b(?:better off without me|better without me|be better off if i|better off if i was(?:nt| not)? here|"
        r"better off if i (?:wasnt|was not|werent|was gone|died|was dead)|no one would (?:miss|notice|care) "
        r"(?:me|if i)|nobody would (?:miss|notice|care)|wouldnt miss me|wont miss me|"
        r"(?:i am|im|i feel like|feel like) (?:a|such a|just a) burden|burden to (?:everyone|my family|them|you all))"
        r"\b",
    ),
    _rule(
        "no_point",
        r"\b(?:no point|whats the point|what is the point|(?:dont|cant|do not|cannot) see (?:the|any|a) point|"
        r"see no point|lost the will)(?: in| of| to)?(?: \w+)? (?:living|life|going on|carrying on|being here|"
        r"being alive|anything|anymore|trying|me|existing|to live|continuing|waking up|it all|any of it)\b"
        r"|\blost the will to live\b|\b(?:no|cant see a|dont see a|cant see any|there is no) way out\b",
    ),
    _rule(
        "cant_go_on",
        r"(?<!\bwe )(?<!\bthey )(?<!\bit )(?<!\byou )(?<!\bmnvp )(?<!\bwe just )"
        r"\b(?:cant|couldnt|unable to|dont think i can|no longer) (?:go on|carry on|keep going|keep doing this|"
        r"do this anymore|take (?:it|this|anymore|much more|any more)|cope anymore|cope any longer|"
        r"cope with (?:this|it|life|anything|everything|any of it|it all|being|the baby|my baby|him|her|"
        r"myself|motherhood|my thoughts|these thoughts|how i feel)|live like this|face (?:tomorrow|another day|"
        r"anything|life))\b"
        r"|\bcant cope(?:(?: anymore| any more| at all| and| i| i am| it is| help| please| right now| now)\b|$)"
        r"|\b(?:at|reached) (?:my )?breaking point\b|\b(?:having|had|on the verge of|close to|about to have) "
        r"(?:a|another)? ?(?:breakdown|nervous breakdown|mental breakdown)\b"
        r"|\b(?:falling apart|hit rock bottom|at rock bottom|in crisis|mental health crisis|crisis team|"
        r"crisis line|in a really dark place|in a dark place|dark thoughts|really dark thoughts|"
        r"scary thoughts|intrusive thoughts|horrible thoughts|bad thoughts|awful thoughts)\b"
        r"|\b(?:panic attack|panic attacks|panicking and cant)\b",
    ),
    _rule(
        "done_with_life",
        r"\b(?:done with|finished with|tired of|sick of|had enough of) (?:life|living|everything|it all|this life|"
        r"being alive|existing|being here)\b"
        r"|\bwant (?:out of|out|to get out of) (?:this life|life|of life|everything|it all)\b"
        r"|\b(?:i am|i feel like i am|i might be|i could be|she is|she might be|i think i am|im) a (?:danger|risk|"
        r"threat) to (?:my|the|our|her|him|myself|herself|others|everyone)\b",
    ),
    _rule(
        "thinking_about_death",
        r"\b(?:thinking|think|thoughts|thought|obsessed|fixated|dreaming|daydreaming|fantasising)"
        r" (?:about|of) (?:dying|death|being dead|suicide|killing myself|not being here|not being alive|"
        r"not existing|my funeral|ending it|ending things|ending my life)\b",
    ),
    _rule(
        "cant_keep_going",
        r"\b(?:how much longer|how long) (?:i|she|he) (?:can|could) (?:keep going|go on|carry on|cope|do this|"
        r"take this|take it|last|hold on)\b"
        r"|\b(?:drive|driving|drove|crash|crashing|steer|steering) (?:the car |my car |the pram )?(?:into|off) "
        r"(?:a|the) (?:wall|tree|bridge|river|lorry|road|cliff|canal|sea|motorway)\b"
        r"|\b(?:scared|afraid|frightened|terrified|worried) (?:of|about) what (?:i|she|he) (?:might|could|will|would|"
        r"may|am going to) do\b"
        r"|\b(?:dont|cant|doesnt) trust (?:myself|herself|himself) (?:with|around|alone with|near|to be alone with)\b"
        r"|\b(?:leave|leaving|left|abandon|abandoning) (?:the|my|our) baby(?: \w+){0,6}? (?:never|not) "
        r"(?:come|coming) back\b"
        r"|\b(?:want to|going to|gonna|could|might|just) run away\b"
        r"|\bnever (?:come|coming) back\b",
    ),
    _rule(
        "hopeless",
        r"\b(?:i am|i feel|feeling|i feel so|i feel really|feel|she is|she feels|i have been feeling|ive been)"
        r"(?: \w+)? (?:hopeless|worthless|empty inside|numb and|like a failure and|trapped and|like giving up|"
        r"like ending it|like dying|like disappearing)\b"
        r"|\bi hate myself\b|\b(?:give|giving) up on (?:life|everything|myself)\b",
    ),
    _rule(
        "self_harm_acts",
        r"\b(?:cutting|cut|burning|burnt|scratching|hitting|punching|bruising|hurting) (?:my|her) "
        r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|self)\b"
        r"|\b(?:been|started|start|keep|i am|im) (?:cutting|self harming) (?:again|myself)?\b"
        r"|\b(?:urge|urges) to (?:cut|hurt|harm|burn)\b"
        r"|\b(?:want|wanting) to (?:cut|hurt|harm|burn) (?:myself|again|my (?:arms?|legs?|wrists?|skin|self|thighs?))\b"
        r"|\b(?:stockpiling|saving up|hoarding|collecting) (?:pills|tablets|my tablets|my pills|meds|painkillers)\b"
        r"|\b(?:pills|tablets|meds|painkillers) (?:saved|stashed|hidden|ready|saved up|stockpiled)\b"
        r"|\b(?:walk|walked|walking|wade|waded) into the (?:sea|river|traffic|road|lake|canal)\b"
        r"|\b(?:step|stepped|walk|walked|jump|jumped|throw myself) (?:out )?in front of (?:a|the) "
        r"(?:train|bus|car|lorry|truck)\b"
        r"|\b(?:been|started|start|keep|keeps|urges? to|relapsed|relapse|want to|wanting to|did|done) sh"
        r"(?: again| myself)?\b|\bsh (?:again|urges)\b"
        r"|\b(?:thinking about|thought about|thinking of|want to take|going to take|plan to take|planning to take)"
        r"(?: \w+){0,2}? (?:overdose|all my pills|all my tablets|all the pills|all the tablets|the whole packet)\b"
        r"|\b(?:jump|jumping|throw myself) (?:off|in front of|under|from)\b"
        r"|\b(?:rope|noose|ligature)\b",
        r"\b(?:i|me|my|myself|she|her|he|him|want|wanting|urge|urges|thinking|keep|again|been|started)\b",
    ),
    # Thoughts of harming the baby, or wishing the baby gone.
    _rule(
        "harm_baby",
        r"(?<!\bcan )(?<!\bwill )(?<!\bcould )(?<!\bdid )(?<!\bdo )(?<!\bmight )(?<!\bwould )(?<!\bdoes )(?<!\bif )"
        r"(?<!\bshould )(?<!\bhow )(?<!\bwhat )(?<!\bam )"
        r"\b(?:i|i will|i might|i could|i would|i am going to|i want to|i feel like|i am scared i|i am afraid i|"
        r"i am worried i|scared i|afraid i|worried i|scared that i|afraid that i|worried that i|thoughts of|"
        r"thoughts about|thinking of|thinking about|urge to|urges to|images of|pictures of|keep picturing|"
        r"keep imagining|keep thinking about|imagining|picturing|tempted to|want to|wanting to|going to|feel like)"
        r"(?: \w+){0,3}? (?:hurting|harming|killing|smothering|shaking|suffocating|drowning|strangling|hitting|"
        r"throwing|hurt|harm|kill|smother|shake|suffocate|drown|strangle|hit|throw|squeeze|suffocated|smothered)"
        r"(?: \w+){0,1}? (?:the baby|my baby|baby|our baby|my son|my daughter|my newborn|the newborn|him|her|them|"
        r"my child|my kids|the kids|the children)\b",
    ),
    _rule(
        "intrusive_harm",
        r"\b(?:flashes|images|thoughts|visions|pictures|urges|ideas|fantasies|dreams|thinking)(?: \w+){0,2}? "
        r"(?:of|about) (?:\w+ing)\b(?: \w+){0,2}? (?:her|him|the baby|my baby|baby|them|my son|my daughter|"
        r"my newborn)\b"
        r"|\b(?:on purpose|deliberately|intentionally)(?: \w+){0,3}? (?:hurt|harm|drop|dropping|hurting|harming)"
        r" (?:her|him|the baby|my baby|baby)\b",
        r"\b(?:hurt\w*|harm\w*|drop\w*|throw\w*|smother\w*|shak\w*|kill\w*|drown\w*|suffocat\w*|"
        r"stab\w*|hit\w*|push\w*|squeez\w*|on purpose|deliberately|stairs|window|wall|pillow|bath)\b",
    ),
    _rule(
        "baby_gone",
        r"\bwish(?:ing)? (?:the|my|this|our) baby (?:was|were|would|had|could|didnt|wasnt|never|would just)"
        r"(?: \w+){0,2}? (?:gone|dead|die|born|exist|here|go away|disappear|taken away|leave|away)\b"
        r"|\bwish(?:ing)? (?:i|we) (?:had never|hadnt|never|didnt)(?: \w+){0,2}? (?:had|have|gotten|got) "
        r"(?:the|my|this|a|her|him|them|our) ?baby\b"
        r"|\bwish(?:ing)? (?:i|we) (?:had never had|never had|hadnt had) (?:her|him|them)\b"
        r"|\b(?:dont|do not) want (?:the|my|this|our) baby(?:(?: anymore| near me| any more| i)\b|$)"
        r"|\b(?:want|wanted|wanting) (?:the|my|this|our) baby (?:to )?(?:gone|dead|to go away|to disappear|"
        r"taken away|to be gone|to be taken|to die|out of my life)\b"
        r"|\b(?:i hate|i dont love|i cant love|i dont feel anything for|i feel nothing for|i cant bond with|"
        r"i resent) (?:the|my|this|our) baby\b"
        r"|\b(?:the|my|our) baby (?:would be|is|will be) better off without me\b"
        r"|\bwish(?:ing)? (?:she|he|they|the baby|my baby|it) (?:had|would have|would|was|were|wasnt|werent|"
        r"hadnt|didnt)(?: never| not| just)? (?:been born|born|existed|exist|here|dead|gone|go away|disappear)\b"
        r"|\b(?:give|giving) (?:the|my|our) baby away\b|\bregret having (?:the|my|this|our|a) baby\b",
    ),
    # Psychosis symptoms after birth.
    _rule(
        "psychosis",
        r"\b(?:hearing voices|hear voices|heard voices|hears voices)\b(?! (?:of|from|that|at|in the))"
        r"|\b(?:voices in my head|voices in her head|"
        r"voices telling|voices are telling|voices keep|hallucinating|hallucinations|"
        r"(?:seeing|see|saw|sees|hearing|hear|hears) things (?:that |which )?(?:arent|are not|werent|isnt|no one|"
        r"nobody|other people cant)|"
        r"the voices (?:tell|told|say|said|keep|are telling|are back|in my head|in her head|wont stop)|"
        r"voices tell|voices told|voices say|voices said|voices saying|mission from god|"
        r"chosen one|special powers|god is talking|god told|god is telling|messages from god|messages from the tv|"
        r"losing my mind|losing her mind|"
        r"lost touch with reality|not real anymore|nothing feels real)\b"
        r"|\b(?:i am|she is|he is|i feel|she seems|she has been|she has|i have been|shes|she|im)(?: \w+)? "
        r"(?:(?:going mad|going crazy|going insane|gone mad)(?! (?:with|at|trying|over|about|lol|haha|because))|"
        r"paranoid|manic|hallucinating|delusional|psychotic|acting (?:really |very |so )?(?:strange|strangely|"
        r"weird|weirdly|odd|oddly|bizarre|crazy|manic|paranoid|confused|not herself|out of character)|"
        r"not herself|talking nonsense|not making sense|saying (?:strange|weird|odd|crazy|bizarre|scary) things|"
        r"seeing (?:things|people|someone)|hearing (?:things|voices))\b"
        r"|\b(?:baby|the baby|my baby) (?:is|isnt) (?:evil|possessed|the devil|not mine|not ours|not my baby|"
        r"not real|swapped|switched|a robot|an imposter|being controlled)\b"
        r"|\b(?:thinks|believes|convinced|sure) (?:that )?(?:the baby|baby|people|someone|everyone|they|the nurses|"
        r"the midwives|the neighbours|the tv|god|the devil)(?: \w+){0,2}? (?:is|are|has|have)"
        r"(?: \w+){0,2}? (?:watching|following|poisoning|after|evil|possessed|swapped|switched|trying to|"
        r"talking to|speaking to|sending|messages|out to get|plotting|controlling)\b"
        r"|\b(?:people|someone|they|everyone) (?:are|is) (?:watching|following|out to get|after|poisoning|"
        r"plotting against|trying to hurt|trying to kill) (?:me|us|her|the baby)\b"
        r"|\b(?:god|the devil|the tv|the radio) (?:is|are) (?:talking|speaking|sending messages) to (?:me|her)\b",
    ),
    _rule(
        "no_sleep_and_strange",
        r"\b(?:hasnt|havent|not|hardly|barely|cant|cannot|wont) (?:slept|sleeping|sleep)(?: \w+){0,3}? "
        r"(?:days|nights)(?: \w+){0,3}? (?:and|but) (?:she|he|i|is|thinks|believes|keeps|talking|acting|says|"
        r"saying|seems|convinced)(?: \w+){0,4}? (?:strange|weird|odd|manic|confused|racing|god|devil|mission|"
        r"special|watching|poison|evil|voices|things|not herself|not himself|not real|nonsense|crazy|"
        r"paranoid|bizarre|hyper|invincible)\b",
    ),
    _rule(
        "psychosis_named",
        r"\b(?:psychosis|psychotic|delusions|delusional|mania|manic episode)\b",
        r"\b(?:i|me|my|she|her|he|him|wife|partner|girlfriend|now|since|today|tonight)\b",
        in_sentence=True,
    ),
    _rule(
        "not_safe",
        r"\b(?:i am|i|she is|she|he is|we are)(?: really| just| honestly)? not safe\b(?! (?:to drive|for|to eat|"
        r"to take))"
        r"|\b(?:dont|doesnt|do not|no longer|not) feel(?:ing)? safe (?:with|around|on my own with|alone with|"
        r"being alone with) (?:myself|my thoughts|the baby|my baby|him|her|my own thoughts|herself|my mind)\b"
        r"|\bnot safe (?:with|around|alone with|to be left with) (?:myself|my thoughts|the baby|my baby|him|her|"
        r"herself)\b",
    ),
    _rule(
        "asking_for_crisis_line",
        r"\b(?:samaritans|text shout|shout 85258|85258|116 123|crisis line|crisis team|crisis number)\b"
        r"|\b(?:i|me)(?: \w+){0,2}? (?:need|want|have to|should) (?:to )?(?:talk to|speak to|call|ring|contact|text|"
        r"get hold of)?(?: the)? (?:samaritans|shout|crisis line|crisis team|mental health crisis team|"
        r"someone now|someone right now)\b",
    ),
)

_BABY_MOVEMENTS_RULES: tuple[_Rule, ...] = (
    _rule(
        "baby_not_moving",
        rf"\b{_BABYISH}(?: is| has| have| are| was| s| been| had)?(?: still| really| definitely| just| actually|"
        r" barely| hardly| not)? (?:not|isnt|hasnt|havent|arent|wasnt|didnt|doesnt|wont|cant|dont|never|stopped|"
        r"barely|hardly|"
        r"not been|hasnt been|no longer|slowed down|slowed right down|gone quiet|been quiet|went quiet)"
        r"(?: \w+){0,2}? (?:moving|moved|move|moves|movement|movements|kicking|kicked|kick|kicks|wriggling|"
        r"wriggled|active|as active|squirming|stirring|stirred|responding|responded)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "not_felt_baby",
        r"\b(?:not|havent|hasnt|cant(?! wait)|couldnt(?! wait)|didnt|dont|doesnt|wasnt|isnt|never|no longer|barely|"
        r"hardly|stopped|not been able to|been unable to|unable to|without)(?: \w+){0,2}? (?:felt|feel|feeling|feels)"
        r"(?: (?:the|my|our|her|his|any|a|much|much of|single|proper|real|strong|usual|normal|them|it|him|"
        r"any more|anymore|as many|as much))*"
        r" (?:baby|bump|him|her|them|kicks|kick|kicking|movements|movement|moving|move|moved|wriggles|wriggling|"
        r"flutters|fluttering|a kick|a move|a movement|a thing|anything|nothing|life)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "movements_changed",
        r"\b(?:movements|movement|kicks|kicking|wriggles|wriggling|activity|pattern|routine|kick pattern|"
        r"movement pattern)(?: have| has| are| is| seem| seems| feel| feels| have been| has been| got| getting| keep|"
        r" definitely| kind of| sort of| a bit| really| much| so| all| just| gone| went| been| slowly)*"
        r" (?:slowed|slowing|slow|slower|reduced|reducing|stopped|stopping|changed|changing|different|less|fewer|"
        r"weaker|weak|quieter|quiet|not the same|not as|decreased|decreasing|lighter|softer|fainter|rare|"
        r"infrequent|less often|less frequent|sluggish|odd|weird|strange|off|down|nothing like|not like|a lot less|"
        r"way less|much less|far less|lot less|"
        r"arent the same|isnt the same|not normal|arent normal|arent right|not right)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "moving_less",
        r"\b(?:moving|moved|move|moves|kicking|kicked|kick|kicks|wriggling|active)(?: \w+){0,2}? (?:less|slower|"
        r"much less|a lot less|hardly at all|barely at all|less than usual|less than normal|less than before|"
        r"less than she|less than he|not as much|not as often|weaker|differently|fewer|less often|"
        r"not much|quieter|not very much|very little|at all today|at all since)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "fewer_movements",
        r"\b(?:less|reduced|fewer|decreased|decrease in|decreasing|no|not any|not many|hardly any|barely any|"
        r"weaker|slower|slowing|change in|changes in|changed|different|slowed|lack of|absent|absence of|lower|"
        r"stopped|less frequent|not much|lost|not as many|no more|little or no|little to no|any)"
        r"(?: \w+){0,1}? (?:baby |fetal |foetal |the )?(?:movements|kicks|kicking|wriggles|movement|moving)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "baby_quiet",
        r"\b(?:baby|bump|little one|he|she|they)(?: is| has| s| been| was| went| gone| seems| seem| just| really|"
        r" very)*"
        r"(?: very| really| so| unusually| super| a lot| quite| a bit| too| much| extra| weirdly| strangely| dead)? "
        r"(?:quiet|quite|quieter|still|lazy|sleepy|sluggish|not himself|not herself|not active|inactive|"
        r"less active|less wriggly)(?: \w+){0,3}? (?:today|tonight|all day|all night|all morning|all evening|since|"
        r"this morning|this afternoon|this evening|for hours|for ages|for a while|than usual|than normal|"
        r"recently|lately|compared|the last|for the last|for the past|since yesterday|since last)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "unsure_baby_moved",
        r"\b(?:dont think|not sure|unsure if|unsure whether|not sure if|cant tell if|dont know if|wondering if|"
        r"not convinced|doubt)(?: that)?(?: the| my| our)? (?:baby|he|she|bump|they|little one)(?: has| is| s| have)? "
        r"(?:moved|kicked|moving|kicking|been moving|been kicking|active)(?: \w+){0,2}? (?:much|at all|today|"
        r"as much|enough|since|properly|tonight|all day|lately|recently)\b",
    ),
    _rule(
        "then_nothing",
        r"\b(?:moving|kicking|active|wriggling|kicks|movements)(?: \w+){0,4}? (?:and|but) (?:now|then|suddenly|"
        r"today|since|since then|this morning|tonight)(?: just)? (?:nothing|stopped|not|no|quiet|hasnt|isnt|"
        r"he is|she is|it is|barely|hardly)\b"
        r"|\b(?:now|today|tonight|since then|since this morning|since last night|since lunch)(?: just)? "
        r"(?:nothing|silence|not a thing)\b"
        r"|\bused to (?:kick|move|wriggle|be (?:really |so |very )?(?:active|wriggly))(?: \w+){0,4}? (?:and|but) "
        r"(?:now|these days|today|lately|recently)\b",
        r"\b(?:baby|bump|kick\w*|mov\w*|pregnant|weeks|wriggl\w*|active)\b",
    ),
    _rule(
        "last_felt",
        r"\b(?:cant remember|dont remember|cant recall|dont know) (?:the last time|when) (?:i|she|we) "
        r"(?:last )?(?:felt|noticed|had)\b"
        r"|\bonly (?:can |could |been able to )?(?:felt|feel|feeling|had|noticed|counted|been|getting|get|a few|one|"
        r"two|1|2|3)(?: \w+){0,3}? (?:move|moved|movements?|"
        r"kicks?|kicking|moving|wriggles?|flutters?)\b"
        r"|\b(?:one|two|a couple of|a few|twice|once|1|2|3) (?:kicks?|movements?|little kicks|wriggles)"
        r"(?: \w+){0,2}? (?:all day|today|since|this morning|tonight|in \w+ hours)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "slowed_down",
        r"\b(?:baby|bump|he|she|little one|twins|movements|kicks|kicking|things)(?: has| have| is| s| seems| seem|"
        r" really| definitely| just| kind of| a bit| totally| suddenly)* (?:slowed down|slowed right down|"
        r"slowing down|slowed|calmed right down|calmed down a lot|settled right down)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "not_noticed_much",
        r"\b(?:havent|hasnt|not|didnt|dont|cant|couldnt|barely|hardly|wasnt|isnt)(?: really)? (?:noticed|had|seen|felt|"
        r"been|got|getting|feeling|noticing) (?:much|many|any|a lot of|lots of|as much|as many|the usual|a single|"
        r"one|her usual|his usual|proper|big)(?: \w+)? (?:movement|movements|kicks|kicking|moving|wriggles|"
        r"activity|kick)\b"
        r"|\b(?:baby|bump|he|she|little one|they) (?:hasnt|has not|havent|not|didnt|isnt|wasnt)(?: really)? "
        r"(?:done|been doing|doing) (?:much|anything|a lot|a thing|her usual|his usual|their usual|the usual)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "movement_near_reduced",
        r"\b(?:movement|movements|moving|moved|move|moves|kick|kicks|kicking|kicked|wriggl\w*|activity)\b"
        r"(?: \w+){0,4}? (?:less|reduced|fewer|slowed|slower|slowing|stopped|barely|hardly|weaker|softer|"
        r"quieter|nothing|decreased|decreasing|rarely|lost|lighter|fainter|not much|not many|not as|"
        r"barely anything|hardly anything)\b"
        r"|\b(?:less|reduced|fewer|slowed|slower|barely|hardly|weaker|softer|quieter|decreased|lighter|fainter|"
        r"not much|not many|not as many|not as much)\b(?: \w+){0,3}? (?:movement|movements|moving|moved|move|kicks|"
        r"kicking|kicked|wriggles|wriggling|activity)\b",
        r"\b(?:baby|bump|he|she|him|her|little one|twins|pregnant|weeks|kick\w*|movements?)\b",
    ),
    _rule(
        "baby_gone_quiet",
        r"\b(?:baby|bump|little one|twins)(?: is| has| s| been| just| really| very| all| so| feels| seems| feel)* "
        r"(?:gone|went|going|feels|seems|gone very|gone really|gone so|been really|been very|been so|been unusually|"
        r"is unusually|unusually|really|very|so) (?:quiet|quite|still)\b",
    ),
    _rule(
        "usually_active_but",
        r"\b(?:usually|normally|always|would usually|would normally|is usually|is normally)(?: \w+){0,3}? "
        r"(?:active|kicks?|kicking|moves?|moving|wriggl\w*|busy|going mad|goes mad|goes crazy|goes wild|mad|crazy|"
        r"party|wild|boxing|rolling)"
        r"(?: \w+){0,8}? (?:but|nothing|not|hasnt|havent|isnt|quiet|today|tonight|this)\b",
        r"\b(?:baby|bump|kicks?|kicking|movements?|pregnant|weeks|he|she|little one)\b",
    ),
    _rule(
        "nothing_from_baby",
        r"\b(?:nothing|no movement|no movements|no kicks|no kicking|not a kick|not a thing|no sign of life|"
        r"no response|no reaction|not a peep|not a wriggle|silence)(?: \w+){0,2}? from (?:the |my |our |her )?"
        r"(?:baby|bump|him|her|them|little one|twins)\b",
    ),
    _rule(
        "cold_drink_no_response",
        r"\b(?:cold|ice|iced|icy|fizzy|sugary|sweet|sugar|chocolate)(?: \w+){0,2}? (?:water|drink|juice|coke|"
        r"lucozade|sweets|pop|something|fizzy|biscuit|bar)\b(?: \w+){0,12}? (?:nothing|still (?:not|no|hasnt|"
        r"isnt|wont|quiet|nothing)|no (?:kicks|movement|movements|response)|not (?:moving|kicking|moved|kicked)|"
        r"hasnt (?:moved|kicked)|no luck|didnt (?:move|kick|work|help)|doesnt (?:move|kick|work))\b",
    ),
    _rule(
        "heartbeat",
        r"\b(?:cant|couldnt|cannot|unable to|not|no|didnt|havent|wont|trouble|struggling to|struggled to)"
        r"(?: \w+){0,2}? (?:find|hear|get|pick up|picking up|found|heard|detect|finding|hearing)(?: \w+){0,3}? "
        r"(?:heart ?beat|heart rate|heart)\b"
        r"|\bno heart ?beat\b|\bdoppler(?: \w+){0,5}? (?:nothing|cant|couldnt|not|no)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "not_kicked_since",
        r"(?<!\bi )(?<!\bwe )(?<!\bi have )(?<!\bi am )(?<!\bwe have )"
        r"\b(?:hasnt|havent|not|stopped|no longer|isnt|wasnt|didnt|barely|hardly|not been|hasnt been)"
        r"(?: been)? (?:kicked|kicking|kicks|moved|moving|wriggled|wriggling|stirred|felt)(?: \w+){0,2}? "
        r"(?:today|tonight|all day|all night|since|for (?:\w+ )?(?:hours|hour|day|days|ages|a while|long)|"
        r"this morning|this afternoon|this evening|last night|yesterday|as much|as usual|like usual|"
        r"like normal|like before|properly|much|at all|in hours|in ages|for over)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "cant_get_baby_to_move",
        r"\b(?:cant|cannot|unable to|couldnt|trying to|tried to|try to|tried everything to|tried loads to) "
        r"(?:get|make|wake) (?:the |my |our )?(?:baby|him|her|them|bump|little one) (?:to )?"
        r"(?:move|moving|kick|kicking|respond|wake|react|up)\b",
    ),
    _rule(
        "worried_movements",
        r"\b(?:worried|concerned|scared|anxious|worrying|unsure|not sure|panicking|freaking out|nervous|"
        r"uneasy|paranoid)(?: \w+){0,2}? (?:about|over|because of|re) (?:my |the |our |her |baby |his |their )*"
        r"(?:movements|movement|kicks|kicking|baby moving|baby not moving)\b",
    ),
    _rule(
        "pattern_changed",
        r"\b(?:baby|his|her|their|usual|normal)(?: usual| normal)? (?:pattern|routine)(?: \w+){0,2}? "
        r"(?:has |is |have |seems |feels )?(?:changed|different|gone|stopped|off|not)\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "feels_less_active",
        rf"\b{_BABYISH}(?: \w+){{0,2}}? (?:less|not as|isnt as|arent as|wasnt as|hasnt been as|not been as|"
        r"not very|much less|a lot less|nowhere near as|not nearly as) "
        r"(?:active|wriggly|kicky|lively|busy)\b",
        _PREGNANCY_CONTEXT,
    ),
)

_MATERNITY_TRIAGE_RULES: tuple[_Rule, ...] = (
    # Waters breaking, leaking or coloured.
    _rule(
        "waters_broken",
        r"\b(?:waters|(?:my|her|our|the|wife|partner|girlfriend|i think my|think my) water) (?:have |has |just |"
        r"might have |may have |might of |may of |have just |has just |are |is |"
        r"must have |think |probably |possibly |definitely |now |already |started |finally |literally |"
        r"completely |partially |slowly |been )*"
        r"(?:broken|broke|break|breaking|gone|went|go|going|leaking|leaked|leak|leaks|burst|popped|pop|"
        r"trickling|trickled|gushed|gushing|dribbling|coming out|came out|released|ruptured|started)\b",
    ),
    _rule(
        "waters_broken_reverse",
        r"\b(?:broken|broke|breaking|leaking|ruptured|lost|losing|leaked|burst)(?: my| her| the)? waters\b"
        r"|\b(?:membranes|srom|pprom|prom) (?:have |has )?(?:ruptured|gone|broken)\b|\bpprom\b"
        r"|\bmeconium (?:in|stained)\b|\b(?:there is|theres|its|it is|with|has|some|bits of) meconium\b"
        r"|\bwater (?:has |have |just |has just )?(?:broke|broken|burst|breaking)\b",
    ),
    _rule(
        "maybe_waters",
        r"\b(?:is (?:that|this|it)|could (?:it|that|this) be|might be|maybe|think (?:its|it is|that is)|"
        r"are (?:they|these|those)|was (?:that|it|this)|if (?:its|it is|that is)|whether (?:its|it is))"
        r" (?:my|her|the) waters\b"
        r"|\b(?:i am|she is|i have been|she has been|been|keep|i keep|started|still) leaking\b",
        _PREGNANCY_CONTEXT,
    ),
    _rule(
        "waters_coloured",
        r"\bwaters?(?: (?:are|is|look|looks|were|was|came out|come out|seem|seems|went|gone|have gone|has gone|"
        r"they are|and they are|and theyre|and its|and they|that are|which are))?(?: \w+){0,3}? "
        r"(?:green|brown|dark|yellow|yellowy|coloured|colored|discoloured|smelly|smell|smells|bloody|"
        r"blood|pink|red|murky|cloudy|stained|mucky|dirty|not clear|off)\b"
        r"|\b(?:green|brown|dark|coloured|discoloured|smelly|bloody|pink|murky|yellow|blood stained)"
        r"(?: \w+)? (?:waters|fluid|liquid|water)\b",
        r"\b(?:my|her|she|i|waters|pregnant|weeks|baby|leak\w*|broke|broken|gone|went)\b",
    ),
    _rule(
        "leaking_fluid",
        r"\b(?:leaking|leak|leaked|leaks|gush|gushing|gushed|trickle|trickling|dribbling|dribble|lost|losing|"
        r"pouring|sudden rush|rush)(?: of)?(?: \w+){0,2}? (?:fluid|liquid|water|clear stuff|wetness)\b"
        r"|\b(?:fluid|liquid|water) (?:is |keeps |has been |just )?(?:leaking|coming out|trickling|running down|"
        r"gushing|dripping)\b"
        r"|\bwatery (?:discharge|loss|fluid|leak|stuff)\b"
        r"|\b(?:soaking|soaked|wet|damp|drenched)(?: wet)? (?:down there|down below|my knickers|my pants|"
        r"my underwear|through my|knickers|pants|underwear)\b"
        r"|\b(?:discharge|fluid|wetness)(?: that| which)? (?:keeps|wont stop|doesnt stop|is constantly|constantly)"
        r"(?: \w+)? (?:coming|leaking|trickling|dripping)\b"
        r"|\b(?:wet|soaked|soaking) (?:myself|my pants|my knickers|my trousers|the bed|through)\b(?: \w+){0,4}? "
        r"(?:not wee|not urine|cant stop|keeps|still|isnt wee)\b",
        r"\b(?:my|her|i|she|pregnant|weeks|baby|bump)\b",
    ),
    _rule(
        "early_labour",
        r"(?:\b(?:i am|she is|we are|am i|is she|might be|could be|think i am|think she is|maybe)"
        r"(?: (?:already|definitely|probably|now|actually|really|still))* in (?:early |premature |preterm |"
        r"established )?labour\b"
        r"|\b(?:i|she|wife|partner|girlfriend|we)(?: (?:have|has|think|just|already|might have|may have|"
        r"probably))* (?:gone into|going into|went into|started|starting|start) (?:early |premature |preterm )?"
        r"labour\b"
        r"|\b(?:early|premature|preterm) labour\b)(?! (?:ward|suite|unit|party|government|mp|councillor|line|"
        r"room|rooms|team|staff|midwife|midwives|leader))"
        r"|\bcontractions?(?: \w+){0,3}? (?:every|apart|minutes|regular|started|starting|coming|getting|closer|"
        r"stronger|wont stop|since|for|really|so|already|now|at)\b"
        r"|\b(?:having|getting|started|feel|feeling|get|had|been having|keep having|keep getting) "
        r"(?:\w+ ){0,2}(?:contractions|tightenings|tightening|cramps)\b"
        r"|\b(?:tightenings|tightening) (?:every|are|since|for|keep|getting|started|coming)\b"
        r"|\b(?:regular|painful|strong|frequent|constant|early|lots of|proper) (?:contractions|tightenings)\b",
    ),
    # Headache, vision, swelling (possible pre-eclampsia).
    _rule(
        "severe_headache",
        r"\b(?:severe|bad|really bad|very bad|so bad|terrible|awful|splitting|blinding|pounding|thumping|worst|"
        r"horrible|horrendous|massive|killer|excruciating|unbearable|constant|throbbing|intense|crushing|"
        r"thunderclap|sudden|huge|raging|banging|stonking|extreme|horrid)(?: \w+){0,2}? (?:headache|migraine)\b"
        r"|\b(?:headache|migraine)(?: \w+){0,5}? (?:wont go|not going|doesnt go|wont shift|isnt going|"
        r"not shifting|paracetamol (?:not|isnt|doesnt|didnt|hasnt)|for (?:days|hours|\w+ days|\w+ hours|ages)|"
        r"all day|wont stop|doesnt stop|getting worse|so bad|really bad|unbearable|since|behind my eyes|"
        r"and (?:blurry|vision|seeing|flashing|spots|swelling|swollen|sick|vomiting|dizzy))\b"
        r"|\bhead (?:is )?(?:pounding|thumping|banging|splitting|killing me)\b",
    ),
    _rule(
        "vision_problems",
        r"\b(?:blurry|fuzzy|double|spotty|cloudy|loss of|losing|lost|changes? (?:in|to)|problems? with|"
        r"disturbed|disturbance|funny|weird|strange|odd|dark|blind spots in|patches in|sparkles in|"
        r"trouble with|issues with|gone|going)(?: my| her)? vision\b"
        r"|\bvision (?:is |has |has gone |gone |going |keeps |keeps going |went |s )?(?:blurry|fuzzy|funny|weird|"
        r"strange|double|going|gone|off|cloudy|spotty|odd|dark|wobbly|wavy|sparkly|dim|bad)\b"
        r"|\b(?:flashing|flashes of|flashes|flickering|sparkly|zig zag|zigzag) (?:lights?|light|in my eyes|"
        r"in (?:my|her) vision|in front of)\b|\bflashing (?:in|before) (?:my|her) eyes\b"
        r"|\bseeing (?:flashing|flashes|spots|stars|sparkles|zig zags|zigzags|floaters|lights|double|black spots|"
        r"things blurry|everything blurry|white spots|sparkly)\b"
        r"|\bspots (?:in front of|in|before) (?:my|her) eyes\b"
        r"|\b(?:spots|sparkles|lights|flashes|floaters|shapes|zigzags|zig zags|blind spots|black spots|stars|"
        r"patches|dots) (?:in|across|over|on) (?:my|her) (?:vision|eyes|sight)\b"
        r"|\b(?:cant|couldnt|cannot|struggling to|hard to) see (?:properly|clearly|straight|anything|well|right)\b"
        r"|\beyes (?:are |have |keep |went |gone |going )*(?:blurry|funny|fuzzy|weird|going funny|gone funny|"
        r"doing weird|playing tricks)\b|\bblurry\b",
    ),
    _rule(
        "swelling",
        r"\b(?:sudden|suddenly|really|very|so|massively|badly|puffy|swollen|swelling|puffed|puffing|bloated|"
        r"ballooned|ballooning)(?: \w+){0,3}? (?:face|hands|fingers|feet|ankles|legs|eyes|eyelids|wrists|lips)\b"
        r"|\b(?:face|hands|fingers|feet|ankles|legs|eyes|eyelids|wrists|hand|foot|ankle|leg)(?: \w+){0,2}?"
        r"(?: are| is| have| has| gone| got| really| very| so| suddenly| all| really| massively| badly| become|"
        r" been| started| getting| look| looks)* (?:swollen|swelling|puffy|swelled|puffed up|ballooned|"
        r"twice the size|double the size)\b"
        r"|\b(?:cant|couldnt) get (?:my|her) rings? off\b|\brings? (?:dont|doesnt|wont|no longer|dont even) "
        r"(?:fit|go on|come off)\b",
    ),
    _rule(
        "pre_eclampsia",
        r"\b(?:think|worried|scared|might|could|signs|symptoms|do i have|have i got|has she got|does she have|"
        r"diagnosed|suspected|suspect|possible|probably)(?: \w+){0,3}? pre eclampsia\b"
        r"|\b(?:blood pressure|bp) (?:is |was |has been |reading |readings |are |went |gone |keeps )*"
        r"(?:really |very |so |quite |a bit |slightly |too |dangerously )?(?:high|raised|up|elevated|through the roof|"
        r"sky high)\b|\b(?:high|raised|elevated) (?:blood pressure|bp)\b",
        r"\b(?:i|my|me|she|her|wife|partner|girlfriend|now|today|since|pregnant|weeks)\b",
    ),
    # Bleeding or spotting that is not described as heavy.
    _rule(
        "bleeding",
        r"(?<!\bgum )(?<!\bgums )(?<!\bnose )(?<!\bnipple )(?<!\bnipples )(?<!\bgums are )(?<!\bnose is )"
        r"(?<!\bnipples are )(?<!\bpiles )"
        r"\b(?:bleeding|bleed|bled|bleeds|spotting)\b"
        r"(?! (?:gums?|nose|nipples?|from (?:my|her|the) (?:nose|gums?|nipples?|mouth)|errors|mistakes|typos|"
        r"trends|patterns|the signs|it|them|that|this|money|cash|funds))",
    ),
    _rule(
        "some_blood",
        r"\b(?:some|bit of|little|little bit of|small amount of|spot of|spots of|drop of|drops of|streak of|streaks of"
        r"|streaky|trace of|traces of|fresh|red|brown|pink|bright red|dark|old|light|tinge of|tinged|specks? of|"
        r"smear of|blob of|bits of)(?: \w+)? blood\b(?! (?:test|tests|pressure|sugar|sugars|results|group|type|"
        r"donation|count|cells))"
        r"|\bblood(?:y)? (?:in|on|when|after|coming|stained|streaked|tinged|when i wipe|when i wiped|in my)"
        r"(?! (?:test|tests|pressure|sugar|results))\b"
        r"|\b(?:pink|brown|red|bloody|brownish|pinkish|blood stained|bloodstained|blood streaked)(?: \w+)? "
        r"(?:discharge|mucus|loss|fluid|show|stuff)\b",
    ),
    # Itching, temperature, vomiting, waterworks, wounds, falls.
    _rule(
        "itching",
        r"\bitchy(?: \w+){0,4}? (?:palms|hands|feet|soles|all over|everywhere|at night|really bad|so bad|"
        r"unbearable|like crazy|non stop|constantly|cant stop|driving me|arms and legs|legs and arms|"
        r"skin)\b"
        r"|\b(?:palms|hands|feet|soles|body|skin|arms|legs|everything)(?: of (?:my|her) (?:hands|feet))?"
        r"(?: are| is| so| really| very| have been| been| keep| keeps| feel| feels| super| unbelievably| insanely)*"
        r" itchy\b"
        r"|\b(?:obstetric cholestasis|cholestasis|icp)\b"
        r"|\b(?:scratching|scratched)(?: \w+){0,3}? (?:palms|hands|feet|soles|raw|until|till|all night|"
        r"skin off|bleed)\b",
        r"\b(?:i|my|me|she|her|pregnant|weeks|baby|bump|since|now|today|tonight|palms|soles|night|all over|"
        r"everywhere|hands)\b",
    ),
    _rule(
        "high_temperature",
        r"\b(?:high|raised|a high|got a|running a|have a|has a|with a|spiking a|had a|hot|very high|really high)"
        r" (?:temperature|fever)\b"
        r"|\b(?:temperature|fever)(?: is| of| was| reading| went| gone| has gone| keeps)*(?: up)?(?: to)? "
        r"(?:3[89]|4[0-2]|10[0-5]|high|really high|very high|up)\b",
    ),
    _rule(
        "fever",
        r"\b(?:fever|feverish|febrile|burning up|hot and cold|hot and shivery|shivery and hot|"
        r"shaking and hot|rigors|hot and shaking|feel hot and|feeling hot and)\b",
        r"\b(?:i|my|me|she|her|pregnant|weeks|baby|since|now|today|tonight|wife|partner)\b",
    ),
    _rule(
        "vomiting",
        r"\b(?:cant|cannot|unable to|couldnt) (?:keep|hold) (?:\w+ ){0,2}down\b"
        r"|\b(?:constant|constantly|non stop|nonstop|keep|keeps|keep on|cant stop|been|all day|every time)"
        r"(?: \w+)? (?:being sick|vomiting|throwing up|puking|sick)\b(?! (?:bag|bags|note|pay|leave))"
        r"|\b(?:vomiting|throwing up|being sick|puking)(?: \w+){0,3}? (?:all day|all night|non stop|constantly|"
        r"every|for hours|for days|since|everything)\b|\bhyperemesis\b",
    ),
    _rule(
        "waterworks",
        r"\b(?:cant|cannot|unable to|struggling to|hurts to|burns to|stings to|pain when i|burns when i|"
        r"stings when i|burning when i|stinging when i|it burns when i|it stings when i|it hurts when i|"
        r"havent been able to|not been able to)(?: \w+)? (?:wee|pee|urinate|pass urine|pass water)\b",
    ),
    _rule(
        "wound",
        r"\b(?:wound|scar|stitches|incision|c section wound|c section scar|episiotomy|tear|cut)(?: \w+){0,3}? "
        r"(?:infected|oozing|weeping|pus|smells|smell|smelly|stinks|opened|opening|open|gaping|split|burst|"
        r"red and hot|hot and red|hot to touch|coming apart|bleeding|leaking|swollen and)\b",
        r"\b(?:my|her|i|she|stitches|wound|scar|c section|incision|episiotomy)\b",
    ),
    _rule(
        "smelly_loss",
        r"\b(?:smelly|smells|smelling|foul|offensive|fishy|bad smelling|smell)(?: \w+){0,2}? "
        r"(?:discharge|loss|lochia|blood|bleeding|down below|waters)\b"
        r"|\b(?:discharge|lochia|bleeding|blood|loss) (?:\w+ ){0,2}(?:smells|smelly|stinks|foul|offensive)\b",
    ),
    _rule(
        "fall_or_blow",
        r"\b(?:fell|fallen|fall|tripped|slipped|landed|hit|punched|kicked me|elbowed|bumped|banged|thrown)"
        r"(?: \w+){0,4}? (?:on|onto|into|in|against) (?:my|her|the) (?:bump|tummy)\b"
        r"|\b(?:fell|fallen|had a fall|tripped|slipped)(?: \w+){0,3}? (?:down the stairs|down stairs|over)\b"
        r"|\b(?:car|road) (?:crash|accident)\b|\bcrashed (?:the|my|our) car\b",
        r"\b(?:pregnant|weeks|bump|baby|tummy)\b",
    ),
    _rule(
        "reduced_wellbeing_pregnant",
        r"\b(?:dizzy|faint|lightheaded|light headed|seeing stars)(?: \w+){0,3}? (?:and|with) (?:headache|blurry|"
        r"vision|bleeding|pain|swelling|swollen)\b",
    ),
)

_RULES_BY_CATEGORY: tuple[tuple[str, tuple[_Rule, ...]], ...] = (
    (EMERGENCY, _EMERGENCY_RULES),
    (MENTAL_HEALTH, _MENTAL_HEALTH_RULES),
    (BABY_MOVEMENTS, _BABY_MOVEMENTS_RULES),
    (MATERNITY_TRIAGE, _MATERNITY_TRIAGE_RULES),
)

# --------------------------------------------------------------------------------------
# Meta mentions: the topic, not a person
# --------------------------------------------------------------------------------------

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
    r"helpline number|agenda|consultation|strategy|campaigning|display|banner|website|webpage"
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
    r"set up|setting up|train|training|signpost|signposting|include|including|add|adding|"
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
    r"|(?<!\bwas )(?<!\bwere )\b(?:bleeding|losing|passing|gushing|pouring|leaking|hurting|cramping|"
    r"contracting|fitting|shaking|vomiting|breathing|moving|kicking|dying)\b"
)


def _sentence_spans(normalised_parts: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for part in normalised_parts:
        spans.append((position, position + len(part)))
        position += len(part) + 1
    return spans


def _is_meta_mention(text: str, start: int, end: int, bounds: tuple[int, int]) -> bool:
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
    # Only a sentence that names a leaflet, a drill, a session... can be a mention; the
    # organiser's own "I" ("I'm designing a leaflet") is not a person in danger.
    if _META.search(sentence) is None:
        return False
    without_organiser = _ORGANISER.sub(" ", sentence)
    # The match itself may hold a personal word ("my waters"); that still counts as personal.
    return _PERSONAL.search(without_organiser) is None


def _prepare(text: object) -> tuple[str, list[tuple[int, int]]]:
    if not isinstance(text, str) or not text.strip():
        return "", []
    if len(text) > MAX_CHARS:
        text = text[:_KEEP_HEAD] + "\n" + text[-(MAX_CHARS - _KEEP_HEAD) :]
    parts = [normalise(part) for part in _SENTENCE_BREAK.split(text)]
    parts = [part for part in parts if part]
    return " ".join(parts), _sentence_spans(parts)


def _sentence_bounds(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    covering = [(s, e) for s, e in spans if s < end and e > start]
    if not covering:
        return 0, len(text)
    return covering[0][0], covering[-1][1]


# Movements are first felt at about 16-24 weeks (FACTS.md 8.3): "not felt the baby yet at 16
# weeks" is a question for the midwife, not a reduced-movements emergency.
_NOT_FELT_YET_EARLY = re.compile(
    r"(?=.*\b(?:yet|first time|for the first time|start feeling|started feeling|when will i|when do you)\b)"
    r"(?=.*\b(?:[1-9]|1[0-9]|2[0-3]) weeks\b)"
)


def _is_past_event(sentence: str) -> bool:
    """True when the sentence tells of a past event and has nothing current in it."""
    return _PAST.search(sentence) is not None and _CURRENT.search(sentence) is None


def _category_match(
    category: str, rules: tuple[_Rule, ...], text: str, spans: list[tuple[int, int]]
) -> SafetyMatch | None:
    for rule in rules:
        if rule.requires is not None and rule.requires.search(text) is None:
            continue
        for found in rule.pattern.finditer(text):
            start, end = found.span()
            if start == end:
                continue
            bounds = _sentence_bounds(text, spans, start, end)
            sentence = text[bounds[0] : bounds[1]]
            # The context a rule requires must be near the match, not anywhere in a long text.
            if rule.requires is not None:
                scope = (
                    sentence
                    if rule.requires_in_sentence
                    else text[max(0, start - _CONTEXT_CHARS) : end + _CONTEXT_CHARS]
                )
                if rule.requires.search(scope) is None:
                    continue
            if _is_meta_mention(text, start, end, bounds):
                continue
            if category != MENTAL_HEALTH and _is_past_event(sentence):
                continue
            if category == BABY_MOVEMENTS and _NOT_FELT_YET_EARLY.match(sentence):
                continue
            return SafetyMatch(category=category, matched=found.group(0).strip(), rule=rule.name)
    return None


def assess_all(text: str) -> tuple[SafetyMatch, ...]:
    """Finds every urgent category a message matches.

    Args:
        text: The raw message, as typed.

    Returns:
        One `SafetyMatch` per matching category, in priority order (see `CATEGORIES`);
        empty when nothing urgent was found or the input is not usable text.
    """
    try:
        prepared, spans = _prepare(text)
        if not prepared:
            return ()
        matches = []
        for category, rules in _RULES_BY_CATEGORY:
            match = _category_match(category, rules, prepared, spans)
            if match is not None:
                matches.append(match)
        return tuple(matches)
    except Exception:  # pragma: no cover - a guard must never take the bot down
        logger.exception("Safety guard failed on a message; treating it as not urgent")
        return ()


def assess(text: str) -> SafetyMatch | None:
    """Decides whether a message needs an urgent route, and which one.

    Args:
        text: The raw message, as typed. Anything that is not a non-empty string gives None.

    Returns:
        The highest-priority `SafetyMatch`, or None when the message is not urgent.
    """
    matches = assess_all(text)
    if not matches:
        return None
    logger.debug("Safety match %s (%s): %r", matches[0].category, matches[0].rule, matches[0].matched)
    return matches[0]
