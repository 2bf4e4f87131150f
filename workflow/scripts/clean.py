"""Adapter: a shard of clean jobs -> upsoc.clean."""

from pathlib import Path

from upsoc.clean import clean_text, decode
from upsoc.ingest import detect_format
from upsoc.languages import profile
from upsoc.rulelog import for_article, rule_log
from upsoc.tsv import write_text, write_tsv

with rule_log(snakemake.log[0]):
    normalizer = profile(snakemake.params.language).make_normalizer()
    outputs = zip(snakemake.params.articles, snakemake.input.raw, snakemake.output.text, snakemake.output.removed)
    for article_id, raw, text, removed in outputs:
        with for_article(article_id):
            raw = Path(raw)
            article = clean_text(decode(raw.read_bytes(), str(raw)), snakemake.params.language, article_id, normalizer,
                                 fmt=detect_format(raw))
            write_text(article.text, text)
            write_tsv(article.removed, removed)
