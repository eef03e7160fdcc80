// swift-tools-version:6.0
// A stand-alone release build of the Tensor module for benchmarking. `TensorSource` is a symlink to
// ../../Sources/Tensor that run.sh creates (git-ignored), so no other dependency of the repo is built.
import PackageDescription

let package = Package(
    name: "tensor-bench",
    targets: [
        .target(name: "Tensor", path: "TensorSource"),
        .executableTarget(name: "tensor-bench", dependencies: ["Tensor"], path: "Sources/tensor-bench"),
    ]
)
