import Foundation
import Testing
@testable import Tensor

/// One golden case written by `scripts/tensor-goldens.py`.
struct GoldenCase: Sendable, CustomStringConvertible {
    var name: String
    var op: String
    var attrs: [String: GoldenAttribute]
    var inputs: [String: Tensor]
    var outputs: [String: Tensor]
    var grads: [String: Tensor]
    var description: String { name }

    func input(_ key: String) throws -> Tensor {
        guard let t = inputs[key] else { throw TensorError("golden case \(name) has no input \(key)") }
        return t
    }

    func ints(_ key: String) -> [Int] {
        if case .ints(let v)? = attrs[key] { return v }
        if case .number(let v)? = attrs[key] { return [Int(v)] }
        return []
    }

    func number(_ key: String) -> Double? {
        if case .number(let v)? = attrs[key] { return v }
        return nil
    }

    func pair(_ key: String, default value: Int) -> Pair2D {
        let v = ints(key)
        if v.count == 2 { return Pair2D(v[0], v[1]) }
        return Pair2D(v.first ?? value)
    }
}

enum GoldenAttribute: Sendable, Decodable {
    case number(Double)
    case ints([Int])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([Int].self) { self = .ints(list) } else { self = .number(try container.decode(Double.self)) }
    }
}

/// The JSON layout of Goldens/*.json. `JSONDecoder` parses doubles exactly (round-trip), unlike `JSONSerialization`.
private struct GoldenFile: Decodable {
    struct RawTensor: Decodable {
        var shape: [Int]
        var data: [Double]
    }
    struct RawCase: Decodable {
        var name: String
        var op: String
        var attrs: [String: GoldenAttribute]
        var inputs: [String: RawTensor]
        var outputs: [String: RawTensor]
        var grads: [String: RawTensor]
    }
    var cases: [RawCase]
}

struct RNGGoldenFile: Decodable {
    struct Case: Decodable {
        var seed: UInt64
        var bits: [String]
        var uniform: [Double]
        var normal: [Double]
    }
    var cases: [Case]
}

enum Goldens {
    /// All cases of one golden file (e.g. "activations").
    static func load(_ file: String) throws -> [GoldenCase] {
        let raw = try JSONDecoder().decode(GoldenFile.self, from: data(file))
        func tensors(_ dict: [String: GoldenFile.RawTensor]) throws -> [String: Tensor] {
            try dict.mapValues { try Tensor(shape: $0.shape, scalars: $0.data) }
        }
        return try raw.cases.map {
            GoldenCase(name: $0.name, op: $0.op, attrs: $0.attrs, inputs: try tensors($0.inputs),
                       outputs: try tensors($0.outputs), grads: try tensors($0.grads))
        }
    }

    static func rng() throws -> [RNGGoldenFile.Case] {
        try JSONDecoder().decode(RNGGoldenFile.self, from: data("rng")).cases
    }

    static func data(_ file: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Goldens") else {
            throw TensorError("missing golden file \(file).json; run python3 scripts/tensor-goldens.py")
        }
        return try Data(contentsOf: url)
    }
}

/// |a − b| ≤ 1e-9 · max(|a|, |b|) + 1e-12: 1e-9 relative, with a tiny absolute floor for exact zeros.
func closeEnough(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= relative * Swift.max(Swift.abs(a), Swift.abs(b)) + absolute
}

/// Records an issue naming the first mismatching element, if any.
func expectClose(_ actual: Tensor, _ expected: Tensor, relative: Double = 1e-9, absolute: Double = 1e-12,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.shape == expected.shape else {
        Issue.record("\(what): shape \(actual.shape) != expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    for i in 0..<actual.count where !closeEnough(actual.scalars[i], expected.scalars[i], relative: relative, absolute: absolute) {
        Issue.record("\(what): element \(i) is \(actual.scalars[i]), expected \(expected.scalars[i])", sourceLocation: sourceLocation)
        return
    }
}
