// swift-tools-version: 6.0
import PackageDescription

// A consumer of two catalogue products: it lists the newest Drive files and creates a Calendar event, authorized
// with DiscoveryAuth. It builds GoogleDrive, GoogleCalendar and the runtime, and no other catalogue module.
let package = Package(
    name: "DriveCalendar",
    platforms: [.macOS(.v13)],
    products: [.library(name: "DriveCalendar", targets: ["DriveCalendar"])],
    dependencies: [
        .package(name: "swift-discovery-generator", path: "../.."),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // What the tool does, as functions that take the clients, so that tests run them against local fakes.
        .target(
            name: "DriveCalendar",
            dependencies: [
                .product(name: "GoogleDrive", package: "swift-discovery-generator"),
                .product(name: "GoogleCalendar", package: "swift-discovery-generator"),
                .product(name: "DiscoveryRuntime", package: "swift-discovery-generator"),
                .product(name: "DiscoveryAuth", package: "swift-discovery-generator"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
        .executableTarget(
            name: "drive-calendar",
            dependencies: [
                "DriveCalendar",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ]
)
