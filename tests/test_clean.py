"""Cleaning on small articles in each language that carry the page chrome of real scrapes."""

import pytest

from upsoc.clean import decode
from upsoc.clean.normalize import normalize_en, normalize_zh
from upsoc.clean.persian import PersianNormalizer
from upsoc.tables import AUDIT_COLUMNS


def rules(article):
    return set(article.removed["rule"])


def test_audit_offsets_point_at_the_removed_raw_text(cleaned_fixtures):
    for raw, article in cleaned_fixtures.values():
        assert list(article.removed.columns) == AUDIT_COLUMNS
        for row in article.removed.itertuples():
            assert raw[row.start : row.end].strip() == row.text


def test_chinese_page_chrome_is_removed_with_reasons(cleaned_fixtures):
    _, article = cleaned_fixtures["mentor-note"]
    for chrome in ["分享到", "作者", "禁止转载", "题图", "登录后参与评论", "写得真好", "营销日历", "交流群", "加入", "收藏", "http", "**", "01"]:
        assert chrome not in article.text, chrome
    assert {
        "share_button", "byline", "reprint_notice", "image_caption", "reader_comments",
        "marketing_calendar", "group_join", "navigation", "source_link", "link_target",
        "markdown_syntax", "list_marker", "section_number",
    } <= rules(article)


def test_chinese_body_survives_including_short_list_items(cleaned_fixtures):
    _, article = cleaned_fixtures["mentor-note"]
    paragraphs = article.text.strip().split("\n\n")
    assert paragraphs[0] == "如何向上社交：一位职场新人的笔记"
    assert "参加行业会议" in paragraphs and "主动请教前辈" in paragraphs
    assert paragraphs[-1] == "如果你不主动跟进，对方很快就会忘记你。"


def test_persian_repeated_body_appears_once(cleaned_fixtures):
    _, article = cleaned_fixtures["networking-basics"]
    assert article.text.count("هیچ وقت بدون هدف مشخص به رویداد نروید.") == 1
    assert article.text.count("مقدمه") == 1
    assert "repeated_block" in rules(article)
    # the lead summary repeated without its label is a duplicate paragraph
    assert article.text.count("مهارتی است که با تمرین") == 1
    assert "duplicate_paragraph" in rules(article)


def test_persian_chrome_comments_and_foreign_caption_are_removed(cleaned_fixtures):
    _, article = cleaned_fixtures["networking-basics"]
    for chrome in ["اشتراک", "تصویر از", "پاسخ", "دیدگاه", "ایمیل", "وبینار", "networking tips", "پادکست"]:
        assert chrome not in article.text, chrome


def test_persian_lost_zwnj_is_restored(cleaned_fixtures):
    _, article = cleaned_fixtures["networking-basics"]
    for word in ["شبکه\u200cسازی", "می\u200cشود", "توانمندی\u200cهای", "رابطه\u200cهای", "می\u200cبرد"]:
        assert word in article.text, word
    assert "شبکهسازی" not in article.text
    # Arabic yeh and kaf become Persian
    assert "این کار" in article.text and "اين كار" not in article.text


@pytest.mark.parametrize(
    "scraped, restored",
    [
        ("شبکهسازی", "شبکه\u200cسازی"),  # known compound
        ("مقدمهای", "مقدمه\u200cای"),  # heh + indefinite, not مقدم + های
        ("توانمندیهای", "توانمندی\u200cهای"),  # plural after yeh
        ("نیازهای", "نیازهای"),  # نیاز + های, not نیازه + ای; ز never joins, so no ZWNJ
        ("رویدادهای", "رویدادهای"),  # د never joins: no ZWNJ needed
        ("کتاب", "کتاب"),  # known word untouched
    ],
)
def test_zwnj_restoration_prefers_the_likely_split(scraped, restored):
    assert PersianNormalizer().restore_zwnj(scraped) == restored


def test_english_quotes_dashes_and_byline(cleaned_fixtures):
    _, article = cleaned_fixtures["coffee-chats"]
    assert '"Don\'t wait for an invitation," she said.' in article.text
    assert "twenty minutes - and" in article.text
    assert "Reporter" not in article.text and "Photo:" not in article.text and "____" not in article.text
    assert {"byline", "image_caption", "separator"} <= rules(article)


def test_chinese_punctuation_is_made_consistent():
    assert normalize_zh("你好,世界!") == normalize_zh("你好，世界！") == "你好，世界！"
    assert normalize_zh("ＣＴＯ说：１２３") == "CTO说：123"
    assert normalize_zh("这个周末， 我去了香港。 这些年轻人") == "这个周末，我去了香港。这些年轻人"
    # punctuation between Latin words stays ASCII
    assert normalize_zh("Twitter, LinkedIn 等") == "Twitter, LinkedIn 等"


def test_english_typography_is_normalised():
    assert normalize_en("“Hi” – it’s 2016—2017") == "\"Hi\" - it's 2016—2017"


def test_short_refrains_are_kept_but_long_repeats_go(cleaned_fixtures):
    from upsoc.clean import clean_text

    text = "比如：\n\n第一段很长的正文内容。\n\n比如：\n\n第二段也是正文。\n"
    assert clean_text(text, "zh", "x").text.count("比如：") == 2


def test_non_utf8_input_is_refused_with_the_file_name():
    with pytest.raises(ValueError, match=r"article\.txt: not UTF-8"):
        decode("向上社交".encode("gbk"), "article.txt")


def test_decode_strips_bom_and_windows_line_ends():
    assert decode("\ufeffa\r\nb\rc".encode("utf-8"), "x") == "a\nb\nc"
