// swift-tools-version: 6.0
import PackageDescription

// A consumer of swift-discovery-generator: the build plugin generates the Data Portability client
// from this package's own copy of the spec, and a small tool uses it.
let package = Package(
    name: "PortabilityExporter",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-discovery-generator", path: "../.."),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.0.0"),
    ],
    targets: [
        .target(
            name: "PortabilityClient",
            dependencies: [
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            plugins: [.plugin(name: "DiscoveryGeneratorPlugin", package: "swift-discovery-generator")]
        ),
        .executableTarget(
            name: "portability-exporter",
            dependencies: [
                "PortabilityClient",
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)
