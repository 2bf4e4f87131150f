"""Adapter: rule intrusion_scores -> upsoc.themes.intrusion."""

from pathlib import Path

from upsoc.rulelog import rule_log
from upsoc.themes.intrusion import score_files
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    key = Path(snakemake.input.key[0]) if snakemake.input.key else None
    write_tsv(score_files(key, [Path(p) for p in snakemake.input.answers]), snakemake.output.scores)
