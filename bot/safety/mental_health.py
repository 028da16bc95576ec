"""The mental health crisis route: suicidal thoughts, self-harm, thoughts of harming the baby, psychosis."""

from __future__ import annotations

from bot.safety.rules import Rule, rule

RULES: tuple[Rule, ...] = (
    rule("suicidal", r"\b(?:suicidal|suicide)\b"),
    rule(
        "kill_myself",
        r"\b(?:kill|killing|end|ending|hang|hanging|drown|drowning|hurt|hurting|harm|harming|cut|cutting|burn|"
        r"burning|starve|starving|poison|poisoning|shoot|stab|stabbing|punish|punishing|overdose on) myself\b"
        r"|\b(?:take|taking|end|ending|took) (?:my|her|his) (?:own )?life\b"
        r"|\b(?:kill|kills|killing|cut|cuts|cutting|harm|harms|harming|hurt|hurts|hurting|burn|burns|burning|hang|hanging|"
        r"strangle|strangling|overdose on|starving) (?:herself|himself|themselves)\b"
        r"|\bself harm\b|\bself injur\w*\b",
    ),
    rule(
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
        r"|\b(?:want|wants|wanting|wanna) to (?:just )?(?:disappear|vanish)\b"
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
    rule(
        "end_it",
        r"\b(?:want to|going to|gonna|thinking of|thinking about|think about|could|might|should|will|just|to|"
        r"planning to|plan to|ready to|decided to|about to|of|about|considering|consider|contemplating)"
        r"(?: just)? (?:end|ending) (?:it|it all|things|everything|my life|this life)\b"
        r"(?! (?:with|off|there|here|early|on|for|between|now then))",
        r"\b(?:i|me|my|myself|she|her|he|tonight|today|now|soon|sometimes)\b",
    ),
    rule(
        "not_be_here",
        r"\b(?:dont|doesnt|didnt|never) want to (?:be here|be around|carry on|go on|keep going|do this|"
        r"live|exist|be alive|wake up|be in this world)(?:(?: anymore| no more| any longer| like this| and| i|"
        r" i am| because| but| now| today| tonight| it is| everything)\b|$)"
        r"|\b(?:dont|doesnt) want to be here\b(?! (?:when|for|at|while|if|on|in|with|to|until|till|before|after))"
        # "I don't think I'll be around much longer anyway".
        r"|\b(?:(?:dont|do not|doesnt) think (?:i|ill|i will|im going to|i am going to|she|shell|she will)"
        r" (?:will )?be|"
        r"(?:i|she) (?:wont|will not) be|(?:i|she) might not be) (?:around|here|alive) (?:much longer|for much longer|"
        r"(?:for )?long(?! (?:at|in|on|today|this|because|as|with|for|enough))|by (?:tomorrow|the morning))\b"
        r"|\b(?:not|dont|doesnt) want to be here anymore\b"
        r"|\b(?:not wanting|no longer wanting|doesnt want|dont want) to (?:be here|live|be alive|exist|wake up)\b"
        r"(?! (?:when|for|at|while|if|on|in|with|to|until|till|before|after|near|there|here|so|like that|through))",
    ),
    rule(
        "better_off_without_me",
        r"\b(?:happier|better|better off|easier|fine|ok|okay|safer)(?: \w+){0,3}? (?:if|when|once|without) "
        r"(?:(?:i|she|he) (?:was|were|am|is|wasnt|werent) (?:gone|dead|not here|not around|no longer here|"
        r"out of the way|out of the picture|here|around|alive)|me around|me here|i (?:just )?(?:disappeared|died|"
        r"vanished|left for good|ended it|wasnt here|wasnt around|werent here|was gone|killed myself))\b"
        # "the baby would be better off with someone else": a parent who thinks of leaving for good.
        r"|\b(?:baby|babies|kids|children|son|daughter|family|everyone|he|she|they|them)(?: \w+)? (?:would|will|d|wd) "
        r"(?:all )?be (?:better|better off|happier|safer) (?:with (?:someone|somebody|anyone) else|"
        r"with (?:another|a different|a better|a proper) (?:mum|mother|mom|dad|parent|family)|without (?:me|her|him)|"
        r"if i (?:left|went|was gone|wasnt here))\b"
        r"(?! (?:to look after|to mind|to watch|looking after|while|during|for the day|for a few|at nursery|when i))"
        # "we'd be fine without her" said by the one she said it to.
        r"|\b(?:be|are|would be|wed be|youd be|theyd be|youll be|theyll be) (?:all )?(?:fine|ok|okay|better|better off|"
        r"happier) without (?:me|her|him)\b(?! (?:help|support|input|being|there|at|in|on|for|and|money|job|work|car))"
        r"|\b(?:better off without me|better without me|be better off if i|better off if i was(?:nt| not)? here|"
        r"better off if i (?:wasnt|was not|werent|was gone|died|was dead)|no one would (?:miss|notice|care) "
        r"(?:me|if i)|nobody would (?:miss|notice|care)|wouldnt miss me|wont miss me|"
        r"(?:i am|im|i feel like|feel like) (?:a|such a|just a) burden|burden to (?:everyone|my family|them|you all))"
        r"\b",
    ),
    rule(
        "no_point",
        r"\b(?:no point|whats the point|what is the point|"
        r"(?:dont|doesnt|didnt|cant|do not|does not|cannot) see (?:the|any|a) point|"
        r"see no point|lost the will)(?: in| of| to)?(?: \w+)? (?:living|life|going on|carrying on|being here|"
        r"being alive|anything|anymore|trying|me|existing|to live|continuing|waking up|it all|any of it)\b"
        r"|\blost the will to live\b|\b(?:no|cant see a|dont see a|cant see any|there is no) way out\b",
    ),
    rule(
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
    rule(
        "done_with_life",
        r"\b(?:done with|finished with|tired of|sick of|had enough of) (?:life|living|everything|it all|this life|"
        r"being alive|existing|being here)\b"
        r"|\bwant (?:out of|out|to get out of) (?:this life|life|of life|everything|it all)\b"
        r"|\b(?:i am|i feel like i am|i might be|i could be|she is|she might be|i think i am|im) a (?:danger|risk|"
        r"threat) to (?:my|the|our|her|him|myself|herself|others|everyone)\b",
    ),
    rule(
        "thinking_about_death",
        r"\b(?:thinking|think|thoughts|thought|obsessed|fixated|dreaming|daydreaming|fantasising)"
        r" (?:about|of) (?:dying|death|being dead|suicide|killing myself|not being here|not being alive|"
        r"not existing|my funeral|ending it|ending things|ending my life)\b",
    ),
    rule(
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
    rule(
        "hopeless",
        r"\b(?:i am|i feel|feeling|i feel so|i feel really|feel|she is|she feels|i have been feeling|ive been)"
        r"(?: \w+)? (?:hopeless|worthless|empty inside|numb and|like a failure and|trapped and|like giving up|"
        r"like ending it|like dying|like disappearing)\b"
        r"|\bi hate myself\b|\b(?:give|giving) up on (?:life|everything|myself)\b",
    ),
    # "feeling really low, like the worst I've ever felt. who can I talk to right now": a low that
    # the writer calls their worst is the crisis lines' first.
    rule(
        "worst_ever",
        r"\b(?:worst|lowest|darkest) (?:i|ive|i have|id|i had|i ve)(?: ever)? (?:felt|been|had it)\b"
        r"|\bnever (?:felt|been) (?:this|so) (?:low|down|bad|dark|hopeless|depressed|alone)\b",
        r"\b(?:low|down|depressed|dark|hopeless|sad|alone|lonely|empty|numb|crying|mentally|mental health)\b",
    ),
    rule(
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
    # "last night i stood on the bridge near the hospital thinking about jumping": thoughts of
    # jumping, or standing at a height, told with what it was for.
    rule(
        "jump_thoughts",
        r"\b(?:thinking|thought|think|thoughts|dreaming|fantasising|fantasizing) (?:about|of) jumping\b"
        r"|\b(?:want|wanted|wanting|going|tempted|urges?|nearly|almost|could|might|tried|close) (?:to )?jump(?:ed)?\b",
        r"\b(?:bridge|edge|ledge|roof|rooftop|cliff|platform|train|tracks|railway|balcony|window|river|car park|"
        r"myself|die|end it|off)\b",
    ),
    rule(
        "at_the_edge",
        r"\b(?:stood|standing|stand|sat|sitting|went|walked|climbed|was|been) (?:\w+ ){0,2}?(?:on|at|to|by|onto|over|"
        r"up) (?:the|a) (?:edge of (?:the|a) )?(?:bridge|ledge|roof|rooftop|cliff|cliff edge|railway|tracks|balcony|"
        r"car park roof|top of the car park)\b",
        r"\b(?:jump|jumping|jumped|end it|ending it|ending things|die|dying|dead|kill|let go|fall|falling|"
        r"over the edge|not come back|never come back|not go home|step off)\b",
    ),
    # Thoughts of harming the baby, or wishing the baby gone.
    rule(
        "harm_baby",
        r"(?<!\bcan )(?<!\bwill )(?<!\bcould )(?<!\bdid )(?<!\bdo )(?<!\bmight )(?<!\bwould )(?<!\bdoes )(?<!\bif )"
        r"(?<!\bshould )(?<!\bhow )(?<!\bwhat )(?<!\bam )"
        r"\b(?:i|i will|i might|i could|i would|i am going to|i want to|i feel like|i am scared i|i am afraid i|"
        r"i am worried i|scared i|afraid i|worried i|scared that i|afraid that i|worried that i|thoughts of|"
        r"thoughts about|thinking of|thinking about|urge to|urges to|images of|pictures of|keep picturing|"
        r"keep imagining|keep thinking about|imagining|picturing|tempted to|want to|wanting to|going to|feel like|"
        r"wants to|wanted to|she will|she might|she could|she would|she is going to|he will|he might|he could|"
        r"he is going to|feels like|threatened to|threatening to)"
        r"(?: \w+){0,3}? (?:hurting|harming|killing|smothering|shaking|suffocating|drowning|strangling|hitting|"
        r"throwing|hurt|harm|kill|smother|shake|suffocate|drown|strangle|hit|throw|squeeze|suffocated|smothered)"
        r"(?: \w+){0,1}? (?:the baby|my baby|baby|our baby|my son|my daughter|my newborn|the newborn|him|her|them|"
        r"my child|my kids|the kids|the children)\b",
    ),
    rule(
        "intrusive_harm",
        r"\b(?:flashes|images|thoughts|visions|pictures|urges|ideas|fantasies|dreams|thinking)(?: \w+){0,2}? "
        r"(?:of|about) (?:\w+ing)\b(?: \w+){0,2}? (?:her|him|the baby|my baby|baby|them|my son|my daughter|"
        r"my newborn)\b"
        r"|\b(?:on purpose|deliberately|intentionally)(?: \w+){0,3}? (?:hurt|harm|drop|dropping|hurting|harming)"
        r" (?:her|him|the baby|my baby|baby)\b",
        r"\b(?:hurt\w*|harm\w*|drop\w*|throw\w*|smother\w*|shak\w*|kill\w*|drown\w*|suffocat\w*|"
        r"stab\w*|hit\w*|push\w*|squeez\w*|on purpose|deliberately|stairs|window|wall|pillow|bath)\b",
    ),
    rule(
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
    rule(
        "psychosis",
        # "seldom heard voices" are the families an MNVP seldom hears from, not a symptom.
        r"\b(?<!seldom )(?<!rarely )(?<!least )(?<!less )(?<!under )(?<!often )(?<!un)"
        r"(?:hearing voices|hear voices|heard voices|hears voices)\b(?! (?:of|from|that|at|in the))"
        r"|\b(?:voices in my head|voices in her head|"
        r"voices telling|voices are telling|voices keep|hallucinating|hallucinations|"
        r"(?:seeing|see|saw|sees|hearing|hear|hears) things (?:that |which )?(?:arent|are not|werent|isnt|no one|"
        r"nobody|other people cant)|"
        r"the voices (?:tell|told|say|said|keep|are telling|are back|in my head|in her head|wont stop)|"
        # "National Maternity Voices says", "families' voices say": an organisation or feedback, not a symptom.
        r"(?<!maternity )(?<!family )(?<!families )(?<!parents )(?<!users )(?<!womens )"
        r"voices (?:tell|told|say|said|saying)|mission from god|"
        # "she can hear people talking about her through the walls"
        r"(?:hear|hears|hearing|heard) (?:people|someone|somebody|them) (?:talking|whispering|plotting)"
        r" about (?:her|him|me|us) (?:through|in|behind|inside) (?:the )?(?:walls?|ceiling|floor|head|tv)|"
        r"chosen one|special powers|god is talking|god told|god is telling|messages from god|messages from the tv|"
        r"losing my mind|losing her mind|"
        r"lost touch with reality|not real anymore|nothing feels real)\b"
        r"|\b(?:i am|she is|he is|i feel|she seems|she has been|she has|i have been|shes|she|im|"
        r"(?:wife|partner|girlfriend|husband|sister|daughter|friend|mum|mother) (?:is|has been|seems))(?: \w+)? "
        r"(?:(?:going mad|going crazy|going insane|gone mad)(?! (?:with|at|trying|over|about|lol|haha|because))|"
        # "I'm just being paranoid" is self-doubt, not a symptom.
        r"(?<!being )(?<!just )(?<!bit )(?<!probably )paranoid|manic|hallucinating|delusional|psychotic|"
        r"acting (?:really |very |so )?(?:strange|strangely|"
        r"weird|weirdly|odd|oddly|bizarre|crazy|manic|paranoid|confused|not herself|out of character)|"
        r"not herself|talking nonsense|not making sense|saying (?:strange|weird|odd|crazy|bizarre|scary) things|"
        r"seeing (?:things|people|someone)|hearing (?:things|voices))\b"
        r"|\b(?:baby|the baby|my baby|our baby|her baby) (?:is|isnt|has been|had been|was|got|have been) "
        r"(?:evil|possessed|"
        r"the devil|not mine|not ours|not my baby|not real|swapped|switched|replaced|a robot|an imposter|"
        r"being controlled)\b"
        r"|\b(?:thinks|believes|convinced|sure|thinking|believing|saying|says|keeps saying|insists|insisting|"
        r"claims|claiming) (?:that )?"
        r"(?:the baby|baby|our baby|my baby|her baby|"
        r"people|someone|everyone|they|the nurses|the midwives|the neighbours|the tv|god|the devil|the health visitor|"
        r"the doctors|the police|the hospital|the government|social services|her family|my family)"
        r"(?: \w+){0,2}? (?:is|are|has|have)"
        r"(?: \w+){0,2}? (?:watching|following|poisoning|after|evil|possessed|swapped|switched|replaced|trying to|"
        r"talking to|speaking to|sending|messages|out to get|plotting|controlling|spying|recording|listening|"
        r"bugging|tracking|put cameras|hidden cameras)\b"
        r"|\b(?:spying|spies) on (?:us|me|her|him|the baby)\b(?: \w+){0,8}? (?:cameras|microphones|bugs|bugged|"
        r"listening|watching|following|tracking|poison)\b"
        r"|\b(?:people|someone|they|everyone) (?:are|is) (?:watching|following|out to get|after|poisoning|"
        r"plotting against|trying to hurt|trying to kill) (?:me|us|her|the baby)\b"
        r"|\b(?:god|the devil|the tv|the radio) (?:is|are) (?:talking|speaking|sending messages) to (?:me|her)\b"
        # "someone is sending her messages through the telly"
        r"|\b(?:sending|sends|sent|getting|gets|receiving) (?:me |her |him )?(?:secret |special |hidden )?"
        r"(?:messages|signals|signs|codes) (?:to (?:me|her|him) )?(?:through|from|via|in|on) (?:the |my |her )?"
        r"(?:telly|tv|television|radio|walls?|adverts|news|plugs|lights)\b",
    ),
    rule(
        "baby_not_ours",
        r"\b(?:baby|the baby|our baby|my baby|her baby|he|she|it) (?:isnt|is not|wasnt|aint) (?:really )?"
        r"(?:ours|mine|hers|our baby|her baby|my baby|real|human)\b",
        r"\b(?:thinks|believes|convinced|sure|swapped|switched|replaced|keeps saying|insists|imposter|evil)\b",
        in_sentence=True,
    ),
    # "she's saying the baby isn't ours": said of the couple's own baby (not "isn't mine", a
    # quarrel over who the father is).
    rule(
        "baby_not_ours_said",
        r"\b(?:baby|the baby|our baby|her baby|she|it) (?:isnt|is not|wasnt|aint) (?:really )?"
        r"(?:ours|hers|our baby|her baby|real|human)\b",
        r"\b(?:saying|says|said|telling)\b",
        in_sentence=True,
    ),
    rule(
        "protect_baby_from",
        r"\b(?:has to|have to|needs to|need to|must|trying to|going to|keeps trying to) (?:protect|save|hide|guard) "
        r"(?:the|our|my|her) baby from (?:me|us|him|her|everyone|them|the devil|evil|people|the world|danger)\b",
        r"\b(?:whisper\w*|slept|sleep|sleeping|convinced|believes|thinks|keeps saying|voices|strange|not herself|"
        r"paranoid|scared|frightened)\b",
    ),
    rule(
        "no_sleep_and_strange",
        r"\b(?:hasnt|havent|not|hardly|barely|cant|cannot|wont) (?:slept|sleeping|sleep)(?: \w+){0,3}? "
        r"(?:days|nights)(?: \w+){0,3}?(?: and| but)? (?:she|he|i|is|thinks|believes|keeps|talking|acting|says|"
        r"saying|seems|convinced)(?: \w+){0,4}? (?:strange|weird|odd|manic|confused|racing|god|devil|mission|"
        r"special|watching|poison|evil|voices|things|not herself|not himself|not real|nonsense|crazy|"
        r"paranoid|bizarre|hyper|invincible|fast|nonstop|non stop|gibberish|rambling)\b",
    ),
    rule(
        "psychosis_named",
        r"\b(?:psychosis|psychotic|delusions|delusional|mania|manic episode)\b",
        r"\b(?:i|me|my|she|her|he|him|wife|partner|girlfriend|now|since|today|tonight)\b",
        in_sentence=True,
    ),
    rule(
        "goodbye_message",
        r"\b(?:texted|text|texting|messaged|message|messages|sent|left|wrote|written|writing|posted|rang|called)"
        r"(?: \w+){0,3}? (?:saying |to say )?(?:goodbye|good bye|farewell)\b(?! (?:to (?:the|our|my|a|an|all) "
        r"(?:group|mnvp|mvp|meeting|session|team|members|volunteers|chair|role)))"
        r"|\b(?:written|wrote|writing|write|left) (?:a |some )?(?:goodbye |farewell |suicide )?(?:letters?|notes?) "
        r"(?:to|for) (?:my|her|his|the|everyone|each)(?: \w+)? (?:husband|wife|partner|mum|mom|dad|kids|children|"
        r"family|baby|son|daughter|boyfriend|girlfriend|parents|sister|brother|everyone|of them)\b",
        r"\b(?:sorry|love you|forgive|planning|plan|end|die|dead|tablets|pills|tonight|forever|anymore|goodbye|"
        r"last|letters?|notes?)\b",
    ),
    rule(
        "planning_how",
        r"\b(?:planning|planned|plan|worked out|working out|work out|decided|deciding) (?:how|when|where) "
        r"(?:i|id|i would|i will|i am going to|i could|she|shed|she would|she will|she is going to|he|to) "
        r"(?:do it|end it|go through with it|end things|kill|die|take|jump)\b",
        r"\b(?:letters?|notes?|goodbye|tablets|pills|rope|bridge|tonight|end|die|dead|myself|herself|husband|kids|"
        r"family|written|wrote)\b",
    ),
    rule(
        "not_safe",
        r"\b(?:cant|cannot|can not|unable to|dont think i can|not sure i can|couldnt|struggling to) keep "
        r"(?:myself|herself|himself|her|him|the baby|my baby|us) safe\b"
        r"|\b(?:i am|i|she is|she|he is|we are)(?: really| just| honestly)? not safe\b(?! (?:to drive|for|to eat|"
        r"to take))"
        r"|\b(?:dont|doesnt|do not|no longer|not) feel(?:ing)? safe (?:with|around|on my own with|alone with|"
        r"being alone with) (?:myself|my thoughts|the baby|my baby|him|her|my own thoughts|herself|my mind)\b"
        r"|\bnot safe (?:with|around|alone with|to be left with) (?:myself|my thoughts|the baby|my baby|him|her|"
        r"herself)\b",
    ),
    rule(
        "asking_for_crisis_line",
        r"\b(?:samaritans|text shout|shout 85258|85258|116 123|crisis line|crisis team|crisis number)\b"
        r"|\b(?:i|me)(?: \w+){0,2}? (?:need|want|have to|should) (?:to )?(?:talk to|speak to|call|ring|contact|text|"
        r"get hold of)?(?: the)? (?:samaritans|shout|crisis line|crisis team|mental health crisis team|"
        r"someone now|someone right now)\b",
    ),
)

# What each rule describes, so the answer leads with the action for it.
_BY_RULE = {
    **dict.fromkeys(("psychosis", "no_sleep_and_strange", "psychosis_named", "baby_not_ours_said"), "psychosis"),
    **dict.fromkeys(("harm_baby", "intrusive_harm", "baby_gone"), "baby"),
}


def situation(rule_name: str, sentence: str) -> str:
    """The situation a matched rule describes: "psychosis", "baby" (harming the baby) or "crisis"."""
    return _BY_RULE.get(rule_name, "crisis")
