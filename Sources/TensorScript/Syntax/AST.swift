/// An expression with the block position of its first character.
struct Expr: Hashable, Sendable {
    indirect enum Kind: Hashable, Sendable {
        case number(Double, halfUnit: Double)
        case string(String)
        case bool(Bool)
        case identifier(String)
        /// `[a, b, c]`; nested arrays are matrices.
        case array([Expr])
        case negate(Expr)
        case binary(BinaryOperator, Expr, Expr)
        case call(Expr, [Argument])
        case index(Expr, [IndexComponent])
        /// `value.name`, a field of a record such as the `h` of an LSTM step.
        case member(Expr, String)
    }

    var kind: Kind
    var position: ScriptPosition

    init(_ kind: Kind, at position: ScriptPosition) {
        self.kind = kind
        self.position = position
    }
}

enum BinaryOperator: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", matmul = "@"
}

/// A call argument, positional (`label == nil`) or labelled (`from: -5`).
struct Argument: Hashable, Sendable {
    var label: String?
    var value: Expr
    var position: ScriptPosition

    init(label: String?, value: Expr, position: ScriptPosition) {
        self.label = label
        self.value = value
        self.position = position
    }
}

/// One component of `x[i, a:b, :]`.
enum IndexComponent: Hashable, Sendable {
    case single(Expr)
    case range(Expr?, Expr?)
}

/// `# => value`: the value a statement must produce, to the precision written.
struct Expectation: Hashable, Sendable {
    var value: Expr
    var text: String
    var position: ScriptPosition
}

/// One line (or bracketed group of lines) of a block.
struct Statement: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case assignment(String, Expr)
        /// `f(x) = expr`: a function of one or more tensors.
        case function(String, parameters: [String], body: Expr)
        case expression(Expr)
    }

    var kind: Kind
    var position: ScriptPosition
    /// The last block line the statement (with its expectation) occupies; output is shown after it.
    var lastLine: Int
    var expectation: Expectation?
    /// A trailing `;` hides the value.
    var isSilent: Bool
}

/// A parsed block: its statements and the syntax errors (each statement with an error is left out).
struct Program: Sendable {
    var statements: [Statement]
    var errors: [ScriptError]
}
