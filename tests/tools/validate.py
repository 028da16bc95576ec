"""`rasa data validate`, failing on any warning that is not a known, documented false alarm.

Rasa's own `--fail-on-warnings` cannot be used: it warns about two things that are right here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Rasa 3.6 re-declares a retrieval intent when it merges responses from data/, so `faq` is
# always reported as duplicated; leaving it out of domain.yml breaks the rules instead.
# The urgent_* intents are set only by the safety guard (bot/rasa_ext/safety_guard.py), never
# learnt by the classifier, so they have no training examples on purpose; so are `too_long` and
# `share_story`, set by the language guard (bot/rasa_ext/language_guard.py) on over-long messages
# and on long stories of care (bot.text.language.is_experience_story); so is `local_details`
# (bot.text.local.asks_local_detail), and `movements_info` (bot.safety.asks_about_movements). The
# urgent policy (bot/rasa_ext/urgent_policy.py), not rules, answers urgent_* and low_mood.
KNOWN = [
    re.compile(r"The following duplicated intents have been found across multiple domain files: faq$"),
    re.compile(
        r"The intent '(urgent_\w+|too_long|share_story|local_details|movements_info)' is listed in the domain file, "
        r"but is not found in the NLU training data\.$"
    ),
    re.compile(r"The intent '(urgent_\w+|low_mood)' is not used in any story or rule\.$"),
]
UNUSED = re.compile(r"The utterance '(?P<name>utter_\w+)' is not used in any story or rule\.")


def responses_used_by_actions() -> set[str]:
    """Responses that custom actions send, named in actions/ or in the bot/ code they call."""
    found: set[str] = set()
    for path in [*(ROOT / "actions").glob("*.py"), *(ROOT / "bot").rglob("*.py")]:
        found.update(re.findall(r'"(utter_\w+)"', path.read_text(encoding="utf-8")))
    return found


def responses_sent_by_tell_more() -> set[str]:
    """`utter_more_<key>` for every knowledge answer `faq/<key>`: "Tell me more" (action_tell_more,
    bot/flows.py) builds the name from the answer the conversation is about."""
    import yaml

    answers = yaml.safe_load((ROOT / "data" / "responses" / "faq.yml").read_text(encoding="utf-8"))["responses"]
    return {f"utter_more_{name.removeprefix('utter_faq/')}" for name in answers}


def responses_asked_by_forms() -> set[str]:
    """`utter_ask_<slot>` for every slot a form requests (Rasa's validator does not see forms use them)."""
    import yaml

    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {
        f"utter_ask_{slot}" for form in (domain.get("forms") or {}).values() for slot in form.get("required_slots", [])
    }


def main() -> int:
    """Runs the validator and returns its verdict as an exit code."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "data", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    used = responses_used_by_actions() | responses_asked_by_forms() | responses_sent_by_tell_more()
    problems = []
    for block in re.split(r"\n(?=\S)", output):
        if "UserWarning" not in block or "site-packages/rasa/" not in block:
            continue
        message = block.split("UserWarning:", 1)[1].strip().split("\n  More info")[0].strip()
        unused = UNUSED.search(message)
        if unused and unused.group("name") in used:
            continue
        if any(p.search(message) for p in KNOWN):
            continue
        problems.append(message)
    if result.returncode != 0:
        print(output)
        print(f"rasa data validate failed (exit {result.returncode}).")
        return 1
    for problem in problems:
        print(f"WARNING: {problem}")
    print(f"rasa data validate: {len(problems)} unexpected warning(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
