"""Adapter: a shard of code jobs -> upsoc.coding."""

from upsoc.coding import code_sentences
from upsoc.coding.advice import AdviceDetector
from upsoc.coding.matcher import CueMatcher
from upsoc.rulelog import for_article, rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    articles = snakemake.params.articles
    matcher = CueMatcher(read_tsv(snakemake.input.cues), articles[0]["language"])
    detector = AdviceDetector(read_tsv(snakemake.input.advice))
    for article, sentences, coded in zip(articles, snakemake.input.sentences, snakemake.output.coded):
        with for_article(article["id"]):
            write_tsv(code_sentences(read_tsv(sentences), article, matcher, detector, snakemake.params.concepts), coded)
