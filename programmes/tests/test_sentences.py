"""A sentence that ends with a date or time that itself ends in a full stop gets one full stop, not two."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def _sentence(text):
    return Template("{% load sentences %}{{ text|sentence }}").render(Context({"text": text}))


def test_the_filter_drops_only_a_doubled_full_stop():
    assert _sentence("по 30 ноября 2026 г..") == "по 30 ноября 2026 г."
    assert _sentence("until 11:27 a.m..") == "until 11:27 a.m."
    assert _sentence("until 11:27.") == "until 11:27."
    assert _sentence("and so on...") == "and so on..."  # an ellipsis stays
    assert _sentence("<b>x</b>..") == escape("<b>x</b>") + "."  # still escaped when the text was not safe


def test_the_russian_dashboard_ends_its_period_with_one_full_stop(personas):
    client = personas["manager"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(reverse("dashboard"), {"date_from": "2026-01-01", "date_to": "2026-11-30"})
    assert page.status_code == 200
    html = page.content.decode()
    sentence = re.search(r"Мероприятия, состоявшиеся с [^<]*</p>", html).group(0)
    # Russian dates are 30.11.2026 now; whatever the date style, the sentence ends with exactly one full stop.
    assert sentence.endswith("2026.</p>") and ".." not in sentence
