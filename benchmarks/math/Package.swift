// swift-tools-version:6.0
// A stand-alone release build of SiteMath (and SiteCore) for the KaTeX bridge benchmark. `SiteCoreSource`
// and `SiteMathSource` are symlinks to ../../Sources/… that run.sh creates (git-ignored).
import PackageDescription

let package = Package(
    name: "katex-bridge-bench",
    platforms: [.macOS(.v13)],
    targets: [
        .target(name: "SiteCore", path: "SiteCoreSource"),
        .target(name: "SiteMath", dependencies: ["SiteCore"], path: "SiteMathSource"),
        .executableTarget(name: "katex-bridge-bench", dependencies: ["SiteMath"], path: "Sources/katex-bridge-bench"),
    ]
)
