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
        sortedProfiles = self.profiles.values.sorted { $0.id < $1.id }
        self.network = network
        self.catalog = catalog
        self.xmlClaims = xmlClaims
    }

    public subscript(retailer: RetailerID) -> RetailerProfile? { profiles[retailer] }

    /// Profiles by id, for stable listings and for finding the profile that claims a sender: sorted once, as the
    /// gateway asks for every PO and interchange it reads.
    public let sortedProfiles: [RetailerProfile]

    /// Loads and checks the profiles folder (`*.yaml`, `*.yml`), the network file and `items.csv` from disk, with
    /// the `kits.csv` beside `items.csv` when there is one.
    public static func load(profiles folder: URL, network: URL, catalog: URL, rules: [ProfileRule] = [])
        throws(ProfileErrors) -> ProfileSet
    {
        let files = try sources(profiles: folder, network: network, catalog: catalog, readingCatalog: true)
        guard let catalogFile = files.catalog else { throw ProfileErrors([]) }
        return try load(
            profiles: files.profiles, network: files.network, catalog: catalogFile, kits: files.kits, rules: rules)
    }

    /// What `load(profiles:network:catalog:rules:)` calls the catalog in a message.
    static let catalogExpected = "the item catalog (CSV)"

    /// The files `load(profiles:network:catalog:rules:)` reads; the catalog's text only when `readingCatalog`
    /// (else it is only checked to be there, for a reader that reads it a piece at a time).
    static func sources(profiles folder: URL, network: URL, catalog: URL, readingCatalog: Bool)
        throws(ProfileErrors) -> (profiles: [SourceFile], network: SourceFile, catalog: SourceFile?, kits: SourceFile?)
    {
        func read(_ url: URL, expected: String) throws(ProfileErrors) -> SourceFile {
            do {
                return SourceFile(
                    name: url.relativePath, text: try LocalFile.text(url.relativePath, expected: expected))
            } catch {
                throw ProfileErrors([ProfileError(error)])
            }
        }
        let names: [String]
        do {
            names = try LocalFile.folderEntries(folder.relativePath, expected: "the folder of retailer profiles")
        } catch {
            throw ProfileErrors([ProfileError(error)])
        }
        var files: [SourceFile] = []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            files.append(try read(folder.appendingPathComponent(name), expected: "a retailer profile (YAML)"))
        }
        let kitsURL = catalog.deletingLastPathComponent().appendingPathComponent(kitsFileName)
        var kits: SourceFile?
        if FileManager.default.fileExists(atPath: kitsURL.path) {
            kits = try read(kitsURL, expected: "the kits of the item catalog (CSV)")
        }
        let network = try read(network, expected: "the DC network file (YAML)")
        guard readingCatalog else {
            do { try LocalFile.checkFile(catalog.relativePath, expected: catalogExpected) } catch {
                throw ProfileErrors([ProfileError(error)])
            }
            return (files, network, nil, kits)
        }
        return (files, network, try read(catalog, expected: catalogExpected), kits)
    }

    /// The file beside `items.csv` that says which items are kits of others; optional.
    public static let kitsFileName = "kits.csv"

    /// Checks the given files together: each on its own, then across them (DCs and services the profiles name must
    /// be in the network, no two profiles may claim the same X12 or cXML identity), then against `rules` (what the
    /// parts that write documents can express).
    public static func load(
        profiles files: [SourceFile], network networkFile: SourceFile, catalog catalogFile: SourceFile,
        kits kitsFile: SourceFile? = nil, rules: [ProfileRule] = []
    )
        throws(ProfileErrors) -> ProfileSet
    {
        var catalog: ItemCatalog?
        let world = try load(profiles: files, network: networkFile, rules: rules) {
            var errors: [ProfileError] = []
            do throws(ProfileErrors) {
                catalog = try ItemCatalog.parse(csv: catalogFile.text, file: catalogFile.name)
            } catch {
                errors += error.errors
            }
            if let kitsFile, catalog != nil {
                do throws(ProfileErrors) { try catalog?.readKits(csv: kitsFile.text, file: kitsFile.name) } catch {
                    errors += error.errors
                }
            }
            return errors
        }
        guard let catalog else { throw ProfileErrors([]) }
        return ProfileSet(profiles: world.profiles, network: world.network, catalog: catalog, xmlClaims: world.claims)
    }

    /// Checks the profiles and the network, with what `readCatalog` reports of the catalog (it reads it after the
    /// network, so that problems are listed network, catalog, profiles); throws every problem found.
    static func load(
        profiles files: [SourceFile], network networkFile: SourceFile, rules: [ProfileRule],
        readingCatalog readCatalog: () -> [ProfileError]
    ) throws(ProfileErrors) -> (profiles: [RetailerProfile], network: Network, claims: [XMLOrderClaim]) {
        var errors: [ProfileError] = []
        var networkDiagnostics = Diagnostics(file: networkFile.name)
        var network: Network?
        var declared: (nodes: [String], services: [String])?
        if let root = compose(networkFile, &networkDiagnostics) {
            network = Network.read(root, &networkDiagnostics)
            declared = Network.declaredIDs(root)
        }
        errors += networkDiagnostics.errors
        errors += readCatalog()

        var profiles: [RetailerProfile] = []
        var claims: [String: (file: String, line: Int)] = [:]
        var xmlClaims: [(claim: XMLOrderClaim, file: String, line: Int)] = []
        for file in files {
            var d = Diagnostics(file: file.name)
            // What the network file declares, read clean or not: a broken node is reported once, in the network.
            d.nodeIDs = network == nil ? nil : declared?.nodes
            d.serviceIDs = network == nil ? nil : declared?.services
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
                for rule in rules {
                    for finding in rule.findings(profile) {
                        d.report(finding.message, at: root.nearest(keyPath: finding.keyPath), path: finding.keyPath)
                    }
                }
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
        guard errors.isEmpty, let network else { throw ProfileErrors(errors) }
        return (profiles, network, xmlClaims.map(\.claim))
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
            case .duplicatedKeysInMapping(let keys, let context):
                // Yams names the keys (sorted) and marks the first one's first occurrence; the message names that
                // one key at its second occurrence, where the fix is, and not the whole file Yams quotes.
                let key = keys.first ?? ""
                let first = (line: context.mark.line, column: context.mark.column)
                let place = duplicatePlace(of: key, firstAt: first, in: file.text) ?? first
                d.report(
                    "duplicate key '\(key)'; the first is at line \(first.line)", line: place.line,
                    column: place.column, path: "", kind: .duplicateKey)
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

/// Where `key` occurs again in the mapping whose first occurrence of it is at `first` (1-based line and column, in
/// Unicode scalars, as libyaml counts): a later line of the block mapping at the same indentation, or later on the
/// same line in a flow mapping (`{ a: 1, a: 2 }`). Nil when it cannot be found, for shapes such as a flow mapping
/// over several lines.
func duplicatePlace(of key: String, firstAt first: (line: Int, column: Int), in text: String)
    -> (line: Int, column: Int)?
{
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        Array($0.unicodeScalars.filter { $0 != "\r" })
    }
    guard first.line >= 1, first.line <= lines.count, !key.isEmpty else { return nil }
    let keyScalars = Array(key.unicodeScalars)
    func isKey(_ line: [Unicode.Scalar], at start: Int) -> Bool {
        for quote in [nil, "\"", "'"] as [Unicode.Scalar?] {
            let word = quote.map { [$0] + keyScalars + [$0] } ?? keyScalars
            guard start + word.count <= line.count, Array(line[start..<(start + word.count)]) == word else { continue }
            let rest = line[(start + word.count)...].drop { $0 == " " || $0 == "\t" }
            if rest.first == ":" { return true }
        }
        return false
    }
    // Later on the first line: a flow mapping.
    let firstLine = lines[first.line - 1]
    var index = first.column - 1 + keyScalars.count
    while index < firstLine.count {
        let before = firstLine[..<index].last { $0 != " " && $0 != "\t" }
        if before == "," || before == "{", firstLine[index - 1] == " " || before == firstLine[index - 1],
            isKey(firstLine, at: index)
        {
            return (first.line, index + 1)
        }
        index += 1
    }
    // Later lines of a block mapping, at the same indentation, until one indented less.
    let indent = first.column - 1
    for number in first.line..<lines.count {
        let line = lines[number]
        let leading = line.prefix { $0 == " " }.count
        guard leading < line.count, line[leading] != "#" else { continue }
        if leading < indent { return nil }
        if leading == indent, isKey(line, at: indent) { return (number + 1, indent + 1) }
    }
    return nil
}

extension ProfileSet {
    /// The profile that claims an X12 interchange sender (ISA05:ISA06) or, failing that, the group sender (GS02).
    public func profile(interchangeSender: PartnerIdentity?, groupSender: String? = nil) -> RetailerProfile? {
        // Trimmed once, not once per identity a profile claims: `route` claims every PO it reads this way.
        let id = interchangeSender.map { Self.trimmingWhitespace($0.id) }
        return sortedProfiles.first { profile in
            interchangeSender.map { sender in
                profile.identity.interchange.contains { $0.qualifier == sender.qualifier && $0.id == id }
            } ?? false
        } ?? groupSender.flatMap { group in sortedProfiles.first { $0.identity.group.contains(group) } }
    }

    /// `text.trimmingCharacters(in: .whitespaces)` (the scalars of the set dropped from both ends), without
    /// Foundation's bridging to `NSString` and back: an ISA sender ID is padded to fifteen characters with spaces.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !CharacterSet.whitespaces.contains($0) }),
            let last = scalars.lastIndex(where: { !CharacterSet.whitespaces.contains($0) })
        else { return "" }
        if start == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[start...last])
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
