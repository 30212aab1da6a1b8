public import Foundation
public import OrderXML
public import Orders
internal import Yams

/// A file's name (for messages) and its text.
public struct SourceFile: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The checked, immutable world routing decides against: every retailer profile, the network and the catalog. Built
/// only by `load`, which either returns a set that checks clean or every problem found, so a server can reload on
/// change and swap in only a clean set.
public struct ProfileSet: Sendable {
    public let profiles: [RetailerID: RetailerProfile]
    public let network: Network
    public let catalog: ItemCatalog
    /// The profiles' XML claims with their mappings read, in file order: what `OrderXMLDecoder(claims:)` takes so
    /// that a retailer's own XML is read without naming its mapping.
    public let xmlClaims: [XMLOrderClaim]

    public init(
        profiles: [RetailerProfile], network: Network, catalog: ItemCatalog, xmlClaims: [XMLOrderClaim] = []
    ) {
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.network = network
        self.catalog = catalog
        self.xmlClaims = xmlClaims
    }

    public subscript(retailer: RetailerID) -> RetailerProfile? { profiles[retailer] }

    /// Profiles by id, for stable listings.
    public var sortedProfiles: [RetailerProfile] { profiles.values.sorted { $0.id < $1.id } }

    /// Loads and checks the profiles folder (`*.yaml`, `*.yml`), the network file and `items.csv` from disk.
    public static func load(profiles folder: URL, network: URL, catalog: URL) throws(ProfileErrors) -> ProfileSet {
        func read(_ url: URL) throws(ProfileErrors) -> SourceFile {
            do {
                return SourceFile(name: url.relativePath, text: try String(contentsOf: url, encoding: .utf8))
            } catch {
                throw ProfileErrors([
                    ProfileError(
                        kind: .unreadable, file: url.relativePath, line: 1, column: 1,
                        message: "cannot read the file: \(error.localizedDescription)")
                ])
            }
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ProfileErrors([
                ProfileError(
                    kind: .unreadable, file: folder.relativePath, line: 1, column: 1,
                    message: "cannot list the profiles folder")
            ])
        }
        var files: [SourceFile] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            files.append(try read(folder.appendingPathComponent(name)))
        }
        return try load(profiles: files, network: try read(network), catalog: try read(catalog))
    }

    /// Checks the given files together: each on its own, then across them (DCs and services the profiles name must
    /// be in the network, no two profiles may claim the same X12 or cXML identity).
    public static func load(
        profiles files: [SourceFile], network networkFile: SourceFile, catalog catalogFile: SourceFile
    )
        throws(ProfileErrors) -> ProfileSet
    {
        var errors: [ProfileError] = []
        var networkDiagnostics = Diagnostics(file: networkFile.name)
        var network: Network?
        if let root = compose(networkFile, &networkDiagnostics) {
            network = Network.read(root, &networkDiagnostics)
        }
        errors += networkDiagnostics.errors

        var catalog: ItemCatalog?
        do { catalog = try ItemCatalog.parse(csv: catalogFile.text, file: catalogFile.name) } catch {
            errors += error.errors
        }

        var profiles: [RetailerProfile] = []
        var claims: [String: (file: String, line: Int)] = [:]
        var xmlClaims: [(claim: XMLOrderClaim, file: String, line: Int)] = []
        for file in files {
            var d = Diagnostics(file: file.name)
            d.nodeIDs = network?.nodes.map(\.id.rawValue)
            d.serviceIDs = network.map { $0.services.keys.map(\.rawValue).sorted() }
            guard let root = compose(file, &d) else {
                errors += d.errors
                continue
            }
            let stem = (file.name as NSString).lastPathComponent.split(separator: ".").first.map(String.init) ?? ""
            if let profile = RetailerProfile.read(root, fallbackID: stem, &d) {
                if profiles.contains(where: { $0.id == profile.id }) {
                    d.report(
                        "a profile with id '\(profile.id)' is already loaded", at: root["id"] ?? root, path: "id",
                        kind: .conflict)
                }
                profiles.append(profile)
                xmlClaims += readXMLClaims(of: profile, in: root, file: file.name, earlier: xmlClaims, &d)
            }
            for key in ["x12-interchange", "x12-group", "cxml-credential"] {
                for item in root["identity"]?[key]?.sequence.map(Array.init) ?? [] {
                    guard let text = item.scalar?.string else { continue }
                    let claim = "\(key) \(text)"
                    if let earlier = claims[claim] {
                        d.report(
                            "\(key) '\(text)' is already claimed by \(earlier.file):\(earlier.line)", at: item,
                            path: "identity.\(key)", kind: .conflict)
                    } else {
                        claims[claim] = (file.name, item.mark?.line ?? 1)
                    }
                }
            }
            errors += d.errors
        }
        guard errors.isEmpty, let network, let catalog else { throw ProfileErrors(errors) }
        return ProfileSet(profiles: profiles, network: network, catalog: catalog, xmlClaims: xmlClaims.map(\.claim))
    }

    /// Reads the mapping of each of `profile`'s XML claims (relative to the profile file's folder) and checks it
    /// against the claims of the profiles read before: problems are reported at the claim's node in `root`.
    static func readXMLClaims(
        of profile: RetailerProfile, in root: Node, file: String,
        earlier: [(claim: XMLOrderClaim, file: String, line: Int)], _ d: inout Diagnostics
    ) -> [(claim: XMLOrderClaim, file: String, line: Int)] {
        guard !profile.identity.xml.isEmpty, let xmlNode = root["identity"]?["xml"] else { return [] }
        let nodes: [Node] = xmlNode.sequence.map(Array.init) ?? [xmlNode]
        let folder = (file as NSString).deletingLastPathComponent
        var result: [(claim: XMLOrderClaim, file: String, line: Int)] = []
        for (index, spec) in profile.identity.xml.enumerated() {
            let node = index < nodes.count ? nodes[index] : xmlNode
            let path = nodes.count > 1 || xmlNode.sequence != nil ? "identity.xml[\(index)]" : "identity.xml"
            let joined = (folder as NSString).appendingPathComponent(spec.mapping) as NSString
            let resolved = spec.mapping.hasPrefix("/") || folder.isEmpty ? spec.mapping : joined.standardizingPath
            guard FileManager.default.fileExists(atPath: resolved) else {
                d.report(
                    "mapping file '\(spec.mapping)' not found (looked for \(resolved))", at: node["mapping"] ?? node,
                    path: path + ".mapping", kind: .unknownReference)
                continue
            }
            let claim: XMLOrderClaim
            do {
                let mapping = try XMLOrderMapping(contentsOfFile: resolved)
                claim = try XMLOrderClaim(
                    retailer: profile.id, rootElement: spec.root, namespaceURI: spec.namespace,
                    senderPath: spec.sender?.path, senderEquals: spec.sender?.equals, mapping: mapping)
            } catch {
                if error.field == "sender", case .invalidMapping(let why) = error.kind {
                    d.report(why, at: node["sender"] ?? node, path: path + ".sender")
                } else {
                    // The mapping file's own place first, compiler style, so an editor can jump to it.
                    let place = error.line.map { "\(resolved):\($0)" } ?? resolved
                    var located = error
                    located.line = nil
                    d.report("mapping \(place): \(located)", at: node["mapping"] ?? node, path: path + ".mapping")
                }
                continue
            }
            let line = node.mark?.line ?? 1
            if let clash = (earlier + result).first(where: { $0.claim.overlaps(claim) }) {
                d.report(
                    "claims the same XML documents (\(claim.summary)) as \(clash.file):\(clash.line) "
                        + "(\(clash.claim.summary)); tell them apart by root, namespace or sender",
                    at: node, path: path, kind: .conflict)
                continue
            }
            result.append((claim, file, line))
        }
        return result
    }

    static func compose(_ file: SourceFile, _ d: inout Diagnostics) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: file.text) else {
                d.report("the file is empty", line: 1, column: 1, path: "", kind: .syntax)
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                d.report("YAML syntax: \(problem)", line: mark.line, column: mark.column, path: "", kind: .syntax)
            default:
                d.report("YAML syntax: \(error)", line: 1, column: 1, path: "", kind: .syntax)
            }
            return nil
        } catch {
            d.report("YAML syntax: \(error)", line: 1, column: 1, path: "", kind: .syntax)
            return nil
        }
    }
}

