"""Adapter: rule code_article -> upsoc.coding."""


from upsoc.coding import code_sentences
from upsoc.coding.advice import AdviceDetector
from upsoc.coding.matcher import CueMatcher
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    article = snakemake.params.article
    matcher = CueMatcher(read_tsv(snakemake.input.cues), article["language"])
    detector = AdviceDetector(read_tsv(snakemake.input.advice))
    coded = code_sentences(read_tsv(snakemake.input.sentences), article, matcher, detector, snakemake.params.concepts)
    write_tsv(coded, snakemake.output.coded)
