"""The baby movements route: a baby moving less, not moving, or moving differently."""

from __future__ import annotations

from bot.safety.rules import BABYISH, PREGNANCY_CONTEXT, Rule, rule

RULES: tuple[Rule, ...] = (
    rule(
        "baby_not_moving",
        rf"\b{BABYISH}(?: is| has| have| are| was| s| been| had)?(?: still| really| definitely| just| actually|"
        r" barely| hardly| not)? (?:not|isnt|hasnt|havent|arent|wasnt|didnt|doesnt|wont|cant|dont|never|stopped|"
        r"barely|hardly|"
        r"not been|hasnt been|no longer|slowed down|slowed right down|gone quiet|been quiet|went quiet)"
        r"(?: \w+){0,2}? (?:moving|moved|move|moves|movement|movements|kicking|kicked|kick|kicks|wriggling|"
        r"wriggled|active|as active|squirming|stirring|stirred|responding|responded)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "not_felt_baby",
        r"\b(?:not|havent|hasnt|cant(?! wait)|couldnt(?! wait)|didnt|dont|doesnt|wasnt|isnt|never|no longer|barely|"
        r"hardly|stopped|not been able to|been unable to|unable to|without)(?: \w+){0,2}? (?:felt|feel|feeling|feels)"
        r"(?: (?:the|my|our|her|his|any|a|much|much of|single|proper|real|strong|usual|normal|them|it|him|"
        r"any more|anymore|as many|as much))*"
        r" (?:baby|bump|him|her|them|kicks|kick|kicking|movements|movement|moving|move|moved|wriggles|wriggling|"
        r"flutters|fluttering|a kick|a move|a movement|a thing|anything|nothing|life)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "movements_changed",
        r"\b(?:movements|movement|kicks|kicking|wriggles|wriggling|activity|pattern|routine|kick pattern|"
        r"movement pattern)(?: have| has| are| is| seem| seems| feel| feels| have been| has been| got| getting| keep|"
        r" definitely| kind of| sort of| a bit| really| much| so| all| just| gone| went| been| slowly)*"
        r" (?:slowed|slowing|slow|slower|reduced|reducing|stopped|stopping|changed|changing|different|less|fewer|"
        r"weaker|weak|quieter|quiet|not the same|not as|decreased|decreasing|lighter|softer|fainter|rare|"
        r"infrequent|less often|less frequent|sluggish|odd|weird|strange|off|down|nothing like|not like|a lot less|"
        r"way less|much less|far less|lot less|"
        r"arent the same|isnt the same|not normal|arent normal|arent right|not right)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "moving_less",
        r"\b(?:moving|moved|move|moves|kicking|kicked|kick|kicks|wriggling|active)(?: \w+){0,2}? (?:less|slower|"
        r"much less|a lot less|hardly at all|barely at all|less than usual|less than normal|less than before|"
        r"less than she|less than he|not as much|not as often|weaker|differently|fewer|less often|"
        r"not much|quieter|not very much|very little|at all today|at all since)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "fewer_movements",
        r"\b(?:less|reduced|fewer|decreased|decrease in|decreasing|no|not any|not many|hardly any|barely any|"
        r"weaker|slower|slowing|change in|changes in|changed|different|slowed|lack of|absent|absence of|lower|"
        r"stopped|less frequent|not much|lost|not as many|no more|little or no|little to no|any)"
        r"(?: \w+){0,1}? (?:baby |fetal |foetal |the )?(?:movements|kicks|kicking|wriggles|movement|moving)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "baby_quiet",
        r"\b(?:baby|bump|little one|he|she|they)(?: is| has| s| been| was| went| gone| seems| seem| just| really|"
        r" very)*"
        r"(?: very| really| so| unusually| super| a lot| quite| a bit| too| much| extra| weirdly| strangely| dead|"
        r" way| loads| noticeably| definitely| def| abit| alot| kind of| kinda| bit)? "
        r"(?:quiet|quite|quieter|still|lazy|sleepy|sluggish|not himself|not herself|not active|inactive|"
        r"less active|less wriggly)(?: \w+){0,3}? (?:today|tonight|all day|all night|all morning|all evening|since|"
        r"this morning|this afternoon|this evening|for hours|for ages|for a while|than usual|than normal|"
        r"recently|lately|compared|the last|for the last|for the past|since yesterday|since last)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "unsure_baby_moved",
        r"\b(?:dont think|not sure|unsure if|unsure whether|not sure if|cant tell if|dont know if|wondering if|"
        r"not convinced|doubt)(?: that)?(?: the| my| our)? (?:baby|he|she|bump|they|little one)(?: has| is| s| have)? "
        r"(?:moved|kicked|moving|kicking|been moving|been kicking|active)(?: \w+){0,2}? (?:much|at all|today|"
        r"as much|enough|since|properly|tonight|all day|lately|recently)\b",
    ),
    rule(
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
    rule(
        "last_felt",
        r"\b(?:cant remember|dont remember|cant recall|dont know) (?:the last time|when) (?:i|she|we) "
        r"(?:last )?(?:felt|noticed|had)\b"
        r"|\bonly (?:can |could |been able to )?(?:felt|feel|feeling|had|noticed|counted|been|getting|get|a few|one|"
        r"two|1|2|3)(?: \w+){0,3}? (?:move|moved|movements?|"
        r"kicks?|kicking|moving|wriggles?|flutters?)\b"
        r"|\b(?:one|two|a couple of|a few|twice|once|1|2|3) (?:kicks?|movements?|little kicks|wriggles)"
        r"(?: \w+){0,2}? (?:all day|today|since|this morning|tonight|in \w+ hours)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "slowed_down",
        r"\b(?:baby|bump|he|she|little one|twins|movements|kicks|kicking|things)(?: has| have| is| s| seems| seem|"
        r" really| definitely| just| kind of| a bit| totally| suddenly)* (?:slowed down|slowed right down|"
        r"slowing down|slowed|calmed right down|calmed down a lot|settled right down)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "not_noticed_much",
        r"\b(?:havent|hasnt|not|didnt|dont|cant|couldnt|barely|hardly|wasnt|isnt)(?: really)? (?:noticed|had|seen|felt|"
        r"been|got|getting|feeling|noticing) (?:much|many|any|a lot of|lots of|as much|as many|the usual|a single|"
        r"one|her usual|his usual|proper|big)(?: \w+)? (?:movement|movements|kicks|kicking|moving|wriggles|"
        r"activity|kick)\b"
        r"|\b(?:baby|bump|he|she|little one|they) (?:hasnt|has not|havent|not|didnt|isnt|wasnt)(?: really)? "
        r"(?:done|been doing|doing) (?:much|anything|a lot|a thing|her usual|his usual|their usual|the usual)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
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
    rule(
        "baby_gone_quiet",
        r"\b(?:baby|bump|little one|twins)(?: is| has| s| been| just| really| very| all| so| feels| seems| feel)* "
        r"(?:gone|went|going|feels|seems|gone very|gone really|gone so|been really|been very|been so|been unusually|"
        r"is unusually|unusually|really|very|so) (?:quiet|quite|still)\b",
    ),
    rule(
        "usually_active_but",
        r"\b(?:usually|normally|always|would usually|would normally|is usually|is normally)(?: \w+){0,3}? "
        r"(?:active|kicks?|kicking|moves?|moving|wriggl\w*|busy|going mad|goes mad|goes crazy|goes wild|mad|crazy|"
        r"party|wild|boxing|rolling)"
        r"(?: \w+){0,8}? (?:but|nothing|not|hasnt|havent|isnt|quiet|today|tonight|this)\b",
        r"\b(?:baby|bump|kicks?|kicking|movements?|pregnant|weeks|he|she|little one)\b",
    ),
    rule(
        "nothing_from_baby",
        r"\b(?:nothing|no movement|no movements|no kicks|no kicking|not a kick|not a thing|no sign of life|"
        r"no response|no reaction|not a peep|not a wriggle|silence)(?: \w+){0,2}? from (?:the |my |our |her )?"
        r"(?:baby|bump|him|her|them|little one|twins)\b",
    ),
    rule(
        "cold_drink_no_response",
        r"\b(?:cold|ice|iced|icy|fizzy|sugary|sweet|sugar|chocolate)(?: \w+){0,2}? (?:water|drink|juice|coke|"
        r"lucozade|sweets|pop|something|fizzy|biscuit|bar)\b(?: \w+){0,12}? (?:nothing|still (?:not|no|hasnt|"
        r"isnt|wont|quiet|nothing)|no (?:kicks|movement|movements|response)|not (?:moving|kicking|moved|kicked)|"
        r"hasnt (?:moved|kicked)|no luck|didnt (?:move|kick|work|help)|doesnt (?:move|kick|work))\b",
    ),
    rule(
        "heartbeat",
        r"\b(?:cant|couldnt|cannot|unable to|not|no|didnt|havent|wont|trouble|struggling to|struggled to)"
        r"(?: \w+){0,2}? (?:find|hear|get|pick up|picking up|found|heard|detect|finding|hearing)(?: \w+){0,3}? "
        r"(?:heart ?beat|heart rate|heart)\b"
        r"|\bno heart ?beat\b|\bdoppler(?: \w+){0,5}? (?:nothing|cant|couldnt|not|no)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "not_kicked_since",
        r"(?<!\bi )(?<!\bwe )(?<!\bi have )(?<!\bi am )(?<!\bwe have )"
        r"\b(?:hasnt|havent|not|stopped|no longer|isnt|wasnt|didnt|barely|hardly|not been|hasnt been)"
        r"(?: been)? (?:kicked|kicking|kicks|moved|moving|wriggled|wriggling|stirred|felt)(?: \w+){0,2}? "
        r"(?:today|tonight|all day|all night|since|for (?:\w+ )?(?:hours|hour|day|days|ages|a while|long)|"
        r"this morning|this afternoon|this evening|last night|yesterday|as much|as usual|like usual|"
        r"like normal|like before|properly|much|at all|in hours|in ages|for over)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "cant_get_baby_to_move",
        r"\b(?:cant|cannot|unable to|couldnt|trying to|tried to|try to|tried everything to|tried loads to) "
        r"(?:get|make|wake) (?:the |my |our )?(?:baby|him|her|them|bump|little one) (?:to )?"
        r"(?:move|moving|kick|kicking|respond|wake|react|up)\b",
    ),
    rule(
        "worried_movements",
        r"\b(?:worried|concerned|scared|anxious|worrying|unsure|not sure|panicking|freaking out|nervous|"
        r"uneasy|paranoid)(?: \w+){0,2}? (?:about|over|because of|re) (?:my |the |our |her |baby |his |their )*"
        r"(?:movements|movement|kicks|kicking|baby moving|baby not moving)\b",
    ),
    rule(
        "pattern_changed",
        r"\b(?:baby|babys|his|her|their|usual|normal|the)(?: usual| normal)? "
        r"(?:pattern|patterns|routine)(?: \w+){0,2}? "
        r"(?:has |is |have |seems |feels |are |just )?(?:changed|different|gone|stopped|off|not)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        "few_flutters",
        r"\b(?:just|only|barely|hardly|nothing but)(?: \w+){0,3}? (?:a couple of|a couple|a few|one or two|two|one|"
        r"a single|the odd|a tiny)(?: little| tiny| small| weak| faint| very small)* (?:flutters?|kicks?|movements?|"
        r"wriggles?|wiggles?|nudges?|jabs?|flickers?)\b",
        PREGNANCY_CONTEXT,
    ),
    rule(
        # "mines been way less active for the last 2 days, 38wks": "mine" is the baby, so the
        # context must name a pregnancy, not just "my".
        "mine_less_active",
        r"\bmine(?:s| is| has| s)?(?: been| gone| got| just| really| so| way| a lot| much| loads)*"
        r" (?:less active|less wriggly|not as active|not very active|quiet|quieter|slowed down|slowed right down|"
        r"slowing down|not moving|not kicking|barely moving|hardly moving|moving less|kicking less)\b",
        r"\b(?:baby|babies|bump|pregnant|pregnancy|weeks|kick\w*|movements?|due|midwife)\b",
    ),
    rule(
        "feels_less_active",
        rf"\b{BABYISH}(?: \w+){{0,2}}? (?:less|not as|isnt as|arent as|wasnt as|hasnt been as|not been as|"
        r"not very|much less|a lot less|nowhere near as|not nearly as) "
        r"(?:active|wriggly|kicky|lively|busy)\b",
        PREGNANCY_CONTEXT,
    ),
)


def situation(rule_name: str, sentence: str) -> str:
    """Every movements rule describes the same situation."""
    return "general"
