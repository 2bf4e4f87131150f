"""The shipped articles: what the cleaning must remove from them, and what it must keep."""

import pytest
from conftest import ROOT, raw_text

from upsoc.clean import clean_text
from upsoc.sheet import load_schema, load_sheet

SHEET = load_sheet(
    ROOT / "data" / "articles.tsv", load_schema(ROOT / "workflow" / "schemas" / "articles.schema.yaml"), ROOT / "data" / "raw"
)


@pytest.fixture(scope="module")
def seeds():
    return {
        row.id: clean_text(raw_text(ROOT / "data", row.file), row.language, row.id) for row in SHEET.itertuples()
    }


@pytest.mark.parametrize(
    "article_id, chrome",
    [
        ("wang-upward-social", ["登录后参与评论", "给作者一些鼓励吧", "好文章", "营销日历", "海明威", "加入圈子", "交流群", "收藏", "禁止转载", "作者：", "题图"]),
        ("stripe-atlas-networking", ["](", "http", "**", "## ", "原文"]),
        ("networking-intro", ["به اشتراک بگذارید", "دیدگاهتان", "ایمیل", "پاسخ\n", "پست دیگه", "چطور یک وبینار برگزار کنیم", "چطور خوب مخالفت کنیم", "social media and networking", "تصویر از"]),
        ("cyd-upward-socializing", ["Source: China Youth Daily", "____"]),
        ("business-social-internet-era", ["\n\n一\n", "。 ,"]),
    ],
)
def test_no_page_chrome_survives(seeds, article_id, chrome):
    for piece in chrome:
        assert piece not in seeds[article_id].text, piece


def test_the_persian_body_appears_once(seeds):
    text = seeds["networking-intro"].text
    assert text.split("\n\n").count("چرا باید شبکه‌سازی کنیم؟") == 1
    assert text.count("برای وقت و عمر خودتان ارزش قائل باشید") == 1
    long_paragraphs = [p for p in text.split("\n\n") if len(p) >= 40]
    assert len(long_paragraphs) == len(set(long_paragraphs)) > 50


def test_article_text_is_kept(seeds):
    assert "去认识比你厉害的人。" in seeds["wang-upward-social"].text
    assert "比如：" in seeds["wang-upward-social"].text
    assert "在 Twitter 上找到我" in seeds["stripe-atlas-networking"].text
    assert seeds["cyd-upward-socializing"].text.rstrip().endswith("are pseudonyms)")
    assert seeds["business-social-internet-era"].text.rstrip().endswith("而在于找到你的同类。")


def test_every_removal_is_audited(seeds):
    for article in seeds.values():
        assert len(article.removed) > 0
        assert article.removed["rule"].str.len().gt(0).all()
