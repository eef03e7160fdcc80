import Tensor

/// The state of one block's evaluation: variables, the random generator, and the call and nesting depth.
///
/// Tensors are capped at `Tensor.maxElementCount` elements by the kernel itself; its refusals become
/// `tensor-too-large` errors naming the operation here. The block's time limit is the `ComputeDeadline`
/// that `BlockRunner` binds, checked before and after every operation (and inside long kernels).
final class EvaluationContext {
    var globals: [String: Value] = [:]
    var rng = TensorRNG(seed: 0)
    private var depth = 0
    private var nesting = 0
    /// Elements produced so far; a block that produces more than `workBudget` stops, so no example can stall the build.
    private var work = 0
    var workBudget = 300_000_000

    /// Calls of definitions inside each other (and functions built by grad, compose and repeat inside each other).
    static let maxDepth = 48
    /// Expressions evaluated inside each other, counting the bodies of called definitions: bounds the stack
    /// a block needs (parse trees are at most `Parser.maxNesting` deep, but definitions can call each other).
    static let maxNesting = 160

    // MARK: expressions

    /// Each case is its own function, so one level of a deep expression costs the stack of the case it
    /// takes rather than of all of them (a debug build reserves every case's locals in one frame).
    func evaluate(_ expr: Expr, locals: [String: Value] = [:]) throws -> Value {
        try enterNesting(at: expr.position)
        defer { nesting -= 1 }
        switch expr.kind {
        case .number(let v, _): return .tensor(Tensor(v))
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .identifier(let name): return try lookup(name, locals: locals, at: expr.position)
        case .array(let elements): return try array(elements, locals: locals, at: expr.position)
        case .negate(let operand): return .tensor(-(try tensorOperand(operand, locals: locals, role: "operand of '-'")))
        case .binary(let first, let steps): return try chain(first, steps, locals: locals)
        case .call(let callee, let arguments): return try call(callee, arguments, locals: locals, at: expr.position)
        case .index(let base, let components): return try index(base, components, locals: locals, at: expr.position)
        case .member(let base, let name): return try member(try evaluate(base, locals: locals), name, at: expr.position)
        }
    }

    private func enterNesting(at position: ScriptPosition) throws {
        guard nesting < Self.maxNesting else {
            throw ScriptError("expressions and the definitions they call nest more than \(Self.maxNesting) levels deep", at: position, code: "tensor-recursion")
        }
        nesting += 1
    }

    private func array(_ elements: [Expr], locals: [String: Value], at position: ScriptPosition) throws -> Value {
        var tensors: [Tensor] = []
        for element in elements {
            let value = try evaluate(element, locals: locals)
            tensors.append(try BoundArguments.tensor(value, named: "element", in: "an array", at: element.position))
        }
        guard let first = tensors.first else { return .tensor(Tensor([Double]())) }
        if let bad = tensors.firstIndex(where: { $0.shape != first.shape }) {
            throw ScriptError("array elements must have one shape: the first is \(Display.shapeText(first.shape)), this one \(Display.shapeText(tensors[bad].shape))", at: elements[bad].position, code: "tensor-shape")
        }
        return .tensor(try kernel(at: position, operation: "this array") { try Tensor.stack(tensors, axis: 0) })
    }

    private func chain(_ first: Expr, _ steps: [BinaryStep], locals: [String: Value]) throws -> Value {
        var result = try tensorOperand(first, locals: locals, role: "left operand of '\(steps[0].op.rawValue)'")
        for step in steps {
            let b = try tensorOperand(step.operand, locals: locals, role: "right operand of '\(step.op.rawValue)'")
            result = try binary(step.op, result, b, at: step.position)
        }
        return .tensor(result)
    }

