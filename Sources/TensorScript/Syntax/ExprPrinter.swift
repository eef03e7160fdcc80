extension Expr {
    /// The expression written back as source, e.g. for a legend label: `sigmoid(x) * 2`.
    var sourceText: String { printed(parentPrecedence: 0) }

    private var precedence: Int {
        switch kind {
        case .binary(_, let steps):
            switch steps[0].op {
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
        case .binary(let first, let steps):
            // Left-associative chains parenthesise a right operand of the same level; `^` the reverse.
            let p = precedence
            let power = steps[0].op == .power
            text = first.printed(parentPrecedence: power ? p + 1 : p)
                + steps.map { " \($0.op.rawValue) " + $0.operand.printed(parentPrecedence: power ? p : p + 1) }.joined()
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
