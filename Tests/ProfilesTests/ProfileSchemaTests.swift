import Foundation
import Profiles
import TestSupport
import Testing

@Suite("the JSON Schema of profiles and the network")
struct ProfileSchemaTests {
    static let samples = ["walmart", "amazon", "homedepot", "bestbuy", "harbormkt"].map {
        "retailer-profiles/\($0).yaml"
    }

    @Test(
        "every sample profile and the sample network match the schema", arguments: samples + ["fixtures/network.yaml"])
    func samplesMatch(path: String) throws {
        let kind: ProfileSchema.Kind = path.hasPrefix("fixtures") ? .network : .profile
        #expect(ProfileSchema.validate(yaml: try sampleText(path), as: kind) == [])
    }

    @Test("the schema refuses unknown keys, bad enumerations and missing required keys")
    func schemaRefuses() {
        let text = replacing(
            "fill: order-fill-or-kill", with: "fill: all-or-nothing",
            in: replacing("name: Test Retailer", with: "nam: Test Retailer"))
        #expect(
            ProfileSchema.validate(yaml: text, as: .profile) == [
                "1:1: : unknown key 'nam'",
                "11:9: fulfilment.fill: 'all-or-nothing' is not one of order-fill-or-kill, line-fill-or-kill, ship-complete",
                "1:1: : missing 'name'",
            ])
    }

    @Test("the printed schema is JSON Schema with the top-level keys of the file")
    func printed() throws {
        let object =
            try JSONSerialization.jsonObject(with: Data(ProfileSchema.json(for: .profile).utf8)) as? [String: Any]
        let properties = object?["properties"] as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(
            properties?.keys.sorted() == [
                "carriers", "documents", "feed", "fees", "fulfilment", "id", "identity", "items", "name", "orders",
                "reason-codes",
                "routing-authority", "sample", "ship-sla", "ship-to", "sourcing",
            ])
        #expect(object?["required"] as? [String] == ["name", "ship-sla", "carriers"])
    }

    /// Validates YAML files against a schema file with jsonschema; YAML dates stay strings, as YAML 1.2 editors read them.
    static let validator = #"""
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
        """#

    /// A python3 on PATH that has jsonschema and PyYAML.
    static let python: String? = {
        let check = try? ChildProcess.run(["/usr/bin/env", "python3", "-c", "import jsonschema, yaml"])
        return check?.status == 0 ? "python3" : nil
    }()

    @Test("Python's jsonschema validates the samples against the printed schema")
    func pythonJSONSchema() throws {
        guard Self.python != nil else {
            Issue.record("needs python3 with jsonschema and PyYAML (`make test` installs them)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-schema-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (kind, files) in [(ProfileSchema.Kind.profile, Self.samples), (.network, ["fixtures/network.yaml"])] {
            let schema = folder.appendingPathComponent("schema.json")
            try ProfileSchema.json(for: kind).write(to: schema, atomically: true, encoding: .utf8)
            let result = try ChildProcess.run(
                ["/usr/bin/env", "python3", "-c", Self.validator, schema.path]
                    + files.map { repositoryRoot.appendingPathComponent($0).path })
            #expect(result.status == 0, "\(result.text)\(result.errorText)")
        }
    }
}