extension ProfileSet {
    /// The profile that claims an X12 interchange sender (ISA05:ISA06) or, failing that, the group sender (GS02).
    public func profile(interchangeSender: PartnerIdentity?, groupSender: String? = nil) -> RetailerProfile? {
        sortedProfiles.first { profile in
            interchangeSender.map { sender in
                profile.identity.interchange.contains {
                    $0.qualifier == sender.qualifier && $0.id == sender.id.trimmingCharacters(in: .whitespaces)
                }
            } ?? false
        } ?? groupSender.flatMap { group in sortedProfiles.first { $0.identity.group.contains(group) } }
    }

    /// The profile that claims a cXML `From` credential (domain and identity, the domain compared case-insensitively).
    public func profile(cXMLCredential credential: PartnerIdentity) -> RetailerProfile? {
        sortedProfiles.first { profile in
            profile.identity.cXML.contains {
                $0.qualifier.lowercased() == credential.qualifier.lowercased() && $0.id == credential.id
            }
        }
    }

    /// The profile for an order: the one it already names, else the one its source's sender identity belongs to.
    public func profile(for order: PurchaseOrder) -> RetailerProfile? {
        if let retailer = order.retailer { return profiles[retailer] }
        guard let sender = order.source.senderID else { return nil }
        switch order.source.format {
        case .x12: return profile(interchangeSender: sender, groupSender: sender.id)
        case .cXML: return profile(cXMLCredential: sender)
        case .mappedXML:
            // Read through a mapping no claim chose (`--mapping`): a claim's sender test names its retailer too.
            return profile(cXMLCredential: sender)
                ?? sortedProfiles.first { $0.identity.xml.contains { $0.sender?.equals == sender.id } }
        }
    }
}
