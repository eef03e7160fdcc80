import Tensor

/// One parameter of a builtin: required, optional (with a default), or variadic (`*name`).
struct Parameter: Sendable {
    enum Kind: Sendable { case required, optional, variadic }
    var name: String
    var kind: Kind
    var defaultValue: Value

    static func required(_ name: String) -> Parameter { Parameter(name: name, kind: .required, defaultValue: .none) }
    static func optional(_ name: String, _ value: Value = .none) -> Parameter { Parameter(name: name, kind: .optional, defaultValue: value) }
    static func optional(_ name: String, _ number: Double) -> Parameter { Parameter(name: name, kind: .optional, defaultValue: .tensor(Tensor(number))) }
    static func variadic(_ name: String) -> Parameter { Parameter(name: name, kind: .variadic, defaultValue: .none) }
}

/// A function provided by the language, documented by its signature, a summary and an example.
struct Builtin: Sendable {
    var name: String
    var parameters: [Parameter]
    var summary: String
    /// A statement that uses the builtin; the tests run every example and the reference shows it.
    var example: String
    var group: String
    var run: @Sendable (EvaluationContext, BoundArguments) throws -> Value

    /// `leaky_relu(x, alpha: 0.01)`
    var signature: String {
        let parts = parameters.map { p -> String in
            switch p.kind {
            case .required: p.name
            case .variadic: "\(p.name)…"
            case .optional:
                switch p.defaultValue {
                case .tensor(let t): "\(p.name): \(t.scalar.map { NumberFormat.choose(for: [$0]).format($0) } ?? "…")"
                case .bool(let b): "\(p.name): \(b)"
                case .string(let s): "\(p.name): \"\(s)\""
                default: "\(p.name): …"
                }
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// Arguments of one call matched to a builtin's parameters, with positions for error messages.
struct BoundArguments {
    struct Entry {
        var value: Value
        var position: ScriptPosition
        /// The argument as written, for labels.
        var text: String = ""
    }

    var functionName: String
    var callPosition: ScriptPosition
    var values: [String: Entry]
    var rest: [Entry]

    /// Matches positional arguments in order and labelled ones by name.
    init(_ builtin: Builtin, positional: [Entry], labelled: [(String, Entry)], at position: ScriptPosition) throws {
        functionName = builtin.name
        callPosition = position
        values = [:]
        rest = []
        var index = 0
        for parameter in builtin.parameters {
            if parameter.kind == .variadic {
                rest = Array(positional.dropFirst(index))
                index = positional.count
            } else if index < positional.count {
                values[parameter.name] = positional[index]
                index += 1
            }
        }
        if index < positional.count {
            throw ScriptError("\(builtin.name) takes at most \(index) positional arguments; usage: \(builtin.signature)", at: positional[index].position, code: "tensor-arguments")
        }
        for (label, entry) in labelled {
            guard let parameter = builtin.parameters.first(where: { $0.name == label && $0.kind != .variadic }) else {
                let known = builtin.parameters.filter { $0.kind != .variadic }.map(\.name).joined(separator: ", ")
                throw ScriptError("\(builtin.name) has no argument '\(label)' (it takes \(known.isEmpty ? "none" : known)); usage: \(builtin.signature)", at: entry.position, code: "tensor-arguments")
            }
            if values[parameter.name] != nil {
                throw ScriptError("argument '\(label)' of \(builtin.name) is given twice", at: entry.position, code: "tensor-arguments")
            }
            values[parameter.name] = entry
        }
        for parameter in builtin.parameters where values[parameter.name] == nil {
            switch parameter.kind {
            case .required:
                throw ScriptError("\(builtin.name) needs the argument '\(parameter.name)'; usage: \(builtin.signature)", at: position, code: "tensor-arguments")
            case .optional:
                values[parameter.name] = Entry(value: parameter.defaultValue, position: position)
            case .variadic:
                break
            }
        }
    }

    func value(_ name: String) -> Value { values[name]?.value ?? .none }
    func position(_ name: String) -> ScriptPosition { values[name]?.position ?? callPosition }
    func isGiven(_ name: String) -> Bool {
        if case .none = value(name) { return false }
        return true
    }

    func tensor(_ name: String) throws -> Tensor {
        try Self.tensor(value(name), named: name, in: functionName, at: position(name))
    }

    func optionalTensor(_ name: String) throws -> Tensor? {
        isGiven(name) ? try tensor(name) : nil
    }

    func double(_ name: String) throws -> Double {
        let t = try tensor(name)
        guard let v = t.scalar, t.count == 1 else {
            throw ScriptError("'\(name)' of \(functionName) must be a number, got a tensor of shape \(Display.shapeText(t.shape))", at: position(name), code: "tensor-type")
        }
        return v
    }

    func int(_ name: String, minimum: Int? = nil) throws -> Int {
        let v = try double(name)
        guard v == v.rounded(), abs(v) < 1e9 else {
            throw ScriptError("'\(name)' of \(functionName) must be a whole number, got \(NumberFormat.choose(for: [v]).format(v))", at: position(name), code: "tensor-type")
        }
        if let minimum, Int(v) < minimum {
            throw ScriptError("'\(name)' of \(functionName) must be at least \(minimum), got \(Int(v))", at: position(name), code: "tensor-type")
        }
        return Int(v)
    }

    func bool(_ name: String) throws -> Bool {
        switch value(name) {
        case .bool(let b): return b
        case .tensor(let t) where t.count == 1: return (t.scalar ?? 0) != 0
        case let other:
            throw ScriptError("'\(name)' of \(functionName) must be true or false, got a \(other.typeName)", at: position(name), code: "tensor-type")
        }
    }

    func string(_ name: String) throws -> String {
        guard case .string(let s) = value(name) else {
            throw ScriptError("'\(name)' of \(functionName) must be a string in quotes, got a \(value(name).typeName)", at: position(name), code: "tensor-type")
        }
        return s
    }

    func function(_ name: String) throws -> ScriptFunction {
        guard case .function(let f) = value(name) else {
            throw ScriptError("'\(name)' of \(functionName) must be a function such as sigmoid, got a \(value(name).typeName)", at: position(name), code: "tensor-type")
        }
        return f
    }

    /// A shape given as separate numbers (`zeros(2, 3)`) or one vector (`zeros([2, 3])`). With `inferred`
    /// one size may be −1, to be worked out by `reshape`.
    func shape(fromRest label: String, inferred: Bool = false) throws -> [Int] {
        var dims: [Int] = []
        for entry in rest {
            let t = try Self.tensor(entry.value, named: label, in: functionName, at: entry.position)
            for v in t.scalars {
                guard v == v.rounded(), v >= (inferred ? -1 : 0), v < 1e8 else {
                    throw ScriptError("a shape needs whole non-negative sizes\(inferred ? " (one may be −1)" : ""), got \(NumberFormat.choose(for: [v]).format(v))", at: entry.position, code: "tensor-type")
                }
                dims.append(Int(v))
            }
        }
        return inferred ? dims : try Tensor.validatedShape(dims)
    }

    static func tensor(_ value: Value, named name: String, in function: String, at position: ScriptPosition) throws -> Tensor {
        switch value {
        case .tensor(let t): return t
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .failed(let n): throw DependencyFailure(name: n)
        default:
            throw ScriptError("'\(name)' of \(function) must be a number or tensor, got a \(value.typeName)", at: position, code: "tensor-type")
        }
    }
}

/// Thrown when a statement uses a variable whose own statement failed; reported once, at the cause.
struct DependencyFailure: Error {
    var name: String
}
