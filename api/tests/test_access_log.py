"""API views of people, participations and NRM figures record the token's user and the request id (issue 12 §4).

A DRF request is not a Django HttpRequest, and a token user is not on the wrapped request: the access log used to
write user NULL and no request id for every API view."""

import pytest

from audit.models import AccessLog
from programmes.tests.factories import ParticipationFactory
from trafficking.tests.factories import NrmStatisticFactory

pytestmark = pytest.mark.django_db

REQUEST_ID = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people/",
        "/api/v1/people/{person}/",
        "/api/v1/participations/",
        "/api/v1/participations/{participation}/",
        "/api/v1/trafficking/nrm/",
    ],
)
def test_api_access_record_names_the_token_user_and_request(client_for, manager, path):
    participation = ParticipationFactory()
    NrmStatisticFactory()
    url = path.format(person=participation.person_id, participation=participation.pk)
    response = client_for(manager).get(url, HTTP_X_REQUEST_ID=REQUEST_ID)
    assert response.status_code == 200
    record = AccessLog.objects.get()
    assert record.user_id == manager.pk
    assert record.request_id == REQUEST_ID
