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
        ("نقشهای", "نقش\u200cهای"),  # roles, not maps (نقشه + ای)
        ("تیمهای", "تیم\u200cهای"),  # both stems without a count: the plural
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


def test_html_fragments_in_markdown_lose_their_tags_and_end_paragraphs():
    from upsoc.clean import clean_text

    raw = (
        '<h2 id="refer" dir="rtl"><a class="header" href="#refer">Referrals</a></h2>\n\n'
        '<img src="assets/meme.jpg" alt="meme" style="float:left">\n\n'
        '<p dir="rtl">\nAsk two friends to refer you. <br /><br />Then follow up within a week.</p>\n'
        "Some bloggers paste <script>alert(1)</script> into their profiles.\n"
    )
    article = clean_text(raw, "en", "fragment", fmt="markdown")
    assert article.text.split("\n\n") == [
        "Referrals", "Ask two friends to refer you.", "Then follow up within a week.",
        "Some bloggers paste <script>alert(1)</script> into their profiles.\n",
    ]
    assert {"html_markup"} == set(article.removed["rule"])


def test_template_tags_toml_front_matter_and_link_definitions_go():
    from upsoc.clean import clean_text

    raw = '+++\ntitle = "Managing up"\ndate = 2019-05-01\n+++\n{% include JB/setup %}\nTalk to your manager every week.\n\n[1]: https://example.com/managing-up\n'
    article = clean_text(raw, "en", "toml")
    assert article.text == "Talk to your manager every week.\n"
    assert {"front_matter", "template_tag", "link_target"} == set(article.removed["rule"])


def test_an_article_embedded_in_a_source_file_is_found_and_the_code_goes():
    from upsoc.clean import clean_text

    body = "我的前投资人好友最近发布了一篇好文，谈及他由投资渐而入道的阶段性感悟。" * 3
    raw = (
        "package com.example.model;\n\n/**\n * 创建者     demo\n */\npublic class PostBean {\n"
        '    /**\n     * author : {"name":"范冰","bio":"《增长黑客》作者"}\n'
        f"     * content : <p>{body}</p><p>所以第一印象很重要。这让我回想起写作的缘由，很大程度上是一场精心酝酿的局，我从上海前往北京创业。</p>\n"
        "     * title : 圈层化的产品路径\n     */\n    public String content;\n}\n"
    )
    article = clean_text(raw, "zh", "embedded")
    assert article.text.split("\n\n")[0] == body
    assert article.text.split("\n\n")[1].startswith("所以第一印象很重要。")
    for code in ["package", "public", "content", "author", "增长黑客", "圈层化的产品路径", "<p>"]:
        assert code not in article.text, code
    assert {"source_code", "html_markup"} == set(article.removed["rule"])


def test_markdown_debris_goes_and_hard_wrapped_lines_stay_one_paragraph():
    from upsoc.clean import clean_text

    raw = (
        "Asked, what is the best\nrecommendation for a new grad, she said _ask_ [Some say][link1] and manager^3.\n\n"
        "> * \\4. Keep the *ledger* current\n"
        "- [ ] Send the thank-you note\n\n"
        "| Step | When |\n|---|---|\n| Follow up | within 24 hours |\n\n"
        "```bash\n/Users/me/bin/knpost foo\n```\n<!--more-->\n"
        "```\n/Users/me/bin/knpost bar\n```\n"
        "```text\nHi Dan, could we talk for 15 minutes?\n```\n"
        "Redacted address: ******@example.org\n"
    )
    article = clean_text(raw, "en", "debris", fmt="markdown")
    assert article.text.split("\n\n") == [
        "Asked, what is the best recommendation for a new grad, she said ask Some say and manager.",
        "4. Keep the ledger current", "Send the thank-you note",
        "Step", "When", "Follow up", "within 24 hours",
        "Hi Dan, could we talk for 15 minutes?",
        "Redacted address: ******@example.org\n",
    ]
    assert {"code_block", "html_markup", "link_target", "list_marker", "markdown_syntax", "separator"} <= rules(article)


def test_latin_script_lines_of_a_chinese_article_are_its_text():
    from upsoc.clean import clean_text

    article = clean_text("搜索引擎：\n\n* bing\n* google\n\n## Pizza Party\n\n我们吃了披萨。\n", "zh", "mixed", fmt="markdown")
    assert article.text.split("\n\n") == ["搜索引擎：", "bing", "google", "Pizza Party", "我们吃了披萨。\n"]


def removed_by(article, rule):
    return article.removed.loc[article.removed["rule"] == rule, "text"].tolist()


