import pytest
from rest_framework.test import APIClient

from api.tokens import create_token
from osce_baku.celery import app as celery_app


@pytest.fixture(autouse=True)
def _in_process_tasks():
    """Report jobs requested through the API run in-process, even when REDIS_URL is set (as in reports' tests)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def client_for():
    """client_for(user) -> an API client that authenticates with a fresh personal token of `user`."""

    def make(user):
        client = APIClient()
        _token, raw = create_token(user=user, name=f"tests {user.pk}-{APIClient.__name__}")
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make
