"""Requests per second and latency of the home page and a consultation page, beside a bare view.

    .venv/bin/python benchmarks/load.py                   # 20 s per address, 32 connections
    .venv/bin/python benchmarks/load.py --duration 5s     # a quicker look
    .venv/bin/python benchmarks/load.py --scale 0         # the consultation with the demo's few contributions

Needs PostgreSQL and Redis on localhost and wrk (`apt-get install wrk`). It makes the database
otvoren_grad_bench_load, migrates it and seeds the demo with `seed_demo --scale 1000` (development
settings), collects the static files, then serves the site with gunicorn under the production
settings (the worker model of deploy/Procfile, Redis database 9 as the cache) and loads each address with
wrk from the same machine, anonymously: /healthz/ (a bare Django view: no template, no query),
the home page /bg/ and the open consultation. It does this twice: with the anonymous page cache as
configured (PAGE_CACHE_SECONDS unset, so its default) and with it off (PAGE_CACHE_SECONDS=0).
At the end, or when interrupted, it stops gunicorn, empties Redis database 9 and drops the database.

The other benchmarks use `scratch_database`, `prepare` and `serve` from here.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = "redis://127.0.0.1:6379/9"
# One secret for the server and for the benchmark's own Django (sessions are signed with it).
SECRET_KEY = secrets.token_urlsafe(48)
BALLOT_SECRET = secrets.token_urlsafe(32)  # the production settings require one
PAGES = {
    "bare view /healthz/": "/healthz/",
    "home /bg/": "/bg/",
    "consultation /bg/consultations/action-plan-2026/": "/bg/consultations/action-plan-2026/",
}
PASSES = {
    "page cache as configured": {},
    "page cache off (PAGE_CACHE_SECONDS=0)": {"PAGE_CACHE_SECONDS": "0"},
}
# wrk --latency prints 50/75/90/99 %; this prints what the table needs, latencies in microseconds.
# wrk's own timeout is 30 s (not 2 s), so slow answers are measured rather than dropped.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def stop_on_sigterm():
    """Clean up (the `finally` blocks) when killed with SIGTERM too, not only with Ctrl-C."""
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))


def postgres(statement):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def scratch_database(name):
    """An empty PostgreSQL database of the benchmarks' own, dropped afterwards; yields its URL."""
    from psycopg import sql

    if not name.startswith("otvoren_grad_bench"):
        raise ValueError("The benchmarks use only databases named otvoren_grad_bench*.")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    postgres(drop)
    postgres(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        postgres(drop)


def manage(database_url, *args, production=False):
    """manage.py with the development settings, or with the production ones as the server has them."""
    if production:
        env = server_env(database_url)
    else:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "REDIS_URL": "",
        }
    subprocess.run(  # noqa: S603 -- manage.py of this project with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def prepare(database_url, scale=None):
    """Migrate; seed the demo (with `scale` contributions) unless scale is None; collect static files."""
    manage(database_url, "migrate", "--no-input", "--verbosity", "0")
    if scale is not None:
        manage(database_url, "seed_demo", "--scale", str(scale), "--verbosity", "0")
    manage(database_url, "collectstatic", "--no-input", "--verbosity", "0", production=True)


def empty_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url, **extra):
    return {
        "BALLOT_SECRET": BALLOT_SECRET,  # one from the environment wins (benchmarks/council_votes.py)
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "BASE_URL": "https://localhost",
        **extra,
    }


def worker_model():
    """The web process's workers as production runs them: the options of deploy/Procfile's web line
    (`--worker-class`, `--workers` with its default, `--threads`), so a benchmark measures them."""
    web = next(
        line for line in (ROOT / "deploy" / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    options = {"threads": "1"}  # gunicorn's default
    for name in ("worker-class", "workers", "threads"):
        if found := re.search(rf'--{name} "?([^" ]+)"?', web):
            options[name] = re.sub(r"\$\{\w+:-(\w+)\}", r"\1", found[1])  # ${WEB_CONCURRENCY:-2} → 2
    return options


def describe_workers():
    options = worker_model()
    return f"gunicorn {options['workers']} {options['worker-class']} workers × {options['threads']} threads"


@contextmanager
def serve(database_url, **extra_env):
    """gunicorn with the production settings and worker model on a free port; yields its base
    URL, then stops it."""
    port = free_port()
    workers = [part for name, value in worker_model().items() for part in (f"--{name}", value)]
    process = subprocess.Popen(  # noqa: S603 -- gunicorn of this virtualenv with fixed arguments
        [sys.executable, "-m", "gunicorn", "cms.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", *workers, "--log-level", "warning"],
        cwd=ROOT,
        env=server_env(database_url, **extra_env),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(base, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting.")
        try:
            with urllib.request.urlopen(f"{base}/healthz/", timeout=2) as response:  # noqa: S310 -- our own localhost server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz/ in time.")


def check_page(url):
    """Every address must answer 200 before it is loaded: a redirect or an error page is no benchmark."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 -- our own localhost server
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}.")


def wrk(url, script, duration, connections, threads):
    result = subprocess.run(  # noqa: S603 -- wrk with fixed arguments against our own server
        [shutil.which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{duration}", "--timeout", "30s"]
        + ["-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    requests, duration_us, p50, p95, p99, errors = (int(value) for value in line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "requests": requests,
        "errors": errors,
    }


def main(args):
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    stop_on_sigterm()
    results = {}
    with tempfile.TemporaryDirectory() as folder, scratch_database("otvoren_grad_bench_load") as database:
        script = Path(folder) / "percentiles.lua"
        script.write_text(WRK_SCRIPT)
        prepare(database, scale=args.scale)
        try:
            for pass_name, env in PASSES.items():
                empty_redis()
                with serve(database, **env) as base:
                    for page, path in PAGES.items():
                        check_page(base + path)
                        wrk(base + path, script, "5s", args.connections, args.threads)  # warm-up
                        results[pass_name, page] = wrk(
                            base + path, script, args.duration, args.connections, args.threads
                        )
                        print(f"{pass_name}, {page}: {results[pass_name, page]['rps']:.0f} req/s", flush=True)
        finally:
            empty_redis()
    print()
    print(f"load average of the machine at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}, "
        f"{describe_workers()}, consultation with {args.scale} generated contributions"
    )
    print()
    print("| pass | address | req/s | p50 ms | p95 ms | p99 ms | ratio to bare view | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    failed = False
    for pass_name in PASSES:
        bare = results[pass_name, next(iter(PAGES))]["rps"]
        for page in PAGES:
            row = results[pass_name, page]
            failed |= row["errors"] > 0
            print(
                f"| {pass_name} | {page} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p95']:.1f} "
                f"| {row['p99']:.1f} | {row['rps'] / bare:.2f} | {row['errors']} |"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", default="20s", help="wrk -d for each address (default 20s)")
    parser.add_argument("--connections", type=int, default=32, help="wrk -c (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (default 2)")
    parser.add_argument("--scale", type=int, default=1000, help="seed_demo --scale (default 1000)")
    sys.exit(main(parser.parse_args()))
