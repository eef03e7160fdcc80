// swift-tools-version:6.0
// A stand-alone release build of the Tensor module for benchmarking. `TensorSource` and `CTensorKernelsSource`
// are symlinks to ../../Sources/Tensor and ../../Sources/CTensorKernels that run.sh creates (git-ignored), so no
// other dependency of the repo is built.
import PackageDescription

let package = Package(
    name: "tensor-bench",
    targets: [
        .target(name: "CTensorKernels", path: "CTensorKernelsSource"),
        .target(name: "Tensor", dependencies: ["CTensorKernels"], path: "TensorSource"),
        .executableTarget(name: "tensor-bench", dependencies: ["Tensor"], path: "Sources/tensor-bench"),
    ]
)
