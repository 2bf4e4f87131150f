"""Adapter: rule clean -> upsoc.clean."""

from pathlib import Path

from upsoc.clean import clean_text, decode
from upsoc.ingest import detect_format
from upsoc.rulelog import rule_log
from upsoc.tsv import write_text, write_tsv

with rule_log(snakemake.log[0]):
    raw = Path(snakemake.input.raw)
    article = clean_text(
        decode(raw.read_bytes(), str(raw)), snakemake.params.language, snakemake.wildcards.article, fmt=detect_format(raw)
    )
    write_text(article.text, snakemake.output.text)
    write_tsv(article.removed, snakemake.output.removed)
