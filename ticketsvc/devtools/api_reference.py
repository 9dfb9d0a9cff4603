"""docs/api.md's reference section, rendered from the OpenAPI description.

    python -m ticketsvc.devtools.api_reference docs/api.md

rewrites everything below the marker line of the file from the app's /api/openapi.json;
the text above it (introduction, curl examples) is written by hand. A test renders the
section again and compares, so the page cannot fall behind the API.
"""

import sys
from pathlib import Path

MARKER = "<!-- Generated from /api/openapi.json by `make api-docs`: edit the schemas, not this. -->"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def render(spec: dict) -> str:
    """The operations of spec, grouped by tag, as Markdown."""
    lines = [MARKER, "", "## Operations", ""]
    for tag in spec.get("tags", []):
        lines += [f"### {tag['name']}", "", tag.get("description", ""), ""]
        for path, item in spec["paths"].items():
            for method in HTTP_METHODS:
                operation = item.get(method)
                if operation and tag["name"] in operation.get("tags", ()):
                    lines += _operation(spec, method, path, item, operation)
    lines += ["## Schemas", ""]
    for name, schema in spec["components"]["schemas"].items():
        lines += [f"### `{name}`", "", *_fields(spec, schema), ""]
    return "\n".join(lines).rstrip() + "\n"


def _operation(spec: dict, method: str, path: str, item: dict, operation: dict) -> list[str]:
    lines = [f"#### `{method.upper()} {path}`", "", operation.get("summary", ""), ""]
    if operation.get("description"):
        lines += [operation["description"], ""]
    if "x-callers" in operation:
        lines += [f"Who may call it: {', '.join(operation['x-callers'])}.", ""]
    parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
    if parameters:
        lines += ["| parameter | in | type | required | description |", "|---|---|---|---|---|"]
        lines += [
            f"| `{parameter['name']}` | {parameter['in']} | {_type(spec, parameter.get('schema', {}))}"
            f" | {_yes(parameter.get('required'))} | {_text(parameter.get('description', ''))} |"
            for parameter in parameters
        ]
        lines.append("")
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body:
        lines += ["Body:", "", *_fields(spec, body["schema"]), ""]
    lines += ["| status | meaning |", "|---|---|"]
    for status, response in sorted(operation["responses"].items()):
        response = _resolve(spec, response)
        lines.append(f"| {status} | {_text(response.get('description', ''))}{_returns(spec, response)} |")
    return [*lines, ""]


def _fields(spec: dict, schema: dict) -> list[str]:
    schema = _resolve(spec, schema)
    required = set(schema.get("required", ()))
    lines = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, field in schema.get("properties", {}).items():
        field = _resolve(spec, field)
        description = _text(field.get("description", ""))
        lines.append(f"| `{name}` | {_type(spec, field)} | {_yes(name in required)} | {description} |")
    return lines


def _returns(spec: dict, response: dict) -> str:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return f": {_type(spec, schema)}" if schema else ""


def _type(spec: dict, schema: dict) -> str:
    if "$ref" in schema:
        return f"`{schema['$ref'].rsplit('/', 1)[1]}`"
    if schema.get("type") == "array":
        return f"list of {_type(spec, schema.get('items', {}))}"
    if "enum" in schema:
        described = " \\| ".join(f"`{value}`" for value in schema["enum"] if value is not None)
    else:
        described = schema.get("format") or schema.get("type") or "any"
    return f"{described} or null" if schema.get("nullable") else described


def _resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = spec["components"][section][name]
    return node


def _yes(flag) -> str:
    return "yes" if flag else "no"


def _text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rewrite(page: Path, spec: dict) -> None:
    """Keep page's hand-written part, replace what follows the marker."""
    written_by_hand = page.read_text().split(MARKER)[0] if page.exists() else ""
    page.write_text(written_by_hand + render(spec))


def main() -> None:
    from ticketsvc import create_app

    # The description needs no database and signs nothing: placeholders will do.
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg2://unused@localhost/unused", "SECRET_KEY": "unused"}
    )
    rewrite(Path(sys.argv[1]), app.test_client().get("/api/openapi.json").get_json())


if __name__ == "__main__":
    main()
