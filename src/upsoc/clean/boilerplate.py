"""Page furniture that is not the article, found by pattern and position rather than by known lines.

Three kinds of rule:

* link lists: runs of lines that are nothing but a link (a series, related or reference list),
  with the heading or label that introduces them;
* line rules anywhere: share buttons, navigation labels, bylines, reprint notices, image
  captions, contact lines, sign-offs, source links, separators and bare section numbers. They
  only fire on short lines, since boilerplate is short and article paragraphs are not;
* the page tail: from the first comment box, comment form, related-posts list, marketing
  calendar, author's promotion, translation project's credits, writer's bio, acknowledgements
  or group-join box in the second half of the page, everything to the end is page furniture;
  each line is labelled with the box it belongs to.
"""

from __future__ import annotations

import re

from ..languages import LANGUAGES
from .document import Document, Line

# Lines longer than this are article text, whatever they contain.
SHORT_LINE = 120
# A tail box only counts in the second half of the page, so that a heading such as
# "Comments" near the top cannot swallow the article.
TAIL_MIN_POSITION = 0.5
# Short lines right above the tail (widgets: "podcast", "newsletter", …) belong to it.
WIDGET_MAX_CHARS = 30
MAX_WIDGETS = 2

DIGITS = r"0-9۰-۹٠-٩"
SENTENCE_END = re.compile(r"[.!?。！？؟…:：]\s*[\"'”’»」』)）]?\s*$")

