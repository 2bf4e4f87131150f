"""The report in a real browser: Debian's Chromium, headless, on the fixture corpus's report.

Fails on any console error, broken image or broken internal link (file or anchor), and checks
that Chinese and Persian sentences are on the pages and that HTML in an article is shown as
text, not run.
"""

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
import yaml
from conftest import snakemake

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHINESE = "很多人以为向上社交就是到处加好友，其实不然。"
PERSIAN = "هیچ وقت بدون هدف مشخص به رویداد نروید."
PROBE = "<script>alert(1)</script>"  # in the text of coffee-chats


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def pages(report: Path) -> list[Path]:
    return sorted(report.rglob("*.html"))


def test_every_page_loads_without_errors_broken_images_or_broken_links(first_run, browser):
    from selenium.common.exceptions import NoAlertPresentException

    report = first_run / "results" / "report"
    assert len(pages(report)) > 5
    for path in pages(report):
        browser.get(path.as_uri())
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert  # nothing in the corpus may run as script
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, (path, errors)
        broken = browser.execute_script(
            "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert not broken, (path, broken)
        for href in browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)"):
            target = urlparse(href)
            assert target.scheme == "file", (path, href)  # nothing leaves the report
            target_path = Path(unquote(target.path))
            assert target_path.is_file(), (path, href)
            if target.fragment:
                assert f'id="{target.fragment}"' in target_path.read_text(encoding="utf-8"), (path, href)


def test_chinese_and_persian_sentences_are_on_the_pages(first_run, browser):
    from selenium.webdriver.common.by import By

    report = first_run / "results" / "report"
    browser.get((report / "articles" / "mentor-note.html").as_uri())
    assert CHINESE in browser.find_element(By.TAG_NAME, "body").text
    browser.get((report / "articles" / "networking-basics.html").as_uri())
    body = browser.find_element(By.TAG_NAME, "body").text
    assert PERSIAN in body
    paragraph = browser.find_element(By.CSS_SELECTOR, "p.sentence")
    assert paragraph.get_attribute("dir") == "rtl"


def only_our_script_runs(browser):
    from selenium.webdriver.common.by import By

    from upsoc.report.assets import SCRIPT

    scripts = browser.find_elements(By.TAG_NAME, "script")
    assert [s.get_attribute("textContent") for s in scripts] == [SCRIPT]


def test_html_in_an_article_is_shown_as_text(first_run, browser):
    from selenium.webdriver.common.by import By

    report = first_run / "results" / "report"
    browser.get((report / "articles" / "coffee-chats.html").as_uri())
    assert PROBE in browser.find_element(By.TAG_NAME, "body").text
    only_our_script_runs(browser)
    # the probe found by the search, and on its concordance pages, is text too
    browser.get((report / "search.html").as_uri() + "?q=alert(1)")
    shown = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "tr[data-language]") if row.is_displayed()]
    assert len(shown) == 1 and PROBE in shown[0]
    only_our_script_runs(browser)


def visible_sentences(browser) -> list[tuple[str, str]]:
    """(article, sentence) of the rows a concordance or the search page shows."""
    from selenium.webdriver.common.by import By

    rows = [row for row in browser.find_elements(By.CSS_SELECTOR, "tr[data-language]") if row.is_displayed()]
    links = [row.find_element(By.CSS_SELECTOR, "a[href*='#s']").get_attribute("href") for row in rows]
    return [re.search(r"([^/]+)\.html#s(\d+)$", link).groups() for link in links]


