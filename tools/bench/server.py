"""The archive served as in production: gunicorn with config/gunicorn.conf.py,
two sync workers, on a free loopback port."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tools.bench import stages

READY_SECONDS = 120  # the first worker to answer may have to open a large index


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, log: Path, workers: int = 2, database_url: str = ""):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        # wrk sends ~60 searches a second from one address: no per-client limit (web/throttle.py).
        limits_off = {"VIGIE_SEARCH_RATE": "0", "VIGIE_EXPORT_RATE": "0"}
        self.env = stages.environment(
            data_dir, HOST="127.0.0.1", PORT=str(self.port), WEB_CONCURRENCY=str(workers), **limits_off
        )
        self.env["DATABASE_URL"] = database_url  # "" is SQLite in data_dir
        self.process = None

    def __enter__(self):
        # WhiteNoise's manifest storage refuses to serve pages without collected files.
        stages.run(["collectstatic", "--noinput", "-v0"], self.env)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                # No control socket: its default path is shared with any other gunicorn of this user.
                [str(gunicorn), "-c", "config/gunicorn.conf.py", "--no-control-socket"],
                cwd=stages.ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_ready()
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop, workers included
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_until_ready(self):
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn s'est arrêté (journal : {self.log})")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", "/sante/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.3)
        raise SystemExit(f"gunicorn ne répond pas sur /sante/ (journal : {self.log})")

    def workers_memory(self) -> list[dict]:
        """Resident and peak resident memory of each worker (the master's children)."""
        return [{"pid": pid, **_memory(pid)} for pid in _children(self.process.pid)]


def _children(parent: int) -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces: the parent pid is the second field after it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            pids.append(int(entry.name))
    return sorted(pids)


def _memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024)  # kB
    return {"rss_mb": fields.get("VmRSS"), "peak_rss_mb": fields.get("VmHWM")}
