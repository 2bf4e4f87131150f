"""`upsoc add` and `upsoc validate`: every bad input is refused with a clear message, and
nothing under data/ or results/ changes when it is."""

import hashlib
import shutil

import pytest
from conftest import FIXTURE_CORPUS, FIXTURES, ROOT

from upsoc.cli import main
from upsoc.tsv import read_tsv

SOURCES = FIXTURES / "sources"
PERSIAN = "شبکه‌سازی یعنی ساختن رابطه‌های پایدار با آدم‌هایی که به آنها اعتماد داریم. این کار زمان می‌برد."


@pytest.fixture
def project(tmp_path, monkeypatch):
    for item in ["workflow", "config"]:
        shutil.copytree(ROOT / item, tmp_path / item)
    shutil.copytree(FIXTURE_CORPUS, tmp_path / "data")
    (tmp_path / "results" / "clean").mkdir(parents=True)
    (tmp_path / "results" / "clean" / "mentor-note.txt").write_text("earlier result\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(project):
    return {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("data", "results")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def refused(project, capsys, argv, message):
    before = snapshot(project)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err, err
    assert snapshot(project) == before
    return err


def add(path, *extra, language="en"):
    return ["add", str(path), "--language", language, "--frame", "networking", *extra]


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_missing_file(project, capsys):
    refused(project, capsys, add(project / "nope.txt"), "nope.txt: no such file")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n "])
def test_empty_or_white_space_file(project, capsys, tmp_path, content):
    refused(project, capsys, add(write(tmp_path / "empty.txt", content)), "no text")


def test_binary_file(project, capsys, tmp_path):
    refused(project, capsys, add(write(tmp_path / "x.txt", b"PK\x03\x04\x00\x00binary")), "a binary file")


def test_file_over_the_size_limit(project, capsys, tmp_path):
    config = project / "config" / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("max_article_bytes: 5000000", "max_article_bytes: 100"))
    refused(project, capsys, add(write(tmp_path / "long.txt", "Networking matters. " * 20)), "over the limit of 100")


def test_unknown_language(project, capsys, tmp_path):
    refused(project, capsys, add(write(tmp_path / "a.txt", "Networking matters."), language="de"), "language: 'de' is not one of")


def test_script_does_not_match_the_declared_language(project, capsys, tmp_path):
    refused(project, capsys, add(write(tmp_path / "a.txt", PERSIAN), language="zh"), "only 0% of its words are in Chinese characters")


def test_duplicate_id(project, capsys, tmp_path):
    refused(project, capsys, add(write(tmp_path / "a.txt", "Follow up after every meeting."), "--id", "coffee-chats"),
            "id 'coffee-chats' is already in")


def test_same_content_as_an_existing_article(project, capsys, tmp_path):
    text = (project / "data" / "raw" / "coffee-chats.en.txt").read_text(encoding="utf-8")
    copy = write(tmp_path / "copy.txt", "\n\n" + text.replace("  ", " ") + "\n")
    refused(project, capsys, add(copy), "same text as article 'coffee-chats'")


def test_bad_value_in_the_new_row(project, capsys, tmp_path):
    refused(project, capsys, add(write(tmp_path / "a.txt", "Follow up."), "--origin", "Iran"), "origin: 'Iran' does not match")


def test_not_utf8_in_another_script_is_refused_naming_the_problem(project, capsys, tmp_path):
    gbk = write(tmp_path / "gbk.txt", "向上社交需要真诚的交流，不要害怕被拒绝。人脉需要维护。".encode("gbk"))
    refused(project, capsys, add(gbk, language="en"), "not UTF-8, and no encoding turns it into 'en' text")


@pytest.mark.parametrize(
    "language, text, encoding, expected",
    [
        ("zh", "向上社交需要真诚的交流，不要害怕被拒绝。人脉需要维护。", "gbk", "gb18030"),
        ("fa", PERSIAN.replace("ی", "ي"), "cp1256", "cp1256"),
    ],
)
def test_legacy_encodings_are_converted_with_a_note(project, capsys, tmp_path, language, text, encoding, expected):
    source = write(tmp_path / f"legacy-{language}.txt", text.encode(encoding))
    assert main(add(source, "--origin", "IR", language=language)) == 0
    assert f"converted from {expected}" in capsys.readouterr().out
    row = read_tsv(project / "data" / "articles.tsv").set_index("id").loc[f"legacy-{language}"]
    assert row["notes"] == f"converted from {expected} to UTF-8 by upsoc add"
    assert (project / "data" / "raw" / row["file"]).read_text(encoding="utf-8") == text


def test_markdown_front_matter_becomes_metadata(project, capsys):
    # a command-line value wins over the front matter
    assert main(add(SOURCES / "keep-in-touch.md", "--origin", "CN", "--author", "李四", language="zh")) == 0
    out = capsys.readouterr().out
    assert "next: run `snakemake --cores 4`" in out
    row = read_tsv(project / "data" / "articles.tsv").set_index("id").loc["keep-in-touch"]
    assert (row["file"], row["title"], row["author"], row["published"], row["source_url"]) == (
        "keep-in-touch.zh.md", "如何维护人脉", "李四", "2024-03-01", "https://example.com/keep-in-touch"
    )


def test_html_page_metadata_and_flags(project, capsys):
    assert main(add(SOURCES / "networking-habits.html", "--origin", "US", "--published", "2024-05")) == 0
    row = read_tsv(project / "data" / "articles.tsv").set_index("id").loc["networking-habits"]
    assert (row["title"], row["author"], row["published"]) == ("Five networking habits", "Ann Lee", "2024-05")
    assert (project / "data" / "raw" / "networking-habits.en.html").read_bytes() == (SOURCES / "networking-habits.html").read_bytes()


def test_validate_accepts_the_corpus(project, capsys):
    assert main(["validate"]) == 0
    assert "3 articles, all valid" in capsys.readouterr().out


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: (p / "data/raw/coffee-chats.en.txt").unlink(), "coffee-chats.en.txt does not exist"),
        (lambda p: (p / "data/raw/coffee-chats.en.txt").write_bytes(b""), "no text"),
        (lambda p: (p / "data/raw/coffee-chats.en.txt").write_bytes("Café society".encode("cp1252")), "not UTF-8 (it looks like"),
        (lambda p: (p / "data/raw/coffee-chats.en.txt").write_text(PERSIAN, encoding="utf-8"), "only 0% of its words are in Latin script"),
        (lambda p: shutil.copy(p / "data/raw/mentor-note.zh.txt", p / "data/raw/coffee-chats.en.txt"), "Latin script"),
        (lambda p: (p / "data/articles.tsv").write_text(
            (p / "data/articles.tsv").read_text(encoding="utf-8").replace("coffee-chats.en.txt", "../../etc/passwd"), encoding="utf-8"),
         "points outside"),
    ],
)
def test_validate_names_each_bad_file(project, capsys, edit, message):
    edit(project)
    refused(project, capsys, ["validate"], message)


