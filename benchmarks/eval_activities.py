"""`make eval` (activities part): how often the recommender's first choice is an acceptable one.

Each request in tests/data/activity_requests.yml is a message as a user would write it; the
extractor reads the details from it (as the activity form does from the first message), the
recommender ranks the seven activities, and the first is checked against the acceptable ids.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.activities.extract import extract_details
from bot.activities.model import load_activities
from bot.activities.recommend import SessionRequest, recommend

DATA_DIR = Path(__file__).resolve().parents[1] / "tests" / "data"
REQUESTS = DATA_DIR / "activity_requests.yml"
# Written separately and never used to tune the recommender: the honest figure.
HOLDOUT = DATA_DIR / "activity_requests_holdout.yml"


def evaluate(path: Path = REQUESTS) -> tuple[int, int, list[str]]:
    """(agreed, total, descriptions of the disagreements)."""
    data = load_activities()
    requests = yaml.safe_load(path.read_text(encoding="utf-8"))["requests"]
    agreed, misses = 0, []
    for item in requests:
        details = extract_details(item["text"], data.purposes, data.activities)
        request = SessionRequest(**vars(details))
        best = recommend(data.activities, request).best.activity.id
        if best in item["acceptable"]:
            agreed += 1
        else:
            misses.append(f"{item['text']!r}: got {best}, want {item['acceptable']} ({details})")
    return agreed, len(requests), misses


def main() -> int:
    """Prints the agreement and the disagreements, for the tuning set and the held-out set."""
    sets = (
        ("tuning set", REQUESTS),
        ("held-out set", HOLDOUT),
        ("blind set 1, now tuning", DATA_DIR / "activity_requests_blind.yml"),
        ("blind set 2 (first run 60/70 before the wave-2 recommender)", DATA_DIR / "activity_requests_blind_2.yml"),
    )
    for label, path in sets:
        if not path.is_file():
            continue
        agreed, total, misses = evaluate(path)
        print(f"Activity recommender, {label} ({path.name}): {agreed}/{total} agree ({agreed / total:.0%}; aim >= 90%)")
        for miss in misses:
            print(f"  {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
