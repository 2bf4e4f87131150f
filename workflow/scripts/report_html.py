"""Adapter: rule report_html -> upsoc.report.build."""

from pathlib import Path

from upsoc.report.build import ReportInputs, Site, build_report
from upsoc.rulelog import rule_log

with rule_log(snakemake.log[0]):
    inputs, output = snakemake.input, snakemake.output
    hashed = [inputs.sheet, inputs.codebook, *inputs.studies, inputs.user_dictionary, *inputs.raw]
    build_report(
        ReportInputs(
            named=inputs,
            config=dict(snakemake.params.config),
            inputs_to_hash=[Path(p) for p in hashed],
            languages=list(snakemake.params.languages),
            groupings=list(snakemake.params.groupings),
            definitions=dict(snakemake.params.definitions),
        ),
        Site(index=Path(output.index), articles=Path(output.articles), topics=Path(output.topics),
             concepts=Path(output.concepts), search=Path(output.search), figures=Path(snakemake.params.figures)),
    )
