"""The documents keep up with the code: docs/api.md's reference section is what the OpenAPI
description renders to now, docs/operations.md names every setting the code reads, and no
document links outside the repository or to a file or section that is not there."""

import re

from tests.deploy.test_container_files import _names_read_from_the_environment
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.api_reference import MARKER, render

API_PAGE = PROJECT_ROOT / "docs" / "api.md"
OPERATIONS_PAGE = PROJECT_ROOT / "docs" / "operations.md"
DOCUMENTS = [
    PROJECT_ROOT / "README.md",
    PROJECT_ROOT / "frontend" / "README.md",
    *sorted(PROJECT_ROOT.glob("docs/**/*.md")),
]
# A Markdown link's target, and the section it names after "#" (either may be empty).
LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")


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
    for document in DOCUMENTS:
        for link, _ in LINK.findall(document.read_text()):
            if not link or "://" in link:
                continue
            target = (document.parent / link).resolve()
            name = document.relative_to(PROJECT_ROOT)
            assert target.is_relative_to(PROJECT_ROOT), f"{name} links {link}: outside the repo"
            assert target.exists(), f"{name} links {link}, which does not exist"


def test_a_link_to_a_section_names_a_heading_of_its_document():
    for document in DOCUMENTS:
        for link, section in LINK.findall(document.read_text()):
            target = (document.parent / link).resolve() if link else document
            if not section or "://" in link or target.suffix != ".md":
                continue
            name = document.relative_to(PROJECT_ROOT)
            assert section in _heading_anchors(target), f"{name} links {link}#{section}: no such heading"


def test_the_operations_page_names_every_setting_the_code_reads(monkeypatch):
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", OPERATIONS_PAGE.read_text(), re.MULTILINE))
    missing = _names_read_from_the_environment(monkeypatch) - documented
    assert not missing, f"docs/operations.md's settings table lacks {sorted(missing)}"


def _heading_anchors(document) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped,
    spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", document.read_text(), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}
