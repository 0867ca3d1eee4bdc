"""The production stack on one machine, on loopback: nginx in front of gunicorn app servers, RQ
workers, the cron scheduler, on the machine's PostgreSQL and Redis (``make prod``; the stack
test and ``bench/load.py`` use it too).

    python -m batayon.ops.stack up [--port 8080] [--app-servers 2] [--workers 2] [--rq-workers 1]

Each process is started in its own session and stopped by its id (SIGTERM, then SIGKILL),
whatever happens: ``with Stack(...) as stack:`` or Ctrl-C on ``up``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self
from urllib.parse import urlparse, urlunparse

DEPLOY = Path(__file__).resolve().parent / "deploy"
BIN = Path(sys.executable).parent


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def database_with_name(url: str, name: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/" + name))


def redis_with_db(url: str, db: int) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path=f"/{db}"))


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` if it does not exist."""
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = database_with_name(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@dataclass
class Stack:
    database_url: str
    redis_url: str
    var: Path
    port: int = 8080
    app_ports: list[int] = field(default_factory=lambda: [8081, 8082])
    web_workers: int = 2
    rq_workers: int = 1
    scheduler: bool = True
    microcache_seconds: int = 10
    nginx_workers: int = 1
    access_log: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    # -- environment ---------------------------------------------------------------------------
    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BATAYON_", "PYTEST", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="batayon.settings",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            BATAYON_TASKS="rq",
            BATAYON_DATA_DIR=str(self.var / "data"),
            BATAYON_MEDIA_ROOT=str(self.var / "media"),
            BATAYON_BEHIND_PROXY="1",
            BATAYON_HTTPS="0",  # loopback is plain http; in production nginx/the LB terminates TLS
            BATAYON_PLATFORM_HOSTS="localhost,127.0.0.1,batayon.gov.bd",
            PROMETHEUS_MULTIPROC_DIR=str(self.var / "prometheus"),
        )
        env.update(self.extra_env)
        return env

    @property
    def static_root(self) -> Path:
        return self.var / "data" / "static"

    @property
    def media_root(self) -> Path:
        return self.var / "media"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "batayon"), *args], env=self.env, check=check, **kwargs)

    # -- preparing -----------------------------------------------------------------------------
    def prepare(self, demo: bool = True, commands: Sequence[Sequence[str]] = ()) -> None:
        """Database, migrations, static files, the demo when the database has none, then
        ``commands`` (management commands), all in one process."""
        for sub in ("data", "media", "nginx", "prometheus", "logs"):
            (self.var / sub).mkdir(parents=True, exist_ok=True)
        if self.database_url.startswith("postgres"):
            ensure_database(self.database_url)
        script = (
            "import json, sys\n"
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            "call_command('collectstatic', interactive=False, verbosity=0)\n"
            "from batayon.content.models import Officer\n"
            "from batayon.offices.models import Office\n"
            "if not Office.objects.exists():\n"  # a new database: the national registry first
            "    call_command('loadgeo', verbosity=0)\n"
            f"if {demo!r} and not Officer.objects.exists():\n"
            f"    call_command('loaddemo', '--port', '{self.port}')\n"
            f"for argv in json.loads({json.dumps(json.dumps(list(commands)))}):\n"
            "    call_command(*argv)\n"
        )
        self.manage("shell", "--no-imports", "-c", script)

    def nginx_config(self) -> Path:
        conf_dir = self.var / "nginx"
        for sub in ("client_body", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp", "cache"):
            (conf_dir / sub).mkdir(parents=True, exist_ok=True)
        user_line = ""
        if os.geteuid() == 0:  # nginx's workers would otherwise run as nobody
            user_line = f"user {getpass.getuser()} root;"
        values = {
            "USER_LINE": user_line,
            "NGINX_WORKERS": str(self.nginx_workers),
            "VAR": str(conf_dir),
            "MIME_TYPES": "/etc/nginx/mime.types",
            "ACCESS_LOG": str(conf_dir / "access.log") if self.access_log else "off",
            "UPSTREAMS": "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in self.app_ports),
            "LISTEN": f"127.0.0.1:{self.port}",
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.media_root),
            "MICROCACHE": str(self.microcache_seconds),
        }
        text = (DEPLOY / "nginx.conf").read_text()
        for key, value in values.items():
            text = text.replace(f"@@{key}@@", value)
        path = conf_dir / "nginx.conf"
        path.write_text(text)
        return path

    # -- processes -----------------------------------------------------------------------------
    def _start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.var / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - kept by the child
        self.processes[name] = subprocess.Popen(
            argv, env=env or self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def start_app_server(self, name: str, port: int, workers: int) -> None:
        env = dict(self.env, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=str(workers))
        self._start(name, [str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"), "batayon.wsgi:application"], env)

    def start(self, timeout: float = 60) -> None:
        nginx = nginx_binary()
        if not nginx:
            raise RuntimeError("nginx is not installed (make prod installs Debian's nginx)")
        shutil.rmtree(self.var / "prometheus", ignore_errors=True)
        (self.var / "prometheus").mkdir(parents=True)
        try:
            for i, port in enumerate(self.app_ports):
                self.start_app_server(f"web{i + 1}", port, self.web_workers)
            for i in range(self.rq_workers):
                self._start(
                    f"rqworker{i + 1}",
                    [str(BIN / "batayon"), "rqworker", "--worker-class", "rq.worker.SimpleWorker", "default", "periodic"],
                )
            if self.scheduler:
                self._start("scheduler", [str(BIN / "batayon"), "scheduler"])
            conf = self.nginx_config()
            self._start("nginx", [nginx, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"])
            for port in self.app_ports:
                wait_for(f"http://127.0.0.1:{port}/healthz", timeout, self)
            wait_for(f"{self.url}/healthz", timeout, self)
        except BaseException:
            self.stop()
            raise

    def check_alive(self) -> None:
        for name, proc in self.processes.items():
            if proc.poll() is not None:
                log = (self.var / "logs" / f"{name}.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{log}")

    def stop(self, timeout: float = 15) -> None:
        """Stop every process this stack started (and its children), by id."""
        for name, proc in reversed(list(self.processes.items())):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for proc in self.processes.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for proc in self.processes.values():
            try:  # the group too: a gunicorn or nginx worker left behind by a killed master
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if proc.poll() is None:
                proc.wait(5)
        self.processes.clear()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_for(url: str, timeout: float, stack: Stack | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if stack:
            stack.check_alive()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
            last = exc
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s: {last}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m batayon.ops.stack", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PROD_PORT", "8080")))
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--rq-workers", type=int, default=1)
    parser.add_argument("--var", default=os.environ.get("PROD_VAR", "var/prod"))
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/batayon")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    stack = Stack(
        database_url=database_url,
        redis_url=redis_url,
        var=Path(args.var).resolve(),
        port=args.port,
        app_ports=[args.port + 1 + i for i in range(args.app_servers)],
        web_workers=args.workers,
        rq_workers=args.rq_workers,
        access_log=True,
    )
    print(f"Preparing {database_url} (migrations, static files, demo data when empty)…", flush=True)
    stack.prepare()
    stop = False

    def _stop(signum, frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with stack:
        print(
            f"\nBatayon production stack on {stack.url}/ (Ctrl-C stops it)\n"
            f"  nginx (micro-cache, static, media) → {len(stack.app_ports)} gunicorn app servers on "
            f"{', '.join(map(str, stack.app_ports))} × {stack.web_workers} workers\n"
            f"  {stack.rq_workers} RQ worker(s) (queues default, periodic), the cron scheduler\n"
            f"  PostgreSQL {database_url}   Redis {redis_url}\n"
            f"  portal:   curl -H 'Host: kushtia.gov.bd' {stack.url}/bn/   (or {stack.url}/o/kushtia.gov.bd/bn/)\n"
            f"  health:   {stack.url}/healthz    metrics: http://127.0.0.1:{stack.app_ports[0]}/metrics\n"
            f"  logs:     {stack.var / 'logs'}",
            flush=True,
        )
        while not stop:
            time.sleep(0.5)
            stack.check_alive()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
