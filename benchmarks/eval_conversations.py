"""`make eval` (conversations part): whole conversations end to end, over REST.

Each conversation in the set is played in a new conversation, turn by turn; each turn's
replies are judged by the checks its author wrote (lenient on wording, strict on substance):

- any_of / all_of / none_of: words or short phrases in the replies (case-insensitive; an item
  "a|b" means either);
- link_any: the replies hold a link starting with one of these URLs;
- answered (default true): a real answer, not "didn't understand" or "did you mean";
- urgent: the first reply leads with that urgent route (see eval_safety.route_of; maternity_unit
  stands for either of the two routes to the maternity unit);
- recommend_any: the first activity the replies name is one of these;
- asks: the replies ask a question back;
- dont_know: the replies say kindly that the assistant does not know.

It also counts the false "did you mean": turns whose answer exists that got "did you mean".

A conversation passes when every turn passes. Run: `python -m benchmarks.eval_conversations
[path ...] [--only ID ...] [--show]` (all thirteen blind sets when no path is given).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

import requests
import yaml

from benchmarks.eval_safety import route_of
from benchmarks.servers import project_servers

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
# Thirteen blind sets, each written by a helper who saw only the personas and the facts. First runs
# (docs/benchmarks.md): set 1 41%, set 2 48%, set 3 45%, set 4 60%, set 5 66%, set 6 72%, set 7 61%,
# set 8 67%, set 9 70%, set 10 64%, set 11 65%, set 12 69%, set 13 72%; all are tuning sets now.
DEFAULT_SETS = (
    DATA / "conversations_blind.yml",
    DATA / "conversations_blind_2.yml",
    DATA / "conversations_blind_3.yml",
    DATA / "conversations_blind_4.yml",
    DATA / "conversations_blind_5.yml",
    DATA / "conversations_blind_6.yml",
    DATA / "conversations_blind_7.yml",
    DATA / "conversations_blind_8.yml",
    DATA / "conversations_blind_9.yml",
    DATA / "conversations_blind_10.yml",
    DATA / "conversations_blind_11.yml",
    DATA / "conversations_blind_12.yml",
    DATA / "conversations_blind_13.yml",
)

_NOT_UNDERSTOOD = ("didn't understand", "did you mean", "not sure i understood")
_DONT_KNOW = (
    "don't know",
    "do not know",
    "don't have",
    "do not have",
    "not sure",
    "can't",
    "cannot",
    "couldn't find",
    "no information",
    "not able to",
    "isn't something i",
)
# An author may name the maternity unit's route as one: both of ours lead with "ring your maternity unit".
_ROUTES = {"maternity_unit": {"maternity_triage", "baby_movements"}}
_URL = re.compile(r"https?://[^\s)>\]]+")
# Activity names as people write them; CUbe must not match "Story Cubes".
_ACTIVITIES = {
    "q sort": r"\bq[ -]?sort\b",
    "role play": r"\brole[ -]?play\b",
    "story cubes": r"\bstory cubes?\b",
    "fish bowl": r"\bfish ?bowl\b",
    "sticky notes": r"\bsticky notes?\b",
    "pecha kucha": r"\bpecha[ -]?kucha\b",
    "cube": r"(?<!story )\bcube\b",
}


def _canon_activity(name: str) -> str | None:
    low = name.lower().strip()
    for canon, pattern in _ACTIVITIES.items():
        if re.fullmatch(pattern, low) or low == canon:
            return canon
    return None


def first_activity(text: str) -> str | None:
    """The activity the text names first."""
    found = []
    for canon, pattern in _ACTIVITIES.items():
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            found.append((match.start(), canon))
    return min(found)[1] if found else None


def _has(text: str, item: str) -> bool:
    return any(option.strip().lower() in text for option in str(item).split("|") if option.strip())


def judge(expect: dict, replies: list[dict]) -> list[str]:
    """The checks a turn's replies fail (empty when it passes)."""
    texts = [r.get("text") or "" for r in replies]
    buttons = [b.get("title") or "" for r in replies for b in r.get("buttons") or []]
    text = "\n".join(texts + buttons).lower()
    failed = []
    if not replies:
        return ["no reply"]
    if expect.get("any_of") and not any(_has(text, item) for item in expect["any_of"]):
        failed.append(f"any_of {expect['any_of']}")
    for item in expect.get("all_of") or []:
        if not _has(text, item):
            failed.append(f"all_of {item}")
    for item in expect.get("none_of") or []:
        if _has(text, item):
            failed.append(f"none_of {item}")
    if expect.get("link_any"):
        urls = _URL.findall("\n".join(texts))
        wanted = [u.rstrip("/") for u in expect["link_any"]]
        if not any(url.startswith(w) for url in urls for w in wanted):
            failed.append("link_any")
    if expect.get("urgent"):
        got = route_of(replies)
        if got not in _ROUTES.get(expect["urgent"], {expect["urgent"]}):
            failed.append(f"urgent {expect['urgent']} (got {got})")
    if expect.get("recommend_any"):
        wanted = {_canon_activity(name) for name in expect["recommend_any"]}
        got = first_activity("\n".join(texts))
        if got not in wanted:
            failed.append(f"recommend_any {expect['recommend_any']} (got {got})")
    if expect.get("asks") and "?" not in "\n".join(texts):
        failed.append("asks")
    if expect.get("dont_know"):
        if not any(phrase in text for phrase in _DONT_KNOW):
            failed.append("dont_know")
    elif expect.get("answered", True) and not expect.get("urgent"):
        if any(phrase in text for phrase in _NOT_UNDERSTOOD):
            failed.append("answered")
    return failed


