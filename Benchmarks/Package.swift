// swift-tools-version: 6.1
import PackageDescription

/// `make bench`: the benchmarks are a package of their own, beside the product's (the swift-nio way), so that the
/// product's build and CI never compile them. Run from the product's root (the benchmarks read `fixtures/` and
/// `retailer-profiles/` from the working folder): `swift run --package-path Benchmarks -c release dropgate-bench`.
let package = Package(
    name: "dropgate-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "dropgate", path: ".."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        // The PostgreSQL figure's reference inserts rows with prepared statements of its own.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        // The bare handler the service's figures are measured against.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
    ],
    targets: [
        /// The C loop the benchmarks measure X12 reading against (the floor).
        .target(name: "CBenchReference"),
        .executableTarget(
            name: "dropgate-bench",
            dependencies: [
                "CBenchReference",
                .product(name: "X12", package: "dropgate"),
                .product(name: "OrderX12", package: "dropgate"),
                .product(name: "OrderXML", package: "dropgate"),
                .product(name: "Orders", package: "dropgate"),
                .product(name: "Profiles", package: "dropgate"),
                .product(name: "Routing", package: "dropgate"),
                .product(name: "Gateway", package: "dropgate"),
                .product(name: "Store", package: "dropgate"),
                .product(name: "Feeds", package: "dropgate"),
                .product(name: "Server", package: "dropgate"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]),
    ]
)
