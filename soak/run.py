"""The soak run (``make soak``; not part of ``make test``): the portal under gunicorn, on loopback,
bounded in count and time. See README, "Soak run".

1. ``reminders send`` in two processes at once into a local SMTP server: each mail once.
2. Sync workers (2): 50 writers × 20 reflections through the real forms; the server is killed with
   SIGKILL mid-load and restarted; every acknowledged story is there, the database is intact.
3. Threaded workers (2 × 4 threads): the same load again, with a backup taken during the writes
   (restored, its counts checked) and the input walk of tests/policy/input_walk.py as every role.

Usage: ``python soak/run.py [--database-url postgresql+psycopg://…/soak]`` (default: SQLite in a
temp folder). A PostgreSQL database of that name is dropped and made anew."""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soak.client import Client
from soak.setup import PASSWORD, database_env, free_port, fresh_database, prepare
from soak.walk import walk_as

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WRITERS, STORIES = 50, 20
failures: list[str] = []


class Server:
    def __init__(self, env: dict, threads: int) -> None:
        self.env, self.threads, self.port = env, threads, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--timeout", "120"]
        if self.threads > 1:
            cmd += ["--threads", str(self.threads)]
        self.process = subprocess.Popen(
            [*cmd, "portal:create_app()"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.env["SOAK_DIR"] + "/gunicorn.log", "a"),  # noqa: SIM115
            start_new_session=True,
        )
        for _ in range(300):
            try:
                if Client(self.base, timeout=5).send("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __del__(self) -> None:  # never leave a server behind (an error, a timeout)
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL the master and its workers at once (no graceful anything)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(30)


class Load:
    """50 writers × 20 reflections through /stories/new; acknowledged = answered 302 to the story."""

    def __init__(self, server: Server, tag: str) -> None:
        self.server, self.tag = server, tag
        self.acked: dict[str, int] = {}
        self.times: list[float] = []
        self.errors_5xx = 0
        self.lock = threading.Lock()

    def writer(self, n: int) -> None:
        client = Client(self.server.base, timeout=300)
        done = 0
        while done < STORIES:
            title = f"Soak {self.tag} schrijver {n} verhaal {done}"
            try:
                logged_in = any(cookie.name == "session" for cookie in client.jar)
                if not logged_in and not client.login(f"soak{n}@soak.example", PASSWORD):
                    time.sleep(0.2)
                    continue
                token = client.token("/stories/new")
                body = f"Een gesprek over **taal** en werk, zie https://example.org/{n}/{done}.\n\n"
                data = {"title": title, "body_md": body * 3, "csrf_token": token, "go": "save"}
                started = time.perf_counter()
                reply = client.send("POST", "/stories/new", data)
                elapsed = time.perf_counter() - started
            except OSError:  # the server is down (killed): not acknowledged, try again
                time.sleep(0.3)
                continue
            with self.lock:
                if reply.status >= 500:
                    self.errors_5xx += 1
            if reply.status == 302 and "/stories/" in reply.location:
                story_id = int(reply.location.split("/stories/")[1].split("/")[0])
                with self.lock:
                    self.acked[title] = story_id
                    self.times.append(elapsed)
                done += 1
                try:  # the check page renders the Markdown (the threaded 500 of defect 7)
                    if client.send("GET", f"/stories/{story_id}/check").status >= 500:
                        with self.lock:
                            self.errors_5xx += 1
                except OSError:
                    pass

    def run(self, during: list = ()) -> float:
        started = time.perf_counter()
        threads = [threading.Thread(target=self.writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for task in during:
            task(self)
        for thread in threads:
            thread.join(900)
        return time.perf_counter() - started

    def report(self, name: str, seconds: float, stored: dict[str, set[int]]) -> None:
        lost = [t for t, i in self.acked.items() if i not in stored.get(t, ())]
        q = statistics.quantiles(self.times, n=20) if len(self.times) > 1 else [0] * 19
        print(
            f"{name}: {WRITERS} writers × {STORIES} stories: {len(self.acked)} acknowledged, "
            f"{len(lost)} lost, {self.errors_5xx} 5xx, p50 {statistics.median(self.times) * 1000:.0f} ms, "
            f"p95 {q[18] * 1000:.0f} ms, {seconds:.0f} s"
        )
        if lost or self.errors_5xx or len(self.acked) != WRITERS * STORIES:
            failures.append(f"{name}: lost {len(lost)}, 5xx {self.errors_5xx}")


def wait_for(load: Load, count: int) -> None:
    while len(load.acked) < count:
        time.sleep(0.05)


ACTORS = ("anonymous", "klantmanager", "verhalenbegeleider", "coach", "onderzoeker", "beheerder")


def walk_only(env: dict) -> int:
    """The input walk as every role at once against threaded workers, nothing else."""
    server = Server(env, threads=4)
    server.start()
    errors: list[str] = []
    started = time.perf_counter()
    walkers = [threading.Thread(target=walk_as, args=(server.base, a, errors)) for a in ACTORS]
    for walker in walkers:
        walker.start()
    for walker in walkers:
        walker.join(1200)
    server.stop()
    print(f"input walk, {len(ACTORS)} roles at once: {len(errors)} errors, "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    for error in errors[:20]:
        print("  FAIL", error)
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--walk-only", action="store_true", help="only the input walk, 6 at once")
    args = parser.parse_args()
    started = time.perf_counter()
    workdir = tempfile.mkdtemp(prefix="portal-soak-")
    url = args.database_url or f"sqlite:///{workdir}/soak.sqlite3"
    fresh_database(url)
    env = database_env(url, workdir)
    print(f"soak on {url.split('@')[-1]} in {workdir}")
    prepare(env, WRITERS)

    from soak.checks import backup_and_restore, integrity, reminders_twice, stored_titles

    if args.walk_only:
        return walk_only(env)
    failures.extend(reminders_twice(env))

    sync = Server(env, threads=1)
    sync.start()

    def kill_mid_load(load: Load) -> None:
        wait_for(load, WRITERS * STORIES * 2 // 5)
        sync.kill()
        print(f"  SIGKILL with {len(load.acked)} acknowledged; restarting")
        sync.start()

    load = Load(sync, "sync")
    seconds = load.run([kill_mid_load])
    sync.stop()
    load.report("sync workers, SIGKILL mid-load", seconds, stored_titles(url))
    failures.extend(integrity(url))

    threaded = Server(env, threads=4)
    threaded.start()
    walk_errors: list[str] = []
    walkers: list[threading.Thread] = []
    backup_result: list[str] = []

    def backup_and_walk(load: Load) -> None:
        for actor in ACTORS:
            walker = threading.Thread(target=walk_as, args=(threaded.base, actor, walk_errors))
            walker.start()
            walkers.append(walker)
        wait_for(load, WRITERS * STORIES // 4)
        backup_result.extend(backup_and_restore(env, url, workdir, lambda: dict(load.acked)))

    load = Load(threaded, "threads")
    seconds = load.run([backup_and_walk])
    for walker in walkers:
        walker.join(600)
    threaded.stop()
    load.report("threaded workers (2 × 4), backup and input walk during the load", seconds,
                stored_titles(url))  # fmt: skip
    failures.extend(backup_result)
    print(f"input walk under load: {len(walk_errors)} 5xx")
    failures.extend(walk_errors[:20])
    failures.extend(integrity(url))
    print(f"soak done in {time.perf_counter() - started:.0f} s: {'FAILED' if failures else 'ok'}")
    for failure in failures:
        print("  FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
