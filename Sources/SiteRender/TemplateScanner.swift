/// Reads a Mustache template into `TemplateNode`s with the position of every tag.
///
/// It follows the grammar of swift-mustache 2.x (sigils `# ^ / ! { & > < $ = %`, set-delimiter tags,
/// transforms such as `uppercased(name)`, block definitions inside `{{<parent}}`) so that the variable
/// check sees the same structure the renderer does, and it reports syntax errors at the offending tag
/// (an unclosed section at its opening tag) rather than where a parser happens to give up.
struct TemplateScanner {
    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private var openDelimiter: [Character] = ["{", "{"]
    private var closeDelimiter: [Character] = ["}", "}"]

    init(_ text: String) {
        chars = Array(text)
    }

    /// The tag tree of `text`, or the first syntax error in it.
    static func scan(_ text: String) -> Result<[TemplateNode], TemplateSyntaxError> {
        var scanner = TemplateScanner(text)
        do {
            return .success(try scanner.nodes(until: nil, insideParent: false))
        } catch {
            return .failure(error)
        }
    }

    /// The section a `nodes(until:)` call is inside, so that its closing tag can be matched.
    private struct OpenSection {
        var written: String
        var position: TemplatePosition
    }

    private mutating func nodes(until open: OpenSection?, insideParent: Bool) throws(TemplateSyntaxError) -> [TemplateNode] {
        var result: [TemplateNode] = []
        while index < chars.count {
            guard startsWith(openDelimiter) else {
                // swift-mustache fails on the first character of the opening delimiter too close to the end.
                if chars.count - index < openDelimiter.count, chars[index] == openDelimiter.first {
                    throw error("'\(chars[index])' this close to the end of the template is taken for an unfinished tag; end the file with a newline", at: position)
                }
                advance()
                continue
            }
            let tagStart = position
            advance(by: openDelimiter.count)
            let sigil: Character = index < chars.count ? chars[index] : " "
            switch sigil {
            case "!":
                advance()
                _ = try content(startingAt: tagStart, allowNewlines: true)
            case "=":
                advance()
                try setDelimiters(startingAt: tagStart)
            case "%":
                advance()
                try requireNotInsideParent(insideParent, at: tagStart)
                try configuration(try content(startingAt: tagStart), at: tagStart)
            case "/":
                advance()
                let raw = try content(startingAt: tagStart)
                let written = String(raw.filter { !$0.isWhitespace })
                guard let open else {
                    throw error("closing tag '\(tag("/" + written))' has no matching opening section", at: tagStart)
                }
                guard written == open.written else {
                    throw error(
                        "closing tag '\(tag("/" + written))' does not match '\(open.written)' opened at line \(open.position.line), column \(open.position.column); expected '\(tag("/" + open.written))'",
                        at: tagStart)
                }
                return result
            case "#", "^":
                advance()
                skipSpaces()
                let namePosition = position
                let name = try tagName(try content(startingAt: tagStart), at: tagStart)
                try requireNotInsideParent(insideParent, at: tagStart)
                let body = try nodes(until: OpenSection(written: name.written, position: tagStart), insideParent: false)
                result.append(.section(name, inverted: sigil == "^", at: namePosition, body: body))
            case "$":
                advance()
                skipSpaces()
                let namePosition = position
                let name = try tagName(try content(startingAt: tagStart), at: tagStart)
                guard name.transforms.isEmpty else {
                    throw error("a block '\(tag("$" + name.written))' cannot apply transforms", at: tagStart)
                }
                let body = try nodes(until: OpenSection(written: name.name, position: tagStart), insideParent: false)
                result.append(.block(name.name, at: namePosition, body: body))
            case "<":
                advance()
                try requireNotInsideParent(insideParent, at: tagStart)
                skipSpaces()
                let namePosition = position
                let (name, dynamic) = try partialName(try content(startingAt: tagStart), at: tagStart)
                let written = dynamic ? "*" + name : name
                let body = try nodes(until: OpenSection(written: written, position: tagStart), insideParent: true)
                var blocks: [String: [TemplateNode]] = [:]
                for case .block(let blockName, at: _, body: let blockBody) in body {
                    blocks[blockName] = blockBody
                }
                result.append(.parent(name, dynamic: dynamic, at: namePosition, blocks: blocks))
            case ">":
                advance()
                try requireNotInsideParent(insideParent, at: tagStart)
                skipSpaces()
                let namePosition = position
                let (name, dynamic) = try partialName(try content(startingAt: tagStart), at: tagStart)
                result.append(.partial(name, dynamic: dynamic, at: namePosition))
            case "{":
                advance()
                try requireNotInsideParent(insideParent, at: tagStart)
                skipSpaces()
                let namePosition = position
                let raw = try content(startingAt: tagStart)
                guard index < chars.count, chars[index] == "}" else {
                    throw error("triple mustache '\(tag("{" + raw))' is missing its third closing brace", at: tagStart)
                }
                advance()
                result.append(.variable(try tagName(raw, at: tagStart), at: namePosition))
            case "&":
                advance()
                try requireNotInsideParent(insideParent, at: tagStart)
                skipSpaces()
                let namePosition = position
                result.append(.variable(try tagName(try content(startingAt: tagStart), at: tagStart), at: namePosition))
            default:
                try requireNotInsideParent(insideParent, at: tagStart)
                skipSpaces()
                let namePosition = position
                result.append(.variable(try tagName(try content(startingAt: tagStart), at: tagStart), at: namePosition))
            }
        }
        if let open {
            throw error("section '\(open.written)' is never closed; expected '\(tag("/" + open.written))'", at: open.position)
        }
        return result
    }

    // MARK: Tag contents

    /// The text up to the closing delimiter, which is consumed. A tag may not span lines (except a comment)
    /// nor contain another opening delimiter: both mean a closing delimiter was forgotten.
    private mutating func content(startingAt tagStart: TemplatePosition, allowNewlines: Bool = false) throws(TemplateSyntaxError) -> Substring {
        let start = index
        while index < chars.count {
            if startsWith(closeDelimiter) {
                let text = String(chars[start..<index])
                advance(by: closeDelimiter.count)
                return Substring(text)
            }
            let c = chars[index]
            if !allowNewlines, c.isNewline || startsWith(openDelimiter) {
                break
            }
            advance()
        }
        throw error("unclosed tag: '\(String(openDelimiter))' has no matching '\(String(closeDelimiter))'", at: tagStart)
    }

    /// `{{=<% %>=}}`, read the way swift-mustache reads it: the new delimiters are separated by whitespace
    /// (which may include newlines) and followed by `=` and the current closing delimiter.
    private mutating func setDelimiters(startingAt tagStart: TemplatePosition) throws(TemplateSyntaxError) {
        let malformed = error("malformed set-delimiter tag; write it like '{{=<% %>=}}'", at: tagStart)
        skipWhitespace()
        let open = read { $0.isWhitespace }
        guard index < chars.count else { throw malformed }
        skipWhitespace()
        let close = read { $0 == "=" || $0.isWhitespace }
        guard index < chars.count else { throw malformed }
        skipWhitespace()
        guard index < chars.count, chars[index] == "=" else { throw malformed }
        advance()
        guard startsWith(closeDelimiter), !open.isEmpty, !close.isEmpty else { throw malformed }
        advance(by: closeDelimiter.count)
        openDelimiter = open
        closeDelimiter = close
    }

    private mutating func read(until stop: (Character) -> Bool) -> [Character] {
        let start = index
        while index < chars.count, !stop(chars[index]) { advance() }
        return Array(chars[start..<index])
    }

    private mutating func skipWhitespace() {
        while index < chars.count, chars[index].isWhitespace { advance() }
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

    /// `name` or `transform(…(name))`, with the characters swift-mustache accepts.
    private func tagName(_ raw: Substring, at tagStart: TemplatePosition) throws(TemplateSyntaxError) -> TagName {
        let text = raw.trimmingWhitespace()
        let invalid = error("invalid tag name '\(text)': names use ASCII letters, digits and . - _ ? *", at: tagStart)
        var transforms: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        let closing = rest.drop { $0 != ")" }
        let name = rest.prefix { $0 != ")" }
        guard closing.count == transforms.count, closing.allSatisfy({ $0 == ")" }) else { throw invalid }
        guard (transforms + [String(name)]).allSatisfy({ $0.allSatisfy(Self.nameCharacters.contains) }) else { throw invalid }
        return TagName(name: String(name), transforms: transforms)
    }

    /// `{{%CONTENT_TYPE:HTML}}` or `TEXT`, the only configuration swift-mustache knows.
    private func configuration(_ raw: Substring, at tagStart: TemplatePosition) throws(TemplateSyntaxError) {
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE", parts[1] == "HTML" || parts[1] == "TEXT" else {
            throw error("unknown configuration tag; swift-mustache knows only '\(tag("%CONTENT_TYPE:HTML"))' and TEXT", at: tagStart)
        }
    }

    private func partialName(_ raw: Substring, at tagStart: TemplatePosition) throws(TemplateSyntaxError) -> (String, dynamic: Bool) {
        var text = Substring(raw.trimmingWhitespace())
        let dynamic = text.first == "*"
        if dynamic { text = text.dropFirst().drop(while: \.isWhitespace) }
        let allowed = Self.nameCharacters.union("()/")
        guard !text.isEmpty, text.allSatisfy(allowed.contains) else {
            throw error("invalid partial name '\(text)'", at: tagStart)
        }
        return (String(text), dynamic)
    }

    private func requireNotInsideParent(_ insideParent: Bool, at tagStart: TemplatePosition) throws(TemplateSyntaxError) {
        if insideParent {
            throw error("only block definitions '\(tag("$name"))…\(tag("/name"))' may appear directly inside a '\(tag("<parent"))' tag", at: tagStart)
        }
    }

    // MARK: Moving through the text

    private var position: TemplatePosition { TemplatePosition(line: line, column: column) }

    private mutating func skipSpaces() {
        while index < chars.count, chars[index] == " " || chars[index] == "\t" { advance() }
    }

    private func startsWith(_ delimiter: [Character]) -> Bool {
        guard !delimiter.isEmpty, index + delimiter.count <= chars.count else { return false }
        for (offset, c) in delimiter.enumerated() where chars[index + offset] != c {
            return false
        }
        return true
    }

    private mutating func advance(by count: Int = 1) {
        for _ in 0..<count where index < chars.count {
            let c = chars[index]
            index += 1
            if c == "\n" || c == "\r\n" || c == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }

    private func tag(_ inner: String) -> String {
        String(openDelimiter) + inner + String(closeDelimiter)
    }

    private func error(_ message: String, at position: TemplatePosition) -> TemplateSyntaxError {
        TemplateSyntaxError(message: message, position: position)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
