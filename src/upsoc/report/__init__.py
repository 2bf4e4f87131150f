"""The browsable report: figures (seaborn) and self-contained HTML pages."""