def assert_no_console_error_and_nothing_fetched(browser):
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith("file:") for url in fetched), fetched
    policy = browser.execute_script(
        "return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert "default-src 'none'" in policy


def test_findings_are_the_first_section_and_sorting_works(first_run, browser):
    from selenium.webdriver.common.by import By

    browser.get((first_run / "results" / "report" / "index.html").as_uri())
    first = browser.find_element(By.CSS_SELECTOR, "main h2")
    assert first.get_attribute("id") == "findings" and first.text == "Findings"
    assert browser.find_element(By.ID, "findings-frame").is_displayed()
    corpus = browser.find_element(By.XPATH, "//h2[@id='corpus']/following::table[1]")
    headers = [th.text.strip(" ▲▼") for th in corpus.find_elements(By.TAG_NAME, "th")]
    column = headers.index("sentences") + 1

    def values():
        return [int(td.text) for td in corpus.find_elements(By.CSS_SELECTOR, f"tbody td:nth-child({column})")]

    button = corpus.find_element(By.CSS_SELECTOR, f"th:nth-child({column}) button")
    button.click()
    assert values() == sorted(values()) and len(set(values())) > 1
    button.click()
    assert values() == sorted(values(), reverse=True)
    assert_no_console_error_and_nothing_fetched(browser)


def test_a_concordance_filter_and_the_search_return_the_expected_sentences(first_run, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from upsoc.tables import parse_concepts
    from upsoc.tsv import read_tsv

    report = first_run / "results" / "report"
    coded = read_tsv(first_run / "results" / "coding" / "sentences.tsv")
    carried = coded.assign(concept=coded["concepts"].map(parse_concepts)).explode("concept")
    # the concept found in most languages, filtered to one of them
    concept = carried.groupby("concept")["language"].nunique().sort_values(kind="stable").index[-1]
    rows = carried[carried["concept"] == concept]
    language = sorted(set(rows["language"]))[0]
    browser.get((report / "concepts" / f"{concept}.html").as_uri())
    definition = yaml.safe_load((first_run / "data" / "codebook.yaml").read_text(encoding="utf-8"))["concepts"][concept]["definition"]
    assert browser.find_element(By.CSS_SELECTOR, "p.definition").text == "Definition. " + " ".join(definition.split())
    assert len(visible_sentences(browser)) == len(rows)
    Select(browser.find_element(By.CSS_SELECTOR, "select[data-field=language]")).select_by_value(language)
    expected = rows[rows["language"] == language]
    assert visible_sentences(browser) == list(zip(expected["article_id"], expected["sentence_id"]))
    assert_no_console_error_and_nothing_fetched(browser)

    browser.get((report / "search.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "input[data-search]")
    assert len(visible_sentences(browser)) == len(coded)
    box.send_keys("بدون هدف")
    expected = coded[coded["text"].str.contains("بدون هدف", regex=False)]
    assert len(expected) > 0
    assert visible_sentences(browser) == list(zip(expected["article_id"], expected["sentence_id"]))
    assert_no_console_error_and_nothing_fetched(browser)


def test_snakemake_report_zip(first_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(first_run, project)
    result = snakemake(project, "--report", "results/report.zip")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(project / "results" / "report.zip") as archive:
        names = archive.namelist()
    assert any(name.endswith("prevalence_frame.png") for name in names)
    assert any(name.endswith("concept_prevalence.tsv") for name in names)


def test_the_coding_form_ticks_and_saves_a_sheet_that_reads_back(browser, tmp_path):
    import time

    from selenium.webdriver.common.by import By

    from upsoc.annotation.agreement import read_coding
    from upsoc.annotation.form import coding_form
    from upsoc.annotation.sheets import SHEET_COLUMNS
    from upsoc.tsv import read_tsv

    sheet = pd.DataFrame({"item": ["s0001", "s0002"], "language": ["fa", "en"], "context": ["", "Before: a <b>tag</b>"],
                          "text": [PERSIAN, 'Say "thanks" the next day.'], "concepts": "", "is_advice": "", "note": ""})
    definitions = {"follow_up": "following up, keeping in touch", "attend_events": "attending conferences, meetups"}
    form = tmp_path / "coder_a.html"
    form.write_text(coding_form(sheet[SHEET_COLUMNS], definitions, "coder_a", "the guide"), encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(form.as_uri())
    items = browser.find_elements(By.CSS_SELECTOR, ".item")
    assert items[0].find_element(By.CSS_SELECTOR, ".text").get_attribute("dir") == "rtl"
    assert "<b>tag</b>" in items[1].find_element(By.CSS_SELECTOR, ".context").text  # escaped, shown as text
    assert items[1].find_element(By.CSS_SELECTOR, "label[title]").get_attribute("title") == definitions["follow_up"]
    items[0].find_element(By.CSS_SELECTOR, "input[value=attend_events]").click()
    items[1].find_element(By.CSS_SELECTOR, "input[value=follow_up]").click()
    items[1].find_element(By.CSS_SELECTOR, "input.advice").click()
    items[1].find_element(By.CSS_SELECTOR, "input.note").send_keys('thanking is "following up"')
    browser.find_element(By.ID, "save").click()
    saved = downloads / "coder_a.tsv"
    for _ in range(50):
        if saved.exists():
            break
        time.sleep(0.1)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    table = read_tsv(saved)
    assert list(table.columns) == SHEET_COLUMNS and list(table["text"]) == list(sheet["text"])
    coding = read_coding(saved, list(definitions))
    assert coding.loc["s0001", "concepts"] == "attend_events" and coding.loc["s0001", "is_advice"] == "0"
    assert coding.loc["s0002", "concepts"] == "follow_up" and coding.loc["s0002", "is_advice"] == "1"
    assert table.loc[1, "note"] == 'thanking is "following up"'  # quoted as the project's TSV quotes


def test_with_scripts_off_every_sentence_shows_and_no_dead_control(first_run, browser):
    from selenium.webdriver.common.by import By

    from upsoc.tsv import read_tsv

    coded = read_tsv(first_run / "results" / "coding" / "sentences.tsv")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get((first_run / "results" / "report" / "search.html").as_uri())
        assert len(visible_sentences(browser)) == len(coded)
        assert not [form for form in browser.find_elements(By.TAG_NAME, "form") if form.is_displayed()]
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
