"""Turning a message into the plain words the rules match: one spelling for each way of writing it.

Disguised characters are undone first (`bot.text.fold`: zero-width characters, look-alike
letters, "b1eeding", "b l e e d i n g"), with the words the rules use as the vocabulary.
Then: lower case, accents stripped, apostrophes dropped ("don't" -> "dont"), other punctuation
and symbols turned into spaces, runs of three or more of one letter cut to two, and common
misspellings and text-speak mapped to one spelling ("bleading" -> "bleeding", "bby" -> "baby").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from re import Pattern

from bot.text import fold

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Sentence ends; a full stop or colon between digits ("38.5", "10:30") is not one.
SENTENCE_BREAK = re.compile(r"[!?;\n\r\u2026]+|\.+(?!\d)|(?<!\d)[.:]+|:(?!\d)|\s[-\u2013\u2014]+\s")
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


# Short everyday words, so that letter-spaced text ("i a m b l e e d i n g") splits into words.
_COMMON_WORDS = frozenset(
    "a i am im me my is it its so a lot of to in on at and or but the her his she he they we you your "
    "baby wife partner help please now not no cant dont wont been has have had was were".split()
)
_REGEX_ESCAPE = re.compile(r"\\[A-Za-z]")


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Every word the rules look for, their variants' spellings and a few everyday words."""
    from bot.safety import context, low_mood
    from bot.safety.engine import RULES_BY_CATEGORY

    patterns: list[Pattern[str]] = [
        value for module in (context, low_mood) for value in vars(module).values() if isinstance(value, Pattern)
    ]
    for _, rules in RULES_BY_CATEGORY:
        patterns += [p for item in rules for p in (item.pattern, item.requires) if p is not None]
    words: set[str] = set(_COMMON_WORDS)
    for pattern in patterns:
        words.update(re.findall(r"[a-z]{2,}", _REGEX_ESCAPE.sub(" ", pattern.pattern)))
    for spelling, canonical in _TOKEN_VARIANTS.items():
        words.add(spelling)
        words.update(canonical.split())
    words.update(_SQUASHED_VARIANTS.values())
    return frozenset(words)


def is_rule_word(word: str) -> bool:
    """Whether the rules know the word (for undoing disguises)."""
    return word in lexicon()


def unfold(text: str) -> str:
    """The message with disguised characters undone, before it is split into sentences."""
    return fold(text, is_rule_word)


def normalise(text: str) -> str:
    """Normalises a message for matching.

    Disguises undone, lower case, accents stripped, apostrophes dropped ("don't" -> "dont"),
    other punctuation and symbols (emoji, markup) turned into spaces, runs of three or more
    of the same letter cut to two ("sooooo" -> "soo"), then common misspellings and
    text-speak mapped to one spelling ("bleading" -> "bleeding", "bby" -> "baby", "im" -> "i am").

    Args:
        text: The raw message.

    Returns:
        Space-separated lower-case words; an empty string when nothing is left.
    """
    if not isinstance(text, str) or not text:
        return ""
    text = unfold(text)
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
