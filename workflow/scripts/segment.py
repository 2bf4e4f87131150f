"""Adapter: a shard of segment jobs -> upsoc.sentences."""

from pathlib import Path

from upsoc.languages import profile
from upsoc.rulelog import for_article, rule_log
from upsoc.sentences import sentence_table
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    language = snakemake.params.language
    tokenizer = profile(language).make_tokenizer(snakemake.input.get("user_dictionary"))
    for article_id, text, sentences in zip(snakemake.params.articles, snakemake.input.text, snakemake.output.sentences):
        with for_article(article_id):
            write_tsv(sentence_table(article_id, Path(text).read_text(encoding="utf-8"), language, tokenizer), sentences)
