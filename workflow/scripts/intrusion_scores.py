"""Adapter: rule intrusion_scores -> upsoc.themes.intrusion."""

from pathlib import Path

from upsoc.rulelog import rule_log
from upsoc.themes.intrusion import score_folder
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    write_tsv(score_folder(Path(snakemake.params.folder)), snakemake.output.scores)
