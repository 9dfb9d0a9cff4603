"""docs/api.md keeps up with the API: its reference section is what the OpenAPI description
renders to now, and no document in the repository points outside it."""

import re

from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.api_reference import MARKER, render

API_PAGE = PROJECT_ROOT / "docs" / "api.md"


def test_the_reference_section_matches_the_openapi_description(client):
    spec = client.get("/api/openapi.json").get_json()
    written = API_PAGE.read_text().split(MARKER)
    assert len(written) == 2, f"{API_PAGE} must hold the marker line once"
    assert MARKER + written[1] == render(spec), "docs/api.md is behind the API: run make api-docs"


def test_every_operation_is_in_the_reference(client):
    spec = client.get("/api/openapi.json").get_json()
    page = API_PAGE.read_text()
    for path, item in spec["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                assert f"#### `{method.upper()} {path}`" in page


def test_no_document_links_outside_the_repository():
    readmes = [PROJECT_ROOT / "README.md", PROJECT_ROOT / "frontend" / "README.md"]
    documents = [*readmes, *PROJECT_ROOT.glob("docs/*.md")]
    for document in documents:
        for link in re.findall(r"\]\(([^)#]+)", document.read_text()):
            if "://" in link:
                continue
            target = (document.parent / link).resolve()
            assert target.is_relative_to(PROJECT_ROOT), f"{document.name} links {link}: outside the repo"
            assert target.exists(), f"{document.name} links {link}, which does not exist"
