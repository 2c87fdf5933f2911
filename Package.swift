// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-discovery-generator",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .executable(name: "discovery-generator", targets: ["discovery-generator"]),
        .plugin(name: "DiscoveryGeneratorPlugin", targets: ["DiscoveryGeneratorPlugin"]),
        .plugin(name: "GenerateDiscoveryClientPlugin", targets: ["GenerateDiscoveryClientPlugin"]),
        .library(name: "DiscoveryRuntime", targets: ["DiscoveryRuntime"]),
        .library(name: "DataPortability", targets: ["DataPortability"]),
        .library(name: "DiscoveryAuth", targets: ["DiscoveryAuth"]),
        .library(name: "PortabilityExport", targets: ["PortabilityExport"]),
        .executable(name: "portability-export", targets: ["portability-export"]),
    ],
    dependencies: [
        // The generator tool depends on swift-argument-parser only: every user of the plugins builds it.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The runtime that generated clients import.
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // OAuth's signatures and hashes, for DiscoveryAuth only: a generated client alone never builds it.
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // The transports of portability-export, which both stream its downloads to disk: URLSession on Apple
        // platforms, AsyncHTTPClient elsewhere (Linux's URLSession receives a body whole). Only that executable depends
        // on AsyncHTTPClient: a generated client, DiscoveryRuntime or PortabilityExport never builds SwiftNIO
        // (scripts/check-build-plugin.sh checks it in a real consumer).
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.0.0"),
    ],
    targets: [
        // load: libyaml events to a node tree with line:column.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "DiscoveryYAML", dependencies: ["CYAML"]),
        // spec: the typed model, its validation and path templates.
        .target(name: "DiscoverySpec", dependencies: ["DiscoveryYAML"]),
        // generate: naming and Swift rendering.
        .target(name: "DiscoveryCodegen", dependencies: ["DiscoverySpec"]),
        // files: which files a run writes, checks or leaves alone.
        .target(name: "DiscoveryOutput", dependencies: ["DiscoveryCodegen"]),
        // import: Google Discovery documents (JSON) to spec YAML, checked as the generator would check it.
        .target(
            name: "DiscoveryImport", dependencies: ["DiscoveryYAML", "DiscoverySpec", "DiscoveryCodegen", "CYAML"]),
        // diff: what changed between two specs, and whether it breaks users of the generated code.
        .target(name: "SpecDiff", dependencies: ["DiscoverySpec"]),
        .executableTarget(
            name: "discovery-generator",
            dependencies: [
                "DiscoveryOutput", "DiscoveryImport", "SpecDiff",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/DiscoveryGeneratorCLI"
        ),
        // Generation at build time, from the one *.discovery.yaml spec of a target.
        .plugin(name: "DiscoveryGeneratorPlugin", capability: .buildTool(), dependencies: ["discovery-generator"]),
        // `swift package generate-discovery-client`: regenerates the checked-in Generated/ from spec/.
        .plugin(
            name: "GenerateDiscoveryClientPlugin",
            capability: .command(
                intent: .custom(
                    verb: "generate-discovery-client", description: "Regenerate Generated/<Module>/ from spec/*.yaml"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated client sources into Generated/")]
            ),
            dependencies: ["discovery-generator"]
        ),

        // The runtime library generated code imports; it knows nothing of the generator.
        .target(
            name: "DiscoveryRuntime",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Token providers for AccessTokenMiddleware: installed apps, service accounts, Application Default Credentials.
        .target(
            name: "DiscoveryAuth",
            dependencies: [
                "DiscoveryRuntime",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Generated from spec/dataportability.yaml by `swift run discovery-generator`.
        .target(
            name: "DataPortability",
            dependencies: ["DiscoveryRuntime", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            path: "Generated/DataPortability"
        ),

        // A person's Data Portability export, consent to reset, and the command-line tool that runs it.
        .target(
            name: "PortabilityExport",
            dependencies: [
                "DataPortability", "DiscoveryAuth", "DiscoveryRuntime",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "portability-export",
            dependencies: [
                "PortabilityExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(
                    name: "OpenAPIURLSession", package: "swift-openapi-urlsession",
                    condition: .when(platforms: [.macOS, .iOS, .tvOS, .watchOS, .visionOS, .macCatalyst])),
                .product(
                    name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client",
                    condition: .when(platforms: [.linux, .windows, .android, .openbsd])),
            ],
            path: "Sources/PortabilityExportCLI"
        ),

        // The golden output of the torture fixture, compiled so that the tests prove generated code builds.
        .target(
            name: "Torture",
            dependencies: ["DiscoveryRuntime", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            path: "Tests/Fixtures/torture/Expected/Torture"
        ),

        // RecordingTransport, the ClientTransport that the runtime's and the client's tests share.
        .target(
            name: "TestTransport",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/Support/TestTransport"
        ),
        // JSONDifferential, which checks the client's JSON reader and writer against JSONDecoder and JSONEncoder on
        // documents made from generated types.
        .target(name: "JSONDifferential", dependencies: ["DiscoveryRuntime"], path: "Tests/Support/JSONDifferential"),

        .testTarget(name: "DiscoveryYAMLTests", dependencies: ["DiscoveryYAML"]),
        .testTarget(name: "DiscoverySpecTests", dependencies: ["DiscoverySpec"]),
        // Import and diff, on synthetic documents and on every saved real Discovery document.
        .testTarget(
            name: "DiscoveryImportTests",
            dependencies: ["DiscoveryImport", "SpecDiff", "DiscoveryCodegen", "DiscoveryRuntime"]),
        // End to end: specs to files, goldens, the invalid-spec corpus.
        .testTarget(
            name: "DiscoveryGeneratorTests",
            dependencies: [
                "DiscoveryOutput", "Torture", "TestTransport", "JSONDifferential",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["InvalidSpecs"]),
        .testTarget(
            name: "DiscoveryRuntimeTests",
            dependencies: [
                "DiscoveryRuntime", "TestTransport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DiscoveryAuthTests",
            dependencies: [
                "DiscoveryAuth", "DiscoveryRuntime", "TestTransport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DataPortabilityTests",
            dependencies: [
                "DataPortability", "DiscoveryRuntime", "TestTransport", "JSONDifferential",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)

// The catalogue: Google's most used APIs, each generated into Generated/<Module>/ from spec/<name>.yaml (kept
// current by scripts/refresh-apis.sh) and vended as a library product of its own, so that an app builds only the
// ones it depends on. A module is `Google` followed by the name `import` derives from the document (its canonical
// name, else its title without "API"), without a second `Google`; Data Portability keeps its first name.
let catalogue = [
    "GoogleBigquery", "GoogleCalendar", "GoogleCloudStorageJSON", "GoogleDocs", "GoogleDrive", "GoogleFirestore",
    "GoogleGmail", "GoogleIdentityToolkit", "GooglePeopleService", "GooglePubsub", "GoogleSheets", "GoogleSlides",
    "GoogleTasks", "GoogleYouTube",
]
package.products += catalogue.map { .library(name: $0, targets: [$0]) }
package.targets += catalogue.map { module in
    .target(
        name: module,
        dependencies: ["DiscoveryRuntime", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
        path: "Generated/\(module)")
}

// Documentation: `DISCOVERY_DOCS=1 swift package generate-documentation`. Only then is swift-docc-plugin
// a dependency, so that packages depending on this one never resolve or build it. The Swift Package Index
// sets SPI_GENERATE_DOCS when it builds documentation; it adds the plugin itself only to manifests that do not
// mention it at all, and this one does.
if Context.environment["DISCOVERY_DOCS"] != nil || Context.environment["SPI_GENERATE_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"))
}

// Fuzzing: `scripts/fuzz.sh TARGET SECONDS` (see Fuzz/README.md). Only with DISCOVERY_FUZZ set do the libFuzzer
// targets exist, so that `swift build`, `swift test` and the packages that depend on this one never build them.
if Context.environment["DISCOVERY_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "FuzzYAMLLoader", dependencies: ["DiscoveryYAML"], path: "Fuzz/FuzzYAMLLoader"),
        .executableTarget(
            name: "FuzzSpec", dependencies: ["DiscoverySpec", "DiscoveryCodegen"], path: "Fuzz/FuzzSpec"),
        .executableTarget(name: "FuzzPathTemplate", dependencies: ["DiscoverySpec"], path: "Fuzz/FuzzPathTemplate"),
        .executableTarget(
            name: "FuzzImport", dependencies: ["DiscoveryImport", "DiscoveryCodegen"], path: "Fuzz/FuzzImport"),
        .executableTarget(
            name: "FuzzJSON", dependencies: ["DiscoveryRuntime", "Torture", "DataPortability"], path: "Fuzz/FuzzJSON"),
    ]
}
