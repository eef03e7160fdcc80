extension Expr {
    /// The expression written back as source, e.g. for a legend label: `sigmoid(x) * 2`.
    var sourceText: String { printed(parentPrecedence: 0) }

    private var precedence: Int {
        switch kind {
        case .binary(let op, _, _):
            switch op {
            case .add, .subtract: 1
            case .multiply, .divide, .matmul: 2
            case .power: 4
            }
        case .negate: 3
        default: 5
        }
    }

    private func printed(parentPrecedence: Int) -> String {
        let text: String
        switch kind {
        case .number(let v, _): text = NumberFormat.choose(for: [v]).format(v)
        case .string(let s): text = "\"\(s)\""
        case .bool(let b): text = b ? "true" : "false"
        case .identifier(let name): text = name
        case .array(let elements): text = "[" + elements.map { $0.printed(parentPrecedence: 0) }.joined(separator: ", ") + "]"
        case .negate(let operand): text = "-" + operand.printed(parentPrecedence: 3)
        case .binary(let op, let lhs, let rhs):
            let p = precedence
            let leftParent = op == .power ? p + 1 : p
            let rightParent = op == .power ? p : p + 1
            text = lhs.printed(parentPrecedence: leftParent) + " \(op.rawValue) " + rhs.printed(parentPrecedence: rightParent)
        case .call(let callee, let args):
            text = callee.printed(parentPrecedence: 5) + "(" + args.map { ($0.label.map { "\($0): " } ?? "") + $0.value.printed(parentPrecedence: 0) }.joined(separator: ", ") + ")"
        case .index(let base, let components):
            let parts = components.map { c -> String in
                switch c {
                case .single(let e): e.printed(parentPrecedence: 0)
                case .range(let lo, let hi): (lo?.printed(parentPrecedence: 0) ?? "") + ":" + (hi?.printed(parentPrecedence: 0) ?? "")
                }
            }
            text = base.printed(parentPrecedence: 5) + "[" + parts.joined(separator: ", ") + "]"
        case .member(let base, let name): text = base.printed(parentPrecedence: 5) + "." + name
        }
        return precedence < parentPrecedence ? "(" + text + ")" : text
    }
}
