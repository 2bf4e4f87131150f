"""Figure fonts and Persian shaping: real glyphs for Chinese and Persian, or a clear stop."""

import pytest
from matplotlib import font_manager

from upsoc.report.fonts import FontError, font_families, shape


def test_fonts_cover_chinese_and_persian():
    families = font_families()
    assert len(families) == 3
    for family, sample in zip(families[1:], ["向上社交", "شبکه‌سازی"]):
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        from matplotlib.ft2font import FT2Font

        charmap = FT2Font(path).get_charmap()
        assert all(ord(ch) in charmap for ch in sample if ch != "\u200c"), family


def test_missing_fonts_stop_with_a_message(monkeypatch):
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "_load_fontmanager", lambda try_read_cache: font_manager.fontManager)
    with pytest.raises(FontError, match="apt-get install fonts-noto-cjk fonts-noto-core"):
        font_families()


def test_persian_is_shaped_and_laid_out_right_to_left():
    shaped = shape("شبکه سازی")
    # contextual presentation forms, in visual order: the first word ends up on the right
    assert all("\ufb50" <= ch <= "\ufeff" or ch == " " for ch in shaped)
    assert shaped.endswith(shape("شبکه")) and shaped.startswith(shape("سازی"))
    assert shape("向上社交 networking") == "向上社交 networking"
