"""A build killed with SIGKILL while its worker processes run leaves nothing behind: no
worker survives its parent, no lock is held by the dead, and the next command answers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, write_corpus

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhsalliance_cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("moment", [0.0, 0.4])
def test_workers_die_with_a_killed_build(tmp_path: Path, moment: float) -> None:
    # Over the size at which a build starts worker processes (8 MB).
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    folder = write_corpus(
        tmp_path / "c", {f"d{i:05d}.txt": texts[i % len(texts)] * 4 for i in range(500)}
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["--corpus", str(folder), "search", "Darzi", "--count", "--json"]
    build = subprocess.Popen(
        [sys.executable, "-m", "nhsalliance_cli", "--corpus", str(folder), "index", "build"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and build.poll() is None:
        workers = _children(build.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.02)
    assert len(workers) >= 2, "the build never started its workers"
    time.sleep(moment)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived its parent"
    after = _cli(args, env)  # would wait for ever on a lock a surviving worker held
    expected = _cli(["--no-index", *args], env)
    assert after.returncode == 0, after.stderr
    assert after.stdout == expected.stdout
    assert '"count":8' in after.stdout
