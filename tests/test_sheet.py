"""The article sheet is refused, with the row and the fix, when it is wrong."""

import shutil

import pytest
from conftest import FIXTURE_CORPUS, ROOT

from upsoc.sheet import SheetError, load_schema, load_sheet

SCHEMA = load_schema(ROOT / "workflow" / "schemas" / "articles.schema.yaml")


@pytest.fixture
def corpus(tmp_path):
    shutil.copytree(FIXTURE_CORPUS, tmp_path / "corpus")
    return tmp_path / "corpus"


def edit_sheet(corpus, old, new):
    sheet = corpus / "articles.tsv"
    text = sheet.read_text(encoding="utf-8")
    assert old in text
    sheet.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(corpus):
    return load_sheet(corpus / "articles.tsv", SCHEMA, corpus / "raw")


def test_valid_sheet_loads_indexed_by_id(corpus):
    sheet = load(corpus)
    assert list(sheet.index) == ["mentor-note", "networking-basics", "coffee-chats"]
    assert sheet.loc["networking-basics", "published"] == "2023-07"


def test_the_shipped_sheet_is_valid():
    sheet = load_sheet(ROOT / "data" / "articles.tsv", SCHEMA, ROOT / "data" / "raw")
    assert sheet["language"].value_counts().to_dict() == {"en": 22, "zh": 23, "fa": 4}
    assert set(sheet["frame"]) == {"upward_socializing", "networking", "managing_up"}
    # five translation pairs, each recorded on one side
    assert (sheet["parallel_of"] != "").sum() == 5


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("\tzh\tupward_socializing", "\tjp\tupward_socializing", r"row 2 \(id 'mentor-note'\): language: 'jp' is not one of"),
        ("coffee-chats\tcoffee-chats.en.txt", "mentor-note\tcoffee-chats.en.txt", r"id 'mentor-note' is used by rows 2, 4"),
        ("coffee-chats.en.txt", "missing.en.txt", r"row 4 .*missing\.en\.txt does not exist"),
        ("coffee-chats.en.txt", "../../outside.txt", r"row 4 .*points outside"),
        ("\tIR\t", "\tIran\t", r"row 3 .*origin: 'Iran' does not match"),
        ("coffee-chats\t", "Coffee Chats\t", r"row 4 .*id: 'Coffee Chats' does not match"),
        ("2023-07", "July 2023", r"row 3 .*published"),
        ("\tfixture with byline", "", r"row 4 has 12 fields, the header has 13"),
        ("\tnotes\n", "\tnotes\tscore\n", r"header has 14|unknown column"),
    ],
)
def test_bad_sheets_are_refused_naming_row_and_problem(corpus, old, new, message):
    edit_sheet(corpus, old, new)
    with pytest.raises(SheetError, match=message):
        load(corpus)


def test_missing_column_is_named(corpus):
    sheet = corpus / "articles.tsv"
    lines = [line.split("\t") for line in sheet.read_text(encoding="utf-8").splitlines()]
    sheet.write_text("\n".join("\t".join(cells[:-1]) for cells in lines) + "\n", encoding="utf-8")
    with pytest.raises(SheetError, match="missing column.*notes"):
        load(corpus)
