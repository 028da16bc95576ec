"""The maternity unit route: waters, labour, headache and vision, swelling, itching, fever, wounds..."""

from __future__ import annotations

from bot.safety.rules import PREGNANCY_CONTEXT, Rule, rule

RULES: tuple[Rule, ...] = (
    # Waters breaking, leaking or coloured.
    rule(
        "waters_broken",
        r"\b(?:waters|(?:my|her|our|the|wife|partner|girlfriend|i think my|think my) water) (?:have |has |just |"
        r"might have |may have |might of |may of |have just |has just |are |is |"
        r"must have |think |probably |possibly |definitely |now |already |started |finally |literally |"
        r"completely |partially |slowly |been )*"
        r"(?:broken|broke|break|breaking|gone|went|go|going|leaking|leaked|leak|leaks|burst|popped|pop|"
        r"trickling|trickled|gushed|gushing|dribbling|coming out|came out|released|ruptured|started)\b",
    ),
    rule(
        "waters_broken_reverse",
        r"\b(?:broken|broke|breaking|leaking|ruptured|lost|losing|leaked|burst)(?: my| her| the)? waters\b"
        r"|\b(?:membranes|srom|pprom|prom) (?:have |has )?(?:ruptured|gone|broken)\b|\bpprom\b"
        r"|\bmeconium (?:in|stained)\b|\b(?:there is|theres|its|it is|with|has|some|bits of) meconium\b"
        r"|\bwater (?:has |have |just |has just )?(?:broke|broken|burst|breaking)\b",
    ),
    rule(
        "maybe_waters",
        r"\b(?:is (?:that|this|it)|could (?:it|that|this) be|might be|maybe|think (?:its|it is|that is)|"
        r"are (?:they|these|those)|was (?:that|it|this)|if (?:its|it is|that is)|whether (?:its|it is))"
        r" (?:my|her|the) waters\b"
        r"|\b(?:i am|she is|i have been|she has been|been|keep|i keep|started|still) leaking\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "waters_coloured",
        r"\bwaters?(?: (?:are|is|look|looks|were|was|came out|come out|seem|seems|went|gone|have gone|has gone|"
        r"they are|and they are|and theyre|and its|and they|that are|which are))?(?: \w+){0,3}? "
        r"(?:green|brown|dark|yellow|yellowy|coloured|colored|discoloured|smelly|smell|smells|bloody|"
        r"blood|pink|red|murky|cloudy|stained|mucky|dirty|not clear|off)\b"
        r"|\b(?:green|brown|dark|coloured|discoloured|smelly|bloody|pink|murky|yellow|blood stained)"
        r"(?: \w+)? (?:waters|fluid|liquid|water)\b",
        r"\b(?:my|her|she|i|waters|pregnant|weeks|baby|leak\w*|broke|broken|gone|went)\b",
    ),
    rule(
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
    rule(
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
    rule(
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
    rule(
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
    rule(
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
    rule(
        "pre_eclampsia",
        r"\b(?:think|worried|scared|might|could|signs|symptoms|do i have|have i got|has she got|does she have|"
        r"diagnosed|suspected|suspect|possible|probably)(?: \w+){0,3}? pre eclampsia\b"
        r"|\b(?:blood pressure|bp) (?:is |was |has been |reading |readings |are |went |gone |keeps )*"
        r"(?:really |very |so |quite |a bit |slightly |too |dangerously )?(?:high|raised|up|elevated|through the roof|"
        r"sky high)\b|\b(?:high|raised|elevated) (?:blood pressure|bp)\b",
        r"\b(?:i|my|me|she|her|wife|partner|girlfriend|now|today|since|pregnant|weeks)\b",
    ),
    # Bleeding or spotting that is not described as heavy.
    rule(
        "bleeding",
        r"(?<!\bgum )(?<!\bgums )(?<!\bnose )(?<!\bnipple )(?<!\bnipples )(?<!\bgums are )(?<!\bnose is )"
        r"(?<!\bnipples are )(?<!\bpiles )"
        r"\b(?:bleeding|bleed|bled|bleeds|spotting)\b"
        r"(?! (?:gums?|nose|nipples?|from (?:my|her|the) (?:nose|gums?|nipples?|mouth)|errors|mistakes|typos|"
        r"trends|patterns|the signs|it|them|that(?! (?:morning|afternoon|evening|night|week))|"
        r"this(?! (?:morning|afternoon|evening|week|weekend))|money|cash|funds))",
    ),
    rule(
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
    rule(
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
    rule(
        "high_temperature",
        r"\b(?:high|raised|a high|got a|running a|have a|has a|with a|spiking a|had a|hot|very high|really high)"
        r" (?:temperature|fever)\b"
        r"|\b(?:temperature|fever)(?: is| of| was| reading| went| gone| has gone| keeps)*(?: up)?(?: to)? "
        r"(?:3[89]|4[0-2]|10[0-5]|high|really high|very high|up)\b",
    ),
    rule(
        "fever",
        r"\b(?:fever|feverish|febrile|burning up|hot and cold|hot and shivery|shivery and hot|"
        r"shaking and hot|rigors|hot and shaking|feel hot and|feeling hot and)\b",
        r"\b(?:i|my|me|she|her|pregnant|weeks|baby|since|now|today|tonight|wife|partner)\b",
    ),
    rule(
        "vomiting",
        r"\b(?:cant|cannot|unable to|couldnt) (?:keep|hold) (?:\w+ ){0,2}down\b"
        r"|\b(?:constant|constantly|non stop|nonstop|keep|keeps|keep on|cant stop|been|all day|every time)"
        r"(?: \w+)? (?:being sick|vomiting|throwing up|puking|sick)\b(?! (?:bag|bags|note|pay|leave))"
        r"|\b(?:vomiting|throwing up|being sick|puking)(?: \w+){0,3}? (?:all day|all night|non stop|constantly|"
        r"every|for hours|for days|since|everything)\b|\bhyperemesis\b",
    ),
    rule(
        "waterworks",
        r"\b(?:cant|cannot|unable to|struggling to|hurts to|burns to|stings to|pain when i|burns when i|"
        r"stings when i|burning when i|stinging when i|it burns when i|it stings when i|it hurts when i|"
        r"havent been able to|not been able to)(?: \w+)? (?:wee|pee|urinate|pass urine|pass water)\b",
    ),
    rule(
        "wound",
        r"\b(?:wound|scar|stitches|incision|c section wound|c section scar|episiotomy|tear|cut)(?: \w+){0,10}? "
        r"(?:infected|oozing|weeping|pus|smells|smell|smelly|stinks|opened|opening|open|gaping|split|burst|"
        r"red and hot|hot and red|hot to touch|coming apart|bleeding|leaking|swollen and|swollen|hurt more|hurts more|"
        r"hurt loads more|hurting more|more painful)\b",
        r"\b(?:my|her|i|she|stitches|wound|scar|c section|incision|episiotomy)\b",
    ),
    rule(
        "smelly_loss",
        r"\b(?:smelly|smells|smelling|foul|offensive|fishy|bad smelling|smell)(?: \w+){0,2}? "
        r"(?:discharge|loss|lochia|blood|bleeding|down below|waters)\b"
        r"|\b(?:discharge|lochia|bleeding|blood|loss) (?:\w+ ){0,2}(?:smells|smelly|stinks|foul|offensive)\b",
    ),
    rule(
        "fall_or_blow",
        r"\b(?:fell|fallen|fall|tripped|slipped|landed|hit|punched|kicked me|elbowed|bumped|banged|thrown)"
        r"(?: \w+){0,4}? (?:on|onto|into|in|against) (?:my|her|the) (?:bump|tummy)\b"
        r"|\b(?:fell|fallen|had a fall|tripped|slipped)(?: \w+){0,3}? (?:down the stairs|down stairs|over)\b"
        r"|\b(?:car|road) (?:crash|accident)\b|\bcrashed (?:the|my|our) car\b",
        r"\b(?:pregnant|weeks|bump|baby|tummy)\b",
    ),
    rule(
        "reduced_wellbeing_pregnant",
        r"\b(?:dizzy|faint|lightheaded|light headed|seeing stars)(?: \w+){0,3}? (?:and|with) (?:headache|blurry|"
        r"vision|bleeding|pain|swelling|swollen)\b",
    ),
)

# Waters and labour: ring the maternity unit, birth centre or labour ward, which hold the notes.
_LABOUR = frozenset(
    ("waters_broken", "waters_broken_reverse", "maybe_waters", "waters_coloured", "leaking_fluid", "early_labour")
)


def situation(rule_name: str, sentence: str) -> str:
    """The situation a matched rule describes: "labour" or "general"."""
    return "labour" if rule_name in _LABOUR else "general"
