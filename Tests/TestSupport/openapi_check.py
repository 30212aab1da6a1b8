"""Checks HTTP replies against an OpenAPI 3.1 document: each reply's method and path must match an operation, its
status must be one the operation documents, its content type one that status documents, and a JSON body must
validate against that content's schema (JSON Schema 2020-12, as OpenAPI 3.1 says).

    python3 openapi_check.py SPEC.yaml REPLIES.jsonl

REPLIES.jsonl holds one reply a line: {"method", "path", "status", "contentType", "body"} (body as text). Prints one
line per problem and exits 1 when there is any, 0 when every reply conforms."""

import json
import re
import sys

import jsonschema
import yaml


def inline(node, spec, seen=()):
    """The schema with every local $ref replaced by what it names."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/"):
            ref = node["$ref"]
            if ref in seen:
                raise ValueError("recursive $ref " + ref)
            target = spec
            for part in ref[2:].split("/"):
                target = target[part]
            return inline(target, spec, seen + (ref,))
        return {key: inline(value, spec, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(value, spec, seen) for value in node]
    return node


def operation(spec, method, path):
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, inline(item[method.lower()], spec)
    return None, None


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    problems = []
    count = 0
    for line in open(sys.argv[2]):
        if not line.strip():
            continue
        reply = json.loads(line)
        count += 1
        method, path, status = reply["method"], reply["path"].split("?")[0], str(reply["status"])
        where = "%s %s → %s" % (method, reply["path"], status)
        template, op = operation(spec, method, path)
        if op is None:
            problems.append(where + ": no operation in the document")
            continue
        response = op.get("responses", {}).get(status) or op.get("responses", {}).get("default")
        if response is None:
            problems.append(where + ": status not documented for %s %s" % (method, template))
            continue
        content = response.get("content")
        media = (reply.get("contentType") or "").split(";")[0].strip()
        if not content:
            continue
        if media not in content:
            problems.append(where + ": content type %r not documented (%s)" % (media, ", ".join(content)))
            continue
        schema = content[media].get("schema")
        if media == "application/json" and schema is not None:
            try:
                body = json.loads(reply["body"])
            except ValueError as error:
                problems.append(where + ": body is not JSON: %s" % error)
                continue
            validator = jsonschema.Draft202012Validator(schema)
            for error in validator.iter_errors(body):
                location = "/".join(str(part) for part in error.absolute_path)
                problems.append(where + ": at /%s: %s" % (location, error.message))
    for problem in problems:
        print(problem)
    print("%d replies checked, %d problems" % (count, len(problems)), file=sys.stderr)
    sys.exit(1 if problems else 0)


main()
