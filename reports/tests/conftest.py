import pytest

from osce_baku.celery import app as celery_app


@pytest.fixture(autouse=True)
def _in_process_tasks(request):
    """Unit tests run tasks in-process, even when REDIS_URL is set; celery_worker tests use the real queue."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
