import Store
import X12

/// Control numbers for what we send a partner, drawn from the store so they never repeat across runs or
/// restarts. `X12ControlNumberSource` cannot throw, so the first store failure is kept for the caller to check
/// before sending anything numbered with it.
struct DurableControlNumbers: X12ControlNumberSource {
    let store: any OrderStore
    let partner: String
    private(set) var failure: StoreError?

    init(store: any OrderStore, partner: String) {
        self.store = store
        self.partner = partner
    }

    mutating func next(_ kind: X12ControlNumberKind) -> Int {
        let (name, limit) =
            switch kind {
            case .interchange: ("ISA13", 999_999_999)
            case .group: ("GS06", 999_999_999)
            case .transactionSet: ("ST02", 9999)
            }
        do {
            return try store.nextControlNumber(partner: partner, kind: name, limit: limit)
        } catch {
            failure = failure ?? error
            return 0
        }
    }
}
