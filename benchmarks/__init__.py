"""Benchmarks run by hand against a finished pipeline run (`python -m upsoc.benchmarks.…`)."""
