"""The workflow on a real single-node SLURM cluster with workflow/profiles/slurm (`pytest -m slurm`)."""

import getpass
import os
import re
import subprocess
from collections import Counter

import pytest
from conftest import ROOT, digests, make_project, snakemake
from slurm_cluster import LocalCluster, unavailable_reason

pytestmark = pytest.mark.slurm

PROFILE = ["--workflow-profile", str(ROOT / "workflow" / "profiles" / "slurm")]


# session-scoped like first_run and asked for before it, so that a machine that cannot run the
# cluster skips before the local run
@pytest.fixture(scope="session")
def cluster(tmp_path_factory, request):
    reason = unavailable_reason()
    if reason:
        # CI installs the packages and runs as root: there a skip would hide a broken test
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the SLURM test, but {reason}")
        pytest.skip(reason)
    cluster = LocalCluster(tmp_path_factory.mktemp("slurm"))
    request.addfinalizer(cluster.stop)
    cluster.start()
    return cluster


def planned_cluster_jobs(project):
    """rule -> number of jobs the profile sends to the cluster."""
    plan = snakemake(project, *PROFILE, "--dry-run")
    assert plan.returncode == 0, plan.stderr
    planned = Counter(re.findall(r"^rule (\w+):$", plan.stdout, re.MULTILINE))
    # `all` only gathers the targets: Snakemake finishes it itself, without a job
    del planned["all"]
    return planned


def accounted_jobs(cluster, run_id):
    """(SLURM job id, state, rule) of every job of one Snakemake run, as slurmdbd recorded them."""
    records = subprocess.run(
        ["sacct", "--allocations", "--parsable2", "--noheader", "--starttime", "now-1days",
         "--name", run_id, "--format=JobIDRaw,State,Comment%1000"],
        env=cluster.env(), capture_output=True, text=True, check=True,
    ).stdout
    # the executor comments each job with rule_<name>, followed by _wildcards_<values> when it has any
    return [(job, state, comment.removeprefix("rule_").split("_wildcards_")[0])
            for job, state, comment in (line.split("|") for line in records.splitlines())]


def test_the_slurm_profile_runs_every_job_through_sbatch_with_the_local_results(cluster, first_run, tmp_path):
    project = make_project(tmp_path)
    planned = planned_cluster_jobs(project)
    assert len(planned) > 10, planned
    # the executor looks up the submitting user's SLURM account by name
    result = snakemake(project, *PROFILE, env={**cluster.env(), "USER": getpass.getuser()})
    assert result.returncode == 0, result.stderr[-5000:]
    run_id = re.search(r"SLURM run ID: (\S+)", result.stderr).group(1)
    submitted = set(re.findall(r"submitted with SLURM jobid (\d+)", result.stderr))
    jobs = accounted_jobs(cluster, run_id)
    assert {job for job, _, _ in jobs} == submitted
    assert {state for _, state, _ in jobs} == {"COMPLETED"}
    assert Counter(rule for _, _, rule in jobs) == planned
    assert digests(project) == digests(first_run)