    private func call(_ calleeExpr: Expr, _ arguments: [Argument], locals: [String: Value], at position: ScriptPosition) throws -> Value {
        let callee = try evaluate(calleeExpr, locals: locals)
        guard case .function(let function) = callee else {
            if case .failed(let name) = callee { throw DependencyFailure(name: name) }
            throw ScriptError("a \(callee.typeName) cannot be called like a function", at: position, code: "tensor-type")
        }
        var positional: [BoundArguments.Entry] = []
        var labelled: [(String, BoundArguments.Entry)] = []
        for argument in arguments {
            let entry = BoundArguments.Entry(value: try evaluate(argument.value, locals: locals), position: argument.value.position, text: argument.value.sourceText)
            if let label = argument.label {
                labelled.append((label, BoundArguments.Entry(value: entry.value, position: argument.position)))
            } else {
                positional.append(entry)
            }
        }
        return try call(function, positional: positional, labelled: labelled, at: position)
    }

    private func tensorOperand(_ expr: Expr, locals: [String: Value], role: String) throws -> Tensor {
        let value = try evaluate(expr, locals: locals)
        if case .tensor(let t) = value { return t }
        if case .failed(let name) = value { throw DependencyFailure(name: name) }
        throw ScriptError("the \(role) must be a number or tensor, got a \(value.typeName)", at: expr.position, code: "tensor-type")
    }

    func lookup(_ name: String, locals: [String: Value], at position: ScriptPosition) throws -> Value {
        if let v = locals[name] ?? globals[name] {
            if case .failed(let n) = v { throw DependencyFailure(name: n) }
            return v
        }
        if let builtin = Builtins.table[name] {
            return .function(ScriptFunction(name: name, body: .builtin(builtin)))
        }
        if let constant = Builtins.constants[name] { return .tensor(Tensor(constant)) }
        let candidates = Array(locals.keys) + Array(globals.keys) + Array(Builtins.table.keys) + Array(Builtins.constants.keys)
        let hint = Spelling.closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
        throw ScriptError("unknown name '\(name)'\(hint)", at: position, code: "tensor-name")
    }

    func binary(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor, at position: ScriptPosition) throws -> Tensor {
        try kernel(at: position, operation: "'\(op.rawValue)' of shapes \(Display.shapeText(a.shape)) and \(Display.shapeText(b.shape))") {
            switch op {
            case .add: return try a + b
            case .subtract: return try a - b
            case .multiply: return try a * b
            case .divide: return try a / b
            case .matmul: return try KernelAdapter.matmul(a, b)
            case .power:
                if b.count == 1, !b.requiresGrad, let e = b.scalar {
                    return a.pow(e)
                }
                return try a.pow(b)
            }
        }
    }

    private func index(_ base: Expr, _ components: [IndexComponent], locals: [String: Value], at position: ScriptPosition) throws -> Value {
        let t = try tensorOperand(base, locals: locals, role: "indexed value")
        guard components.count <= t.rank else {
            throw ScriptError("\(components.count) indices for a tensor of shape \(Display.shapeText(t.shape))", at: position, code: "tensor-index")
        }
        var result = t
        var axis = 0
        func integer(_ e: Expr) throws -> Int {
            let v = try tensorOperand(e, locals: locals, role: "index")
            guard let s = v.scalar, s == s.rounded(), abs(s) < 1e9 else {
                throw ScriptError("an index must be a whole number", at: e.position, code: "tensor-index")
            }
            return Int(s)
        }
        for component in components {
            let size = result.shape[axis]
            switch component {
            case .single(let e):
                let i = try integer(e)
                guard i >= -size && i < size else {
                    throw ScriptError("index \(i) is out of range for an axis of size \(size) (shape \(Display.shapeText(t.shape)))", at: e.position, code: "tensor-index")
                }
                let r = result
                result = try kernel(at: e.position, operation: "indexing") { try r.select(axis: axis, index: i < 0 ? i + size : i) }
            case .range(let lo, let hi):
                var start = try lo.map(integer) ?? 0
                var end = try hi.map(integer) ?? size
                if start < 0 { start += size }
                if end < 0 { end += size }
                start = min(max(start, 0), size)
                end = min(max(end, start), size)
                let r = result
                result = try kernel(at: position, operation: "slicing") { try r.slice(axis: axis, start: start, end: end) }
                axis += 1
            }
        }
        return .tensor(result)
    }

