"""`make eval` (readability part): reading grade and first-message length of every knowledge answer.

For each family-facing knowledge answer (`utter_faq/<key>`): its Flesch-Kincaid grade and the
length of its first message without the source line; then the median and max grade, the mean and
max length, and how many first messages fit one SMS segment (160 characters) and two (320).
Staff-facing answers follow, with their own summary. The rules themselves are checked by
tests/test_readability.py; how a text is graded is in tests/tools/readability.py.

`python -m benchmarks.readability --at REV` grades the texts as they were at a git revision
(e.g. the "before" figures in docs/benchmarks.md: `--at 2a84f26`), with today's grader.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.tools.readability import FIRST_MESSAGE_MAX, ROOT, SMS_SEGMENT, Graded, graded, summary


def files_at(revision: str, folder: Path) -> tuple[Path, ...]:
    """domain.yml and data/responses/*.yml as they were at `revision`, written into `folder`."""
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "domain.yml", "data/responses/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    paths = []
    for name in listed:
        text = subprocess.run(
            ["git", "show", f"{revision}:{name}"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        path = folder / name.replace("/", "_")
        path.write_text(text.stdout, encoding="utf-8")
        paths.append(path)
    return tuple(paths)


def table(title: str, rows: list[Graded], every: list[Graded]) -> None:
    print(f"\n{title} ({len(rows)})")
    print(f"  {'answer':<34} {'grade':>5} {'first':>5}  {'more':>5}")
    for row in sorted(rows, key=lambda r: r.name):
        more = [r for r in every if r.name == f"utter_more_{row.name.removeprefix('utter_faq/')}"]
        more_grade = f"{more[0].grade:5.1f}" if more else "    -"
        print(f"  {row.name.removeprefix('utter_faq/'):<34} {row.grade:5.1f} {row.first_length:5d}  {more_grade}")
    s = summary(rows)
    print(
        f"  grade: median {s['median_grade']}, max {s['max_grade']}; first message: mean {s['mean_length']}, "
        f"max {s['max_length']} characters; {s['within_160']}/{s['answers']} fit {SMS_SEGMENT}, "
        f"{s['within_320']}/{s['answers']} fit {FIRST_MESSAGE_MAX}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", metavar="REV", help="grade the texts as they were at this git revision")
    args = parser.parse_args(argv)
    if args.at:
        with tempfile.TemporaryDirectory() as folder:
            every = graded(files_at(args.at, Path(folder)))
        print(f"Texts at {args.at}.")
    else:
        every = graded()
    answers = [r for r in every if r.is_answer]
    print("Knowledge answers: Flesch-Kincaid grade of the first message, its length without the")
    print("source line, and the grade of the longer part ('tell me more') where there is one.")
    table("Family-facing", [r for r in answers if not r.staff], every)
    table("Staff-facing", [r for r in answers if r.staff], every)
    others = [r for r in every if not r.is_answer and not r.name.startswith("utter_more_") and not r.staff]
    grades = sorted(r.grade for r in others)
    print(
        f"\nOther family-facing responses in domain.yml: {len(others)}, grade median "
        f"{grades[len(grades) // 2]}, max {grades[-1]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
