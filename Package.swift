// swift-tools-version:6.0
import PackageDescription

// The build pipeline, one module per stage:
//   SiteMarkdown (parse, the only user of CCmarkGFM) → SiteNormalize (export formats → outline)
//   → SiteMath (protect, repair, render formulas) → TensorScript (runnable examples on Tensor)
//   → SiteHTML (raw HTML in notes sanitised, on libxml2) → SiteRender (Mustache templates)
//   → SiteSearch (the static search index) → SiteTopics (topics, wikilinks, backlinks)
//   → SiteBuild (the named steps, staging output) → SitePublish (git branch, starter site) → sitegen (CLI).
// SitePreview (`sitegen serve`: Hummingbird server, file watcher, rebuilds, live reload) sits on SiteBuild
// in a module of its own, so the pipeline builds and tests without compiling the server.
// SiteCore (diagnostics, source locations, the page model) depends on nothing; Tensor only on CTensorKernels,
// its own C target holding the AVX2 matmul tile (compiled for AVX2 alone, chosen at run time).

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        // The stages that read notes, for the fuzz targets in fuzz/ (a separate package).
        .library(name: "SitegenStages", targets: [
            "SiteNormalize", "SiteMath", "SiteBuild", "TensorScript", "SiteRender", "SiteHTML", "SiteMarkdown",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already required by Hummingbird; named to stop the server (ServiceGroup), quiet its log and name headers.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "SiteCore"),
        .target(name: "CTensorKernels"),
        .target(name: "Tensor", dependencies: ["CTensorKernels"]),
        .target(name: "SiteMarkdown", dependencies: ["SiteCore", "CCmarkGFM"]),
        .target(name: "SiteMath", dependencies: ["SiteCore"]),
        .target(name: "SiteHTML", dependencies: ["SiteCore", "CLibXML2"]),
        .target(name: "SiteNormalize", dependencies: ["SiteCore", "SiteMath"]),
        .target(name: "TensorScript", dependencies: ["Tensor", "SiteCore"]),
        .target(name: "SiteSearch", dependencies: ["SiteCore"]),
        .target(name: "SiteTopics", dependencies: ["SiteCore", "SiteSearch", "SiteMarkdown"], exclude: ["BuiltInTopics.yml"]),
        .target(name: "SiteRender", dependencies: [
            "SiteCore",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "SiteBuild", dependencies: [
            "SiteCore", "SiteMarkdown", "SiteMath", "SiteNormalize", "SiteHTML", "TensorScript", "SiteRender", "SiteSearch", "SiteTopics",
            "SitePublish",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Commits a built site onto a branch with the system git; the files `sitegen init` writes.
        .target(name: "SitePublish"),
        .target(name: "SitePreview", dependencies: [
            "SiteBuild", "SiteCore", "SiteMath",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "sitegen", dependencies: [
            "SiteBuild", "SiteCore", "SitePublish", "SitePreview", "TensorScript",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "SiteCoreTests", dependencies: ["SiteCore"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], resources: [.copy("Goldens")]),
        .testTarget(name: "SiteMarkdownTests", dependencies: ["SiteMarkdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiteHTMLTests", dependencies: ["SiteHTML"]),
        .testTarget(name: "SiteMathTests", dependencies: ["SiteMath"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiteNormalizeTests", dependencies: ["SiteNormalize", "SiteMarkdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TensorScriptTests", dependencies: ["TensorScript"]),
        .testTarget(name: "SiteRenderTests", dependencies: ["SiteRender"]),
        .testTarget(name: "SiteSearchTests", dependencies: ["SiteSearch"]),
        .testTarget(name: "SiteTopicsTests", dependencies: ["SiteTopics", "SiteMarkdown"]),
        .testTarget(name: "SiteBuildTests", dependencies: ["SiteBuild", "SitePublish"]),
        .testTarget(name: "SitePublishTests", dependencies: ["SitePublish", "SiteBuild", "SiteCore"]),
        .testTarget(name: "SitePreviewTests", dependencies: ["SitePreview", "SiteBuild", "SiteCore", "SiteMath"]),
        .testTarget(name: "sitegenTests", dependencies: ["sitegen", "SiteCore", "SitePublish"]),
    ]
)
