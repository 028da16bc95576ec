"""Reading grades and short first answers (issue 15, item 4): every response in domain.yml and
data/responses/*.yml. How a text is graded, the allowed long names and the staff-facing
responses are in tests/tools/readability.py."""

from __future__ import annotations

from pathlib import Path

from tests.tools.readability import (
    ALLOWED_NAMES,
    FAMILY_MAX_GRADE,
    FIRST_MESSAGE_MAX,
    RESPONSE_FILES,
    STAFF_FACING_ANSWERS,
    STAFF_FACING_RESPONSES,
    STAFF_MAX_GRADE,
    grade,
    graded,
    is_staff_facing,
    load_responses,
    plain,
    summary,
    without_source,
)

ROWS = graded()


def _too_hard(rows: list) -> list[str]:
    return [f"{r.name}: grade {r.grade} > {r.max_grade}: {plain(r.text)[:120]}…" for r in rows if r.grade > r.max_grade]


def test_every_response_is_graded() -> None:
    names = set(load_responses())
    assert {"utter_greet", "utter_urgent_emergency", "utter_faq/what_is_mvp", "utter_more_what_is_mvp"} <= names
    assert {r.name for r in ROWS} == {n for n, vs in load_responses().items() if any(v.get("text") for v in vs)}
    assert len(RESPONSE_FILES) >= 3  # domain.yml, faq.yml, more.yml


def test_family_facing_texts_read_at_grade_6_or_below() -> None:
    family = [r for r in ROWS if not r.staff]
    assert len(family) >= 100
    assert _too_hard(family) == []


def test_staff_facing_detail_reads_at_grade_9_or_below() -> None:
    staff = [r for r in ROWS if r.staff]
    assert {r.name for r in staff} >= {"utter_faq/activity_fish_bowl", "utter_more_gap_analysis_tool"}
    assert _too_hard(staff) == []


def test_staff_facing_answers_are_real_answers() -> None:
    # A name in the list that is no answer would let a typo hide a family answer's grade.
    keys = {n.removeprefix("utter_faq/") for n in load_responses() if n.startswith("utter_faq/")}
    assert STAFF_FACING_ANSWERS <= keys
    assert STAFF_FACING_RESPONSES <= set(load_responses())


def test_every_knowledge_answer_is_short_first_and_keeps_its_source() -> None:
    answers = [r for r in ROWS if r.is_answer]
    assert len(answers) >= 50
    too_long = [f"{r.name}: {r.first_length} characters" for r in answers if r.first_length > FIRST_MESSAGE_MAX]
    assert too_long == []
    for row in answers:
        last = row.text.strip().splitlines()[-1]
        assert last.startswith("Source: https://") or last.startswith("Source: http://"), row.name


def test_the_rule_fails_a_hard_text_and_names_it() -> None:
    hard = (
        "Notwithstanding organisational considerations, commissioners' accountability "
        "necessitates comprehensive documentation demonstrating multidisciplinary collaboration.\n\n"
        "Source: https://nationalmaternityvoices.org.uk/faqs/"
    )
    assert grade(hard) > STAFF_MAX_GRADE
    rows = graded_from_text("utter_faq/what_is_mvp", hard)
    assert _too_hard(rows)[0].startswith("utter_faq/what_is_mvp: grade ")


def test_a_simple_text_passes_and_long_names_count_as_one_word() -> None:
    simple = "Your MNVP wants to hear about your care. You can fill in a form.\n\nSource: https://example.org/x"
    assert grade(simple) <= FAMILY_MAX_GRADE
    named = "The Maternity and Neonatal Voices Partnership meets four times a year."
    assert "Partnership" not in plain(named)
    assert grade(named) < grade(
        named.replace("Maternity and Neonatal Voices Partnership", "local organisational collaborative")
    )
    assert "https://" not in plain(simple)
    assert "Source" not in plain(simple)


def test_first_message_length_leaves_out_the_source_line() -> None:
    text = "Short answer.\n\nSource: https://nationalmaternityvoices.org.uk/faqs/\n"
    assert without_source(text) == "Short answer."


def test_allowed_names_stay_a_short_list_of_names() -> None:
    assert len(ALLOWED_NAMES) <= 35
    assert all(len(name.split()) <= 10 for name in ALLOWED_NAMES)


def test_audiences() -> None:
    assert is_staff_facing("utter_faq/activity_q_sort")
    assert is_staff_facing("utter_more_activity_q_sort")
    assert not is_staff_facing("utter_faq/give_feedback")
    assert not is_staff_facing("utter_more_give_feedback")
    assert not is_staff_facing("utter_urgent_emergency")


def test_summary_counts_sms_segments() -> None:
    rows = graded_from_text("utter_faq/a", "x " * 70 + "\n\nSource: https://example.org/")
    rows += graded_from_text("utter_faq/b", "word " * 60 + "\n\nSource: https://example.org/")
    got = summary(rows)
    assert (got["within_160"], got["within_320"], got["answers"]) == (1, 2, 2)


def graded_from_text(name: str, text: str) -> list:
    """The rows `graded` makes for one response file holding `name` with `text`."""
    import tempfile

    import yaml

    folder = Path(tempfile.mkdtemp())
    path = folder / "r.yml"
    path.write_text(yaml.safe_dump({"responses": {name: [{"text": text}]}}), encoding="utf-8")
    return graded((path,))
