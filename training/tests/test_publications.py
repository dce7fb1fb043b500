import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..models import Distribution, validate_isbn
from .factories import DistributionFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("isbn", ["978-9952-000-01-6", "9789952000023", "0-306-40615-2"])
def test_valid_isbns(isbn):
    validate_isbn(isbn)


@pytest.mark.parametrize("isbn", ["978-9952-000-01-1", "12345", "ISBN"])
def test_invalid_isbns_get_a_message(isbn):
    publication = PublicationFactory.build(isbn=isbn)
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert "isbn" in error.value.message_dict


def test_cannot_distribute_more_copies_than_printed():
    publication = PublicationFactory(copies_printed=300)
    DistributionFactory(publication=publication, copies=250)
    extra = DistributionFactory.build(publication=publication, partner=DistributionFactory().partner, copies=60)
    with pytest.raises(ValidationError) as error:
        extra.full_clean()
    assert "copies" in error.value.message_dict
    assert Distribution.objects.filter(publication=publication).count() == 1


def test_publication_list_shows_distributed_copies_in_constant_queries(personas, django_assert_num_queries):
    client = personas["manager"]
    DistributionFactory.create_batch(2, publication__title="Silahlı qüvvələr qulluqçularının insan hüquqları")
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("training:publications"))
    assert "Silahlı qüvvələr" in response.text and ">100<" in response.text
    DistributionFactory.create_batch(6)
    with django_assert_num_queries(len(first)):
        client.get(reverse("training:publications"))
