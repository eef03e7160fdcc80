/// Reads tokens into statements. Grammar, loosest first:
///
///     statement  := name "=" expr | name "(" names ")" "=" expr | expr      [";"] ["# =>" expr]
///     expr       := term (("+" | "-") term)*
///     term       := unary (("*" | "/" | "@") unary)*
///     unary      := "-" unary | power
///     power      := postfix ["^" unary]                       (right-associative, binds tighter than unary minus)
///     postfix    := primary ("(" args ")" | "[" indices "]" | "." name)*
///     primary    := number | string | name | "[" [expr ("," expr)*] "]" | "(" expr ")"
///     args       := [arg ("," arg)*] where arg := [name ":"] expr
///
/// An error skips the rest of its statement and parsing continues, so one block reports all its syntax errors.
/// Operator chains become one flat `.binary` node; together with the nesting limit this keeps every tree shallow.
struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var nesting = 0
    /// Deeper nesting (`[[[[…`, `----x`, `f(1)(2)(3)…`) is refused rather than risking the stack.
    static let maxNesting = 100
    /// Longer statements (and expectations) are refused before they are parsed, bounding the size of one expression.
    static let maxStatementTokens = 10_000

    init(tokens: [Token]) {
        self.tokens = tokens.isEmpty ? [Token(.end, at: ScriptPosition(line: 1, column: 1), text: "end of block")] : tokens
    }

    /// Lexes and parses a whole block.
    static func parse(_ source: String) -> Program {
        let (tokens, lexErrors) = Lexer(source).tokenize()
        var parser = Parser(tokens: tokens)
        var program = parser.parseProgram()
        program.errors = (lexErrors + program.errors).sorted { $0.position < $1.position }
        return program
    }

    /// Parses the text of an expectation, positioned where it was written.
    static func parseExpectation(_ text: String, at position: ScriptPosition) -> Result<Expr, ScriptError> {
        let (tokens, errors) = Lexer(text, firstLine: position.line, firstColumn: position.column).tokenize()
        if let first = errors.first { return .failure(first) }
        if tokens.count - 1 > maxStatementTokens { return .failure(tooLong(tokens.count - 1, at: position)) }
        var parser = Parser(tokens: tokens.filter { $0.kind != .newline })
        do {
            let expr = try parser.expression()
            if parser.current.kind != .end {
                throw ScriptError("unexpected \(parser.current.text) after expected value", at: parser.current.position, code: "tensor-syntax")
            }
            return .success(expr)
        } catch let error as ScriptError {
            return .failure(error)
        } catch {
            return .failure(ScriptError("\(error)", at: position, code: "tensor-syntax"))
        }
    }

    mutating func parseProgram() -> Program {
        var statements: [Statement] = []
        var errors: [ScriptError] = []
        while current.kind != .end {
            if current.kind == .newline || current.kind == .symbol(";") {
                advance()
                continue
            }
            if case .expectation(let text) = current.kind {
                let position = current.position
                advance()
                if var last = statements.last, last.expectation == nil, last.lastLine == position.line - 1 {
                    switch Self.parseExpectation(text, at: position) {
                    case .success(let expr):
                        last.expectation = Expectation(value: expr, text: text, position: position)
                        last.lastLine = position.line
                        statements[statements.count - 1] = last
                    case .failure(let error):
                        errors.append(error)
                    }
                } else {
                    errors.append(ScriptError("an expectation '# => …' must follow a statement", at: position, code: "tensor-syntax"))
                }
                continue
            }
            do {
                statements.append(try statement())
            } catch let error as ScriptError {
                errors.append(error)
                while current.kind != .newline && current.kind != .end { advance() }
            } catch {
                errors.append(ScriptError("\(error)", at: current.position, code: "tensor-syntax"))
                while current.kind != .newline && current.kind != .end { advance() }
            }
        }
        return Program(statements: statements, errors: errors)
    }

    // MARK: statements

    private mutating func statement() throws -> Statement {
        let start = current.position
        let length = tokensToEndOfLine()
        guard length <= Self.maxStatementTokens else { throw Self.tooLong(length, at: start) }
        let kind: Statement.Kind
        if case .identifier(let name) = current.kind, peek(1).kind == .symbol("=") {
            advance(); advance()
            kind = .assignment(name, try expression())
        } else if case .identifier(let name) = current.kind, peek(1).kind == .symbol("("), let parameters = definitionParameters() {
            for _ in 0..<(parameters.count * 2 + 3) { advance() }
            if parameters.isEmpty { advance() }
            kind = .function(name, parameters: parameters, body: try expression())
        } else {
            kind = .expression(try expression())
        }
        var statement = Statement(kind: kind, position: start, lastLine: previousLine, expectation: nil, isSilent: false)
        if current.kind == .symbol(";") {
            statement.isSilent = true
            advance()
        }
        if case .expectation(let text) = current.kind {
            switch Self.parseExpectation(text, at: current.position) {
            case .success(let expr): statement.expectation = Expectation(value: expr, text: text, position: current.position)
            case .failure(let error): throw error
            }
            advance()
        }
        guard current.kind == .newline || current.kind == .end || current.kind == .symbol(";") else {
            throw ScriptError("unexpected \(describe(current)) after the end of the statement", at: current.position, code: "tensor-syntax")
        }
        return statement
    }

    /// Tokens from the current one to the end of the statement's line (a bracketed group spans lines).
    private func tokensToEndOfLine() -> Int {
        var end = index
        while end < tokens.count, tokens[end].kind != .newline, tokens[end].kind != .end { end += 1 }
        return end - index
    }

    private static func tooLong(_ length: Int, at position: ScriptPosition) -> ScriptError {
        ScriptError("this statement is \(length) tokens long, more than the \(maxStatementTokens) a statement may have; split it, or build the values with linspace, arange, reshape or rand", at: position, code: "tensor-syntax")
    }

    /// For `f(a, b) = …` the parameter names; nil when the tokens are not a definition.
    private func definitionParameters() -> [String]? {
        var names: [String] = []
        var i = 2
        if peek(i).kind == .symbol(")") {
            return peek(i + 1).kind == .symbol("=") ? [] : nil
        }
        while true {
            guard case .identifier(let name) = peek(i).kind else { return nil }
            names.append(name)
            if peek(i + 1).kind == .symbol(",") { i += 2; continue }
            if peek(i + 1).kind == .symbol(")") && peek(i + 2).kind == .symbol("=") { return names }
            return nil
        }
    }

    // MARK: expressions

    mutating func expression() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        try checkNesting()
        let first = try term()
        var steps: [BinaryStep] = []
        while case .symbol(let s) = current.kind, s == "+" || s == "-" {
            let position = current.position
            advance()
            steps.append(BinaryStep(op: s == "+" ? .add : .subtract, operand: try term(), position: position))
        }
        return chain(first, steps)
    }

    private mutating func term() throws -> Expr {
        let first = try unary()
        var steps: [BinaryStep] = []
        while case .symbol(let s) = current.kind, let op = ["*": BinaryOperator.multiply, "/": .divide, "@": .matmul][s] {
            let position = current.position
            advance()
            steps.append(BinaryStep(op: op, operand: try unary(), position: position))
        }
        return chain(first, steps)
    }

    /// `first` alone, or the chain positioned at its last operator.
    private func chain(_ first: Expr, _ steps: [BinaryStep]) -> Expr {
        guard let last = steps.last else { return first }
        return Expr(.binary(first, steps), at: last.position)
    }

    private func checkNesting() throws {
        guard nesting <= Self.maxNesting else {
            throw ScriptError("expression nested more than \(Self.maxNesting) levels deep", at: current.position, code: "tensor-syntax")
        }
    }

    private mutating func unary() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        try checkNesting()
        if current.kind == .symbol("-") {
            let position = current.position
            advance()
            let operand = try unary()
            if case .number(let v, let half) = operand.kind { return Expr(.number(-v, halfUnit: half), at: position) }
            return Expr(.negate(operand), at: position)
        }
        if current.kind == .symbol("+") {
            advance()
            return try unary()
        }
        return try power()
    }

    private mutating func power() throws -> Expr {
        let base = try postfix()
        if current.kind == .symbol("^") {
            let position = current.position
            advance()
            return Expr(.binary(base, [BinaryStep(op: .power, operand: try unary(), position: position)]), at: position)
        }
        return base
    }

    /// Each call, index or field adds a level to the tree, so a chain of them counts as nesting.
    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        let outer = nesting
        defer { nesting = outer }
        while true {
            if current.kind == .symbol("(") || current.kind == .symbol("[") || current.kind == .symbol(".") {
                nesting += 1
                try checkNesting()
            }
            if current.kind == .symbol("(") {
                advance()
                expr = Expr(.call(expr, try arguments()), at: expr.position)
            } else if current.kind == .symbol("[") {
                advance()
                expr = Expr(.index(expr, try indices()), at: expr.position)
            } else if current.kind == .symbol(".") {
                advance()
                guard case .identifier(let name) = current.kind else {
                    throw ScriptError("expected a field name after '.', found \(describe(current))", at: current.position, code: "tensor-syntax")
                }
                advance()
                expr = Expr(.member(expr, name), at: expr.position)
            } else {
                return expr
            }
        }
    }

    private mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        if current.kind == .symbol(")") { advance(); return args }
        while true {
            let position = current.position
            var label: String?
            if case .identifier(let name) = current.kind, peek(1).kind == .symbol(":") {
                label = name
                advance(); advance()
            }
            args.append(Argument(label: label, value: try expression(), position: position))
            if current.kind == .symbol(",") { advance(); continue }
            if current.kind == .symbol(")") { advance(); return args }
            throw ScriptError("expected ',' or ')' in the argument list, found \(describe(current))", at: current.position, code: "tensor-syntax")
        }
    }

    private mutating func indices() throws -> [IndexComponent] {
        var components: [IndexComponent] = []
        while true {
            var lower: Expr?
            if current.kind != .symbol(":") { lower = try expression() }
            if current.kind == .symbol(":") {
                advance()
                var upper: Expr?
                if current.kind != .symbol(",") && current.kind != .symbol("]") { upper = try expression() }
                components.append(.range(lower, upper))
            } else if let lower {
                components.append(.single(lower))
            }
            if current.kind == .symbol(",") { advance(); continue }
            if current.kind == .symbol("]") { advance(); return components }
            throw ScriptError("expected ',' or ']' in the index, found \(describe(current))", at: current.position, code: "tensor-syntax")
        }
    }

    private mutating func primary() throws -> Expr {
        let token = current
        switch token.kind {
        case .number(let v, let half):
            advance()
            return Expr(.number(v, halfUnit: half), at: token.position)
        case .string(let s):
            advance()
            return Expr(.string(s), at: token.position)
        case .identifier(let name):
            advance()
            if name == "true" || name == "false" { return Expr(.bool(name == "true"), at: token.position) }
            return Expr(.identifier(name), at: token.position)
        case .symbol("("):
            advance()
            let inner = try expression()
            guard current.kind == .symbol(")") else {
                throw ScriptError("expected ')' to close the '(' at \(token.position), found \(describe(current))", at: current.position, code: "tensor-syntax")
            }
            advance()
            return inner
        case .symbol("["):
            advance()
            var elements: [Expr] = []
            if current.kind == .symbol("]") {
                advance()
                return Expr(.array(elements), at: token.position)
            }
            while true {
                elements.append(try expression())
                if current.kind == .symbol(",") {
                    advance()
                    if current.kind == .symbol("]") { advance(); break }
                    continue
                }
                if current.kind == .symbol("]") { advance(); break }
                throw ScriptError("expected ',' or ']' in the array, found \(describe(current))", at: current.position, code: "tensor-syntax")
            }
            return Expr(.array(elements), at: token.position)
        default:
            throw ScriptError("expected a value, found \(describe(token))", at: token.position, code: "tensor-syntax")
        }
    }

    // MARK: token access

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }
    private var previousLine: Int { index > 0 ? tokens[min(index - 1, tokens.count - 1)].position.line : current.position.line }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: "end of block"
        case .newline: "end of line"
        case .expectation: "'# =>'"
        default: "'\(token.text)'"
        }
    }
}
