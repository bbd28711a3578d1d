"""Throughput under concurrent load: wrk cycling through the mix's URLs."""

import os
import re
import shutil
import subprocess
from pathlib import Path

LUA = """-- Written by tools/bench/load.py: each thread cycles through the benchmark's URLs.
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def ensure_wrk() -> str:
    """wrk's path, installed from Debian (package `wrk`) when missing, as
    .ci/system-packages installs what the tests need."""
    if found := shutil.which("wrk"):
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", "wrk"]
    print("Installation du paquet Debian wrk…", flush=True)
    if subprocess.run(install, env=env, capture_output=True).returncode:
        subprocess.run([*sudo, "apt-get", "update", "-q"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    return shutil.which("wrk")


def run_wrk(base: str, paths: list[str], seconds: int, folder: Path, threads=2, connections=8) -> dict:
    script = folder / "mix.lua"
    script.write_text(LUA % ", ".join(_lua_string(path) for path in paths))
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",  # a slow answer under load is a latency to report, not a socket error
        "--latency",
        "-s",
        str(script),
        base + paths[0],
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"wrk a échoué : {done.stderr[-1000:]}")
    return {"urls": len(paths), **parse_wrk(done.stdout)}


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_wrk(output: str) -> dict:
    """Requests/s, latency percentiles (ms), and every kind of failure wrk counts."""

    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    latency = {
        f"p{int(share)}_ms": round(float(value) * UNITS[unit], 1)
        for share, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
    }
    # wrk prints the socket errors line only when there were some.
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    counts = map(int, socket.groups()) if socket else (0, 0, 0, 0)
    requests = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)", output)
    return {
        "threads": int(number(r"(\d+) threads and")),
        "connections": int(number(r"and (\d+) connections")),
        "requests": int(requests.group(1)) if requests else 0,
        "seconds": round(float(requests.group(2)) * UNITS[requests.group(3)] / 1000, 1) if requests else 0,
        "requests_per_second": number(r"Requests/sec:\s+([\d.]+)"),
        **latency,
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": dict(zip(("connect", "read", "write", "timeout"), counts, strict=True)),
    }
