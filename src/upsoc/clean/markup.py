"""Markdown syntax, HTML fragments and link targets: the words stay, the markup and the addresses go.

Blog sources mix HTML into Markdown (`<p dir="rtl">`, `<br />`, `<img …>`, a Zhihu answer's
`<p data-pid>`). The tags of the elements that structure or decorate running text are
removed, with their attributes, and the block-level ones (paragraphs, headings, line breaks,
list items) end a paragraph of the cleaned text. Any other HTML-looking text is left alone:
an article that quotes `<script>` keeps it, and the report escapes it. Saved HTML pages are
converted to text before they reach the pipeline.
"""

from __future__ import annotations

import re

from .document import Document

# (rule, pattern, group to remove or None for the whole match)
INLINE_RULES: list[tuple[str, re.Pattern[str], int | None]] = [
    ("markdown_image", re.compile(r"!\[[^\]]*\]\([^)]*\)"), None),
    ("markdown_image", re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), None),
    # segment marks a machine-translation project left after its sentences ("…的撰稿人。T3】")
    ("translation_marker", re.compile(r"\s*\bT\d{1,4}】"), None),
    # a link whose text is itself an address is all address
    ("link_target", re.compile(r"\[\s*https?://[^\]]*\]\([^)]*\)"), None),
    ("markdown_syntax", re.compile(r"(\[)[^\]\n]*\]\(\s*[^)\s]*(?:\s+\"[^\"]*\")?\s*\)"), 1),
    ("link_target", re.compile(r"\[[^\]\n]*(\]\(\s*[^)\s]*(?:\s+\"[^\"]*\")?\s*\))"), 1),
    # the end of a link whose text began on an earlier line
    ("link_target", re.compile(r"^(\]\([^)\s]*\))"), 1),
    ("url", re.compile(r"<?https?://[^\s)\]>]+>?"), None),
    # reference-style links: [text][ref]
    ("markdown_syntax", re.compile(r"(\[)[^\]\n]+\]\[[^\]\n]*\]"), 1),
    ("link_target", re.compile(r"\[[^\]\n]+(\]\[[^\]\n]*\])"), 1),
    ("markdown_syntax", re.compile(r"^\s{0,3}(#{1,6}\s+)"), 1),
    ("markdown_syntax", re.compile(r"^((?:\s*>)+\s?)"), 1),
    # a bullet, also inside a quote, and a task-list box after it
    ("list_marker", re.compile(r"^(?:\s*>)*(\s*[*+\-•⁃◦▪●]\s+(?:\[[ xX]\]\s+)?)"), 1),
    # bold and code marks; a run of underscores is a fill-in blank ("work with ________"), not markup
    ("markdown_syntax", re.compile(r"((?<!\*)\*\*(?!\*)|(?<!_)__(?!_)|`+)"), 1),
    # a callout's type: "> [!tip] 老板的势力"
    ("markdown_syntax", re.compile(r"^(?:\s*>)*\s*(\[![A-Za-z]+\][+-]?)"), 1),
    # emphasis: one to three asterisks that are not a run of placeholders (******) nor a product (3*4)
    ("markdown_syntax", re.compile(r"(?<![*\d\s])\*{1,3}(?![*\d])|(?<![*\d])\*{1,3}(?![*\d\s])"), None),
    ("markdown_syntax", re.compile(r"(?:(?<![\w_])(_)(?=[^\s_])|(?<=[^\s_])(_)(?![\w_]))"), None),
    # a backslash that escapes Markdown punctuation (1\. \[ \*)
    ("markdown_syntax", re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~0-9])"), None),
    # a footnote mark glued to a word (manager^3)
    ("markdown_syntax", re.compile(r"(?<=\w)\^\d{1,2}\b"), None),
]


