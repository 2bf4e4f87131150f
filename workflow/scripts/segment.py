"""Adapter: rule segment -> upsoc.sentences."""

from pathlib import Path

from upsoc.rulelog import rule_log
from upsoc.sentences import sentence_table
from upsoc.tokenize import make_tokenizer
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    language = snakemake.params.language
    tokenizer = make_tokenizer(language, snakemake.input.get("user_dictionary"))
    text = Path(snakemake.input.text).read_text(encoding="utf-8")
    write_tsv(sentence_table(snakemake.wildcards.article, text, language, tokenizer), snakemake.output.sentences)
