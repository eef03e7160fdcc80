/// An expression with the block position of its first character.
public struct Expr: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
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

    public var kind: Kind
    public var position: ScriptPosition

    public init(_ kind: Kind, at position: ScriptPosition) {
        self.kind = kind
        self.position = position
    }
}

public enum BinaryOperator: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", matmul = "@"
}

/// A call argument, positional (`label == nil`) or labelled (`from: -5`).
public struct Argument: Hashable, Sendable {
    public var label: String?
    public var value: Expr
    public var position: ScriptPosition

    public init(label: String?, value: Expr, position: ScriptPosition) {
        self.label = label
        self.value = value
        self.position = position
    }
}

/// One component of `x[i, a:b, :]`.
public enum IndexComponent: Hashable, Sendable {
    case single(Expr)
    case range(Expr?, Expr?)
}

/// `# => value`: the value a statement must produce, to the precision written.
public struct Expectation: Hashable, Sendable {
    public var value: Expr
    public var text: String
    public var position: ScriptPosition
}

/// One line (or bracketed group of lines) of a block.
public struct Statement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case assignment(String, Expr)
        /// `f(x) = expr`: a function of one or more tensors.
        case function(String, parameters: [String], body: Expr)
        case expression(Expr)
    }

    public var kind: Kind
    public var position: ScriptPosition
    /// The last block line the statement (with its expectation) occupies; output is shown after it.
    public var lastLine: Int
    public var expectation: Expectation?
    /// A trailing `;` hides the value.
    public var isSilent: Bool
}

/// A parsed block: its statements and the syntax errors (each statement with an error is left out).
public struct Program: Sendable {
    public var statements: [Statement]
    public var errors: [ScriptError]
}
