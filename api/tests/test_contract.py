"""The OpenAPI contract says what the API does: every operation documents its error answers with the body it gets,
id filters start at 1, the report kind is an enum, and one rule holds for every query parameter: an empty, repeated
or unknown value is refused with 400, never quietly taken as "no filter" or the default."""

import pytest

from api.schema import EMPTY_VALUE_RULE
from reports.registry import all_kinds

pytestmark = pytest.mark.django_db

ID_FILTERS = {"activity", "person", "project", "programme", "location", "partner", "theme", "organisation", "parent"}
ID_FILTERS |= {"plan"}


@pytest.fixture
def schema(client_for, administrator):
    response = client_for(administrator).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_operation_documents_its_errors(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        assert {"400", "401", "403", "429"} <= set(responses), (method, path)
        body = responses["400"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/ValidationError"}
        for status in ("401", "403", "429"):
            assert responses[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
        if "{" in path or any(p["name"] == "cursor" for p in operation.get("parameters", [])):
            assert "404" in responses, (method, path)
    paths = schema["paths"]
    assert "410" in paths["/api/v1/report-jobs/{id}/download/"]["get"]["responses"]
    assert "201" in paths["/api/v1/report-jobs/"]["post"]["responses"]
    assert "Retry-After" in paths["/api/v1/activities/"]["get"]["responses"]["429"]["headers"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_error_bodies_are_the_documented_ones(client, client_for, staff_policing, staff_ct, manager):
    from programmes.tests.factories import ActivityFactory

    activity = ActivityFactory()
    assert client.get("/api/v1/activities/").json().keys() == {"detail"}  # 401
    other_unit = client_for(staff_ct)
    assert other_unit.get("/api/v1/policing/cags/").json().keys() == {"detail"}  # 403
    assert other_unit.get(f"/api/v1/activities/{activity.pk}/").json().keys() == {"detail"}  # 404
    refused = client_for(manager).get("/api/v1/activities/?kind=picnic")
    assert refused.status_code == 400 and refused.json().keys() == {"detail", "errors"}


def test_id_filters_are_documented_and_enforced_from_1(schema, client_for, manager):
    seen = set()
    for _path, _method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in ID_FILTERS:
                assert parameter["schema"]["minimum"] == 1, parameter
                seen.add(parameter["name"])
    assert seen == ID_FILTERS
    client = client_for(manager)
    for value in ("0", "-3"):
        response = client.get(f"/api/v1/activities/?project={value}")
        assert response.status_code == 400 and "project" in response.json()["errors"]


def test_report_kind_is_an_enum_of_the_registered_kinds(schema, client_for, staff_policing):
    codes = sorted(kind.code for kind in all_kinds())
    components = schema["components"]["schemas"]
    request_kind = components["ReportJobRequestRequest"]["properties"]["kind"]["allOf"][0]["$ref"].split("/")[-1]
    assert sorted(components[request_kind]["enum"]) == codes
    kind_filter = next(
        p for p in schema["paths"]["/api/v1/report-jobs/"]["get"]["parameters"] if p["name"] == "kind"
    )  # fmt: skip
    assert sorted(kind_filter["schema"]["enum"]) == codes
    response = client_for(staff_policing).post("/api/v1/report-jobs/", {"kind": "nope", "format": "csv"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["errors"]


def test_every_query_parameter_documents_the_empty_value_rule(schema):
    for _path, _method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            assert EMPTY_VALUE_RULE in parameter["description"], parameter
            parameter_schema = parameter["schema"]
            if parameter_schema.get("type") == "string" and "enum" not in parameter_schema:
                assert parameter_schema.get("format") or parameter_schema["minLength"] == 1, parameter


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people/?sex=",
        "/api/v1/activities/?unit_area=",
        "/api/v1/activities/?date_from=",
        "/api/v1/activities/?q=",
        "/api/v1/activities/?project=",
        "/api/v1/activities/?happened=",
        "/api/v1/activities/?cursor=",
        "/api/v1/activities/?page_size=",
        "/api/v1/locations/?limit=",
        "/api/v1/locations/?offset=",
        "/api/v1/locations/?ordering=",
        "/api/v1/report-jobs/?kind=",
        "/api/v1/policing/cags/?status=",
    ],
)
def test_an_empty_value_is_refused_like_any_invalid_value(client_for, manager, url):
    response = client_for(manager).get(url)
    assert response.status_code == 400, response.content
    name = url.split("?")[1].rstrip("=")
    assert response.json()["errors"][name] == ["Give a value, or leave the parameter out."]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/activities/?happened=null",
        "/api/v1/activities/?happened=true&happened=true",
        "/api/v1/activities/?kind=training&kind=workshop",
        "/api/v1/locations/?ordering=secret_field",
        "/api/v1/locations/?ordering=-name,",
        "/api/v1/locations/?limit=501",
        "/api/v1/locations/?limit=abc",
        "/api/v1/activities/?page_size=0",
    ],
)
def test_invalid_and_repeated_values_are_refused(client_for, manager, url):
    response = client_for(manager).get(url)
    assert response.status_code == 400, response.content
    assert response.json()["errors"]


def test_valid_values_still_filter(client_for, manager):
    from programmes.tests.factories import ActivityFactory

    ActivityFactory(status="approved")
    client = client_for(manager)
    assert len(client.get("/api/v1/activities/?happened=true").json()["results"]) == 1
    assert client.get("/api/v1/activities/?happened=false&page_size=200").status_code == 200
    assert client.get("/api/v1/locations/?ordering=-name,id&limit=500&offset=0").status_code == 200


def test_an_unknown_api_url_is_a_json_404(client, client_for, manager):
    api = client_for(manager)
    for url in ("/api/v1/activities/x1/", "/api/v1/trafficking/nrm/null/", "/api/v1/nothing-here/"):
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response.json().keys() == {"detail"}
    assert client.get("/api/v1/nothing-here/").status_code == 401