BLOCK_TAGS = (
    "p|div|br|hr|h[1-6]|blockquote|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|figure|figcaption|"
    "section|article|header|footer|aside|pre|center"
)
INLINE_TAGS = "a|span|img|strong|b|em|i|u|s|del|ins|sup|sub|small|big|font|code|mark|abbr|iframe|video|audio|source|picture"
_TAG = r"</?(?:{})(?:\s[^<>]*)?/?>"
HTML_BLOCK_TAG = re.compile(_TAG.format(BLOCK_TAGS), re.IGNORECASE)
HTML_INLINE_TAG = re.compile(_TAG.format(INLINE_TAGS), re.IGNORECASE)
# Liquid and Hugo template tags ({% include … %}, {{< figure … >}}) are instructions to a site generator
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{[<%].*?[%>]\}\}")
# [1]: https://… at the start of a line: the target of a reference-style Markdown link
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$")
# A Markdown table row: its pipes go, each cell ends a paragraph
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# A fenced block: its fences are markup; its content is code (not read by anyone) when the fence
# names a programming language or the block starts like a command line, and otherwise text that
# the writer set apart (an example message, a template, a search string)
FENCED_BLOCK = re.compile(r"^[ \t]*(```|~~~)[ \t]*(\w*)[^\n]*\n(.*?)^[ \t]*\1[^\n]*$", re.MULTILINE | re.DOTALL)
CODE_LANGUAGES = {"bash", "sh", "shell", "console", "zsh", "powershell", "python", "py", "java", "javascript", "js",
                  "typescript", "ts", "json", "yaml", "yml", "toml", "html", "xml", "css", "sql", "c", "cpp", "go",
                  "rust", "ruby", "php", "swift", "kotlin", "r", "scala", "diff"}
COMMAND_LINE = re.compile(r"^\s*(\$ |[~.]?/\w|[\w.-]+/[\w.-]+/)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# a widget's loader (a tweet embed's script); a script quoted in the text has no src
EMBED_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.IGNORECASE)
# A placeholder a scraper or converter left behind (LINEBREAK_MARKER), alone on its line
SCRAPE_MARKER = re.compile(r"^\s*[A-Z]+(?:_[A-Z]+)+\s*$")
# A preview card of another post (Medium): an empty link, then a link whose text holds a
# heading, a subtitle and the site's name over several lines
LINK_CARD = re.compile(r"\[\]\([^)\n]*\)\s*\[#+ [^\]]*\]\([^)\n]*\)")


def mark_markup(doc: Document) -> None:
    for rule, pattern in (("link_card", LINK_CARD), ("html_markup", HTML_COMMENT), ("html_markup", EMBED_SCRIPT)):
        for match in pattern.finditer(doc.text):
            doc.remove(match.start(), match.end(), rule)
    for block in FENCED_BLOCK.finditer(doc.text):
        if block.group(2).lower() in CODE_LANGUAGES or COMMAND_LINE.match(block.group(3)):
            doc.remove(block.start(), block.end(), "code_block")
        else:
            doc.remove(block.start(), block.start(3), "markdown_syntax")
            doc.remove(block.end(3), block.end(), "markdown_syntax")
    for line in doc.lines:
        text = doc.line_text(line)
        if TABLE_ROW.match(text):
            for match in re.finditer(r"\|", text):
                doc.remove(line.start + match.start(), line.start + match.end(), "markdown_syntax")
                doc.break_paragraph(line.start + match.end())
        for match in HTML_BLOCK_TAG.finditer(text):
            doc.remove(line.start + match.start(), line.start + match.end(), "html_markup")
            doc.break_paragraph(line.start + match.end())
        for rule, pattern in (("html_markup", HTML_INLINE_TAG), ("template_tag", TEMPLATE_TAG), ("link_target", LINK_DEFINITION),
                               ("scrape_marker", SCRAPE_MARKER)):
            for match in pattern.finditer(text):
                doc.remove(line.start + match.start(), line.start + match.end(), rule)
        for rule, pattern, group in INLINE_RULES:
            for match in pattern.finditer(text):
                start, end = match.span(group) if group is not None else match.span()
                doc.remove(line.start + start, line.start + end, rule)
