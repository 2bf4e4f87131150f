"""Adapter: rule report_pages -> upsoc.report.build.build_pages."""

from upsoc.report.build import ReportInputs, Site, build_pages
from upsoc.rulelog import rule_log

with rule_log(snakemake.log[0]):
    params = snakemake.params
    build_pages(
        ReportInputs(named=snakemake.input, definitions=dict(params.definitions), kinds=dict(params.kinds)),
        Site.at(params.site),
    )
