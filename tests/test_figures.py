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


def test_fonts_installed_after_matplotlib_cached_its_list_are_found(monkeypatch):
    """A cache written before the fonts were installed: the rebuilt list is the one searched."""
    stale = font_manager.FontManager()
    stale.ttflist = [f for f in stale.ttflist if f.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setattr(font_manager, "findfont", stale.findfont)
    assert len(font_families()) == 3


def test_persian_is_shaped_and_laid_out_right_to_left():
    shaped = shape("شبکه سازی")
    # contextual presentation forms, in visual order: the first word ends up on the right
    assert all("\ufb50" <= ch <= "\ufeff" or ch == " " for ch in shaped)
    assert shaped.endswith(shape("شبکه")) and shaped.startswith(shape("سازی"))
    assert shape("向上社交 networking") == "向上社交 networking"


def test_the_article_heatmap_stays_a_readable_size_for_thousands_of_articles():
    import pandas as pd

    from upsoc.report.figures import heatmap_figure

    def prevalence(n):
        return pd.DataFrame([{"grouping": "article", "group": f"a{i:04d}", "concept": c, "share": (i % 7) / 7}
                             for i in range(n) for c in ("trust", "follow_up")])

    few, many = heatmap_figure(prevalence(3)), heatmap_figure(prevalence(3000))
    assert few.get_size_inches()[0] < many.get_size_inches()[0] <= 60
    assert [t.get_text() for t in few.axes[0].get_xticklabels()] == ["a0000", "a0001", "a0002"]
    assert many.axes[0].get_xticklabels() == [] and "3000 articles" in many.axes[0].get_xlabel()


def test_the_mixture_figure_stays_a_readable_size_for_thousands_of_articles():
    import pandas as pd

    from upsoc.report.figures import mixture_figure

    def mixtures(n):
        return pd.DataFrame([{"article_id": f"a{i:04d}", "topic": t, "weight": w}
                             for i in range(n) for t, w in ((1, 0.25), (2, 0.75))])

    few, many = mixture_figure(mixtures(3)), mixture_figure(mixtures(3000))
    assert few.get_size_inches()[1] < many.get_size_inches()[1] <= 20
    assert len(few.axes[0].get_yticklabels()) == 3
    assert list(many.axes[0].get_yticks()) == [] and "3000 articles" in many.axes[0].get_ylabel()
    assert [t.get_text() for t in many.axes[0].get_legend().get_texts()] == ["1", "2"]


def test_the_frame_effects_figure_has_one_panel_per_frame_contrast_ppi_solid_and_coded_light():
    import pandas as pd

    from upsoc.report.figures import frame_effects_figure

    rows = [{"concept": concept, "contrast": contrast, "stratum": stratum, "estimate": "0.05", "low": low, "high": high,
             "method": method}
            for contrast in ("up-net", "mu-net", "en-zh")  # en-zh: a language contrast, not drawn
            for stratum in ("en", "zh", "standardised") for concept in ("trust", "follow_up")
            for method, low, high in (("ppi", "0.01", "0.09"), ("coded", "0.04", "0.06"))]
    figure = frame_effects_figure(pd.DataFrame(rows), [("up", "net"), ("mu", "net")])
    assert [ax.get_title() for ax in figure.axes] == ["up − net", "mu − net"]
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["trust", "follow_up"]
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert labels == [f"{s}, {m}" for s in ("en", "zh", "standardised") for m in ("ppi", "coded")]
    alphas = {label: line.get_alpha() for label, line in zip(labels, figure.legends[0].legend_handles)}
    assert all(alphas[f"{s}, ppi"] in (None, 1.0) and alphas[f"{s}, coded"] < 0.5 for s in ("en", "zh", "standardised"))
    # before the inference study is adjudicated: the coded points alone
    coded_only = frame_effects_figure(pd.DataFrame([r for r in rows if r["method"] == "coded"]), [("up", "net")])
    assert [t.get_text() for t in coded_only.legends[0].get_texts()] == ["en, coded", "zh, coded", "standardised, coded"]
