"""Formats packed in table cells: every value parses back to what was written."""

import pytest

from upsoc.tables import (
    UnitId,
    format_concepts,
    format_cues,
    format_list,
    format_unit_id,
    parse_concepts,
    parse_cues,
    parse_list,
    parse_unit_id,
)


@pytest.mark.parametrize("concepts", [[], ["trust_familiarity"], ["exchange_reciprocity", "follow_up", "ask_for_help"]])
def test_concept_lists_round_trip(concepts):
    assert parse_concepts(format_concepts(concepts)) == concepts


def test_concepts_are_joined_by_semicolons():
    assert format_concepts(["offer_value", "follow_up"]) == "offer_value;follow_up"
    assert parse_concepts("") == []


@pytest.mark.parametrize(
    "found",
    [
        {},
        {"follow_up": ["follow up"]},
        # Chinese, Persian with a zero-width non-joiner, and English cues of several words
        {"network_structure": ["人脉", "圈子"], "attend_events": ["ایونت‌ها"], "seek_advice": ["ask for advice", "mentor"]},
    ],
)
def test_cue_mappings_round_trip(found):
    assert parse_cues(format_cues(found)) == found


def test_cues_are_written_as_the_readme_documents():
    assert format_cues({"trust_familiarity": ["trust", "familiar"], "follow_up": ["follow up"]}) == (
        "trust_familiarity=trust|familiar; follow_up=follow up"
    )


def test_lists_round_trip_and_empty_is_empty():
    assert parse_list(format_list(["^ask", "if…then", "باید"])) == ["^ask", "if…then", "باید"]
    assert format_list([]) == "" and parse_list("") == []


@pytest.mark.parametrize("unit", [UnitId("coffee-chats", 1, 3), UnitId("a-b-2024", 12, 12)])
def test_unit_ids_round_trip(unit):
    cell = format_unit_id(*unit)
    assert parse_unit_id(cell) == unit
    assert cell == f"{unit.article_id}:{unit.first_sentence}-{unit.last_sentence}"
