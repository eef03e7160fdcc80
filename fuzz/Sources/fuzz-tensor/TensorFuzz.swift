@testable import TensorScript

/// The tensor language: each ```tensor block of the input (the whole input when it has none) parsed,
/// evaluated and rendered to HTML, as the build does, with a short time limit so that slow programs are
/// stopped as the build stops them instead of counting as hangs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTensor(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let blocks = TensorFences.find(in: text)
    for source in blocks.isEmpty ? [text] : blocks.map(\.source) {
        _ = ExampleEvaluator.evaluate(source, path: "fuzz.md", firstLine: 1, column: 1, timeLimit: .milliseconds(100))
    }
    return 0
}
