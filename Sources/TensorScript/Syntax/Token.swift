/// A 1-based line and column inside one `tensor` block (columns count characters).
struct ScriptPosition: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    static func < (a: ScriptPosition, b: ScriptPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    var description: String { "\(line):\(column)" }
}

/// A problem found while reading or running a block, at a position inside the block.
struct ScriptError: Error, Hashable, Sendable {
    var message: String
    var position: ScriptPosition
    var code: String

    init(_ message: String, at position: ScriptPosition, code: String = "tensor-error") {
        self.message = message
        self.position = position
        self.code = code
    }
}

/// One lexical unit of the example language.
struct Token: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A number literal and half the unit of its last written digit (`0.659` → 0.0005).
        case number(Double, halfUnit: Double)
        case identifier(String)
        case string(String)
        /// One of `+ - * / ^ @ = ( ) [ ] , : . ;` (`**` is read as `^`).
        case symbol(String)
        /// `# => text`: the text after the arrow, positioned at its first character.
        case expectation(String)
        case newline
        case end
    }

    var kind: Kind
    var position: ScriptPosition
    /// The source text of the token, for messages.
    var text: String

    init(_ kind: Kind, at position: ScriptPosition, text: String) {
        self.kind = kind
        self.position = position
        self.text = text
    }
}
