import ArgumentParser
import Foundation
import Store

/// What `partners` and `tokens` share: issuing, rotating, revoking and listing the keys of one kind of principal
/// in the store. Only the principal and the listing's columns differ.
enum KeyCommands {
    /// Issues a key for `principal` (revoking its other active keys when `rotating`) and prints the token, once.
    /// Rotating a principal with no active key is refused (exit 1): a typo in its name would otherwise make keys
    /// for nobody; `add` issues the first.
    static func issue(for principal: Principal, rotating: Bool, store option: StoreOption) async throws {
        let store = try await option.open()
        let issued: IssuedKey
        var revoked = 0
        do {
            if rotating {
                revoked = try await store.credentials().filter { $0.principal == principal && $0.isActive }.count
                guard revoked > 0 else {
                    await store.close()
                    printError("\(principal): no active key to rotate in \(option.location) (add issues the first)")
                    throw ExitCode(1)
                }
                issued = try await store.rotateKey(for: principal, at: Date())
            } else {
                issued = try await store.issueKey(for: principal, at: Date())
            }
        } catch let error as StoreError {
            printError("\(option.location): \(error)")
            await store.close()
            throw ExitCode(2)
        }
        await store.close()
        let replaced = rotating ? " (\(revoked) earlier key\(revoked == 1 ? "" : "s") revoked)" : ""
        print("\(principal): key \(issued.keyID) issued\(replaced). Its token:")
        print(issued.secret)
        print("The token will not be shown again: the store keeps only a salted hash of it. Keep it now.")
    }

    /// Revokes `principal`'s active keys (only `keyID` when given); exit 1 when there was none to revoke.
    static func revoke(_ principal: Principal, keyID: String?, store option: StoreOption) async throws {
        let store = try await option.open(creating: false)
        let count: Int
        do { count = try await store.revokeKeys(of: principal, keyID: keyID, at: Date()) } catch {
            printError("\(option.location): \(error)")
            await store.close()
            throw ExitCode(2)
        }
        await store.close()
        guard count > 0 else {
            printError("\(principal): no active key\(keyID.map { " \($0)" } ?? "") to revoke in \(option.location)")
            throw ExitCode(1)
        }
        print("\(principal): \(count) key\(count == 1 ? "" : "s") revoked")
    }

    /// The keys `selected` picks, oldest first, never their secrets (the store has none to give).
    static func credentials(where selected: (Principal) -> Bool, store option: StoreOption) async throws
        -> [CredentialSummary]
    {
        let store = try await option.open(creating: false)
        let credentials: [CredentialSummary]
        do { credentials = try await store.credentials() } catch {
            printError("\(option.location): \(error)")
            await store.close()
            throw ExitCode(2)
        }
        await store.close()
        return credentials.filter { selected($0.principal) }
    }

    /// A key as `list --json` prints it: `key`, `kind`, `name`, `role` (staff), `createdAt`, `revokedAt` (null while
    /// active).
    static func object(_ credential: CredentialSummary) -> [String: Any] {
        let iso = ISO8601DateFormatter()
        var object: [String: Any] = [
            "key": credential.keyID, "createdAt": iso.string(from: credential.createdAt),
            "revokedAt": credential.revokedAt.map(iso.string) ?? NSNull(),
        ]
        switch credential.principal {
        case .partner(let id):
            object["kind"] = "partner"
            object["name"] = id
        case .staff(let role, let name):
            object["kind"] = "staff"
            object["role"] = role.rawValue
            object["name"] = name
        }
        return object
    }

    /// `list`: a table with `columns` (after the key) or JSON.
    static func show(
        _ credentials: [CredentialSummary], json: Bool, headers: [String], columns: (Principal) -> [String]
    ) throws {
        if json {
            print(try OrdersCommand.json(credentials.map(object)))
            return
        }
        let iso = ISO8601DateFormatter()
        var table = TextTable()
        table.headers = ["key"] + headers + ["created", "revoked"]
        for credential in credentials {
            table.append(
                [credential.keyID] + columns(credential.principal) + [
                    iso.string(from: credential.createdAt), credential.revokedAt.map(iso.string) ?? "-",
                ])
        }
        print(table.rendered)
    }
}
