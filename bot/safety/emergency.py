"""The emergency route (999): heavy bleeding, severe pain, fits, collapse, a baby seriously ill, harm done."""

from __future__ import annotations

import re

from bot.safety.rules import FIRST_PERSONISH, PERSON, TUMMY, Rule, rule

RULES: tuple[Rule, ...] = (
    # Heavy bleeding, clots, haemorrhage.
    rule(
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
    rule(
        "bleeding_heavily",
        r"\b(?:bleeding|bleed|bled|bleeds|blood|blood loss|losing blood)"
        r"(?: (?!not\b|isnt\b|no\b|arent\b|wasnt\b|hasnt\b|havent\b|never\b|doesnt\b)\w+){0,4}? "
        r"(?<!\bnot )(?<!\bisnt )(?<!\bno )(?<!\bnot too )(?<!\bnot very )(?<!\bnot that )(?<!\bwasnt )"
        r"(?<!\bwithout )(?<!\barent )(?<!\bnot so )(?:heavily|heavy|a lot|loads|"
        r"lots|so much|too much|really bad|really badly|badly|so bad|everywhere|all over|wont stop|not stopping|"
        r"isnt stopping|doesnt stop|cant stop|keeps coming|pouring|gushing|like a tap|like a period times|"
        r"through (?:my|her|the|a|two|2|everything|pads?|clothes|trousers|sheets|towels?|the bed)|"
        r"soaked|soaking|won t stop|more and more|getting worse|getting heavier|heavier)\b",
    ),
    # "much blood come now" (English as a second language): much blood, not "how much blood is normal".
    rule(
        "much_blood",
        r"(?<!\bhow )(?<!\bnot )(?<!\bisnt )(?<!\bwasnt )(?<!\bno )(?<!\bas )(?<!\bthat )(?<!\bnot so )"
        r"(?<!\bnot very )(?<!\bis there )(?<!\bbe )\bmuch (?:blood|bleeding|bleed)\b"
        r"(?! (?:test|tests|pressure|sugar|loss is|is normal))",
    ),
    rule(
        "blood_everywhere",
        r"\b(?:blood|bleeding) (?:is |was |all |just |has )*(?:everywhere|all over|pouring|gushing|running down|"
        r"dripping|soaking|pooling|on the floor|all over the floor|through)\b",
    ),
    rule(
        "pouring_out",
        r"\b(?:it is|its|it|blood is|bleeding is|blood|bleeding|everything is|theres blood)(?: just| literally| now)? "
        r"(?:pouring|gushing|flooding|streaming|running|pumping|spurting|gushed|poured|pours|gushes|spurted|rushed|"
        r"came pouring|came gushing|flooded)(?: out| down| everywhere| from)?\b",
        r"\b(?:bleeding|bleed|bled|blood|spotting|clots?)\b",
    ),
    rule(
        "blood_coming_fast",
        r"\b(?:blood|bleeding) (?:is |keeps |just |has been )?(?:coming out|coming|flowing|leaking|running|dripping)"
        r"(?: \w+)? (?:fast|quickly|so fast|really fast|a lot|loads|everywhere|in clumps|in gushes|non stop)\b",
    ),
    rule(
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
    rule(
        "soaking_pads",
        r"\b(?:soaked|soaking|soak|filled|filling|fill|gone through|going through|go through|through|changing)"
        r"(?: \w+){0,3}? (?:pad|pads|maternity pads?|sanitary towels?|towels?|sheets|bed)\b"
        r"(?: \w+){0,4}? (?:an hour|1 hour|one hour|an hr|half an hour|hour|minutes|every)\b",
    ),
    rule(
        "soaking_in_blood",
        r"\b(?:soaked|soaking|covered|drenched|filled|full)(?: \w+){0,3}? (?:in|with|of) blood\b",
    ),
    rule(
        "clots",
        r"\b(?:passing|passed|pass|big|large|huge|massive|golf ball|lemon|plum|fist|lots of|loads of|"
        r"blood|more|keep passing|keeps passing|bleeding and|bleeding with|bleeding)"
        r"(?: \w+){0,2}? clots?\b(?! in (?:my|her|the) (?:legs?|lungs?|calf|calves|arm))"
        r"|\bclots? (?:the size|as big|like a|coming out|came out|keep coming|falling out|size of)\b"
        r"|\b(?:coming out|came out|passing|passed|coming away) in (?:clumps|lumps|chunks|bits)\b"
        r"|\b(?:clumps|lumps|chunks) of blood\b"
        r"|\b(?:cant|wont|doesnt|isnt|not|hasnt|havent|cannot) (?:stop|stopping|stopped) bleeding\b",
    ),
    rule("haemorrhage", r"\bhaemorrhage\b"),
    rule(
        "losing_blood",
        r"\b(?:losing|lost|lose)(?: \w+){0,2}? (?:blood|so much blood)\b(?! (?:test|tests|pressure|sugar))",
    ),
    # Severe or constant tummy pain.
    rule(
        "severe_pain",
        r"\b(?:severe|sharp|constant|continuous|unbearable|excruciating|agonising|agonizing|extreme|terrible|"
        r"horrendous|horrific|awful|really bad|very bad|so bad|stabbing|worst|non stop|intense|crippling|"
        r"shooting|tearing|ripping|screaming|searing)"
        r"(?: \w+){0,3}? (?:pain|cramps?|cramping|ache)\b",
    ),
    rule(
        "tummy_pain_persisting",
        rf"\b{TUMMY} (?:pain|cramps?|cramping|ache)(?: \w+){{0,5}}? (?:wont stop|doesnt stop|isnt stopping|"
        r"not stopping|wont go|doesnt go|not going away|isnt going away|doesnt come and go|doesnt ease|wont ease|"
        r"all the time|constant|constantly|non stop|getting worse|unbearable|so bad|really bad|agony|"
        r"cant stand|cant move|cant walk|cant breathe|cant talk)\b",
    ),
    rule(
        "pain_severe_or_persisting",
        r"\bpain(?: in (?:my|her|the) (?:tummy|side|back|lower back|pelvis|ribs|bump|chest))?"
        r"(?: is| has been| keeps| feels| is getting| getting| just| it is| its| so| really| now| has| gets| got|"
        r" that| which)* "
        r"(?:unbearable|excruciating|agony|agonising|severe|constant|so bad|really bad|awful|horrendous|terrible|"
        r"too much|getting worse|worse and worse|wont stop|doesnt stop|not stopping|isnt stopping|never stops|"
        r"wont go away|doesnt go away|not going away|isnt going away|doesnt ease|wont ease|not easing|"
        r"all the time|non stop|off the scale|the worst)\b",
    ),
    rule(
        "pain_and_bleeding",
        r"\b(?:severe|sharp|bad|awful|terrible|unbearable|constant|excruciating|horrendous|extreme|intense|really|"
        r"very|so|lots of|a lot of|loads of|stabbing|agonising)(?: \w+)? (?:pain|cramps|ache)\b"
        r"(?: \w+){0,8}? (?:bleeding|bleed|bled|blood)\b"
        r"|\b(?:bleeding|bleed|bled|blood)\b(?: \w+){0,8}? (?:severe|sharp|bad|awful|terrible|unbearable|constant|"
        r"excruciating|horrendous|extreme|intense|really|very|so|lots of|a lot of|loads of|stabbing|agonising)"
        r"(?: \w+)? (?:pain|cramps|ache)\b"
        r"|\btummy(?: is| feels| has gone| gone| really| very| so)* (?:rock hard|hard as a rock)\b",
    ),
    rule(
        "in_agony",
        r"\b(?:in agony|agony|doubled over|doubled up|cant stand up straight|screaming in pain|"
        r"crying in pain|writhing|cant move for the pain|cant move with the pain|worst pain)\b",
    ),
    rule(
        "chest_pain",
        r"\b(?:chest pain|chest pains|pain in (?:my|her|the) chest|chest (?:is |feels )?(?:tight|hurts|hurting|"
        r"crushing)|tight chest|crushing chest)\b",
    ),
    # Fits, collapse, unconscious.
    rule(
        "seizure",
        r"\b(?:seizure|seizing|convulsing|eclamptic)\b"
        r"|\b(?:having|had|has|have|went into|gone into|keeps having|keep having|started having|a)"
        r"(?: a| another| an)?(?: some kind of| some sort of| a sort of| kind of| sort of| like a| what looks like a)?"
        r" (?:fit|fits)\b"
        rf"|\b{PERSON}(?: is| has| has been| keeps| started| was| just| been)* fitting\b"
        r"|\b(?:shaking|jerking|twitching|shaking and jerking) (?:uncontrollably|all over|and (?:wont|not|isnt|cant) "
        r"(?:respond|wake|stop))\b"
        r"|\b(?:eyes|eye) (?:are |is |keep |keeps |have |started )?(?:rolling|rolled)(?: back)?\b(?: \w+){0,6}? "
        r"(?:jerking|twitching|shaking|stiff|floppy|limp|not responding|unresponsive)\b",
    ),
    rule(
        "collapse",
        rf"\b{PERSON}(?: \w+){{0,2}}? (?:collapsed|collapsing|collapse|fainted|fainting|passed out|passing out|"
        r"blacked out|blacking out|keeled over|keeps passing out|keep passing out)\b"
        r"|\b(?:has |have |just )?collapsed (?:at|in|on|and|in the)\b",
        r"\b(?:i|me|my|mine|myself|she|her|he|him|his|wife|partner|girlfriend|husband|baby|woman|lady|someone|"
        r"somebody|mother|mum|patient|man|friend)\b",
    ),
    rule(
        "about_to_collapse",
        r"\b(?:going to|about to|gonna|might|could|feel like i am going to|feel like i|think i am going to)"
        r" (?:pass out|faint|collapse|black out)\b",
    ),
    rule(
        "unconscious",
        r"\b(?:unconscious|unresponsive|lifeless)\b(?! bias)"
        rf"|\b{PERSON}(?: is| has| s| keeps| just| wont| isnt| not| has gone| went| gone)* "
        r"(?:not responding|wont respond|isnt responding|wont wake up|wont wake|not waking up|not waking|"
        r"cant wake|cant be woken|limp|floppy|out cold|not conscious)\b"
        # "... has taken a load of tablets and wont wake up properly": the person named earlier.
        r"|\b(?:and|but|now) (?:(?:she|he|they|baby|the baby)(?: s| is)? )?(?:wont|will not|isnt|is not|cant) "
        r"(?:wake up|waking up|be woken|respond|responding)\b"
        r"|\b(?:cant|couldnt|unable to|cannot) (?:wake|rouse) (?:her|him|baby|the baby|my baby|them|my wife|"
        r"my partner|my girlfriend|my husband|my son|my daughter)\b",
    ),
    # Baby not breathing or seriously ill; anyone unable to breathe.
    rule(
        "not_breathing",
        r"\b(?:not|isnt|stopped|stop|stops|stopping|cant|couldnt|struggling to|struggle to|struggling|trouble|"
        r"difficulty|"
        r"problems|problem|hard to|fighting for|gasping for|gasping|laboured|labored|noisy|grunting|wont|"
        r"finding it hard to|unable to)(?: \w+)? (?:breathing|breathe)\b(?! (?:through (?:my|her|his) nose|exercises?"
        r"|techniques?|space))",
    ),
    rule(
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
    rule(
        "breathless",
        r"\b(?:very|really|suddenly|severely|extremely|so|badly|struggling|cant|cant get)(?: \w+)? "
        r"(?:short of breathe|breathless|out of breathe)\b|\bcant (?:catch|get) (?:my|her|his) breathe\b",
    ),
    rule(
        "blue_floppy_baby",
        r"\b(?:baby|newborn|little one|son|daughter|he|she|him|her|twins)(?: is| has| s| has gone| went| gone| going|"
        r" turned| turning| looks| look| seems| is going| is looking| keeps| started| just| been| was| very|"
        r" really| so| all| completely| quite| a bit| very)* (?:blue|grey|gray|floppy|limp|mottled|blotchy and cold|"
        r"turning blue|going blue|stiff and|choking|not breathing|seriously ill|very ill|really ill|so ill|"
        r"really poorly|very poorly|seriously poorly|extremely poorly|critically ill|very unwell|really unwell|"
        r"seriously unwell|extremely unwell|so unwell|so poorly|cold and floppy|pale and floppy|lethargic and|"
        r"not feeding and)\b",
    ),
    rule(
        "floppy_or_blue",
        r"(?<!\bfeeling )(?<!\bfeel )(?<!\bfeels )"
        r"\b(?:is|s|has gone|gone|went|looks|look|looking|seems|going|turned|turning|very|really|so|all|bit|"
        r"and|suddenly|quite)(?: a| an| really| funny| bit| little| slightly| kind of| sort of| very| quite| all|"
        r" weird)*"
        r" (?:floppy|limp|lifeless|blue|grey|gray|mottled|purple)\b(?! (?:badge|light|lights|"
        r"team|book|folder|form|sky|one|ones|car))",
        r"\b(?:baby|newborn|old|son|daughter|little one|twins|he|she|him|her)\b",
    ),
    rule(
        "blue_lips",
        r"\b(?:lips|face|skin|tongue|mouth)(?: are| is| have| has| look| looks| gone| going| turned| turning| gone a| a"
        r"| bit| really| very| slightly)* (?:blue|grey|gray|purple|mottled)\b|\bblue (?:lips|face|tinge)\b",
    ),
    rule(
        "seriously_ill_baby",
        r"\b(?:seriously|very|really|critically|extremely|desperately|dangerously) (?:ill|poorly|unwell|sick) "
        r"(?:baby|newborn|son|daughter|little one)\b"
        r"|\brash(?: \w+){0,4}? (?:doesnt|dont|wont|isnt|not|didnt) (?:fade|go away when|disappear when)\b"
        r"|\bglass test\b|\bbulging (?:soft spot|fontanelle)\b|\b(?:soft spot|fontanelle) (?:is )?bulging\b",
    ),
    rule(
        "baby_hurt",
        r"\b(?:dropped (?:the|my|our) baby|baby (?:fell|has fallen|rolled) (?:off|from|down)|"
        r"baby (?:hit|banged) (?:his|her|their) head|baby (?:is )?choking|fell (?:down|off) with (?:the|my) baby)\b",
    ),
    # Labour happening now, outside hospital.
    rule(
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
    rule(
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
    rule(
        "call_999",
        r"\b(?:call|ring|phone|dial|called|rang|phoned|need|needs|get|getting|send|sending|waiting for|"
        r"waiting on|should i call|do i call|do i need) (?:an |the |a )?(?:ambulance|999|paramedics?)\b"
        r"|\b(?:this is|its|it is|having|we have|i have|theres|there is|got) an? (?:emergency|medical emergency)\b"
        r"|\bemergency (?:help|please|now)\b",
    ),
    # Harm already done.
    rule(
        "overdose_taken",
        r"\b(?:taken|took|swallowed|had|have had|done|did) (?:an |a )?(?:overdose|od)\b|\boverdosed\b"
        r"|\b(?:taken|took|swallowed|had) (?:all|loads|a load|lots|a lot|too many|a whole|the whole|a full|handfuls?|"
        r"a handful|a bunch)(?: of)?(?: \w+){0,3}? (?:pills|tablets|paracetamol|painkillers|meds|medication|"
        r"sleeping pills|antidepressants)\b",
    ),
    # Someone else's plan to end their life soon: the one who tells us should call 999 (the person
    # in crisis themselves gets the crisis lines first, with 999 if they might act).
    rule(
        "suicide_imminent",
        r"\b(?:planning|plans|plan|going|gonna|about|decided|ready|intending|intends|trying) to (?:end|take) "
        r"(?:her|his|their) (?:own )?life (?:tonight|today|now|right now|this (?:evening|afternoon|morning))\b"
        r"|\b(?:kill|killing|hang|hanging) (?:herself|himself|themselves) (?:tonight|today|right now|now)\b"
        # "she is going to end it tonight", "my sister said she wants to die tonight"
        r"|\b(?:she|he|they)(?: (?:is|are|will))?(?: \w+){0,2}? (?:going|gonna|planning|about|decided|ready|"
        r"intending|trying|wants|want) to (?:end it(?: all)?|end things|end everything|kill (?:herself|himself|"
        r"themselves)|die) (?:tonight|today|now|right now|this (?:evening|afternoon|morning))\b",
    ),
    # "my sister says the baby is possessed and shes locked herself in the bathroom with him": a
    # baby shut in with someone whose mind is not their own is in danger now.
    rule(
        "locked_in_with_baby",
        r"\b(?:locked|locking|shut|shutting|barricaded|barricading) (?:herself|himself|themselves) in\b"
        r"(?: \w+){0,4}? with (?:the|my|her|his|our|their) (?:baby|newborn|son|daughter|little one)\b"
        r"|\b(?:locked|locking|shut|shutting|barricaded|barricading) (?:herself|himself|themselves) in\b"
        r"(?: \w+){0,4}? with (?:him|her|them)\b",
        r"\b(?:possessed|devil|evil|demons?|not (?:mine|ours|hers|his|real)|voices|hurt|harm|kill|danger|"
        r"wont come out|will not come out|not coming out|paranoid|hallucinat\w*|psychosis)\b",
    ),
    # "he says he is going to do it tonight": the same, when the message says what "it" is.
    rule(
        "suicide_imminent_it",
        r"\b(?:she|he|they)(?: (?:is|are|will))?(?: \w+){0,2}? (?:going|gonna|planning|about|decided|ready|"
        r"intending|trying|wants|want) to do it (?:tonight|today|now|right now|this (?:evening|afternoon|morning))\b",
        r"\b(?:suicid\w*|kill (?:herself|himself|themselves)|end (?:her|his|their) life|end it|die|dead|pills|"
        r"tablets|overdose|rope|bridge|goodbye|not want to live|dont want to live|no reason to live)\b",
    ),
    # "She's got pills saved up and plans to take them tonight": the same, with the means named.
    rule(
        "overdose_imminent",
        r"\b(?:she|he|they)\b(?: \w+){0,12}? (?:planning|plans|plan|going|gonna|about|decided|ready|intending|"
        r"intends|wants) to (?:take|swallow) (?:them|it|the lot|all of them|them all|her \w+|his \w+|the \w+)"
        r"(?: all)? (?:tonight|today|now|right now|later|this (?:evening|afternoon|morning))\b",
        r"\b(?:saved|saving|stockpil\w*|hoard\w*|stash\w*|collecting|overdose|the lot|all of them|them all|"
        r"whole (?:packet|box|bottle))\b",
    ),
    rule(
        "sepsis",
        r"\b(?:sepsis|septic)\b",
        FIRST_PERSONISH,
    ),
)

# What each rule describes, so the answer leads with the action for it.
_SITUATIONS = {
    "bleeding": (
        "heavy_bleeding bleeding_heavily much_blood blood_everywhere pouring_out blood_coming_fast "
        "bleeding_near_intense soaking_pads soaking_in_blood clots haemorrhage losing_blood pain_and_bleeding"
    ),
    "pain": "severe_pain tummy_pain_persisting pain_severe_or_persisting in_agony chest_pain",
    "collapse": "seizure collapse about_to_collapse unconscious breathless blue_lips sepsis",
    "baby": "baby_breathing_signs blue_floppy_baby floppy_or_blue seriously_ill_baby baby_hurt locked_in_with_baby",
    "birth": "birth_happening",
    "harm": "overdose_taken suicide_imminent suicide_imminent_it",
}
_BY_RULE = {name: situation for situation, names in _SITUATIONS.items() for name in names.split()}
_BABY_WORDS = re.compile(r"\b(?:baby|babies|newborn|son|daughter|little one|twins|infant)\b")
_ASKING = re.compile(r"\b(?:do|should|shall|can|must|would) (?:i|we|she) (?:call|ring|phone|dial|need)\b")


# An adult named as the one in danger ("I", "my wife", "a woman"); "he" and "she" may be the baby.
_ADULT_WORDS = re.compile(
    r"\b(?:i|i am|my(?! (?:baby|babies|newborn|son|daughter|little one|twins))|wife|partner|girlfriend|husband|"
    r"mum|mother|woman|lady|sister|friend|colleague)\b"
)


def _baby_is_subject(lead: str) -> bool:
    last_baby = max((m.end() for m in _BABY_WORDS.finditer(lead)), default=-1)
    last_adult = max((m.end() for m in _ADULT_WORDS.finditer(lead)), default=-1)
    return last_baby > last_adult


def situation(rule_name: str, sentence: str) -> str:
    """The situation a matched rule describes ("bleeding", "pain", "baby"...; "general" otherwise).

    Args:
        rule_name: The rule that matched.
        sentence: The match's sentence, up to the end of the match.
    """
    if rule_name in ("not_breathing", "seizure", "collapse", "unconscious", "blue_lips") and _baby_is_subject(sentence):
        return "baby"
    if rule_name == "not_breathing":
        return "collapse"
    if rule_name == "call_999" and _ASKING.search(sentence):
        return "asking"
    return _BY_RULE.get(rule_name, "general")
