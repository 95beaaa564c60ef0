"""gunicorn settings for the portal: ``gunicorn -c gunicorn.conf.py exchange_portal.wsgi``.

Every value can be overridden from the environment (names below), so the same file serves a small VM
and a container behind a load balancer. The app logs each request itself (one JSON line on stdout,
exchange_portal.middleware), so gunicorn's access log is off.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name, default))


# Loopback only unless told otherwise: the app sits behind a proxy on the same host, and a client that
# reached it directly could forge X-Forwarded-For (TRUSTED_PROXY_COUNT). Behind a load balancer on another
# host, set GUNICORN_BIND to an address only that network reaches (e.g. 10.0.0.5:8000).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the app is database-bound and short requests; (2 x cores) + 1 is gunicorn's advice.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "sync" if threads == 1 else "gthread"

# A worker stuck longer than this is killed and replaced (no page of the portal needs 30 s).
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM or SIGHUP workers get this long to finish the requests they are serving.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so a slow leak cannot grow without bound; the jitter keeps them from
# all restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Behind a proxy on another host, list its address here (or "*" when the network allows only the proxy)
# so that X-Forwarded-* headers are trusted; see SECURE_PROXY_SSL_HEADER in the settings.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Load the app in the master so a broken configuration (e.g. ImproperlyConfigured in production mode)
# stops the start at once instead of crash-looping workers; workers then fork with the code loaded.
preload_app = True

# gunicorn 25.1+ opens a control socket for `gunicornc` at $HOME/.gunicorn/gunicorn.ctl by default: one
# path for every gunicorn of the host, so a second instance (a blue/green deploy, bench/load.py
# --two-instances) takes it over, and a read-only home fails. Off unless GUNICORN_CONTROL_SOCKET names a
# path; signals (HUP, TERM) manage the server as described in README.
control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if control_socket_path:
    control_socket = control_socket_path
else:
    control_socket_disable = True
