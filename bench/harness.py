"""The benchmark harness: dataset, real server, scenarios over HTTP, ratios to ``bare``.

For each database: a throw-away data folder (and, for PostgreSQL, a fresh database
``xaso_bench``), the dataset built at the chosen scale in a child process, then
``xaso serve`` (gunicorn, DEBUG off) on a free loopback port. Each scenario runs for a
fixed time on N threads, each with its own ``httpx.Client`` (its own session); ``bare``
runs first and last and the mean of the two is the baseline the others are divided by.
Everything started here is stopped here; every loop ends at its deadline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import platform
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from bench.scenarios import DATASET, REGISTRY, Failure, Scenario, log_in

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/xaso_bench"
DEFAULT_OUT = PROJECT_ROOT / "bench" / "results" / "latest.json"
BASELINE = "bare"
REQUEST_TIMEOUT = 30.0  # seconds; a request slower than this is a failure
SERVER_START_TIMEOUT = 120.0  # migrate + collectstatic + gunicorn boot
MAX_ITERATIONS = 1_000_000  # per thread; the deadline ends loops long before this
DRIFT_WARNING = 0.2  # first and last bare runs further apart than this: a noisy run
DEFAULT_DOSSIERS = 1_000_000  # xaso.seed.scale.DEFAULT_DOSSIERS (not imported: no Django)
BUILD_TIMEOUT = 1800.0  # seconds; the province dataset takes a few minutes


@dataclasses.dataclass
class Config:
    scale: str = "commune"
    scenarios: list[str] = dataclasses.field(default_factory=lambda: ["login", "home"])
    duration: float = 5.0
    concurrency: int = 4
    databases: list[str] = dataclasses.field(default_factory=lambda: ["sqlite"])
    out: Path = DEFAULT_OUT
    pg_url: str = DEFAULT_PG_URL
    dossiers: int = DEFAULT_DOSSIERS  # synthetic dossiers at province scale


class BenchError(RuntimeError):
    """The harness could not set up or run (not a scenario failure)."""


# --- measuring ----------------------------------------------------------------------------


@dataclasses.dataclass
class Measurement:
    name: str
    requests: int  # successful iterations (one scenario call = one "request")
    failures: int
    seconds: float
    latencies: list[float]  # of the successful iterations, seconds
    errors: dict[str, int]  # failure message -> count

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile_ms(self, p: int) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    def as_dict(self, baseline: dict | None = None) -> dict:
        data = {
            "requests": self.requests,
            "failures": self.failures,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 2),
            "p50_ms": _round(self.percentile_ms(50)),
            "p95_ms": _round(self.percentile_ms(95)),
            "p99_ms": _round(self.percentile_ms(99)),
            "errors": self.errors,
        }
        if baseline is not None:
            data["throughput_ratio"] = _ratio(self.rps, baseline["rps"])
            data["latency_ratio"] = _ratio(self.percentile_ms(50), baseline["p50_ms"])
        return data


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return round(value / base, 4)


def measure(base_url: str, sc: Scenario, *, duration: float, concurrency: int) -> Measurement:
    """Run ``sc`` on ``concurrency`` threads for ``duration`` seconds (after one warm-up
    iteration per thread, not counted) and collect what happened."""
    barrier = threading.Barrier(concurrency + 1)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    counts = {"ok": 0, "failed": 0}

    def one(client: httpx.Client) -> str | None:
        try:
            sc.func(client)
        except Failure as exc:
            return str(exc)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        return None

    def worker() -> None:
        client = httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT, verify=False)
        setup_error = None
        try:
            if sc.login_as:
                log_in(client, sc.login_as, sc.password)
            one(client)  # warm-up: connection open, session loaded, caches filled
        except (Failure, httpx.HTTPError) as exc:
            setup_error = f"setup (log in as {sc.login_as}): {exc}"
        try:
            barrier.wait(timeout=SERVER_START_TIMEOUT)
        except threading.BrokenBarrierError:
            client.close()
            return
        mine: list[float] = []
        mine_errors: Counter[str] = Counter()
        ok = failed = 0
        if setup_error:
            mine_errors[setup_error] += 1
            failed += 1
        else:
            deadline = time.perf_counter() + duration
            for _ in range(MAX_ITERATIONS):
                start = time.perf_counter()
                if start >= deadline:
                    break
                error = one(client)
                if error is None:
                    mine.append(time.perf_counter() - start)
                    ok += 1
                else:
                    mine_errors[error] += 1
                    failed += 1
        client.close()
        with lock:
            latencies.extend(mine)
            errors.update(mine_errors)
            counts["ok"] += ok
            counts["failed"] += failed

    threads = [
        threading.Thread(target=worker, name=f"bench-{sc.name}-{i}", daemon=True)
        for i in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=SERVER_START_TIMEOUT)
    except threading.BrokenBarrierError as exc:
        raise BenchError(f"{sc.name}: threads did not get ready in time") from exc
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=duration + REQUEST_TIMEOUT * 3)
    seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        raise BenchError(f"{sc.name}: threads did not stop after their deadline")
    return Measurement(
        name=sc.name,
        requests=counts["ok"],
        failures=counts["failed"],
        seconds=seconds,
        latencies=latencies,
        errors=dict(errors),
    )


# --- database, dataset, server ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _base_env(data_dir: Path) -> dict[str, str]:
    """The environment of a production-like server: DEBUG off, its own secret key."""
    env = dict(os.environ)
    for name in (
        "XASO_DEBUG",
        "XASO_TESTING",
        "DATABASE_URL",
        "XASO_SECURE_SSL",
        "XASO_ALLOWED_HOSTS",
    ):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "xaso.settings",
            "XASO_DATA_DIR": str(data_dir),
            "XASO_SECRET_KEY": secrets.token_urlsafe(50),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _pg_admin_url(pg_url: str) -> tuple[str, str]:
    """(URL of the maintenance database ``postgres``, name of the bench database)."""
    parts = urlsplit(pg_url)
    name = parts.path.lstrip("/")
    if not name:
        raise BenchError(f"{pg_url}: no database name")
    return urlunsplit(parts._replace(path="/postgres")), name


def _pg_recreate(pg_url: str, *, drop_only: bool = False) -> str:
    """Drop the bench database (if any) and create it afresh; returns the server version."""
    import psycopg
    from psycopg import sql

    admin_url, name = _pg_admin_url(pg_url)
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            if not drop_only:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                        sql.Identifier(name)
                    )
                )
    except psycopg.OperationalError as exc:
        raise BenchError(
            f"PostgreSQL at {admin_url} is not reachable ({exc}); `make postgres` starts it"
        ) from exc
    return version


def build_dataset(env: dict[str, str], scale: str, dossiers: int = DEFAULT_DOSSIERS) -> dict:
    """Migrate and build the dataset in a child process (settings are per process)."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.harness", "build", scale, "--dossiers", str(dossiers)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        raise BenchError(f"building the {scale} dataset failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class Server:
    """``xaso serve`` as a child process in its own process group; a context manager."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.log_path = log_path
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "xaso.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"the server exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise BenchError(
            f"no answer on {self.base_url}/healthz within "
            f"{SERVER_START_TIMEOUT:.0f}s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to gunicorn's master (graceful), SIGKILL to its group if it lingers."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None


# --- one run per database -----------------------------------------------------------------


def run_database(config: Config, database: str) -> dict:
    """Dataset, server, scenarios for one database; returns that run's results."""
    with tempfile.TemporaryDirectory(prefix="xaso-bench-") as tmp:
        data_dir = Path(tmp)
        env = _base_env(data_dir)
        if database == "postgres":
            version = _pg_recreate(config.pg_url)
            env["DATABASE_URL"] = config.pg_url
        else:
            version = sqlite3.sqlite_version
        try:
            print(f"\n[{database}] building the {config.scale} dataset …", flush=True)
            started = time.perf_counter()
            dataset = build_dataset(env, config.scale, config.dossiers)
            dataset["seconds"] = round(time.perf_counter() - started, 2)
            # Codes for the lookup scenario; the JSON results keep only how many.
            samples = dataset.pop("samples", {})
            DATASET.clear()
            DATASET.update(samples)
            dataset["sampled_codes"] = len(samples.get("dossier_codes", []))
            totals = dataset["totals"]
            print(
                f"[{database}] {totals['communes']} communes, {totals['villages']} bản, "
                f"{totals['org_units']} units, {totals['users']} users, "
                f"{totals['resolutions']} resolutions, {totals['data_values']} values, "
                f"{totals['dossiers']} dossiers ({dataset['seconds']}s); starting the server …",
                flush=True,
            )
            with Server(env, data_dir / "server.log") as server:
                results = _run_scenarios(config, server)
        finally:
            if database == "postgres":
                _pg_recreate(config.pg_url, drop_only=True)
    return {
        "database": database,
        "database_version": version,
        "dataset": dataset,
        "server": {
            "command": "xaso serve (gunicorn gthread)",
            "workers": int(os.environ.get("XASO_WORKERS", "2")),
            "threads": int(os.environ.get("XASO_THREADS", "4")),
        },
        **results,
    }


def _run_scenarios(config: Config, server: Server) -> dict:
    width = max([14, *(len(name) for name in config.scenarios)])

    def run(name: str, label: str) -> Measurement:
        print(
            f"  {label:<{width}} {config.concurrency} threads × {config.duration:g}s …",
            end="",
            flush=True,
        )
        result = measure(
            server.base_url,
            REGISTRY[name],
            duration=config.duration,
            concurrency=config.concurrency,
        )
        print(f" {result.requests} ok, {result.failures} failed", flush=True)
        return result

    # Untimed: every gunicorn worker and thread serves a few requests first (lazy URL
    # resolver, middleware, connections), so the first bare run is not a cold start.
    measure(
        server.base_url,
        REGISTRY[BASELINE],
        duration=min(1.0, config.duration),
        concurrency=config.concurrency,
    )
    first = run(BASELINE, "bare (first)")
    measured = [run(name, name) for name in config.scenarios]
    last = run(BASELINE, "bare (last)")
    p50s = [m.percentile_ms(50) for m in (first, last) if m.percentile_ms(50) is not None]
    baseline = {
        "rps": round((first.rps + last.rps) / 2, 2),
        "p50_ms": round(statistics.fmean(p50s), 3) if p50s else None,
    }
    drift = abs(first.rps - last.rps) / max(first.rps, last.rps) if first.rps or last.rps else 0
    return {
        "baseline": {
            **baseline,
            "drift": round(drift, 4),
            "first": first.as_dict(baseline),
            "last": last.as_dict(baseline),
        },
        "scenarios": {m.name: m.as_dict(baseline) for m in measured},
    }


# --- report -------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def format_table(run: dict) -> str:
    w = max([14, *(len(name) + 1 for name in run["scenarios"])])  # the name column
    head = (
        f"{'scenario':<{w}}{'requests':>9}{'failed':>8}{'req/s':>10}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p99 ms':>9}{'thr ratio':>11}{'lat ratio':>11}"
    )
    rows = [
        ("bare (first)", run["baseline"]["first"]),
        *run["scenarios"].items(),
        ("bare (last)", run["baseline"]["last"]),
    ]
    lines = [
        f"database={run['database']} {run['database_version']}  "
        f"scale={run['dataset']['scale']} ({run['dataset']['totals'].get('dossiers', 0)} "
        f"dossiers)  server: {run['server']['workers']} workers × "
        f"{run['server']['threads']} threads",
        head,
        "-" * len(head),
    ]
    for name, r in rows:
        lines.append(
            f"{name:<{w}}{r['requests']:>9}{r['failures']:>8}{_fmt(r['rps'], '.1f'):>10}"
            f"{_fmt(r['p50_ms'], '.2f'):>9}{_fmt(r['p95_ms'], '.2f'):>9}"
            f"{_fmt(r['p99_ms'], '.2f'):>9}{_fmt(r['throughput_ratio'], '.4f'):>11}"
            f"{_fmt(r['latency_ratio'], '.2f'):>11}"
        )
    base = run["baseline"]
    lines.append(
        f"baseline = mean of the two bare runs: {base['rps']:.1f} req/s, "
        f"p50 {_fmt(base['p50_ms'], '.2f')} ms "
        f"(first {base['first']['rps']:.1f}, last {base['last']['rps']:.1f} req/s)"
    )
    if base["drift"] > DRIFT_WARNING:
        lines.append(
            f"  WARNING: the two bare runs differ by {base['drift']:.0%}; the machine "
            "was busy — rerun before comparing ratios"
        )
    for name, r in rows:
        for message, count in r["errors"].items():
            lines.append(f"  FAILED {name}: {count} × {message}")
    return "\n".join(lines)


def run(config: Config) -> dict:
    """The whole benchmark; prints the tables, writes the JSON, returns the results."""
    import django

    unknown = [n for n in config.scenarios if n not in REGISTRY]
    if unknown:
        raise BenchError(
            f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}"
        )
    config.scenarios = [n for n in dict.fromkeys(config.scenarios) if n != BASELINE]
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    runs = [run_database(config, database) for database in config.databases]
    results = {
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scale": config.scale,
        "dossiers": config.dossiers if config.scale == "province" else None,
        "database": "both" if len(config.databases) > 1 else config.databases[0],
        "duration_s": config.duration,
        "concurrency": config.concurrency,
        "scenarios": config.scenarios,
        "machine": {
            "cores": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count(),
            "platform": platform.platform(),
            "loadavg_at_start": load_at_start,
            "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "python": platform.python_version(),
        "django": django.__version__,
        "httpx": httpx.__version__,
        "runs": runs,
    }
    print(
        f"\nxaso bench — scale={config.scale}, {config.concurrency} threads × "
        f"{config.duration:g}s per scenario, {results['machine']['cores']} cores, "
        f"Python {results['python']}, Django {results['django']}"
    )
    print("ratios: thr = scenario req/s ÷ bare req/s; lat = scenario p50 ÷ bare p50\n")
    for one in runs:
        print(format_table(one) + "\n")
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"results written to {config.out}")
    return results


def had_failures(results: dict) -> bool:
    return any(
        r["failures"]
        for one in results["runs"]
        for r in [one["baseline"]["first"], one["baseline"]["last"], *one["scenarios"].values()]
    )


# --- child process: build the dataset -----------------------------------------------------


def _build_main(scale: str, dossiers: int) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from xaso.seed.scale import build_scale_dataset

    print(json.dumps(build_scale_dataset(scale, dossiers=dossiers)))


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "build":
        _build_main(args[1], DEFAULT_DOSSIERS)
    elif len(args) == 4 and args[0] == "build" and args[2] == "--dossiers":
        _build_main(args[1], int(args[3]))
    else:
        sys.exit(
            "usage: python -m bench.harness build SCALE [--dossiers N]  "
            "(internal; use python -m bench)"
        )