def evaluate(url: str, path: Path, only: set[str] | None = None, show: bool = False) -> dict:
    """Plays every conversation; returns the counts and the failures."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    conversations = [c for c in data["conversations"] if not only or c["id"] in only]
    counts: Counter = Counter()
    failures: list[str] = []
    for conversation in conversations:
        sender = f"eval-{uuid.uuid4().hex}"
        ok = True
        for number, turn in enumerate(conversation["turns"], 1):
            reply = requests.post(url, json={"sender": sender, "message": turn["user"]}, timeout=60)
            replies = reply.json() if reply.ok else []
            failed = judge(turn.get("expect") or {}, replies)
            counts["turns"] += 1
            counts["turns passed"] += not failed
            expect = turn.get("expect") or {}
            if expect.get("answered", True) and not expect.get("dont_know") and not expect.get("urgent"):
                # A turn whose answer exists: "did you mean" there is a false one.
                counts["answerable turns"] += 1
                said = " ".join((r.get("text") or "") for r in replies).lower()
                counts["false did you mean"] += "did you mean" in said
            if show:
                print(f"--- {conversation['id']}.{number} > {turn['user'][:200]}")
                for r in replies:
                    print("   ", (r.get("text") or "").replace("\n", "\n    "))
                    if r.get("buttons"):
                        print("    [" + " | ".join(b.get("title", "") for b in r["buttons"]) + "]")
                print("    FAILED: " + "; ".join(failed) if failed else "    ok")
            if failed:
                ok = False
                first = (replies[0].get("text") or "")[:90].replace("\n", " ") if replies else "(none)"
                failures.append(
                    f"{conversation['id']}.{number} {turn['user'][:70]!r}: {'; '.join(failed)} <- {first!r}"
                )
        multi = len(conversation["turns"]) > 1
        for group in ("all", conversation.get("style", "standard"), "multi-turn" if multi else "single-turn"):
            counts[f"{group} conversations"] += 1
            counts[f"{group} passed"] += ok
    return {"counts": counts, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    """Starts the assistant, plays the set and prints the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_SETS))
    parser.add_argument("--only", nargs="*", default=None, help="conversation ids")
    parser.add_argument("--show", action="store_true", help="print every reply")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"DATABASE_URL": f"sqlite:///{tmp}/eval.db", "NEEDS_SPOOL": f"{tmp}/spool.jsonl"}
        with project_servers(Path(tmp) / "serve.log", env) as url:
            results = [(p, evaluate(url, p, set(args.only) if args.only else None, args.show)) for p in args.paths]
    for path, result in results:
        _report(path, result)
    return 0


def _report(path: Path, result: dict) -> None:
    counts = result["counts"]
    print(f"\n{path.name}")
    for group in ("all", "family_own", "standard", "multi-turn", "single-turn"):
        total = counts[f"{group} conversations"]
        if total:
            passed = counts[f"{group} passed"]
            print(f"  {group:12} conversations {passed:3}/{total:3} ({passed / total:.0%})")
    print(
        f"  turns {counts['turns passed']}/{counts['turns']} ({counts['turns passed'] / max(1, counts['turns']):.0%})"
    )
    answerable = max(1, counts["answerable turns"])
    print(
        f"  false 'did you mean' {counts['false did you mean']}/{counts['answerable turns']} turns whose answer"
        f" exists ({counts['false did you mean'] / answerable:.1%})"
    )
    for failure in result["failures"]:
        print(f"  FAIL {failure}")


if __name__ == "__main__":
    sys.exit(main())
