"""Pointing this process's Celery app at a broker for one test: the test Redis (real-worker tests) or a closed port
(the queue down)."""

import socket
from contextlib import contextmanager

from osce_baku.celery import app as celery_app


def _reset_connections():
    # Forget every broker connection and producer (kombu keeps them in global pools) so the next task is sent to the
    # URL configured now.
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def sending_to(url):
    """Tasks are sent to `url` instead of running in-process; the previous broker and mode come back afterwards."""
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _reset_connections()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = url, False
    try:
        yield url
    finally:
        _reset_connections()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous


def closed_port_url() -> str:
    """A Redis URL on a local port nothing listens on: connecting is refused at once, as when Redis is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
