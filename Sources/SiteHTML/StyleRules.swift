import Foundation

/// The `style` properties a note's HTML keeps: sizes, alignment, colours, borders, spacing and flex
/// centring, the ones real notes use for tables of images and captions. Each value must match a small
/// grammar (lengths, keywords, colours), so nothing can load a URL, run an expression, take an element
/// out of the flow (`position`), overlay the page (negative margins, `z-index`) or hide it.
enum StyleRules {
    private enum Value {
        case keywords(Set<String>)
        case lengths(max: Int, keywords: Set<String>)
        case color
        case border
    }

    private static let borderStyles: Set = ["none", "hidden", "solid", "dashed", "dotted", "double", "groove", "ridge", "inset", "outset"]
    private static let size = Value.lengths(max: 1, keywords: ["auto"])

    private static let properties: [String: Value] = [
        "text-align": .keywords(["left", "right", "center", "justify", "start", "end"]),
        "vertical-align": .keywords(["top", "middle", "bottom", "baseline", "text-top", "text-bottom", "sub", "super"]),
        "table-layout": .keywords(["auto", "fixed"]),
        "border-collapse": .keywords(["collapse", "separate"]),
        "font-weight": .keywords(["normal", "bold", "bolder", "lighter", "100", "200", "300", "400", "500", "600", "700", "800", "900"]),
        "font-style": .keywords(["normal", "italic", "oblique"]),
        "text-decoration": .keywords(["none", "underline", "line-through", "overline"]),
        "white-space": .keywords(["normal", "nowrap", "pre", "pre-wrap", "pre-line"]),
        "display": .keywords(["block", "inline", "inline-block", "flex", "inline-flex", "table", "table-cell"]),
        "justify-content": .keywords(["center", "flex-start", "flex-end", "start", "end", "space-between", "space-around", "space-evenly"]),
        "align-items": .keywords(["center", "flex-start", "flex-end", "start", "end", "baseline", "stretch"]),
        "flex-wrap": .keywords(["wrap", "nowrap"]),
        "width": size, "height": size, "max-width": .lengths(max: 1, keywords: ["none"]), "min-width": size,
        "max-height": .lengths(max: 1, keywords: ["none"]), "min-height": size,
        "font-size": .lengths(max: 1, keywords: ["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "smaller", "larger"]),
        "line-height": .lengths(max: 1, keywords: ["normal"]),
        "margin": .lengths(max: 4, keywords: ["auto"]), "padding": .lengths(max: 4, keywords: []),
        "gap": .lengths(max: 2, keywords: []),
        "color": .color, "background-color": .color, "border-color": .color,
        "border": .border, "border-top": .border, "border-right": .border, "border-bottom": .border, "border-left": .border,
        "border-width": .lengths(max: 4, keywords: ["thin", "medium", "thick"]),
        "border-style": .keywords(borderStyles),
    ]

    /// The declarations of `style` that are allowed (normalised, `name: value; …`) and the names of those removed.
    static func filter(_ style: String) -> (kept: String, removed: [String]) {
        var kept: [String] = []
        var removed: [String] = []
        for declaration in style.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() } ?? ""
            if name.isEmpty && parts.count < 2 { continue }
            let value = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if let rule = properties[name], !value.isEmpty, matches(value.lowercased(), rule) {
                kept.append("\(name): \(value)")
            } else {
                removed.append(name.isEmpty ? declaration.trimmingCharacters(in: .whitespacesAndNewlines) : name)
            }
        }
        return (kept.joined(separator: "; "), removed)
    }

    private static func matches(_ value: String, _ rule: Value) -> Bool {
        let words = words(of: value)
        switch rule {
        case .keywords(let allowed):
            return words.count == 1 && allowed.contains(words[0])
        case .lengths(let max, let keywords):
            return (1...max).contains(words.count) && words.allSatisfy { keywords.contains($0) || isLength($0) }
        case .color:
            return words.count == 1 && isColor(words[0])
        case .border:
            return (1...3).contains(words.count)
                && words.allSatisfy { borderStyles.contains($0) || isLength($0) || ["thin", "medium", "thick"].contains($0) || isColor($0) }
        }
    }

    /// The space-separated parts of a value; spaces inside `rgb(…)` do not separate.
    private static func words(of value: String) -> [String] {
        var words: [String] = []
        var word = ""
        var depth = 0
        for c in value {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if c.isWhitespace {
                if depth == 0, !word.isEmpty { words.append(word); word = "" }
            } else {
                word.append(c)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// `0`, `12px`, `1.5em`, `40%`: a non-negative number with a unit.
    private static func isLength(_ word: String) -> Bool {
        let units = ["px", "em", "rem", "%", "pt", "ex", "ch", "vw", "vh", "cm", "mm", "in"]
        if word == "0" { return true }
        guard let unit = units.first(where: { word.hasSuffix($0) }) else { return false }
        return isNumber(word.dropLast(unit.count))
    }

    private static func isNumber(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard !s.isEmpty, parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// `#abc`, `#aabbcc80`, `gray`, `rgb(0, 0, 0)`, `rgba(0,0,0,.5)`, `hsl(…)`.
    private static func isColor(_ word: String) -> Bool {
        if word.hasPrefix("#") {
            let hex = word.dropFirst()
            return [3, 4, 6, 8].contains(hex.count) && hex.allSatisfy(\.isHexDigit)
        }
        if word.allSatisfy({ $0.isASCII && $0.isLetter }) { return !word.isEmpty }
        for function in ["rgb(", "rgba(", "hsl(", "hsla("] where word.hasPrefix(function) && word.hasSuffix(")") {
            let arguments = word.dropFirst(function.count).dropLast()
            return arguments.split(separator: ",").allSatisfy { argument in
                isNumber(argument.hasSuffix("%") ? argument.dropLast() : argument)
            }
        }
        return false
    }
}

