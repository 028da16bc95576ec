"""`make eval`: 5-fold cross-validated NLU quality, with the real pipeline (safety guard included).

Runs `rasa test nlu --cross-validation` on data/nlu and prints the intent macro-F1. Rasa only
scores its own ResponseSelector, so the knowledge-answer macro-F1 of our answer selector is
computed here with the same 5-fold stratified cross-validation on the `faq/…` examples.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import time
from pathlib import Path

from benchmarks.servers import RASA, ROOT


def _macro_f1(report: Path) -> tuple[float, float]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return float(data["macro avg"]["f1-score"]), float(data.get("accuracy", data["weighted avg"]["f1-score"]))


def _worst(report: Path, count: int = 5) -> list[tuple[str, float, int]]:
    data = json.loads(report.read_text(encoding="utf-8"))
    rows = [
        (name, float(v["f1-score"]), int(v["support"]))
        for name, v in data.items()
        if isinstance(v, dict) and "f1-score" in v and name not in ("macro avg", "weighted avg", "micro avg")
    ]
    return sorted(rows, key=lambda r: r[1])[:count]


def answer_f1(folds: int = 5) -> tuple[float, float, list[tuple[str, float]], dict[str, tuple[float, float]]]:
    """Cross-validated macro-F1 and accuracy of `bot.intents.IntentModel` on the faq answer keys
    (trained, like the answer selector, on the examples and the answers' own sentences),
    and for the rule that decides when an answer is given rather than "did you mean"
    (`bot.topics.answer_is_unsure`) and for a bare 0.5: the shares of questions answered rightly
    and wrongly."""
    import re

    import numpy as np
    import yaml
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    from bot.details import answer_sentences
    from bot.intents import IntentModel
    from bot.topics import RETRIEVAL_INTENT, answer_is_unsure

    entity = re.compile(r"\[([^\]]+)\]\([^)]+\)")
    texts, keys = [], []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if str(item.get("intent", "")).startswith("faq/"):
                for line in item["examples"].splitlines():
                    if line.startswith("- "):
                        texts.append(entity.sub(r"\1", line[2:].strip()))
                        keys.append(item["intent"])
    x, y = np.array(texts, dtype=object), np.array(keys)
    predicted = np.empty(len(y), dtype=object)
    top, runner_up = np.zeros(len(y)), np.zeros(len(y))
    # The answers' own sentences are examples too, in every fold, as in the trained selector.
    own = [(text, key) for text, key in answer_sentences() if key in set(keys)]
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=42).split(x, y):
        model = IntentModel().fit(list(x[train]) + [text for text, _ in own], list(y[train]) + [key for _, key in own])
        for i in test:
            ranked = model.rank(x[i], 2)
            predicted[i], top[i] = ranked[0]
            runner_up[i] = ranked[1][1] if len(ranked) > 1 else 0.0
    per_answer = f1_score(y, predicted, average=None, labels=sorted(set(y)))
    worst = sorted(zip(sorted(set(y)), per_answer, strict=True), key=lambda p: p[1])[:5]
    right = predicted == y
    rules = {
        "answer rule (bot.topics)": np.array(
            [not answer_is_unsure(RETRIEVAL_INTENT, t, r) for t, r in zip(top, runner_up, strict=True)]
        ),
        "bare 0.5": top >= 0.5,
    }
    shares = {name: (float((given & right).mean()), float((given & ~right).mean())) for name, given in rules.items()}
    return float(f1_score(y, predicted, average="macro")), float(accuracy_score(y, predicted)), worst, shares


def main() -> int:
    """Runs the cross-validation and prints the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "results" / "cross-validation")
    args = parser.parse_args()
    started = time.monotonic()
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            str(args.folds),
            "--out",
            str(args.out),
        ],
        cwd=ROOT,
        check=True,
    )
    minutes = (time.monotonic() - started) / 60
    intent_f1, intent_acc = _macro_f1(args.out / "intent_report.json")
    print(f"\nMachine: {platform.machine()}, Python {platform.python_version()}; {minutes:.1f} min")
    print(f"{args.folds}-fold cross-validation on data/nlu (test folds only):")
    print(f"- intent macro-F1: {intent_f1:.3f} (accuracy {intent_acc:.3f}; aim >= 0.95)")
    rs_f1, rs_acc, worst, shares = answer_f1(args.folds)
    print(f"- knowledge answer (faq sub-intent) macro-F1: {rs_f1:.3f} (accuracy {rs_acc:.3f})")
    for name, (right, wrong) in shares.items():
        print(f"  {name}: answered rightly {right:.1%}, wrongly {wrong:.1%}, 'did you mean' {1 - right - wrong:.1%}")
    print("  weakest answers: " + ", ".join(f"{n} {f:.2f}" for n, f in worst))
    print("  weakest intents: " + ", ".join(f"{n} {f:.2f}" for n, f, _ in _worst(args.out / "intent_report.json")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
