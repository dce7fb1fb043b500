import pytest
from rest_framework.test import APIClient

from api.tokens import create_token


@pytest.fixture
def client_for():
    """client_for(user) -> an API client that authenticates with a fresh personal token of `user`."""

    def make(user):
        client = APIClient()
        _token, raw = create_token(user=user, name=f"tests {user.pk}-{APIClient.__name__}")
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make
