"""Does a message tell of a baby's death: a stillbirth, a miscarriage, a baby who died.

A bereaved parent who asks how to help other families, or tells how their care went, hears
"I'm so sorry" before anything else (`bot.flows.with_condolence`). Only a loss told as past is
read here: "I'm scared my baby will die" is a worry for the safety guard, not a bereavement.
"""

from __future__ import annotations

import re

_WHO = r"(?:baby|babies|son|daughter|boy|girl|twins?|little one|bubba|bubs|child)"
_LOSS = re.compile(
    r"\b(?:stillborn|still-born|still birth|stillbirth|born sleeping|born still|miscarried|miscarriage|"
    r"neonatal death|baby loss|bereaved|bereavement|angel baby|sids|cot death)\b"
    r"|\b(?:we|i|she|he)\s+(?:lost|have lost|'ve lost|ve lost|had lost)\s+(?:our|my|her|his|a|the)\s+"
    rf"(?:\w+\s+)?{_WHO}\b|\b(?:lost|losing) (?:him|her|them) (?:at|when|after|last)\b"
    rf"|\b(?:loss of|losing)\s+(?:our|my|her|his)\s+(?:\w+\s+)?{_WHO}\b"
    rf"|\b{_WHO}\s+(?:\w+\s+){{0,6}}?(?<!nearly )(?<!almost )"
    r"(?:died|passed away|did not survive|didn't survive|didnt survive|was born dead|had died|has died)\b",
    re.IGNORECASE,
)
_NOT_PAST = re.compile(
    r"\b(?:will|might|could|going to|gonna|scared|afraid|worried|worry|fear|if)\b[^.?!]{0,40}\b(?:die|died|lose)\b",
    re.IGNORECASE,
)
_PLAIN_LOSS = re.compile(r"\b(?:stillborn|stillbirth|miscarri\w*|passed away)\b", re.IGNORECASE)
MAX_CHARS = 5000


def tells_of_a_loss(text: str) -> bool:
    """Whether the message tells of a baby's death or a pregnancy lost."""
    text = (text or "")[:MAX_CHARS]
    found = _LOSS.search(text)
    if found is None:
        return False
    # "Worried my baby might die": a fear, unless a loss is also told plainly.
    return not (_NOT_PAST.search(text) and not _PLAIN_LOSS.search(text))
