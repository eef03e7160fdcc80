import SiteCore
/// Splits block text into tokens. Newlines inside brackets or parentheses are not statement ends,
/// so a matrix literal may span lines, unless the next line starts with a name in column 1 (then the
/// bracket was left open by mistake and the next statement begins). Plain `#` comments are dropped; `# =>` comments become
/// expectation tokens.
struct Lexer {
    private let lines: [[Character]]
    private let firstLine: Int
    private let firstColumn: Int

    /// `firstLine`/`firstColumn` position the text inside its block (used to lex an expectation's
    /// text at the place it was written).
    init(_ source: String, firstLine: Int = 1, firstColumn: Int = 1) {
        self.lines = source.sourceLines.map { Array($0) }
        self.firstLine = firstLine
        self.firstColumn = firstColumn
    }

    /// All tokens, ending with `.end`, and the errors for characters that could not be read.
    func tokenize() -> (tokens: [Token], errors: [ScriptError]) {
        var tokens: [Token] = []
        var errors: [ScriptError] = []
        var depth = 0
        for (lineIndex, chars) in lines.enumerated() {
            let line = firstLine + lineIndex
            let columnBase = lineIndex == 0 ? firstColumn : 1
            func position(_ i: Int) -> ScriptPosition { ScriptPosition(line: line, column: columnBase + i) }
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == " " || c == "\t" || c == "\u{3000}" {
                    i += 1
                } else if c == "#" {
                    if let (text, offset) = Self.expectationText(chars, hashAt: i) {
                        tokens.append(Token(.expectation(text), at: position(offset), text: text))
                    }
                    i = chars.count
                } else if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)) {
                    let (token, next) = Self.number(chars, from: i, at: position(i))
                    tokens.append(token)
                    i = next
                } else if c == "_" || (c.isLetter && c.isASCII) || c.isLetter {
                    var j = i
                    while j < chars.count, chars[j] == "_" || chars[j].isLetter || (chars[j].isASCII && chars[j].isNumber) { j += 1 }
                    let name = String(chars[i..<j])
                    tokens.append(Token(.identifier(name), at: position(i), text: name))
                    i = j
                } else if c == "\"" || c == "'" {
                    var j = i + 1
                    while j < chars.count, chars[j] != c { j += 1 }
                    if j >= chars.count {
                        errors.append(ScriptError("unterminated string", at: position(i), code: "tensor-syntax"))
                        i = chars.count
                    } else {
                        let text = String(chars[(i + 1)..<j])
                        tokens.append(Token(.string(text), at: position(i), text: String(chars[i...j])))
                        i = j + 1
                    }
                } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                    tokens.append(Token(.symbol("^"), at: position(i), text: "**"))
                    i += 2
                } else if "+-*/^@=()[],:.;".contains(c) {
                    if c == "(" || c == "[" { depth += 1 }
                    if (c == ")" || c == "]") && depth > 0 { depth -= 1 }
                    tokens.append(Token(.symbol(String(c)), at: position(i), text: String(c)))
                    i += 1
                } else {
                    let hint = Self.asciiLookalike[c].map { " (a full-width character? write '\($0)')" } ?? ""
                    errors.append(ScriptError("unexpected character '\(c)'\(hint)", at: position(i), code: "tensor-syntax"))
                    i += 1
                }
            }
            if depth > 0, let next = lines.dropFirst(lineIndex + 1).first(where: { !$0.allSatisfy(\.isWhitespace) }),
               let first = next.first, first == "_" || first.isLetter {
                // An unclosed bracket must not swallow the statements below it.
                depth = 0
            }
            if depth == 0 {
                tokens.append(Token(.newline, at: position(chars.count), text: "end of line"))
            }
        }
        let endLine = firstLine + max(lines.count - 1, 0)
        let endColumn = (lines.last?.count ?? 0) + (lines.count == 1 ? firstColumn : 1)
        tokens.append(Token(.end, at: ScriptPosition(line: endLine, column: endColumn), text: "end of block"))
        return (tokens, errors)
    }

    /// The text after `# =>` and its offset in the line, or nil for an ordinary comment.
    private static func expectationText(_ chars: [Character], hashAt hash: Int) -> (String, Int)? {
        var i = hash + 1
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i + 1 < chars.count, chars[i] == "=", chars[i + 1] == ">" else { return nil }
        i += 2
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        var end = chars.count
        while end > i, chars[end - 1] == " " || chars[end - 1] == "\t" { end -= 1 }
        return (String(chars[i..<end]), i)
    }

    private static func number(_ chars: [Character], from start: Int, at position: ScriptPosition) -> (Token, Int) {
        func isDigit(_ j: Int) -> Bool { j < chars.count && chars[j].isASCII && chars[j].isNumber }
        var i = start
        while isDigit(i) { i += 1 }
        var decimals = 0
        if i < chars.count, chars[i] == ".", !(i + 1 < chars.count && chars[i + 1] == ".") {
            i += 1
            while isDigit(i) { i += 1; decimals += 1 }
        }
        var exponent = 0
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            if isDigit(j) {
                while isDigit(j) { j += 1 }
                exponent = Int(String(chars[(i + 1)..<j])) ?? 0
                i = j
            }
        }
        let text = String(chars[start..<i])
        let value = Double(text) ?? Double(text.hasPrefix(".") ? "0" + text : text) ?? 0
        let halfUnit = 0.5 * pow10(exponent - decimals)
        return (Token(.number(value, halfUnit: halfUnit), at: position, text: text), i)
    }

    /// Full-width punctuation that Chinese input methods produce, and the ASCII the language expects.
    static let asciiLookalike: [Character: Character] = [
        "，": ",", "（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "＝": "=", "：": ":", "；": ";",
        "＋": "+", "－": "-", "＊": "*", "／": "/", "＾": "^", "＃": "#", "．": ".", "。": ".", "“": "\"", "”": "\"",
    ]

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        if n >= 0 { for _ in 0..<min(n, 400) { r *= 10 } } else { for _ in 0..<min(-n, 400) { r /= 10 } }
        return r
    }
}
