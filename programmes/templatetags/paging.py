"""Links between the pages of a list (used by templates/includes/pager.html)."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param=""):
    """`?…` with every parameter of the current query string kept and `param` (default "page") set to `number`, so
    paging a filtered list keeps its filters, and paging one of two lists on a page keeps the other's page. A
    fragment rendered without a request (cached rows) passes the query string it was rendered for as `pager_query`.
    """
    query = context.get("pager_query")
    if query is None:
        request = getattr(context, "request", None)
        query = request.GET if request is not None else QueryDict()
    query = query.copy()
    query[param or "page"] = str(number)
    return "?" + query.urlencode()