# Box headers that open the page tail, in the order of their label.
TAIL_BOXES: list[tuple[str, re.Pattern[str]]] = [
    (
        "reader_comments",
        re.compile(
            rf"^(登录后参与评论|(发表|查看|全部|最新|热门)评论|评论区|[{DIGITS}]+\s*条评论|"
            rf"[{DIGITS}]+\s*(پاسخ|دیدگاه|نظر)|دیدگاه(تان|ها)?\s*(را\s*)?(بنویسید|ارسال کنید)|"
            rf"(leave|post|add) a (reply|comment)|[{DIGITS}]+\s+(comments?|responses?|replies)|comments?)\s*[:!！]?$",
            re.IGNORECASE,
        ),
    ),
    ("marketing_calendar", re.compile(r"^(营销日历|营销热点日历|marketing calendar)", re.IGNORECASE)),
    (
        # the author's sign-off: thanks, follow me, tip me, join through my link
        "author_promotion",
        re.compile(
            r"^[\W_]*(if you (liked|enjoyed|found) (this|my)|thanks? (you )?for reading|follow me on|"
            r"support (me|my work)|buy me a coffee|感谢(您的?)?阅读|谢谢(您的?)?阅读|如果你喜欢(这篇|本)文章|"
            r"以下是我的\s*venmo|通过我的推荐链接|(ممنون|سپاس|مرسی) (از|که) (همراهی|خواندن)|"
            r"about the author|关于(作者|我)(?!们)|(this (blog )?post was )?originally published (on|at|in)|sign up for my|"
            r"if you want to (dive|learn|read) more|想订阅我的|请?付费支持我的|subscribe to my)",
            re.IGNORECASE,
        ),
    ),
    (
        # a translation project's footer: its credits and the original's address
        "translation_credits",
        re.compile(r"^(via|选题|译者|校对)\s*[:：]|^本文由.{0,40}(编译|翻译|译制)|^translated by\b", re.IGNORECASE),
    ),
    (
        # a column's note on its writer: "Jane Doe is a writer for …", "某某是 LearnVest 的撰稿人。"
        "author_bio",
        re.compile(
            r"^[^。，,.]{2,30}?\s?是\s?[^。，,]{1,30}的(特约)?(撰稿人|作者|作家|编辑|记者|专栏作家)|"
            r"^(?-i:[A-Z])[\w.'-]+( (?-i:[A-Z])[\w.'-]+){1,3} is an? ([\w-]+ )?(writer|contributor|journalist|editor|columnist) (for|at|with)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "Thanks to A, B and C for their reviews." (often hard-wrapped, so its start is enough)
        "acknowledgement",
        re.compile(r"^[\W_]*(many )?thanks to (?-i:[A-Z])[\w .,'&-]{1,100}\bfor (their|his|her|your)\b", re.IGNORECASE),
    ),
    (
        "group_join",
        re.compile(r"^(加入圈子|加入(我们的)?社群|扫码(加|入)群|join (our|the) (group|community))", re.IGNORECASE),
    ),
    (
        "related_posts",
        re.compile(
            r"^((相关|推荐|更多|热门)(文章|阅读|推荐)|(related|recommended|more) (posts|articles|stories)|"
            r"you (may|might) also like|"
            r"(چند\s*(تا)?\s*)?(پست|مطلب|مطالب|نوشته|مقاله)(‌?ها(ی)?)?\s*(دیگر|دیگه|مرتبط|بیشتر|پیشنهادی))\s*[:!！]?$",
            re.IGNORECASE,
        ),
    ),
]

# Short lines inside the tail that are site navigation rather than the box content.
NAVIGATION = re.compile(
    r"^(目录|返回|收藏|评论|点赞|分享|更多|上一篇|下一篇|阅读原文|阅读全文|回到顶部|"
    r"فهرست( مطالب)?|بازگشت|بیشتر بخوانید|ادامه مطلب|"
    r"contents|table of contents|menu|home|back( to top)?|read more|next|previous|see also|watch)\s*[:!！]?$",
    re.IGNORECASE,
)

LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "share_button",
        re.compile(
            r"^(分享到|分享至|一键分享|分享本文|分享文章|share (this|on|via)|tweet( this)?$|pin it$|"
            r"did you find this (page|post|article) helpful|"
            r".{0,10}(این|با دوستان|شبکه\u200c?های اجتماعی).{0,20}به اشتراک بگذارید|اشتراک‌?گذاری)",
            re.IGNORECASE,
        ),
    ),
    ("navigation", NAVIGATION),
    (
        "source_link",
        re.compile(r"^(原文|原文链接|来源|出处|source|original|منبع)\s*[:：—-]\s*(\S*https?://\S*)?\s*$", re.IGNORECASE),
    ),
    (
        "reprint_notice",
        re.compile(
            r"(未经(许可|授权).{0,12}转载|禁止转载|转载请(注明|联系)|版权(所有|归)|本文由.{0,40}发布于|"
            r"all rights reserved|copyright\s*©?|reprinted with permission|"
            r"originally (posted|published|appeared) (on|in|at)\b|^本(帖|文)(原|最初)?(载|发表|发布)于|"
            r"(کلیه|تمامی) حقوق.{0,30}محفوظ|کپی.{0,10}(ممنوع|با ذکر منبع))",
            re.IGNORECASE,
        ),
    ),
    (
        "byline",
        re.compile(
            r"^(作者|编辑|责编|责任编辑|撰文|采访|记者|文|图)\s*[:：|丨]|"
            r"^(by|written by|author|editor|reporter)\s*[:：]?\s+(?-i:[A-Z\u4e00-\u9fff])|"
            r"\b(reporter|correspondent|intern)\b.*\bsource:|^source:|"
            r"^(نویسنده|نگارنده|مترجم|ترجمه|ویراستار)\s*[:：]",
            re.IGNORECASE,
        ),
    ),
    (
        "image_caption",
        re.compile(
            r"^(题图|封面图?|配图|图片|图源|标题图片?|头图|照片|摄影|插图|附加照片)\s*(来自|来源|由|经由|制作使用|[:：])|"
            r"^((title|header|cover|lead|top) )?(photo|image|picture|illustration|credit)s?\s*(by|credit|source|via|courtesy|[:：])|"
            r"^(تصویر|عکس|منبع تصویر)\s*(از|[:：])",
            re.IGNORECASE,
        ),
    ),
    # a letter's or a column's closing formula with its signer: "Sincerely, Desperately Seeking Sensei",
    # "祝你好运，Lifehacker", "Atomeocean祝各位职场好运！"
    (
        "sign_off",
        re.compile(
            r"^(sincerely|yours( truly)?|love|cheers|best( regards| wishes)?|warm(ly| regards)|good luck|"
            r"诚心诚意|此致|祝好|祝你好运|ارادتمند|با احترام)\s*[,，、]\s*\S.{0,30}$|"
            r"^\S{0,20}祝(你|您|各位|大家)\S{0,8}(好运|顺利|成功|愉快)[！!。]?$",
            re.IGNORECASE,
        ),
    ),
    ("separator", re.compile(r"^[\s\W_]+$")),
    # a photo credit anywhere in a line: "Photo by Jane Doe on Unsplash"
    ("image_caption", re.compile(r"(photo|image) by .{1,60} on (unsplash|pexels|pixabay)\.?\s*$", re.IGNORECASE)),
    ("section_number", re.compile(rf"^\(?([{DIGITS}]{{1,3}}|[一二三四五六七八九十]{{1,3}}|[IVXLC]{{1,6}})[.、)）]?$")),
]

# Debris glued to the end of a paragraph after its last sentence: the next section's
# numeral ("…悲剧。 二") or a stray comma.
TRAILING_DEBRIS = [
    ("section_number", re.compile(r"(?<=[。！？.!?])\s+([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*$")),
    ("separator", re.compile(r"(?<=[。！？.!?])\s+[,，;；、]\s*$")),
]


# How to write to the author or the column: a short line with an address, also one that only a
# link's target holds ("邮箱[泰莎](mailto:…)")
CONTACT = re.compile(r"mailto:|[\w.+-]+@[\w-]+\.[a-z]{2,}", re.IGNORECASE)

