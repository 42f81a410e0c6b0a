"""Run a command with DATABASE_URL pointing at PostgreSQL.

If DATABASE_URL is already set it is used as given. Otherwise a throwaway
PostgreSQL 16 server (the pgserver wheel from PyPI, which bundles the binaries)
is started in a temporary directory and removed when the command ends. There is
no fallback to SQLite: if no server can be had, this fails loudly.

    python scripts/with_postgres.py -- pytest -q
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from urllib.parse import quote


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: with_postgres.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    if os.environ.get("DATABASE_URL"):
        print("with_postgres: using DATABASE_URL from the environment", file=sys.stderr)
        return subprocess.call(argv)

    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver  # imported late: only needed for the throwaway server

    pgdata = tempfile.mkdtemp(prefix="masterclass-pg-")
    try:
        server = pgserver.get_server(pgdata, cleanup_mode="delete")
        info = server.get_postmaster_info()
        server.psql("ALTER SYSTEM SET fsync = off;")
        server.psql("ALTER SYSTEM SET synchronous_commit = off;")
        server.psql("SELECT pg_reload_conf();")
        url = f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/masterclass"
        print(f"with_postgres: throwaway PostgreSQL in {pgdata}", file=sys.stderr)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.call(argv, env=env)
    finally:
        # pgserver stops and deletes the cluster at exit; make sure the folder goes too.
        with contextlib.suppress(Exception):
            server.cleanup()  # type: ignore[possibly-undefined]
        shutil.rmtree(pgdata, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
