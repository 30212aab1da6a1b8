import Foundation
import Testing

/// `dropgate partners` and `dropgate tokens` on a temporary SQLite store: a token is printed once, when issued,
/// and never again; listings show key ids and whose they are.
@Suite("dropgate partners and tokens: keys for dropgate serve")
struct CredentialCommandTests {
    /// The tokens `output` prints, one a line: `dg_`, 12 hex digits, `_`, 43 base64url characters.
    func tokens(in output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { line in
            let bytes = Array(line.utf8)
            return line.hasPrefix("dg_") && bytes.count == 59 && bytes[15] == UInt8(ascii: "_")
                && line.dropFirst(3).prefix(12).allSatisfy { "0123456789abcdef".contains($0) }
        }
    }

    func keyID(of token: String) -> String { String(token.dropFirst(3).prefix(12)) }

    func json(_ output: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    @Test("partners add, list, rotate and revoke; the token is shown once and never listed")
    func partners() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let db = world.folder.appendingPathComponent("keys.sqlite").path

        let added = try DropgateCommand.run(["partners", "add", "walmart", "--db", db] + IngestWorld.options)
        #expect(added.status == 0, "\(added.stderr)")
        let first = try #require(tokens(in: added.stdout).first, "\(added.stdout)")
        #expect(tokens(in: added.stdout).count == 1)
        #expect(added.stdout.contains("will not be shown again"), "\(added.stdout)")
        let again = try DropgateCommand.run(["partners", "add", "walmart", "--db", db] + IngestWorld.options)
        #expect(again.status == 0, "\(again.stderr)")
        let second = try #require(tokens(in: again.stdout).first, "\(again.stdout)")
        #expect(first != second)

        let listed = try DropgateCommand.run("partners", "list", "--db", db)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(keyID(of: first)) && listed.stdout.contains(keyID(of: second)))
        #expect(listed.stdout.contains("walmart"))
        let listedJSON = try DropgateCommand.run("partners", "list", "--json", "--db", db)
        let objects = try json(listedJSON.stdout)
        #expect(objects.map { $0["key"] as? String } == [keyID(of: first), keyID(of: second)])
        #expect(objects.allSatisfy { $0["name"] as? String == "walmart" && $0["kind"] as? String == "partner" })
        #expect(objects.allSatisfy { $0["revokedAt"] is NSNull })

        let rotated = try DropgateCommand.run("partners", "rotate", "walmart", "--db", db)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let third = try #require(tokens(in: rotated.stdout).first, "\(rotated.stdout)")
        let afterRotation = try json(try DropgateCommand.run("partners", "list", "--json", "--db", db).stdout)
        #expect(afterRotation.map { $0["key"] as? String } == [first, second, third].map(keyID))
        #expect(afterRotation.map { $0["revokedAt"] is NSNull } == [false, false, true])

        let revoked = try DropgateCommand.run("partners", "revoke", "walmart", "--key", keyID(of: third), "--db", db)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.contains("1 key revoked"), "\(revoked.stdout)")
        let nothing = try DropgateCommand.run("partners", "revoke", "walmart", "--db", db)
        #expect(nothing.status == 1, "\(nothing.stdout)")
        #expect(nothing.stderr.contains("no active key"), "\(nothing.stderr)")
        let noRotation = try DropgateCommand.run("partners", "rotate", "walmart", "--db", db)
        #expect(noRotation.status == 1, "\(noRotation.stdout)")
        #expect(tokens(in: noRotation.stdout).isEmpty)

        // No listing, in either form, ever shows a secret.
        for listing in [
            try DropgateCommand.run("partners", "list", "--db", db), try DropgateCommand.run("partners", "--db", db),
            try DropgateCommand.run("partners", "list", "--json", "--db", db),
        ] {
            #expect(listing.status == 0)
            for token in [first, second, third] {
                #expect(!listing.stdout.contains(String(token.suffix(43))), "a secret was listed: \(listing.stdout)")
            }
        }
    }

    @Test("a partner that is no retailer profile is refused with exit 2, and no store is made")
    func unknownRetailer() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let db = world.folder.appendingPathComponent("keys.sqlite").path
        let refused = try DropgateCommand.run(["partners", "add", "wallmart", "--db", db] + IngestWorld.options)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no retailer profile 'wallmart'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("walmart"), "the message should list the profiles: \(refused.stderr)")
        #expect(tokens(in: refused.stdout).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("tokens add and list staff roles apart from partners; an unknown role is a usage error")
    func staffTokens() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let db = world.folder.appendingPathComponent("keys.sqlite").path

        let admin = try DropgateCommand.run("tokens", "add", "admin", "--name", "alice", "--db", db)
        #expect(admin.status == 0, "\(admin.stderr)")
        let adminToken = try #require(tokens(in: admin.stdout).first, "\(admin.stdout)")
        #expect(admin.stdout.contains("will not be shown again"))
        let dock = try DropgateCommand.run("tokens", "add", "warehouse", "--name", "dock 3", "--db", db)
        #expect(dock.status == 0, "\(dock.stderr)")
        let dockToken = try #require(tokens(in: dock.stdout).first)
        let partner = try DropgateCommand.run(["partners", "add", "homedepot", "--db", db] + IngestWorld.options)
        #expect(partner.status == 0, "\(partner.stderr)")

        let listed = try DropgateCommand.run("tokens", "list", "--db", db)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("admin") && listed.stdout.contains("alice"), "\(listed.stdout)")
        #expect(listed.stdout.contains("warehouse") && listed.stdout.contains("dock 3"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("homedepot"), "a partner's key was listed among staff tokens")
        let objects = try json(try DropgateCommand.run("tokens", "list", "--json", "--db", db).stdout)
        #expect(objects.map { $0["role"] as? String } == ["admin", "warehouse"])
        #expect(objects.map { $0["name"] as? String } == ["alice", "dock 3"])
        #expect(objects.map { $0["key"] as? String } == [keyID(of: adminToken), keyID(of: dockToken)])
        let partners = try json(try DropgateCommand.run("partners", "list", "--json", "--db", db).stdout)
        #expect(partners.map { $0["name"] as? String } == ["homedepot"])
        for token in [adminToken, dockToken] {
            #expect(!listed.stdout.contains(String(token.suffix(43))))
        }

        let rotated = try DropgateCommand.run("tokens", "rotate", "admin", "--name", "alice", "--db", db)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(tokens(in: rotated.stdout).count == 1)
        let revoked = try DropgateCommand.run("tokens", "revoke", "warehouse", "--name", "dock 3", "--db", db)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try json(try DropgateCommand.run("tokens", "list", "--json", "--db", db).stdout)
        #expect(after.map { $0["revokedAt"] is NSNull } == [false, false, true])

        let unknown = try DropgateCommand.run("tokens", "add", "root", "--name", "mallory", "--db", db)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("warehouse") && unknown.stderr.contains("admin"), "\(unknown.stderr)")
        #expect(tokens(in: unknown.stdout).isEmpty)
    }
}
