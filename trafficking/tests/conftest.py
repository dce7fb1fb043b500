import pytest


@pytest.fixture
def thb_client(client):
    """Signed in as staff of the trafficking unit."""
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="sevda.thb", role=Role.STAFF, unit_areas=["trafficking"]))
    return client