    private func member(_ value: Value, _ name: String, at position: ScriptPosition) throws -> Value {
        switch value {
        case .record(let fields):
            if let field = fields.first(where: { $0.name == name }) { return field.value }
            throw ScriptError("no field '\(name)'; this result has \(fields.map(\.name).joined(separator: ", "))", at: position, code: "tensor-name")
        case .trajectory(let trajectory):
            switch name {
            case "loss": return .tensor(Tensor(trajectory.losses))
            case "final": return .tensor(trajectory.parameters.last ?? Tensor([Double]()))
            case "params": return .tensor(try kernel(at: position, operation: "params") { try Tensor.stack(trajectory.parameters, axis: 0) })
            default: throw ScriptError("no field '\(name)'; a trajectory has loss, final, params", at: position, code: "tensor-name")
            }
        case .tensor(let t):
            switch name {
            case "shape": return .tensor(Tensor(t.shape.map(Double.init)))
            case "T": return .tensor(t.transposed())
            default: throw ScriptError("no field '\(name)'; a tensor has shape, T", at: position, code: "tensor-name")
            }
        case .failed(let n):
            throw DependencyFailure(name: n)
        default:
            throw ScriptError("a \(value.typeName) has no fields", at: position, code: "tensor-type")
        }
    }

    /// Runs kernel code, turning its errors into errors at `position` (a refused size names `operation`),
    /// charging its result to the work budget and checking the time limit before and after.
    func kernel<T>(at position: ScriptPosition, operation: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        let result: T
        do {
            try ComputeDeadline.check()
            result = try body()
            try ComputeDeadline.check()
        } catch let error as TensorError {
            switch error.kind {
            case .invalidArgument:
                throw ScriptError(error.message, at: position, code: "tensor-shape")
            case .tooLarge(let shape):
                let count = shape.reduce(1.0) { $0 * Double(max($1, 0)) }
                let elements = count < 1e18 ? String(Int(count)) : NumberFormat.compact(count)
                throw ScriptError("\(operation()) would make a tensor of shape \(Display.shapeText(shape)) (\(elements) elements); examples may use at most \(Tensor.maxElementCount)", at: position, code: "tensor-too-large")
            case .deadlinePassed:
                throw TimeLimitExceeded()
            }
        }
        if let t = result as? Tensor {
            work += t.count
        } else if let value = result as? Value, case .tensor(let t) = value {
            work += t.count
        } else {
            work += 1
        }
        if work > workBudget {
            throw ScriptError("this block computes more than \(workBudget) numbers; make the example smaller", at: position, code: "tensor-too-large")
        }
        return result
    }

    // MARK: calls

