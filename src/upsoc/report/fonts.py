"""Fonts and shaping for Chinese and Persian labels in figures.

matplotlib falls back glyph by glyph through `font.family`, so a Latin font followed by a
CJK and an Arabic-script font renders mixed labels. Without such fonts it would draw empty
boxes; we stop with a message instead. matplotlib does not shape Arabic script or lay out
right-to-left text, so Persian labels are reshaped (arabic-reshaper: contextual letter forms)
and reordered (python-bidi: the Unicode bidirectional algorithm) before drawing.
"""

from __future__ import annotations

import re

from matplotlib import font_manager

from ..languages import LANGUAGES, LanguageProfile

INSTALL_HINT = "install them with `apt-get install fonts-noto-cjk fonts-noto-core` (see README, Quick start)"
_ARABIC = re.compile(r"[\u0600-\u06ff]")


class FontError(RuntimeError):
    pass


def _covers(family: str, language: LanguageProfile) -> bool:
    """Whether the family has glyphs of the language's script (DejaVu Sans has Arabic, not CJK)."""
    from matplotlib.ft2font import FT2Font

    # the manager's own method: the module's `findfont` stays bound to the manager it started with
    path = font_manager.fontManager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return any(language.script.match(chr(code)) for code in FT2Font(path).get_charmap())


def font_families() -> list[str]:
    """["DejaVu Sans", <CJK family>, <Arabic-script family>], or FontError naming what is missing.

    matplotlib caches its font list; fonts installed after the cache was built are found by
    rebuilding it once."""
    try:
        return _choose()
    except FontError:
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        return _choose()


def _choose() -> list[str]:
    available = {f.name for f in font_manager.fontManager.ttflist}
    chosen, missing = ["DejaVu Sans"], []
    for language in (lang for lang in LANGUAGES.values() if lang.fonts):
        found = next((f for f in language.fonts if f in available and _covers(f, language)), None)
        if found:
            chosen.append(found)
        else:
            missing.append(f"{language.name} ({' or '.join(language.fonts[:2])})")
    if missing:
        raise FontError(f"no font for {', '.join(missing)} labels: {INSTALL_HINT}")
    return chosen


def shape(text: str) -> str:
    """Text as matplotlib must draw it: Persian reshaped and in visual (right-to-left) order."""
    if not _ARABIC.search(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))