# A line that is nothing but one link (or a bare address), maybe as a list item, in brackets
# or emphasis: a post's "related" or "series" list, a reference list
_LINK = r"(\[[^\]\n]+\](\([^)\n]*\)|\[[^\]\n]*\])|<?https?://\S+?>?)"
LINK_ONLY = re.compile(rf"^\s*([*+\-•]\s+|\d+[.)]\s+)?[\s*_《「“\"(（]*{_LINK}[\s*_》」”\"）)。.,，;；:：]*$")
LIST_ITEM = re.compile(r"^\s*([*+\-•]|\d+[.)])\s+\S")
# A list counts as a link list when at least this share of its items are bare links
LINK_LIST_SHARE = 2 / 3
LEAD_IN_MAX_CHARS = 40


def mark_boilerplate(doc: Document, language: str) -> None:
    _mark_link_lists(doc)
    for line in doc.lines:
        if doc.is_removed(line):
            continue
        text = doc.kept_text(line).strip()
        rule = classify_line(text, language, doc.line_text(line))
        if rule:
            doc.remove_line(line, rule)
            continue
        for rule, pattern in TRAILING_DEBRIS:
            glued = pattern.search(doc.line_text(line))
            if glued:
                doc.remove(line.start + glued.start(), line.start + glued.end(), rule)
    _mark_page_tail(doc)


def classify_line(text: str, language: str, raw: str) -> str | None:
    """The rule that makes a short line (`text`, what is left of `raw` after the markup went)
    page furniture, or None for article text."""
    if len(text) > SHORT_LINE:
        return None
    if CONTACT.search(raw):
        return "contact_line"
    for rule, pattern in LINE_RULES:
        if pattern.search(text):
            return rule
    if _is_foreign_fragment(text, language):
        return "foreign_fragment"
    return None


def _is_foreign_fragment(text: str, language: str) -> bool:
    """A short phrase without a letter of the article's script and without sentence
    punctuation: an image alt text or a stray widget label (e.g. an English caption
    in a Persian post). Not in languages whose writers mix Latin-script lines into the text."""
    if language not in LANGUAGES or LANGUAGES[language].mixes_latin or LANGUAGES[language].script.search(text):
        return False
    has_letters = any(ch.isalpha() for ch in text)
    return has_letters and not SENTENCE_END.search(text) and len(text.split()) <= 12


def _tail_box(text: str) -> str | None:
    for label, pattern in TAIL_BOXES:
        if pattern.search(text):
            return label
    return None


def _mark_page_tail(doc: Document) -> None:
    total = max(len(doc.text), 1)
    start_index = None
    for line in doc.lines:
        if line.start / total >= TAIL_MIN_POSITION and _tail_box(doc.line_text(line).strip()):
            start_index = line.index
            break
    if start_index is None:
        return
    _mark_widgets_above(doc, start_index)
    label = "page_tail"
    for line in doc.lines[start_index:]:
        text = doc.line_text(line).strip()
        label = _tail_box(text) or label
        doc.remove_line(line, "navigation" if NAVIGATION.search(text) else label)


def _mark_widgets_above(doc: Document, tail_index: int) -> None:
    """Short non-sentences right above the tail (a podcast link, a newsletter box). The
    scan stops at the first sentence or already-removed line, so the article is never
    reached through a block of bylines."""
    widgets = 0
    for line in reversed(doc.lines[:tail_index]):
        text = doc.kept_text(line).strip()
        if not doc.line_text(line).strip():
            continue
        if not text or len(text) > WIDGET_MAX_CHARS or SENTENCE_END.search(text) or widgets == MAX_WIDGETS:
            return
        doc.remove_line(line, "page_widget")
        widgets += 1


def _mark_link_lists(doc: Document) -> None:
    """Runs of two or more link-only lines, or lists mostly made of them, with the heading or
    short "…:" line that introduces them. Blank lines do not end a run; a single link in a
    paragraph of its own stays (it may be the article's own reference)."""
    run: list[Line] = []
    for line in [*doc.lines, None]:
        text = doc.line_text(line) if line is not None else ""
        if line is not None and (not text.strip() or LINK_ONLY.match(text) or LIST_ITEM.match(text)):
            if text.strip():
                run.append(line)
            continue
        links = sum(bool(LINK_ONLY.match(doc.line_text(item))) for item in run)
        if links >= 2 and links >= LINK_LIST_SHARE * len(run):
            for item in run:
                # an item that says something in a sentence is the article's, even in a link list
                if LINK_ONLY.match(doc.line_text(item)) or not SENTENCE_END.search(doc.kept_text(item)):
                    doc.remove_line(item, "link_list")
            _mark_lead_in(doc, run[0])
        run = []


def _mark_lead_in(doc: Document, first_item: Line) -> None:
    for line in reversed(doc.lines[: first_item.index]):
        raw = doc.line_text(line).strip()
        if not raw:
            continue
        kept = doc.kept_text(line).strip()
        # a heading, or a label such as "References:"; a sentence that ends in a colon ("…，比如：") is the article's
        label = not any(mark in kept for mark in ",，、") and kept.rstrip("*_ ").endswith((":", "："))
        if kept and len(kept) <= LEAD_IN_MAX_CHARS and (raw.startswith("#") or label):
            doc.remove_line(line, "link_list")
        return
