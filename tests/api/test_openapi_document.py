"""The OpenAPI document says what the API does: every status an operation answers with,
its error bodies, and request shapes that name every field and refuse any other."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json()


def _operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_the_statuses_the_whole_api_answers(document):
    for path, method, operation in _operations(document):
        statuses = set(operation["responses"])
        expected = {"400", "413"}
        if operation.get("security"):
            expected.add("401")
            if method in UNSAFE:
                expected.add("403")  # the CSRF check
        if operation.get("parameters") or operation.get("requestBody"):
            expected.add("422")
        assert expected <= statuses, (method, path, expected - statuses)


def test_error_bodies_are_described(document):
    schemas = document["components"]["schemas"]
    assert schemas["FieldErrors"]["properties"]["detail"]["type"] == "array"
    assert schemas["Message"]["properties"]["detail"]["type"] == "string"
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.rsplit("/", 1)[1] in {
                    "FieldErrors",
                    "Message",
                    "NeedsConfirmationOut",
                }, (method, path, status)


def test_each_request_body_is_its_own_and_closed(document):
    """The dossier's and the petition's transition bodies were both called TransitionIn:
    the document described the dossier's steps with the petition's fields (reason,
    answer, forwarded_to) — and neither refused a field it did not know."""
    schemas = document["components"]["schemas"]

    def body(path, method="post"):
        ref = document["paths"][path][method]["requestBody"]["content"]["application/json"]
        return schemas[ref["schema"]["$ref"].rsplit("/", 1)[1]]

    dossier = body("/api/v1/dossiers/{code}/transitions")
    assert {"action", "note", "assignee", "return_method", "amount"} == set(dossier["properties"])
    assert "receive" in dossier["properties"]["action"]["enum"]
    petition = body("/api/v1/petitions/{code}/{action}")
    assert {"reason", "answer", "forwarded_to"} == set(petition["properties"])
    for path, method, operation in _operations(document):
        if "requestBody" in operation:
            assert body(path, method)["additionalProperties"] is False, (method, path)


def test_texts_state_their_column_and_the_input_guard(document):
    intake = document["components"]["schemas"]["ApplicantIn"]["properties"]
    assert intake["name"]["maxLength"] == 150
    assert intake["id_number"]["pattern"] == "^[0-9]{12}$"
    assert "\\x00" in intake["address"]["pattern"]
    values = document["components"]["schemas"]["ValuesIn"]["properties"]
    assert (values["year"]["minimum"], values["year"]["maximum"]) == (1900, 2199)
