// swift-tools-version: 6.1
import PackageDescription

/// Every target speaks the same dialect: existential `any`, explicit member imports, and imports that stay
/// internal unless a module says otherwise.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "dropgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dropgate", targets: ["dropgate"]),
        // The parts, for the benchmark package (Benchmarks/) and anyone building on them.
        .library(name: "Orders", targets: ["Orders"]),
        .library(name: "X12", targets: ["X12"]),
        .library(name: "OrderX12", targets: ["OrderX12"]),
        .library(name: "OrderXML", targets: ["OrderXML"]),
        .library(name: "Profiles", targets: ["Profiles"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "Feeds", targets: ["Feeds"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        // SHA-256 of what is sent (feed runs); already built for postgres-nio.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // The service: HTTP, lifecycle (graceful shutdown, signals), metrics in Prometheus text.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        // The warehouse pages: server-rendered HTML, templates compiled into the binary.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // TLS that the service terminates itself, with partners' client certificates: already built for
        // postgres-nio.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
    ],
    targets: [
        // C bridges.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),
        /// A prefetch hint, which Swift lacks, for the cache misses routing can see coming.
        .target(name: "CPrefetch"),
        .target(name: "CByteScan"),

        // Parts.
        .target(name: "Orders", swiftSettings: strictSettings),
        .target(name: "X12", dependencies: ["CByteScan"], swiftSettings: strictSettings),
        .target(name: "OrderX12", dependencies: ["CByteScan", "X12", "Orders"], swiftSettings: strictSettings),
        .target(name: "OrderXML", dependencies: ["CLibXML2", "Orders"], swiftSettings: strictSettings),
        .target(
            name: "Profiles",
            dependencies: ["Orders", "OrderXML", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(name: "Routing", dependencies: ["CPrefetch", "Orders", "Profiles"], swiftSettings: strictSettings),
        // The operations lead's view: the compliance scorecard and fee forecast, and what-if replay of recorded POs.
        .target(
            name: "Operations",
            dependencies: ["Orders", "Profiles", "Routing", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings),
        .target(
            name: "Store",
            dependencies: [
                "Orders", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Feeds",
            // X12 and OrderX12: an 846 feed is rendered (and numbered) here, as the schedule builds it.
            dependencies: ["CCurl", "CCurlShims", "Orders", "Profiles", "Store", "X12", "OrderX12"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "X12", "OrderX12", "OrderXML", "Orders", "Profiles", "Routing", "Operations", "Store", "Feeds",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "Gateway", "Orders", "OrderXML", "Profiles", "Routing", "Operations", "Store", "Feeds",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "dropgate",
            dependencies: [
                "Gateway", "X12", "OrderX12", "OrderXML", "Orders", "Profiles", "Routing", "Operations", "Store",
                "Feeds",
                "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // Tests: one target a module, plus end to end, and what several of them share (the corpus, the independent
        // X12 reader).
        .target(
            name: "TestSupport", path: "Tests/TestSupport",
            exclude: ["bots_check.py", "openapi_check.py", "chromium.py"], swiftSettings: strictSettings),
        .testTarget(name: "OrdersTests", dependencies: ["Orders", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "X12Tests", dependencies: ["X12", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "OrderX12Tests", dependencies: ["OrderX12", "X12", "Orders", "TestSupport"], exclude: ["Golden"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "OrderXMLTests", dependencies: ["OrderXML", "Orders", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "ProfilesTests",
            dependencies: [
                "Profiles", "Orders", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: [
                "Routing", "Profiles", "Orders", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "Routing", "Profiles", "Orders", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreTests",
            // Gateway, Operations and Profiles: the scorecard counted in SQL against the one counted from records.
            dependencies: ["Store", "Orders", "TestSupport", "Gateway", "Operations", "Profiles"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["Feeds", "Orders", "Profiles", "OrderX12", "X12", "Store", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Feeds", "Operations", "Orders", "OrderX12", "Profiles", "Routing", "Store", "X12",
                "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Gateway", "Orders", "Profiles", "Routing", "Operations", "Store", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        // Links none of the product's modules: it runs the built `dropgate`. TestSupport gives it the throwaway
        // PostgreSQL server.
        .testTarget(
            name: "DropgateEndToEndTests", dependencies: ["TestSupport"], exclude: ["Golden"],
            swiftSettings: strictSettings),
    ]
)
