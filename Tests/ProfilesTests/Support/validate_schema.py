import json, sys, yaml, jsonschema
class Loader(yaml.SafeLoader): pass
# YAML 1.2-like: dates and 15:00 stay strings, as editors using YAML 1.2 read them.
for tag in ("tag:yaml.org,2002:timestamp",):
    Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != tag] for k, v in Loader.yaml_implicit_resolvers.items()}
def strkeys(o):
    if isinstance(o, dict): return {str(k): strkeys(v) for k, v in o.items()}
    if isinstance(o, list): return [strkeys(v) for v in o]
    return o
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
ok = True
for path in sys.argv[2:]:
    doc = strkeys(yaml.load(open(path), Loader=Loader))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    for e in errors: ok = False; print(path, list(e.path), e.message)
    print(path, "valid" if not errors else "INVALID")
sys.exit(0 if ok else 1)
