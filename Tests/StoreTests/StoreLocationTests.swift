import Store
import Testing

@Suite("Store locations")
struct StoreLocationTests {
    @Test("--db names a SQLite file unless it is a PostgreSQL URL")
    func locations() {
        #expect(StoreLocation("orders.sqlite") == .sqlite(path: "orders.sqlite"))
        #expect(StoreLocation("sqlite:/var/lib/dropgate.db") == .sqlite(path: "/var/lib/dropgate.db"))
        #expect(
            StoreLocation("postgres://dropgate@127.0.0.1:5432/orders")
                == .postgres(url: "postgres://dropgate@127.0.0.1:5432/orders"))
    }
}