def test_a_translation_projects_marks_credits_and_contact_lines_go():
    """The chrome of machine-translated Lifehacker columns (OpenDocCN) and an LCTT source file."""
    from upsoc.clean import clean_text

    raw = (
        "# 我如何请人做我的导师？\n\n"
        "> 原文：<https://lifehacker.com/how-do-i-ask-someone-to-be-my-mentor-1556476062>\n\n"
        "***本帖原载于***[***learn vest***](http://www.learnvest.com/2013/11/x/)***。**T15】*\n\n"
        "亲爱的生活黑客，一旦我找到了导师，我该怎么问他们呢？\n\n诚心诚意，拼命求森派\n\n"
        "先花时间了解对方的工作，再请对方喝咖啡，不要一开口就要求对方做你的导师。\n\n"
        "看清楚对方需要什么，你能为对方提供什么价值，这样的关系才能长久。T3】\n\n"
        "祝你好运，Lifehacker\n\n"
        "*<small>有问题或建议问 Lifehacker？发送给</small>*[*<small>tips@lifehacker.com</small>*](mailto:tips@lifehacker.com)*<small>。</small>T15】*\n\n"
        "<small>*照片由*</small> [<small>*美国鱼类和野生动物管理局*</small>](http://www.flickr.com/photos/x/1) T51】\n"
    )
    article = clean_text(raw, "zh", "mentor", fmt="markdown")
    assert article.text.split("\n\n") == [
        "我如何请人做我的导师？", "亲爱的生活黑客，一旦我找到了导师，我该怎么问他们呢？",
        "先花时间了解对方的工作，再请对方喝咖啡，不要一开口就要求对方做你的导师。",
        "看清楚对方需要什么，你能为对方提供什么价值，这样的关系才能长久。\n",
    ]
    assert removed_by(article, "translation_marker") == ["T15】", "T3】", "T15】", "T51】"]
    assert removed_by(article, "sign_off") == ["诚心诚意，拼命求森派", "祝你好运，Lifehacker"]
    assert "tips@lifehacker.com" in removed_by(article, "contact_line")
    assert "本帖原载于" in removed_by(article, "reprint_notice")
    assert "照片由" in removed_by(article, "image_caption")

    footer = clean_text(
        "Leading the relationship with your manager\n======\nBy understanding your manager's goals, you can become a\n"
        "true partner in your team's success.\n![a handshake ][1]\n\n" + "Own the relationship with your manager. " * 20
        + "\n\n* * *\n\nvia: <https://opensource.com/x>\n\n选题：[lujun9972][a]\n译者：[译者ID](https://github.com/译者ID)\n\n"
        "本文由 [LCTT](https://github.com/LCTT/TranslateProject) 原创编译，[Linux中国](https://linux.cn/) 荣誉推出\n",
        "en", "lctt", fmt="markdown",
    )
    assert footer.text.split("\n\n")[1] == "By understanding your manager's goals, you can become a true partner in your team's success."
    assert footer.text.rstrip().endswith("Own the relationship with your manager.")
    assert {"translation_credits", "markdown_image"} <= set(footer.removed["rule"])


def test_link_lists_and_their_lead_in_go_but_a_sentence_among_them_stays():
    from upsoc.clean import clean_text

    raw = (
        "Build the kind of working relationship where you both win.\n\n### Management 101 series:\n\n"
        "- [Your First Day as a Team Lead](/blog/first-day/)\n- [Contracting](/blog/contracting/)\n- Managing Upwards\n"
        "- [Delegation](/blog/delegation/)\n\nTools to find an address:\n\n* Start by searching the person's GitHub!\n"
        "* [Email Hunter](https://hunter.io)\n* [Find That Lead](https://findthatlead.com)\n\n"
        "Read [the study](https://example.com/study) before you write.\n"
    )
    article = clean_text(raw, "en", "series", fmt="markdown")
    assert article.text.split("\n\n") == [
        "Build the kind of working relationship where you both win.", "Start by searching the person's GitHub!",
        "Read the study before you write.\n",
    ]
    assert removed_by(article, "link_list")[:3] == ["Management 101 series:", "Your First Day as a Team Lead", "Contracting"]
    assert "Managing Upwards" in removed_by(article, "link_list")


def test_a_field_file_keeps_its_body_and_entities_become_characters():
    from upsoc.clean import clean_text

    raw = (
        "title: The importance of skip-level 1:1s\n---\nauthor: Eric J. Ma\n---\nbody:\n\n"
        "Meet your manager's manager &mdash; every quarter.\n\nAsk what they worry about.\n---\n"
        "pub_date: 2023-10-24\n---\ntags:\n\nwork\nmeetings\n"
    )
    article = clean_text(raw, "en", "lektor")
    assert article.text == "Meet your manager's manager — every quarter.\n\nAsk what they worry about.\n"
    assert set(article.removed["rule"]) == {"front_matter"}
    # an ordinary article with rules between sections is not a field file
    plain = clean_text("Note: keep it short.\n---\nSecond part: follow up.\n", "en", "plain")
    assert "Note: keep it short." in plain.text