def test_validate_finds_duplicate_articles(project, capsys):
    sheet = project / "data" / "articles.tsv"
    shutil.copy(project / "data/raw/coffee-chats.en.txt", project / "data/raw/again.en.txt")
    sheet.write_text(sheet.read_text(encoding="utf-8") + "again\tagain.en.txt\ten\tnetworking\tUS\t\t\t\t\t\t\t\t\n", encoding="utf-8")
    refused(project, capsys, ["validate"], "same text as article 'coffee-chats'")


def test_chinese_markdown_in_txt_with_front_matter_and_english_terms_goes_in(project, capsys):
    # by letters, the English terms and the front matter outweigh the Chinese; by units of writing they do not
    assert main(add(SOURCES / "linkedin-zh.txt", "--origin", "CN", language="zh")) == 0
    row = read_tsv(project / "data" / "articles.tsv").set_index("id").loc["linkedin-zh"]
    assert (row["title"], row["published"]) == ("如何用LinkedIn建立人脉", "2023-04-02")


def test_front_matter_of_a_txt_article_is_metadata_not_text(project, capsys):
    from upsoc.clean import clean_text

    assert main(add(SOURCES / "meetup-notes.txt", "--origin", "US")) == 0
    row = read_tsv(project / "data" / "articles.tsv").set_index("id").loc["meetup-notes"]
    assert row["title"] == "What I learned from a year of meetups"
    raw = (SOURCES / "meetup-notes.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw, "en", "meetup-notes")
    assert cleaned.text.startswith("I went to a meetup every month for a year.")
    assert "dsq_thread_id" not in cleaned.text and "keywords" not in cleaned.text
    audited = cleaned.removed[cleaned.removed["rule"] == "front_matter"]["text"]
    assert any("dsq_thread_id: 4829175302" in text for text in audited)


def test_parallel_of_must_name_an_article_in_another_language(project, capsys, tmp_path):
    source = write(tmp_path / "a.txt", "Follow up after every meeting, and keep it short.")
    refused(project, capsys, add(source, "--parallel-of", "no-such-article"), "is not an id of the sheet")
    refused(project, capsys, add(source, "--parallel-of", "coffee-chats"), "must be the same text in another language")
    assert main(add(source, "--parallel-of", "mentor-note")) == 0
    assert read_tsv(project / "data" / "articles.tsv").set_index("id").loc["a", "parallel_of"] == "mentor-note"


def collection(folder, rows, header="file\tlanguage\tframe\torigin\ttranslated_from\tparallel_of\ttitle"):
    lines = [header, *("\t".join(row) for row in rows)]
    return write(folder / "articles.tsv", "\n".join(lines) + "\n")


def test_add_batch_adds_every_row_in_order_with_the_pair_on_its_second_side(project, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "en_sponsor.md", "---\ntitle: Find a sponsor\n---\nAsk your skip-level manager what a sponsor looks for.\n")
    write(folder / "zh_sponsor.md", "向你上级的上级请教，赞助人看重什么。主动约一次一对一的谈话。")
    write(folder / "en_boss.txt", "Tell your boss early when a project slips, and bring a plan.")
    sheet = collection(folder, [
        ["en_sponsor.md", "en", "upward_socializing", "US", "", "zh_sponsor.md", ""],
        ["zh_sponsor.md", "zh", "upward_socializing", "US", "en", "en_sponsor.md", "找到你的赞助人"],
        ["en_boss.txt", "en", "managing_up", "", "", "", "Managing up"],
    ])
    assert main(["add-batch", str(sheet)]) == 0
    rows = read_tsv(project / "data" / "articles.tsv").set_index("id")
    assert list(rows.index[-3:]) == ["en-sponsor", "zh-sponsor", "en-boss"]
    assert rows.loc["en-sponsor", "title"] == "Find a sponsor"  # from the front matter
    assert rows.loc["en-sponsor", "parallel_of"] == ""
    assert rows.loc["zh-sponsor", ["parallel_of", "translated_from"]].tolist() == ["en-sponsor", "en"]
    assert rows.loc["en-boss", ["frame", "file"]].tolist() == ["managing_up", "en-boss.en.txt"]
    assert (project / "data" / "raw" / "zh-sponsor.zh.md").read_bytes() == (folder / "zh_sponsor.md").read_bytes()


def test_add_batch_refuses_the_whole_batch_naming_every_bad_row(project, capsys, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "good.txt", "Tell your boss early when a project slips, and bring a plan.")
    write(folder / "persian.txt", PERSIAN)
    write(folder / "again.txt", "Tell your boss early when a project slips, and bring a plan.")
    sheet = collection(folder, [
        ["good.txt", "en", "managing_up", "", "", "", ""],
        ["missing.txt", "en", "managing_up", "", "", "", ""],
        ["persian.txt", "zh", "networking", "", "", "", ""],
        ["again.txt", "en", "managing_up", "", "", "", ""],
    ])
    err = refused(project, capsys, ["add-batch", str(sheet)], "3 of 4 rows refused, nothing added")
    assert "row 3 (missing.txt):" in err and "no such file" in err
    assert "row 4 (persian.txt):" in err and "Chinese characters" in err
    assert "row 5 (again.txt):" in err and "same text as article 'good'" in err


def test_add_batch_refuses_a_collection_with_other_columns(project, capsys, tmp_path):
    sheet = collection(tmp_path, [["a.txt", "en", "networking"]], header="file\tlanguage\tframing")
    refused(project, capsys, ["add-batch", str(sheet)], "missing column(s) frame; unknown column(s) framing")
