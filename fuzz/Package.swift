// swift-tools-version:5.4
// libFuzzer targets for the stages that read notes, one executable each; see README.md. A separate package so
// that `swift build` and `swift test` of sitegen never build them. run.sh builds them with
// `-sanitize=fuzzer,address` (coverage and ASan for every module, libFuzzer's main linked in).
// Tools version 5.4: from 5.5 on, SwiftPM links executables with `main` renamed to `<module>_main`, which
// these targets do not define (`-parse-as-library`: libFuzzer's `main` calls `LLVMFuzzerTestOneInput`).
import PackageDescription

let targets = [
    "fuzz-normalize", "fuzz-math", "fuzz-frontmatter", "fuzz-tensor", "fuzz-templates", "fuzz-html", "fuzz-markdown",
]

let package = Package(
    name: "sitegen-fuzz",
    dependencies: [.package(path: "sitegen")],
    targets: targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "SitegenStages", package: "sitegen")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
