"""A throwaway single-node SLURM cluster on this machine, with job accounting, for testing the profile.

    python tests/slurm_cluster.py start STATE_DIR   # prints the SLURM_CONF to export
    python tests/slurm_cluster.py stop STATE_DIR

Everything lives in STATE_DIR: the munge key and socket, a MariaDB data directory, the
configuration, the daemons' logs and pid files. Nothing under /etc or /run is read or written,
and the daemons listen on free ports of 127.0.0.1 only, so a machine's own SLURM or MariaDB is
left alone. Needs root (slurmd starts jobs as their users) and the Debian packages in
workflow/envs/slurm-packages.txt. The workflow's SLURM executor asks `sacct` for each job's
state, and `sacct` needs slurmdbd, which needs MariaDB: that is why they are here.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CLUSTER_NAME = "upsoc"
PARTITION = "main"
TOOLS = ["mungekey", "munged", "mariadb-install-db", "mariadbd", "mariadb", "slurmdbd", "slurmctld", "slurmd",
         "sinfo", "sacctmgr", "squeue", "scancel"]
# stopped in this order: the scheduler before the accounting it reports to, the database last but munge
PID_FILES = ["slurmctld", "slurmd", "slurmdbd", "mariadb", "munged"]


class ClusterUnavailable(RuntimeError):
    """This machine cannot run the cluster (not root, or packages missing)."""


def unavailable_reason():
    """Why this machine cannot run the cluster, or None if it can."""
    if os.geteuid() != 0:
        return "the local SLURM cluster needs root (slurmd starts the jobs)"
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        return f"missing {', '.join(missing)}: install the packages in workflow/envs/slurm-packages.txt"
    return None


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def wait_until(check, what, timeout, log=None):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            detail = f"; see {log}:\n{log.read_text(errors='replace')[-3000:]}" if log and log.exists() else ""
            raise RuntimeError(f"timed out after {timeout} s waiting for {what}{detail}")
        time.sleep(0.5)


def run(*command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def node_line():
    """This host as slurmd sees it: name, CPUs, sockets, cores, threads, memory."""
    fields = run("slurmd", "-C").splitlines()[0].split()
    return " ".join(field for field in fields if not field.startswith("UpTime="))


class LocalCluster:
    def __init__(self, state: Path):
        self.state = Path(state).resolve()
        self.conf = self.state / "slurm.conf"
        self.run_dir, self.log_dir = self.state / "run", self.state / "log"
        self.munge_socket = self.run_dir / "munge.socket"

    def env(self):
        """The environment in which SLURM's commands talk to this cluster."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    def start(self):
        reason = unavailable_reason()
        if reason:
            raise ClusterUnavailable(reason)
        if self.state.exists() and any(self.state.iterdir()):
            raise RuntimeError(f"{self.state} is not empty: give a new directory, or stop the cluster there first")
        for folder in (self.run_dir, self.log_dir, self.state / "spool", self.state / "ctld"):
            folder.mkdir(parents=True)
        ctld_port, slurmd_port, dbd_port, db_port = free_ports(4)
        try:
            self._start_munge()
            password = self._start_database(db_port)
            self._write_config(ctld_port, slurmd_port, dbd_port, db_port, password)
            self._start_slurm(dbd_port)
        except BaseException:
            self.stop()
            raise

    def _start_munge(self):
        key = self.state / "munge.key"
        run("mungekey", "--create", f"--keyfile={key}")
        # --force: munged otherwise refuses a socket in a directory that only root can reach (pytest's
        # temporary directories are such), and only root uses this cluster
        run("munged", "--force", f"--key-file={key}", f"--socket={self.munge_socket}",
            f"--seed-file={self.state / 'munge.seed'}", f"--pid-file={self.run_dir / 'munged.pid'}",
            f"--log-file={self.log_dir / 'munged.log'}")

    def _start_database(self, port):
        """A private MariaDB on 127.0.0.1:port with one user for slurmdbd; returns its password."""
        data, db_socket = self.state / "db", self.run_dir / "mariadb.sock"
        run("mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root", "--skip-test-db")
        log = self.log_dir / "mariadb.log"
        with open(self.log_dir / "mariadbd.out", "w") as out:
            subprocess.Popen(
                ["mariadbd", "--no-defaults", f"--datadir={data}", f"--socket={db_socket}", "--user=root",
                 f"--pid-file={self.run_dir / 'mariadb.pid'}", f"--log-error={log}",
                 "--bind-address=127.0.0.1", f"--port={port}", "--skip-name-resolve"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        client = ["mariadb", "--no-defaults", f"--socket={db_socket}", "--user=root"]
        wait_until(lambda: subprocess.run(client + ["-e", "SELECT 1"], capture_output=True).returncode == 0,
                   "MariaDB", 60, log)
        password = secrets.token_hex(16)
        run(*client, "-e", f"CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '{password}'; "
                           "GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';")
        return password

    def _write_config(self, ctld_port, slurmd_port, dbd_port, db_port, password):
        host = socket.gethostname().split(".")[0]
        common = f"AuthType=auth/munge\nAuthInfo=socket={self.munge_socket}\n"
        dbd = self.state / "slurmdbd.conf"  # slurmdbd reads it beside SLURM_CONF
        dbd.write_text(
            common + f"DbdHost={host}\nDbdAddr=127.0.0.1\nDbdPort={dbd_port}\nSlurmUser=root\n"
            "StorageType=accounting_storage/mysql\n"
            f"StorageHost=127.0.0.1\nStoragePort={db_port}\nStorageUser=slurm\nStoragePass={password}\n"
            f"LogFile={self.log_dir / 'slurmdbd.log'}\nPidFile={self.run_dir / 'slurmdbd.pid'}\n"
        )
        dbd.chmod(0o600)  # slurmdbd refuses a readable password
        self.conf.write_text(
            common + f"ClusterName={CLUSTER_NAME}\nSlurmctldHost={host}(127.0.0.1)\n"
            f"SlurmctldPort={ctld_port}\nSlurmdPort={slurmd_port}\nCredType=cred/munge\n"
            "SlurmUser=root\nSlurmdUser=root\n"
            f"StateSaveLocation={self.state / 'ctld'}\nSlurmdSpoolDir={self.state / 'spool'}\n"
            f"SlurmctldPidFile={self.run_dir / 'slurmctld.pid'}\nSlurmdPidFile={self.run_dir / 'slurmd.pid'}\n"
            f"SlurmctldLogFile={self.log_dir / 'slurmctld.log'}\nSlurmdLogFile={self.log_dir / 'slurmd.log'}\n"
            # no cgroups: containers rarely allow them, and one node needs no isolation
            "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n"
            "MpiDefault=none\nSwitchType=switch/none\nReturnToService=2\n"
            "SelectType=select/cons_tres\nSelectTypeParameters=CR_Core_Memory\n"
            "AccountingStorageType=accounting_storage/slurmdbd\n"
            f"AccountingStorageHost=127.0.0.1\nAccountingStoragePort={dbd_port}\n"
            # for the connection to slurmdbd this names the munge socket
            f"AccountingStoragePass={self.munge_socket}\n"
            # sacct then shows each job's --comment, where the executor writes the rule's name
            "AccountingStoreFlags=job_comment\n"
            f"{node_line()} NodeAddr=127.0.0.1 State=UNKNOWN\n"
            f"PartitionName={PARTITION} Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n"
        )

    def _start_slurm(self, dbd_port):
        env = self.env()
        run("slurmdbd", env=env)
        wait_until(lambda: port_open(dbd_port), "slurmdbd", 60, self.log_dir / "slurmdbd.log")
        run("slurmctld", "-f", str(self.conf), env=env)
        run("slurmd", "-f", str(self.conf), env=env)
        wait_until(lambda: self._query("sinfo", "--noheader", "--format=%T") == "idle",
                   "the node to be idle", 60, self.log_dir / "slurmctld.log")
        wait_until(lambda: self._query("sacctmgr", "--noheader", "list", "cluster", "format=cluster") == CLUSTER_NAME,
                   "the cluster to register with slurmdbd", 60, self.log_dir / "slurmdbd.log")

    def _query(self, *command):
        result = subprocess.run(command, capture_output=True, text=True, env=self.env(), check=False)
        return result.stdout.strip() if result.returncode == 0 else None

    def stop(self):
        """Cancel leftover jobs and stop every daemon this cluster started; safe to call twice."""
        if self.conf.exists() and self._pid("slurmctld"):
            jobs = (self._query("squeue", "--noheader", "--format=%i") or "").split()
            if jobs:
                subprocess.run(["scancel", *jobs], env=self.env(), capture_output=True, check=False)
        for name in PID_FILES:
            pid = self._pid(name)
            if pid is None:
                continue
            os.kill(pid, signal.SIGTERM)
            try:
                wait_until(lambda: not alive(pid), f"{name} (pid {pid}) to stop", 30)
            except RuntimeError:
                os.kill(pid, signal.SIGKILL)

    def _pid(self, name):
        """The pid of a running daemon of this cluster, from its pid file."""
        path = self.run_dir / f"{name}.pid"
        if not path.exists():
            return None
        text = path.read_text().strip()
        return int(text) if text.isdigit() and alive(int(text)) else None


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie left by a daemon's start-up fork has finished
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def main(argv):
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        sys.exit(__doc__)
    cluster = LocalCluster(Path(argv[2]))
    if argv[1] == "start":
        cluster.start()
        print(f"export SLURM_CONF={cluster.conf}")
    else:
        cluster.stop()


if __name__ == "__main__":
    main(sys.argv)
