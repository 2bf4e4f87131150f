"""The article sheet is refused, with the row and the fix, when it is wrong."""

import json
import os
import shutil

import pytest
from conftest import FIXTURE_CORPUS, ROOT

from upsoc.sheet import SheetError, load_schema, load_sheet
from upsoc.tsv import read_tsv

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
    assert sheet["language"].value_counts().to_dict() == {"en": 40, "zh": 35, "fa": 4}
    cells = sheet.groupby(["frame", "language"]).size().to_dict()
    # every frame can be compared within English and within Chinese; Persian is networking only
    assert cells == {("managing_up", "en"): 12, ("managing_up", "zh"): 7, ("networking", "en"): 19,
                     ("networking", "fa"): 4, ("networking", "zh"): 16, ("upward_socializing", "en"): 9,
                     ("upward_socializing", "zh"): 12}
    # six translation pairs, each recorded on one side
    assert (sheet["parallel_of"] != "").sum() == 6


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


class CountedChecks:
    """Counts the article files whose content is checked (read, decoded and extracted)."""

    def __init__(self, monkeypatch):
        import upsoc.sheet

        self.files = []
        check = upsoc.sheet.check_article_bytes

        def counted(data, name, language, max_bytes):
            self.files.append(name.rsplit("/", 1)[-1])
            return check(data, name, language, max_bytes)

        monkeypatch.setattr(upsoc.sheet, "check_article_bytes", counted)


def load_cached(corpus, max_bytes=5_000_000):
    return load_sheet(corpus / "articles.tsv", SCHEMA, corpus / "raw", max_bytes, cache=corpus / ".cache" / "checks.json")


def test_the_cache_skips_unchanged_files_and_gives_the_same_sheet(corpus, monkeypatch):
    checks = CountedChecks(monkeypatch)
    first = load_cached(corpus)
    assert sorted(checks.files) == ["coffee-chats.en.txt", "mentor-note.zh.txt", "networking-basics.fa.txt"]
    checks.files.clear()
    again = load_cached(corpus)
    assert checks.files == []
    assert again.equals(first) and again.attrs == first.attrs == load(corpus).attrs


def test_a_touched_file_with_the_same_bytes_is_not_checked_again(corpus, monkeypatch):
    load_cached(corpus)
    checks = CountedChecks(monkeypatch)
    article = corpus / "raw" / "coffee-chats.en.txt"
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    load_cached(corpus)
    assert checks.files == []


def test_a_changed_file_is_checked_again(corpus, monkeypatch):
    load_cached(corpus)
    checks = CountedChecks(monkeypatch)
    (corpus / "raw" / "mentor-note.zh.txt").write_text("Only English words here, no Chinese at all.\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"row 2 .*declared language 'zh'"):
        load_cached(corpus)
    assert checks.files == ["mentor-note.zh.txt"]


def test_a_changed_row_or_limit_is_checked_again(corpus):
    load_cached(corpus)
    edit_sheet(corpus, "2023-07", "July 2023")
    with pytest.raises(SheetError, match=r"row 3 .*published"):
        load_cached(corpus)
    edit_sheet(corpus, "July 2023", "2023-07")
    load_cached(corpus)
    with pytest.raises(SheetError, match="over the limit of 100"):
        load_cached(corpus, max_bytes=100)


@pytest.mark.parametrize("stored", ["{not json", '{"version": 1}', "[]", None])
def test_a_corrupt_cache_is_ignored_and_rewritten(corpus, monkeypatch, stored):
    load_cached(corpus)
    cache = corpus / ".cache" / "checks.json"
    if stored is None:  # valid JSON, an entry of the wrong shape
        content = json.loads(cache.read_text(encoding="utf-8"))
        first = next(iter(content["files"]))
        content["files"][first] = {"size": "big"}
        stored = json.dumps(content)
    cache.write_text(stored, encoding="utf-8")
    checks = CountedChecks(monkeypatch)
    assert list(load_cached(corpus).index) == ["mentor-note", "networking-basics", "coffee-chats"]
    assert len(checks.files) == 3
    checks.files.clear()
    load_cached(corpus)
    assert checks.files == []


def test_every_article_was_read_against_its_raw_file():
    """data/corpus_review.tsv: one row per article of the sheet, what a reader found."""
    review = read_tsv(ROOT / "data" / "corpus_review.tsv")
    sheet = read_tsv(ROOT / "data" / "articles.tsv")
    assert sorted(review["article_id"]) == sorted(sheet["id"])
    assert (review[["lost", "chrome_left", "other"]] != "").all().all()
