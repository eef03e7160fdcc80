/// An expression with the block position of its first character (of its last operator, for `.binary`).
///
/// Chains of operators are flat (`.binary` holds every operand of `1 + 2 + … + n`) and the parser bounds
/// nesting, so the tree stays shallow and the recursive walks over it (evaluation, printing, `deinit`) fit
/// in a small thread stack.
struct Expr: Hashable, Sendable {
    indirect enum Kind: Hashable, Sendable {
        case number(Double, halfUnit: Double)
        case string(String)
        case bool(Bool)
        case identifier(String)
        /// `[a, b, c]`; nested arrays are matrices.
        case array([Expr])
        case negate(Expr)
        /// `a + b - c`: the first operand, then operators of one precedence level applied left to right.
        /// `^` is right-associative: `2^3^2` is `2` then `^ 3^2`, one step whose operand is itself a power.
        case binary(Expr, [BinaryStep])
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

/// One operator of a chain and its right operand; errors of the operation are reported at the operator.
struct BinaryStep: Hashable, Sendable {
    var op: BinaryOperator
    var operand: Expr
    var position: ScriptPosition
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
