/// A formula image found in Markdown: the image syntax (and a wrapper that held only it) and its formula.
struct FormulaImage: Hashable {
    /// The image URL as written.
    var url: String
    var formula: FormulaImageURL
    /// The image sat alone in an HTML element that centred it (`<p align="center">`, `<div>`, `<center>`).
    var centred = false
}

/// What `MathCursor` knows about formula images in a text before scanning it.
struct FormulaImageIndex {
    /// False when no formula service is named anywhere in the text: nothing to look for.
    let enabled: Bool
    /// Link reference definitions whose destination is a formula image, by normalised label.
    let definitions: [String: (url: String, formula: FormulaImageURL)]
    /// Lines holding those definitions: cmark-gfm hides them, and their URLs are not math.
    let definitionLines: Set<Int>
    /// Results of `MathCursor.formulaImage(at:)` by offset (`nil` inside: none there).
    var found: [Int: MathScanner.OffsetMatch?] = [:]
    /// The `]` that closes each `[`, for the lines in `pairedLines`.
    var closingBracket: [Int: Int] = [:]
    var pairedLines: Set<Int> = []

    init(_ t: ScalarText, isCodeLine: [Bool]) {
        enabled = FormulaImageURL.mentionsService(t.string)
        guard enabled else {
            definitions = [:]
            definitionLines = []
            return
        }
        var definitions: [String: (url: String, formula: FormulaImageURL)] = [:]
        var lines: Set<Int> = []
        // A definition cannot interrupt a paragraph: it follows a blank line, code or another definition.
        var previousIsBreak = true
        for l in 0..<t.lineCount {
            if isCodeLine[l] || t.isBlankLine(l) {
                previousIsBreak = true
                continue
            }
            let label = previousIsBreak ? Self.definitionLabel(t, line: l) : nil
            previousIsBreak = label != nil
            guard let label, let url = Self.definitionURL(t, line: l, after: label.end), let formula = FormulaImageURL(url)
            else { continue }
            lines.insert(l)
            if definitions[label.text] == nil { definitions[label.text] = (url, formula) }
        }
        self.definitions = definitions
        self.definitionLines = lines
    }

    /// The normalised label of a link reference definition `[label]: …` on line `l`, and the offset after `:`.
    static func definitionLabel(_ t: ScalarText, line l: Int) -> (text: String, end: Int)? {
        let shape = LineShape(t, line: l)
        guard shape.indent <= 3, shape.contentStart < shape.end, t.scalars[shape.contentStart] == "[" else { return nil }
        var k = shape.contentStart + 1
        while k < shape.end, t.scalars[k] != "]", t.scalars[k] != "[" {
            k += t.scalars[k] == "\\" ? 2 : 1
        }
        guard k < shape.end, t.scalars[k] == "]", t[k + 1] == ":" else { return nil }
        let label = normalizedLabel(t.text(shape.contentStart + 1, k))
        return label.isEmpty ? nil : (label, k + 2)
    }

    /// The destination of the definition on line `l` whose label ends at `start`, when a title at most follows it.
    static func definitionURL(_ t: ScalarText, line l: Int, after start: Int) -> String? {
        let end = t.lineEnds[l]
        guard let destination = MathCursor.destination(t, from: start, end: end) else { return nil }
        var p = destination.end
        while p < end, t.scalars[p].isMarkdownSpace { p += 1 }
        if p < end, let title = MathCursor.titleEnd(t, from: p, end: end) { p = title }
        while p < end, t.scalars[p].isMarkdownSpace { p += 1 }
        return p == end ? destination.url : nil
    }

