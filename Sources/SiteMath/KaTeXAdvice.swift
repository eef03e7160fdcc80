import Foundation

/// KaTeX's complaints about one formula, worded for the author: what is wrong and what to write instead.
enum KaTeXAdvice {
    /// One text per distinct warning (`… (3 times)` when KaTeX repeated it) and, when the formula failed,
    /// the error. A warning that the error already explains is left out.
    static func describe(_ outcome: KaTeXOutcome) -> (warnings: [String], error: String?) {
        var warnings = outcome.warnings
        let error = outcome.error.map { error in
            if error.contains("Font metrics not found"), let styled = warnings.first(where: { styledLetter($0.symbol) != nil }) {
                warnings.removeAll { $0.symbol == styled.symbol }
                return "no font for " + (styledLetter(styled.symbol) ?? "")
            }
            return describeError(error)
        }
        let unknownSymbols = Set(warnings.filter { $0.code == "unknownSymbol" }.compactMap(\.symbol))
        var texts: [String] = []
        var counts: [String: Int] = [:]
        for warning in warnings {
            if warning.code == "console", warning.message.hasPrefix("No character metrics"),
               unknownSymbols.contains(where: { warning.message.contains("'\($0)'") }) { continue }
            let text = describe(warning)
            if counts[text] == nil { texts.append(text) }
            counts[text, default: 0] += 1
        }
        return (texts.map { counts[$0, default: 1] > 1 ? "\($0) (\(counts[$0, default: 1]) times)" : $0 }, error)
    }

    static func describe(_ warning: KaTeXWarning) -> String {
        switch warning.code {
        case "unknownSymbol":
            guard let symbol = warning.symbol else { return warning.message }
            if let styled = styledLetter(symbol) { return "no font for " + styled }
            return "\(named(symbol)) is not a math symbol KaTeX knows (it is drawn in a fallback font): "
                + #"put text inside \text{…}, or write the symbol's TeX command"#
        case "mathVsTextUnits":
            return warning.message + #": use mu units with \mkern and \mskip, other units (em, pt) with \kern and \hskip"#
        case "commentAtEnd":
            return #"% starts a TeX comment that hides the rest of the formula: write \% for a percent sign"#
        case "newLineInDisplayMode":
            return #"\\ does nothing in display math outside an environment: put the lines in "#
                + #"\begin{aligned}…\end{aligned} (or use \substack{…} for a subscript of several lines)"#
        case "textEnv":
            return warning.message + " Give {array} one column letter (l, c, r) per column."
        case "htmlExtension":
            return #"\htmlClass, \htmlId, \htmlStyle and \htmlData are not LaTeX and are ignored: remove them"#
        case "console":
            return warning.message
        default:
            return "\(warning.message) [\(warning.code)]"
        }
    }

    /// KaTeX's error message with what to do about the common ones.
    static func describeError(_ error: String) -> String {
        let parsePrefix = "KaTeX parse error: "
        guard error.hasPrefix(parsePrefix) else {
            if error.contains("Maximum call stack size exceeded") {
                return "the formula nests too deeply for KaTeX (\(error)): split it, and check that its braces are balanced"
            }
            return "could not typeset the formula (\(error)): simplify or split it"
        }
        // KaTeX quotes the formula around the position with combining underlines; the diagnostic shows the formula.
        var message = String(error.dropFirst(parsePrefix.count))
        if let context = message.range(of: #" at (position \d+|end of input): "#, options: .regularExpression) {
            message = String(message[..<context.upperBound].dropLast(2))
        }
        if message.hasPrefix("Can't use function '$'") {
            return "cannot parse the formula: \(message). A `$` inside a formula means its delimiters are paired "
                + #"wrongly: close the formula before it, or write \$ for a dollar sign"#
        }
        if message.hasPrefix("Undefined control sequence") {
            return "cannot parse the formula: \(message). KaTeX does not know this command: define it under "
                + "`math: macros:` in sitegen.yml (or `macros:` in the note's front matter), or use a command KaTeX supports"
        }
        if message.hasPrefix("Too many expansions") {
            return #"a macro expands without end (like \def\a{\a}\a): fix its definition"#
        }
        return "cannot parse the formula: \(message)"
    }

    /// `"𝜎" (U+1D70E MATHEMATICAL ITALIC SMALL SIGMA), …` for a letter of the Mathematical Alphanumeric
    /// Symbols block (pasted from Word or a PDF), with what to write instead; `nil` for other text.
    static func styledLetter(_ symbol: String?) -> String? {
        guard let symbol, let scalar = symbol.unicodeScalars.first, (0x1D400...0x1D7FF).contains(scalar.value) else { return nil }
        return named(symbol) + #", a styled letter pasted from Word or a PDF: write the plain letter or its command "#
            + #"(x, \sigma), in \mathbf{…} or \boldsymbol{…} when it is bold"#
    }

    /// `"”" (U+201D RIGHT DOUBLE QUOTATION MARK)`
    static func named(_ symbol: String) -> String {
        let scalars = symbol.unicodeScalars.map { scalar in
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            return scalar.properties.name.map { "\(code) \($0)" } ?? code
        }
        return "\"\(symbol)\" (\(scalars.joined(separator: ", ")))"
    }
}

private extension String {
    func between(_ start: String, and end: String) -> String? {
        guard let from = range(of: start), let to = range(of: end, range: from.upperBound..<endIndex) else { return nil }
        return String(self[from.upperBound..<to.lowerBound])
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
