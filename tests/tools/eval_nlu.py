"""`make eval`: 5-fold cross-validated NLU quality, with the real pipeline (safety guard included).

Runs `rasa test nlu --cross-validation` on data/nlu and prints the intent macro-F1 and the
knowledge-answer (response selection) macro-F1, for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import time
from pathlib import Path

from tests.tools.servers import RASA, ROOT


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
    selector = args.out / "response_selection_report.json"
    if selector.is_file():
        rs_f1, rs_acc = _macro_f1(selector)
        print(f"- knowledge answer (faq sub-intent) macro-F1: {rs_f1:.3f} (accuracy {rs_acc:.3f})")
        print("  weakest answers: " + ", ".join(f"{n} {f:.2f}" for n, f, _ in _worst(selector)))
    print("  weakest intents: " + ", ".join(f"{n} {f:.2f}" for n, f, _ in _worst(args.out / "intent_report.json")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
