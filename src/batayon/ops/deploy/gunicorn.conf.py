"""gunicorn settings for Batayon's app servers (``gunicorn -c gunicorn.conf.py batayon.wsgi``).

Everything else comes from the environment (see the README's Production section). Each app server
keeps no local state: sessions, cache, rate limits and locks are in PostgreSQL/Redis, uploads on
the shared MEDIA_ROOT, so any number of them can stand behind one proxy.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))  # recycles a leaking worker
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
proc_name = "batayon-web"
control_socket_disable = True  # several app servers on one machine (gunicorn ≥ 27)


def child_exit(server, worker):
    # Prometheus multiprocess mode: forget a dead worker's live gauges.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
