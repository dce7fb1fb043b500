"""One pager for every list (templates/includes/pager.html): its links keep the list's filters, and no template
builds a pager of its own."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from policing import views as policing_views
from policing.tests.factories import CagFactory, IssueFactory
from programmes.tests.factories import ActivityFactory, PartnerFactory
from programmes.views import activities
from trafficking import views as trafficking_views
from trafficking.tests.factories import CoSponsorLinkFactory

NEXT_LINK = re.compile(r'<a class="page-link" rel="next" href="([^"]+)"')
PREVIOUS_LINK = re.compile(r'<a class="page-link" rel="prev" href="([^"]+)"')


def _link(pattern, response):
    (href,) = pattern.findall(response.content.decode())
    return response.request["PATH_INFO"] + unescape(href)


def _queries(pattern, response):
    return [parse_qs(urlsplit(unescape(href)).query) for href in pattern.findall(response.content.decode())]


@pytest.mark.django_db
def test_paging_a_filtered_list_keeps_the_filter(personas, monkeypatch):
    """The activity list's rows are a cached fragment rendered without a request: its links still carry the query."""
    monkeypatch.setattr(activities, "PAGE_SIZE", 2)
    for n in range(5):
        ActivityFactory(title=f"Crime prevention {n}", unit_area="policing")
        ActivityFactory(title=f"Youth meeting {n}", unit_area="policing")
    client = personas["manager"]
    titles = []
    response = client.get(reverse("activity_list"), {"q": "crime", "sort": "title"})
    while True:
        titles += [a.title for a in response.context["page"]]
        if not response.context["page"].has_next:
            break
        response = client.get(_link(NEXT_LINK, response))
        assert response.status_code == 200
    assert titles == [f"Crime prevention {n}" for n in range(5)]
    back = urlsplit(_link(PREVIOUS_LINK, response))
    assert parse_qs(back.query) == {"q": ["crime"], "sort": ["title"], "page": ["2"]}


@pytest.mark.django_db
def test_counted_pages_keep_every_filter_and_say_where_they_are(personas, monkeypatch):
    monkeypatch.setattr(trafficking_views, "PAGE_SIZE", 1)
    ilo, iom = PartnerFactory(name="ILO"), PartnerFactory(name="IOM")
    for _ in range(3):
        CoSponsorLinkFactory(partner=ilo)
        CoSponsorLinkFactory(partner=iom)
    response = personas["manager"].get(reverse("trafficking:cosponsorship"), {"partner": iom.pk})
    assert 'aria-current="page"><span class="page-link">Page 1 of 3</span>' in response.content.decode()
    second = personas["manager"].get(_link(NEXT_LINK, response))
    assert second.context["page"].number == 2 and second.context["partner"] == iom
    assert {link.partner for link in second.context["page"]} == {iom}


@pytest.mark.django_db
def test_two_lists_on_one_page_page_apart(personas, monkeypatch):
    """A CAG's meetings and issues page with their own parameters; paging one keeps the other's page."""
    monkeypatch.setattr(policing_views, "PAGE_SIZE", 1)
    cag = CagFactory()
    for _ in range(3):
        IssueFactory(meeting__cag=cag)
    response = personas["manager"].get(reverse("policing:cag_detail", args=[cag.pk]), {"page": 2, "issues_page": 3})
    content = response.content.decode()
    assert 'aria-label="Pages of meetings"' in content and 'aria-label="Pages of issues"' in content
    assert _queries(PREVIOUS_LINK, response) == [
        {"page": ["1"], "issues_page": ["3"]},
        {"page": ["2"], "issues_page": ["2"]},
    ]
    assert _queries(NEXT_LINK, response) == [{"page": ["3"], "issues_page": ["3"]}]  # the issues are on their last page


def _templates():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in path.parts]
    return [path for folder in folders for path in folder.rglob("*.html")]


def test_no_template_builds_its_own_pager():
    pager = Path(settings.BASE_DIR) / "templates" / "includes" / "pager.html"
    own_pager = re.compile(r"includes/paginator\.html|previous_page_number|next_page_number|class=\"pagination")
    templates = _templates()
    assert pager in templates
    offenders = [str(path) for path in templates if path != pager and own_pager.search(path.read_text())]
    assert not offenders, 'include "includes/pager.html" instead:\n' + "\n".join(offenders)