    func call(_ function: ScriptFunction, positional: [BoundArguments.Entry], labelled: [(String, BoundArguments.Entry)], at position: ScriptPosition) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw ScriptError("functions call each other more than \(Self.maxDepth) levels deep (a definition that calls itself?)", at: position, code: "tensor-recursion")
        }
        switch function.body {
        case .builtin(let builtin): return try callBuiltin(builtin, positional: positional, labelled: labelled, at: position)
        case .user(let parameters, let body):
            return try callDefinition(function, parameters, body, positional: positional, labelled: labelled, at: position)
        case .derivative(let inner):
            return try callDerivative(function, of: inner, positional: positional, labelled: labelled, at: position)
        case .composition(let functions):
            var current = positional
            var result: Value = .none
            for (i, f) in functions.enumerated() {
                result = try call(f, positional: current, labelled: i == 0 ? labelled : [], at: position)
                current = [BoundArguments.Entry(value: result, position: position)]
            }
            return result
        }
    }

    private func callBuiltin(_ builtin: Builtin, positional: [BoundArguments.Entry], labelled: [(String, BoundArguments.Entry)], at position: ScriptPosition) throws -> Value {
        let bound = try BoundArguments(builtin, positional: positional, labelled: labelled, at: position)
        return try kernel(at: position, operation: Self.describeCall(builtin.name, positional: positional, labelled: labelled)) {
            try builtin.run(self, bound)
        }
    }

    private func callDefinition(_ function: ScriptFunction, _ parameters: [String], _ body: Expr, positional: [BoundArguments.Entry],
                                labelled: [(String, BoundArguments.Entry)], at position: ScriptPosition) throws -> Value {
        var locals: [String: Value] = [:]
        guard positional.count + labelled.count == parameters.count else {
            throw ScriptError("\(function.name) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s") (\(parameters.joined(separator: ", "))), got \(positional.count + labelled.count)", at: position, code: "tensor-arguments")
        }
        for (parameter, entry) in zip(parameters, positional) { locals[parameter] = entry.value }
        for (label, entry) in labelled {
            guard parameters.contains(label), locals[label] == nil else {
                throw ScriptError("\(function.name) has no argument '\(label)' left to set (it takes \(parameters.joined(separator: ", ")))", at: entry.position, code: "tensor-arguments")
            }
            locals[label] = entry.value
        }
        do {
            return try evaluate(body, locals: locals)
        } catch let error as ScriptError where error.code != "tensor-recursion" {
            // Reported where the author called the function, naming it, rather than inside its definition.
            throw ScriptError("in \(function.name): \(error.message)", at: position, code: error.code)
        }
    }

    private func callDerivative(_ function: ScriptFunction, of inner: ScriptFunction, positional: [BoundArguments.Entry],
                                labelled: [(String, BoundArguments.Entry)], at position: ScriptPosition) throws -> Value {
        guard let first = positional.first else {
            throw ScriptError("\(function.name) needs the point x to differentiate at", at: position, code: "tensor-arguments")
        }
        let x = try BoundArguments.tensor(first.value, named: "x", in: function.name, at: first.position)
        if x.requiresGrad {
            // The kernel's gradients are constants, so differentiating through one would silently give 0.
            throw ScriptError("\(function.name) is differentiated again here; derivatives of derivatives are not supported", at: position, code: "tensor-unsupported")
        }
        let others = Array(positional.dropFirst())
        return .tensor(try kernel(at: position, operation: function.name) {
            try grad({ input in
                try self.applyTensor(inner, [BoundArguments.Entry(value: .tensor(input), position: first.position)] + others, labelled: labelled, at: position)
            }, x)
        })
    }

    /// `outer(shape [8000], shape [8000])`: a call as its arguments' shapes (numbers as themselves), for messages.
    static func describeCall(_ name: String, positional: [BoundArguments.Entry], labelled: [(String, BoundArguments.Entry)]) -> String {
        func describe(_ value: Value) -> String {
            switch value {
            case .tensor(let t): t.rank == 0 ? NumberFormat.compact(t.scalar ?? .nan) : "shape \(Display.shapeText(t.shape))"
            case .string(let s): "\"\(s)\""
            case .bool(let b): "\(b)"
            case .function(let f): f.label
            default: value.typeName
            }
        }
        let arguments = positional.map { describe($0.value) } + labelled.map { "\($0.0): \(describe($0.1.value))" }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }

    /// Calls `function` and requires a tensor result.
    func applyTensor(_ function: ScriptFunction, _ positional: [BoundArguments.Entry], labelled: [(String, BoundArguments.Entry)] = [], at position: ScriptPosition) throws -> Tensor {
        let value = try call(function, positional: positional, labelled: labelled, at: position)
        guard case .tensor(let t) = value else {
            throw ScriptError("\(function.label) must return a tensor here, got a \(value.typeName)", at: position, code: "tensor-type")
        }
        return t
    }

    func apply(_ function: ScriptFunction, to x: Tensor, at position: ScriptPosition) throws -> Tensor {
        try applyTensor(function, [BoundArguments.Entry(value: .tensor(x), position: position)], at: position)
    }
}

/// Suggestions for misspelt names.
enum Spelling {
    static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        var best: (String, Int)?
        for candidate in Set(candidates) {
            let d = distance(Array(name.lowercased()), Array(candidate.lowercased()))
            if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && candidate < (best?.0 ?? "")) { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
