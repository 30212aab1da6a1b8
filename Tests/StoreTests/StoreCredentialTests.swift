import Foundation
import Store
import TestSupport
import Testing

/// API keys and staff tokens, on each backend: a key authenticates as its principal until revoked, and nothing
/// else does; the store never keeps a secret.
@Suite("Order store: credentials")
struct StoreCredentialTests {
    /// `t0` and later instants made from seconds since 1970, as the stores keep them, so that they compare equal
    /// when read back.
    func instant(_ seconds: Double) -> Date { Date(timeIntervalSince1970: t0.timeIntervalSince1970 + seconds) }

    /// The secret part of an issued token (after `dg_<keyID>_`).
    func secret(of key: IssuedKey) -> String { String(key.secret.dropFirst("dg_".count + 12 + 1)) }

    @Test("an issued key authenticates as its principal, in the documented form", arguments: Backend.allCases)
    func issueAndAuthenticate(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let partner = try await store.issueKey(for: .partner("walmart"), at: t0)
            let admin = try await store.issueKey(for: .staff(.admin, name: "alice"), at: instant(1))
            let dock = try await store.issueKey(for: .staff(.warehouse, name: "dock 3"), at: instant(2))
            #expect(partner.principal == .partner("walmart"))
            #expect(partner.createdAt == t0)
            #expect(partner.keyID.count == 12)
            #expect(partner.keyID.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(partner.secret.hasPrefix("dg_\(partner.keyID)_"))
            #expect(secret(of: partner).count == 43)
            #expect(secret(of: partner).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
            #expect(Set([partner.keyID, admin.keyID, dock.keyID]).count == 3)
            #expect(Set([partner.secret, admin.secret, dock.secret]).count == 3)

            #expect(try await store.authenticate(partner.secret) == .partner("walmart"))
            #expect(try await store.authenticate(admin.secret) == .staff(.admin, name: "alice"))
            #expect(try await store.authenticate(dock.secret) == .staff(.warehouse, name: "dock 3"))
            // Another process on the same database accepts it too.
            let other = try await database.open()
            let principal = try await other.authenticate(partner.secret)
            await close(other)
            #expect(principal == .partner("walmart"))

            #expect(
                try await store.credentials() == [
                    CredentialSummary(
                        keyID: partner.keyID, principal: .partner("walmart"), createdAt: t0, revokedAt: nil),
                    CredentialSummary(
                        keyID: admin.keyID, principal: .staff(.admin, name: "alice"), createdAt: instant(1),
                        revokedAt: nil),
                    CredentialSummary(
                        keyID: dock.keyID, principal: .staff(.warehouse, name: "dock 3"), createdAt: instant(2),
                        revokedAt: nil),
                ])
        }
    }

    @Test("a wrong secret, a wrong key id, a damaged or truncated token is nobody", arguments: Backend.allCases)
    func wrongTokens(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let key = try await store.issueKey(for: .partner("walmart"), at: t0)
            let other = try await store.issueKey(for: .partner("target"), at: t0)
            let token = key.secret
            var flipped = Array(token.utf8)
            flipped[flipped.count - 1] =
                flipped[flipped.count - 1] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let unknownID = String(repeating: key.keyID == "000000000000" ? "1" : "0", count: 12)
            let candidates = [
                String(decoding: flipped, as: UTF8.self),
                "dg_\(unknownID)_\(secret(of: key))",
                // One key's id with another's secret.
                "dg_\(key.keyID)_\(secret(of: other))",
                String(token.dropLast()), token + "A", String(token.prefix(20)), "", "dg_", "dg__",
                token.uppercased(), "DG" + token.dropFirst(2), " " + token, token + "\n",
                token.replacingOccurrences(of: "dg_\(key.keyID)_", with: "dg_\(key.keyID)-"),
                "Bearer " + token, "dg_\(key.keyID)", "dg_\(key.keyID)_",
            ]
            for candidate in candidates {
                #expect(try await store.authenticate(candidate) == nil, "\(candidate.debugDescription)")
            }
            #expect(try await store.authenticate(token) == .partner("walmart"))
        }
    }

    @Test("random strings never authenticate and never crash the parser", arguments: Backend.allCases)
    func randomStrings(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let key = try await store.issueKey(for: .partner("walmart"), at: t0)
            var random = SplitMix(seed: 0x6b65_7973)
            let alphabet = Array("dg_0123456789abcdefABCDEF-+/=é€\u{0}\n ".unicodeScalars)
            for round in 0..<400 {
                var text: String
                switch round % 4 {
                case 0:
                    // Any length, any of a hostile alphabet.
                    let count = Int(random.next() % 90)
                    text = String(
                        String.UnicodeScalarView(
                            (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
                case 1:
                    // The right length and prefix, random rest.
                    text =
                        "dg_"
                        + String(
                            String.UnicodeScalarView(
                                (0..<56).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
                case 2:
                    // The real token with one byte changed.
                    var bytes = Array(key.secret.utf8)
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                    text = String(decoding: bytes, as: UTF8.self)
                default:
                    // The real key id with a random well-formed secret.
                    let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                    text = "dg_\(key.keyID)_" + String((0..<43).map { _ in base64[Int(random.next() % 64)] })
                }
                if text == key.secret { continue }
                #expect(try await store.authenticate(text) == nil, "\(text.debugDescription)")
            }
        }
    }

    @Test("a revoked key is nobody, and revoking one key leaves the other", arguments: Backend.allCases)
    func revoke(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = try await store.issueKey(for: .partner("walmart"), at: t0)
            let second = try await store.issueKey(for: .partner("walmart"), at: instant(1))
            // Two keys of one partner both work until revoked.
            #expect(try await store.authenticate(first.secret) == .partner("walmart"))
            #expect(try await store.authenticate(second.secret) == .partner("walmart"))

            #expect(try await store.revokeKeys(of: .partner("walmart"), keyID: first.keyID, at: instant(10)) == 1)
            #expect(try await store.authenticate(first.secret) == nil)
            #expect(try await store.authenticate(second.secret) == .partner("walmart"))
            // Revoking it again, or another principal's key by id, revokes nothing.
            #expect(try await store.revokeKeys(of: .partner("walmart"), keyID: first.keyID, at: instant(11)) == 0)
            #expect(try await store.revokeKeys(of: .partner("target"), keyID: second.keyID, at: instant(11)) == 0)
            #expect(try await store.authenticate(second.secret) == .partner("walmart"))

            #expect(try await store.revokeKeys(of: .partner("walmart"), keyID: nil, at: instant(20)) == 1)
            #expect(try await store.authenticate(second.secret) == nil)
            #expect(
                try await store.credentials().map(\.revokedAt) == [instant(10), instant(20)])
        }
    }

    @Test("rotating issues a key that works and revokes every other of the principal", arguments: Backend.allCases)
    func rotate(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let alice = Principal.staff(.admin, name: "alice")
            let old = try await store.issueKey(for: alice, at: t0)
            let older = try await store.issueKey(for: alice, at: instant(1))
            // The same name in another role is another principal, untouched.
            let warehouse = try await store.issueKey(for: .staff(.warehouse, name: "alice"), at: instant(2))
            let new = try await store.rotateKey(for: alice, at: instant(10))
            #expect(new.principal == alice)
            #expect(try await store.authenticate(new.secret) == alice)
            #expect(try await store.authenticate(old.secret) == nil)
            #expect(try await store.authenticate(older.secret) == nil)
            #expect(try await store.authenticate(warehouse.secret) == .staff(.warehouse, name: "alice"))
            let listed = try await store.credentials()
            #expect(listed.map(\.keyID) == [old.keyID, older.keyID, warehouse.keyID, new.keyID])
            #expect(listed.map(\.revokedAt) == [instant(10), instant(10), nil, nil])
            #expect(listed.map(\.isActive) == [false, false, true, true])
        }
    }

    @Test("rotations by several stores at once leave exactly one active key", arguments: Backend.allCases)
    func concurrentRotations(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            _ = try await store.issueKey(for: .partner("walmart"), at: t0)
            var stores: [any OrderStore] = [store]
            for _ in 0..<3 { stores.append(try await database.open(maximumConnections: 4)) }
            let issued = try await withThrowingTaskGroup(of: IssuedKey.self) { group in
                for index in 0..<8 {
                    let target = stores[index % stores.count]
                    group.addTask { try await target.rotateKey(for: .partner("walmart"), at: instant(Double(index))) }
                }
                var issued: [IssuedKey] = []
                for try await key in group { issued.append(key) }
                return issued
            }
            for other in stores.dropFirst() { await close(other) }
            let active = try await store.credentials().filter(\.isActive)
            #expect(active.count == 1)
            var accepted = 0
            for key in issued where try await store.authenticate(key.secret) != nil { accepted += 1 }
            #expect(accepted == 1)
        }
    }

    @Test("one partner's keys never authenticate as another", arguments: Backend.allCases)
    func partnersAreApart(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let walmart = try await store.issueKey(for: .partner("walmart"), at: t0)
            let target = try await store.issueKey(for: .partner("target"), at: t0)
            let staff = try await store.issueKey(for: .staff(.warehouse, name: "walmart"), at: t0)
            #expect(try await store.authenticate(walmart.secret) == .partner("walmart"))
            #expect(try await store.authenticate(target.secret) == .partner("target"))
            // A member of staff named like a partner is still staff.
            #expect(try await store.authenticate(staff.secret) == .staff(.warehouse, name: "walmart"))
            #expect(try await store.revokeKeys(of: .partner("target"), keyID: nil, at: instant(1)) == 1)
            #expect(try await store.authenticate(walmart.secret) == .partner("walmart"))
            #expect(try await store.authenticate(staff.secret) == .staff(.warehouse, name: "walmart"))
            #expect(try await store.authenticate(target.secret) == nil)
        }
    }

    @Test("the database never holds a secret, only its salted hash", arguments: Backend.allCases)
    func secretIsNotStored(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            var keys: [IssuedKey] = []
            for index in 0..<5 {
                keys.append(try await store.issueKey(for: .partner("partner\(index)"), at: t0))
            }
            keys.append(try await store.rotateKey(for: .partner("partner0"), at: instant(1)))
            let hex: (String) -> String = { text in text.utf8.map { String(format: "%02x", $0) }.joined() }
            let sql =
                switch database.place {
                case .file:
                    "SELECT key_id, kind, name, role, hex(salt), hex(digest), created_at, revoked_at FROM credential"
                case .postgres: "SELECT * FROM credential"
                }
            let rows = try database.dump(sql)
            for key in keys {
                #expect(rows.contains(key.keyID), "the dump did not show the key's row: \(rows)")
                for forbidden in [key.secret, secret(of: key), hex(secret(of: key))] {
                    #expect(!rows.lowercased().contains(forbidden.lowercased()), "a column holds the secret")
                }
            }
            // Not anywhere in the SQLite file either (nor its write-ahead log).
            if case .file(let path) = database.place {
                for file in [path, path + "-wal"] {
                    guard let bytes = FileManager.default.contents(atPath: file) else { continue }
                    for key in keys {
                        #expect(bytes.range(of: Data(secret(of: key).utf8)) == nil, "\(file) holds a secret")
                    }
                }
            }
        }
    }
}