    /// Labels match case-insensitively, with runs of whitespace as one space (CommonMark).
    static func normalizedLabel(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Recognising formula images in the scan: `![alt](url)`, reference images, `[![alt](url)](editor link)`,
/// `<img src=url>`, and an `<a>`, `<p>`, `<div>` or `<center>` element that holds nothing but one of them.
extension MathCursor {
    /// Elements that wrap a formula image to centre or link it; they go with the image.
    static let wrapperElements: Set<String> = ["a", "p", "div", "center"]

    /// The formula image starting at `k` (a `!`, `[` or `<`), its wrapper included.
    mutating func formulaImage(at k: Int) -> MathScanner.OffsetMatch? {
        guard images.enabled else { return nil }
        if let known = images.found[k] { return known }
        var result: MathScanner.OffsetMatch? = nil
        switch t.scalars[k] {
        case "!":
            guard let image = markdownImage(at: k) else { break }
            if let label = image.label {
                if let definition = images.definitions[label] {
                    result = match(k, image.end, FormulaImage(url: definition.url, formula: definition.formula))
                }
            } else if let formula = FormulaImageURL(image.url) {
                result = match(k, image.end, FormulaImage(url: image.url, formula: formula))
            }
        case "[":
            // `[![](formula)](editor link)`: a link to the formula service goes with its image.
            if t[k + 1] == "!", let inner = formulaImage(at: k + 1), t[inner.end] == "]", t[inner.end + 1] == "(",
               let link = Self.destination(t, from: inner.end + 2, end: t.lineEnds[t.line(of: k)]),
               let close = Self.linkEnd(t, after: link.end, end: t.lineEnds[t.line(of: k)]),
               FormulaImageURL.isFormulaService(link.url)
            {
                result = match(k, close, inner.image)
            }
        case "<":
            result = htmlFormulaImage(at: k)
        default:
            break
        }
        images.found[k] = result
        return result
    }

    private func match(_ start: Int, _ end: Int, _ image: FormulaImage?) -> MathScanner.OffsetMatch {
        .init(start: start, end: end, contentStart: start, contentEnd: end, delimiter: .formulaImage, image: image)
    }

    // MARK: Markdown

    /// `![alt](destination "title")`, `![alt][label]`, `![alt][]` or `![alt]` at `k`, on one line: where it
    /// ends, and its URL (inline) or normalised label (reference).
    mutating func markdownImage(at k: Int) -> (end: Int, url: String, label: String?)? {
        guard t[k + 1] == "[" else { return nil }
        let lineEnd = t.lineEnds[t.line(of: k)]
        guard let altEnd = closingBracket(of: k + 1) else { return nil }
        if t[altEnd + 1] == "(", let destination = Self.destination(t, from: altEnd + 2, end: lineEnd),
           let close = Self.linkEnd(t, after: destination.end, end: lineEnd)
        {
            return (close, destination.url, nil)
        }
        let alt = t.text(k + 2, altEnd)
        if t[altEnd + 1] == "[" {
            var e = altEnd + 2
            while e < lineEnd, t.scalars[e] != "]", t.scalars[e] != "[" { e += t.scalars[e] == "\\" ? 2 : 1 }
            guard e < lineEnd, t.scalars[e] == "]" else { return nil }
            let label = e == altEnd + 2 ? alt : t.text(altEnd + 2, e)
            return (e + 1, "", FormulaImageIndex.normalizedLabel(label))
        }
        return (altEnd + 1, "", FormulaImageIndex.normalizedLabel(alt))
    }

    /// The `]` that closes the `[` at `open`: brackets are paired once per line, nested ones balanced and
    /// escaped ones skipped.
    mutating func closingBracket(of open: Int) -> Int? {
        let l = t.line(of: open)
        if images.pairedLines.insert(l).inserted {
            var openers: [Int] = []
            var k = t.lineStarts[l]
            while k < t.lineEnds[l] {
                switch t.scalars[k] {
                case "\\": k += 1
                case "[": openers.append(k)
                case "]": if let o = openers.popLast() { images.closingBracket[o] = k }
                default: break
                }
                k += 1
            }
        }
        return images.closingBracket[open]
    }

    /// A link destination from `start` (after `(` or `]:`), spaces before it skipped: `<…>`, or a run
    /// without spaces whose unescaped parentheses balance, as CommonMark reads it. The URL is taken as
    /// written: TeX's backslashes are not Markdown escapes.
    static func destination(_ t: ScalarText, from start: Int, end lineEnd: Int) -> (url: String, end: Int)? {
        var k = start
        while k < lineEnd, t.scalars[k].isMarkdownSpace { k += 1 }
        // Formula URLs are absolute: anything else is no formula image, and is not read further.
        guard k < lineEnd, "<hH/".unicodeScalars.contains(t.scalars[k]) else { return nil }
        let end = min(lineEnd, k + longestURL)
        if t.scalars[k] == "<" {
            var e = k + 1
            while e < end, t.scalars[e] != ">", t.scalars[e] != "<" { e += t.scalars[e] == "\\" ? 2 : 1 }
            guard e < end, t.scalars[e] == ">" else { return nil }
            return (t.text(k + 1, e), e + 1)
        }
        var depth = 0
        var e = k
        while e < end {
            let c = t.scalars[e]
            if c.isUnicodeWhitespace || c.value < 0x20 || c.value == 0x7F { break }
            if c == "\\" {
                e += 2
                continue
            }
            if c == "(" { depth += 1 }
            if c == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            e += 1
        }
        e = min(e, end)
        guard e > k, depth == 0 else { return nil }
        return (t.text(k, e), e)
    }

    /// The longest URL and HTML tag read (searches stop there, so hostile lines stay linear).
    static let longestURL = 4_096

    /// After a destination: an optional title, spaces, and the `)` that ends the link; the offset past it.
    static func linkEnd(_ t: ScalarText, after start: Int, end lineEnd: Int) -> Int? {
        let end = min(lineEnd, start + longestURL)
        var k = start
        while k < end, t.scalars[k].isMarkdownSpace { k += 1 }
        if k < end, k > start, let title = titleEnd(t, from: k, end: end) {
            k = title
            while k < end, t.scalars[k].isMarkdownSpace { k += 1 }
        }
        return k < end && t.scalars[k] == ")" ? k + 1 : nil
    }

    /// A link title at `start` (`"…"`, `'…'` or `(…)`): the offset past its closing quote.
    static func titleEnd(_ t: ScalarText, from start: Int, end: Int) -> Int? {
        let close: Unicode.Scalar
        switch t.scalars[start] {
        case "\"": close = "\""
        case "'": close = "'"
        case "(": close = ")"
        default: return nil
        }
        var k = start + 1
        while k < end, t.scalars[k] != close { k += t.scalars[k] == "\\" ? 2 : 1 }
        return k < end ? k + 1 : nil
    }

    // MARK: HTML

    struct HTMLTag {
        var name: String
        var isClosing: Bool
        var attributes: [String: String]
        /// The offset past `>`.
        var end: Int
    }

    /// The tag at `k` (`<img src="…" />`, `</p>`), on one line; names in lower case, values as written.
    func htmlTag(at k: Int) -> HTMLTag? {
        let end = min(t.lineEnds[t.line(of: k)], k + Self.longestURL)
        var p = k + 1
        let isClosing = t[p] == "/"
        if isClosing { p += 1 }
        let nameStart = p
        while p < end, t.scalars[p].isASCIILetter || t.scalars[p].isASCIIDigit { p += 1 }
        guard p > nameStart, t.scalars[nameStart].isASCIILetter else { return nil }
        let name = t.text(nameStart, p).lowercased()
        var attributes: [String: String] = [:]
        while true {
            let spaceStart = p
            while p < end, t.scalars[p].isUnicodeWhitespace { p += 1 }
            guard p < end else { return nil }
            if t.scalars[p] == ">" { return HTMLTag(name: name, isClosing: isClosing, attributes: attributes, end: p + 1) }
            if t.scalars[p] == "/", t[p + 1] == ">" { return HTMLTag(name: name, isClosing: isClosing, attributes: attributes, end: p + 2) }
            guard p > spaceStart, !isClosing else { return nil }
            let attributeStart = p
            while p < end, !t.scalars[p].isUnicodeWhitespace, !"=>/\"'<".unicodeScalars.contains(t.scalars[p]) { p += 1 }
            guard p > attributeStart else { return nil }
            let attribute = t.text(attributeStart, p).lowercased()
            var q = p
            while q < end, t.scalars[q].isUnicodeWhitespace { q += 1 }
            guard q < end, t.scalars[q] == "=" else {
                attributes[attribute] = ""
                continue
            }
            q += 1
            while q < end, t.scalars[q].isUnicodeWhitespace { q += 1 }
            guard q < end else { return nil }
            if t.scalars[q] == "\"" || t.scalars[q] == "'" {
                let quote = t.scalars[q]
                var e = q + 1
                while e < end, t.scalars[e] != quote { e += 1 }
                guard e < end else { return nil }
                attributes[attribute] = t.text(q + 1, e)
                p = e + 1
            } else {
                var e = q
                while e < end, !t.scalars[e].isUnicodeWhitespace, !"\"'=<>`".unicodeScalars.contains(t.scalars[e]) { e += 1 }
                guard e > q else { return nil }
                attributes[attribute] = t.text(q, e)
                p = e
            }
        }
    }

    /// `<img src="formula">`, or a wrapper element holding only a formula image (spaces and single line
    /// breaks around it): `<a href="editor link">`, `<p align="center">`, `<div>`, `<center>`.
    mutating func htmlFormulaImage(at k: Int) -> MathScanner.OffsetMatch? {
        guard let tag = htmlTag(at: k), !tag.isClosing else { return nil }
        if tag.name == "img" {
            guard let src = tag.attributes["src"], let formula = FormulaImageURL(src) else { return nil }
            return match(k, tag.end, FormulaImage(url: src, formula: formula))
        }
        guard Self.wrapperElements.contains(tag.name),
              let innerStart = skippingSpace(from: tag.end), innerStart < t.count, canWrap(tag.name, innerStart),
              let innerMatch = formulaImage(at: innerStart), var inner = innerMatch.image,
              let closeStart = skippingSpace(from: innerMatch.end), t[closeStart] == "<",
              let close = htmlTag(at: closeStart), close.isClosing, close.name == tag.name
        else { return nil }
        if tag.name == "a" {
            guard FormulaImageURL.isFormulaService(tag.attributes["href"] ?? "") else { return nil }
        } else {
            inner.centred = true
        }
        return match(k, close.end, inner)
    }

    /// Whether a `wrapper` element may hold what starts at `k`: a Markdown image, `<img>`, or (in a centring
    /// element) `<a>`; so wrappers nest at most two deep.
    func canWrap(_ wrapper: String, _ k: Int) -> Bool {
        switch t.scalars[k] {
        case "!", "[": return true
        case "<": return htmlTag(at: k).map { $0.name == "img" || ($0.name == "a" && wrapper != "a") } ?? false
        default: return false
        }
    }

    /// The first offset from `k` that is not white space, crossing single line breaks but not a blank line.
    func skippingSpace(from k: Int) -> Int? {
        var p = k
        var lineBreaks = 0
        while p < t.count, t.scalars[p].isUnicodeWhitespace {
            if t.scalars[p] == "\n" || (t.scalars[p] == "\r" && t[p + 1] != "\n") {
                lineBreaks += 1
                guard lineBreaks < 2, !isCodeLine[t.line(of: p + 1)] else { return nil }
            }
            p += 1
        }
        return p
    }
}
