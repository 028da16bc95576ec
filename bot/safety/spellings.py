"""How people spell the words the safety rules read: one spelling for each variant.

Text-speak ("ur", "im", "bby"), misspellings ("bleading", "suicidle") and contractions without
apostrophes are mapped to the spelling the rules use. Plain data and lookups: no imports of
the rest of the guard.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import Pattern

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


TOKEN_VARIANTS: dict[str, str] = _parse_variants(_VARIANT_TABLE)

# Phrases rewritten after the token map, on the whole space-joined string.
PHRASE_SUBS: tuple[tuple[Pattern[str], str], ...] = tuple(
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
SQUASHED_VARIANTS: dict[str, str] = {
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
def canonical_token(token: str) -> str:
    variant = TOKEN_VARIANTS.get(token)
    if variant is not None:
        return variant
    squashed = _squash(token)
    variant = SQUASHED_VARIANTS.get(squashed)
    if variant is not None:
        return variant
    return token
