// swift-tools-version:6.0
// A stand-alone release build of SiteMath (and SiteCore) for the math-protection benchmark. `SiteCoreSource`
// and `SiteMathSource` are symlinks to ../../Sources/… that run.sh creates (git-ignored).
import PackageDescription

let package = Package(
    name: "math-protect-bench",
    platforms: [.macOS(.v13)],
    targets: [
        .target(name: "SiteCore", path: "SiteCoreSource"),
        .target(name: "SiteMath", dependencies: ["SiteCore"], path: "SiteMathSource"),
        .executableTarget(name: "math-protect-bench", dependencies: ["SiteMath"], path: "Sources/math-protect-bench"),
    ]
)
