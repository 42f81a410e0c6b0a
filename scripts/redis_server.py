"""A throwaway Redis for tests and benchmarks: ``redis-server`` on a free local port, nothing kept on disk.

    with throwaway_redis() as url:   # "redis://127.0.0.1:<port>/0", or None without redis-server
        ...
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator


@contextlib.contextmanager
def throwaway_redis() -> Iterator[str | None]:
    """Start redis-server (no persistence) on a free 127.0.0.1 port and yield its URL; stop it afterwards.

    Yields None when redis-server is not installed, so the caller decides what to do without it.
    """
    binary = shutil.which("redis-server")
    if not binary:
        yield None
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"redis-server did not answer on port {port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
