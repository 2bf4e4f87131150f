"""Sentences with offsets, and tokens with the right tool for each language."""

import pytest

from upsoc.languages import profile
from upsoc.segment import paragraphs, split_sentences
from upsoc.sentences import sentence_table
from upsoc.tables import SENTENCE_COLUMNS


def texts(text, language):
    return [s.text for s in split_sentences(text, language)]


def test_chinese_sentences_end_at_chinese_punctuation_and_closing_quotes():
    text = "他说：“先行动。”然后呢？我们试了！\n\n第二段"
    assert texts(text, "zh") == ["他说：“先行动。”", "然后呢？", "我们试了！", "第二段"]


def test_persian_sentences_keep_decimals_whole():
    text = "نرخ ۱.۵ درصد بود. آیا کافی است؟ بله!"
    assert texts(text, "fa") == ["نرخ ۱.۵ درصد بود.", "آیا کافی است؟", "بله!"]


def test_english_abbreviations_initials_and_quotes():
    text = 'Dr. Lee met J. Smith in the U.S. last year. "Ask first." She did. It worked 3.5 times.'
    assert texts(text, "en") == [
        "Dr. Lee met J. Smith in the U.S. last year.",
        '"Ask first."',
        "She did.",
        "It worked 3.5 times.",
    ]


def test_offsets_slice_the_cleaned_text(cleaned_fixtures):
    for article_id, (_, article) in cleaned_fixtures.items():
        language = {"mentor-note": "zh", "networking-basics": "fa", "coffee-chats": "en"}[article_id]
        sentences = split_sentences(article.text, language)
        assert sentences
        for s in sentences:
            assert article.text[s.start : s.end] == s.text
        assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)
        assert max(s.paragraph for s in sentences) == len(paragraphs(article.text))


def test_field_terms_stay_one_chinese_token(tokenizers):
    tokens = [t.text for t in tokenizers["zh"]("向上社交需要人脉，朋友圈点赞和信息面试都有用。")]
    for term in ["向上社交", "人脉", "朋友圈", "点赞", "信息面试"]:
        assert term in tokens
    punctuation = [t for t in tokenizers["zh"]("人脉，很重要。") if t.text in "，。"]
    assert [t.stopword for t in punctuation] == [True, True]


def test_persian_word_that_lost_its_zwnj_is_one_token(cleaned_fixtures, tokenizers):
    _, article = cleaned_fixtures["networking-basics"]
    tokens = [t.text for s in split_sentences(article.text, "fa") for t in tokenizers["fa"](s.text)]
    assert "شبکه\u200cسازی" in tokens
    assert "شبکه" not in tokens and "سازی" not in tokens and "شبکهسازی" not in tokens


def test_persian_lemmas_and_stopwords(tokenizers):
    tokens = tokenizers["fa"]("شبکه‌های اجتماعی در کار مهم است")
    by_text = {t.text: t for t in tokens}
    assert by_text["شبکه\u200cهای"].lemma == "شبکه"
    assert by_text["در"].stopword and not by_text["اجتماعی"].stopword


def test_english_tokens_lemmas_and_stopwords(tokenizers):
    tokens = tokenizers["en"]("Introverts don't attend \"conferences\".")
    assert [t.text for t in tokens] == ["Introverts", "do", "n't", "attend", '"', "conferences", '"', "."]
    assert [t.lemma for t in tokens] == ["introvert", "do", "not", "attend", '"', "conference", '"', "."]
    assert [t.stopword for t in tokens] == [False, True, True, False, True, False, True, True]


@pytest.mark.parametrize("language", ["zh", "fa", "en"])
def test_sentence_table_columns_align(cleaned_fixtures, tokenizers, language):
    article_id = {"zh": "mentor-note", "fa": "networking-basics", "en": "coffee-chats"}[language]
    _, article = cleaned_fixtures[article_id]
    table = sentence_table(article_id, article.text, language, tokenizers[language])
    assert list(table.columns) == SENTENCE_COLUMNS
    assert list(table["sentence_id"]) == list(range(1, len(table) + 1))
    for row in table.itertuples():
        n = len(row.tokens.split())
        assert n == len(row.lemmas.split()) == len(row.stopword_flags.split())
        assert set(row.stopword_flags.split()) <= {"0", "1"}


def test_traditional_chinese_is_analysed_as_simplified_and_shown_as_written(tokenizers, coders):
    tokens = tokenizers["zh"]("我們應該主動聯繫高階領導人，拓展人脈網路。")
    assert "".join(t.text for t in tokens) == "我們應該主動聯繫高階領導人，拓展人脈網路。"
    assert [t.lemma for t in tokens if t.text == "人脈"] == ["人脉"]
    # coded like the same sentence in Simplified
    simplified = "我们应该主动联系高阶领导人，拓展人脉网路。"
    assert [t.lemma for t in tokens] == [t.lemma for t in tokenizers["zh"](simplified)]


def test_persian_tools_read_hazm_word_list_once(tokenizers):
    """The tokenizer, lemmatizer and normaliser each build a hazm word tokenizer; all are
    served by one reading of its word list, and give the same lexicon as hazm's own parse."""
    from hazm import utils, word_tokenizer

    profile("fa").make_normalizer()("شبکه سازی")
    profile("fa").make_tokenizer()
    assert word_tokenizer.words_list.cache_info().misses == 1
    assert word_tokenizer.words_list(utils.default_words) == utils.words_list(utils.default_words)
