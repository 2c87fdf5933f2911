// swift-tools-version: 6.0
import PackageDescription

// The runtime and the generated Data Portability client against real HTTP on 127.0.0.1, through the two
// transports apps use: URLSession and AsyncHTTPClient. A package of its own, so that the main package never
// depends on SwiftNIO or AsyncHTTPClient; `scripts/check-integration.sh` builds and runs it (CI does too).
let package = Package(
    name: "discovery-integration-tests",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-discovery-generator", path: ".."),
        // The example app on two catalogue products, tested against local fakes.
        .package(name: "DriveCalendar", path: "../Examples/DriveCalendar"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // An HTTP/1.1 server on 127.0.0.1 with a random port, answering from a closure; it can also stall,
        // drop connections and stream large bodies, as real servers do.
        .target(
            name: "LocalServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Google's servers as the tests need them: Data Portability, and later OAuth and storage.
        .target(
            name: "FakeGoogleAPIs",
            dependencies: [
                "LocalServer", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Generated from spec/samples.yaml (the shapes of Google's list and media methods) by
        // scripts/check-integration.sh, which fails when the checked-in files differ.
        .target(
            name: "Samples",
            dependencies: [
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
        // The README's Data Portability example, copied from README.md by scripts/check-integration.sh.
        .target(
            name: "ReadmeExample",
            dependencies: [
                .product(name: "DataPortability", package: "swift-discovery-generator"),
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // `download-benchmark URL FOLDER`: portability-export's Downloader through the tool's transport on Linux,
        // for scripts/benchmark-download.sh, which measures its peak memory on a multi-gigabyte file.
        .executableTarget(
            name: "download-benchmark",
            dependencies: [
                .product(name: "PortabilityExport", package: "swift-discovery-generator"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
            ],
            path: "Sources/DownloadBenchmark"
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                .product(name: "DriveCalendar", package: "DriveCalendar"),
                "LocalServer", "FakeGoogleAPIs", "ReadmeExample", "Samples",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "DataPortability", package: "swift-discovery-generator"),
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "PortabilityExport", package: "swift-discovery-generator"),
                .product(name: "DiscoveryAuth", package: "swift-discovery-generator"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
