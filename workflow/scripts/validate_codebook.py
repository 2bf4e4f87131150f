"""Adapter: rule validate_codebook -> upsoc.coding.validation."""

from upsoc.coding.advice import AdviceDetector
from upsoc.coding.matcher import CueMatcher
from upsoc.coding.validation import code_sample, score
from upsoc.languages import profile
from upsoc.layout import key
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv


def analyser(language, user_dictionary):
    tokenizer, normalizer = profile(language).make_tokenizer(user_dictionary), profile(language).make_normalizer()
    return lambda text: tokenizer(normalizer(text))


with rule_log(snakemake.log[0]):
    sample = read_tsv(snakemake.input.sample)
    languages = sorted(set(sample["language"]))
    coded = code_sample(
        sample,
        {lang: analyser(lang, snakemake.input.get("user_dictionary")) for lang in languages},
        {lang: CueMatcher(read_tsv(snakemake.input[key("cues", lang)]), lang) for lang in languages},
        {lang: AdviceDetector(read_tsv(snakemake.input[key("advice", lang)])) for lang in languages},
        snakemake.params.concepts,
    )
    write_tsv(coded, snakemake.output.sentences)
    write_tsv(score(sample, coded, snakemake.params.concepts), snakemake.output.scores)
