import Foundation
import SiteCore

/// The TeX inside the URL of a formula image: notes written for GitHub, which could not render math,
/// show formulas as images from a web service (`https://latex.codecogs.com/gif.latex?a=g(z)`).
///
/// Services: CodeCogs (`latex.codecogs.com/{gif,png,svg,…}.{latex,image,download}?TeX`), Zhihu
/// (`zhihu.com/equation?tex=`), GitHub (`render.githubusercontent.com/render/math?math=`) and Google Charts
/// (`chart.googleapis.com/chart?cht=tx&chl=`). The TeX is decoded as the service read it — percent escapes,
/// HTML entities, CodeCogs' `&space;` — except that a `+` is a space only in a URL a tool encoded (one
/// with a `%` escape other than `%20`): typed by hand, it is the plus sign the author meant. Leading
/// commands that only styled the image (`\dpi{300}`, `\bg_white`, `\inline`, `\Large`, …) and `$…$`
/// around the whole TeX are dropped.
struct FormulaImageURL: Hashable {
    enum Service: String {
        case codecogs, zhihu, github, googleCharts

        /// The query parameter that holds the TeX; `nil` when the whole query is TeX.
        var texParameter: String? {
            switch self {
            case .codecogs: nil
            case .zhihu: "tex"
            case .github: "math"
            case .googleCharts: "chl"
            }
        }

        /// The host as written in notes, for messages.
        var host: String {
            switch self {
            case .codecogs: "latex.codecogs.com"
            case .zhihu: "www.zhihu.com"
            case .github: "render.githubusercontent.com"
            case .googleCharts: "chart.googleapis.com"
            }
        }
    }

    var service: Service
    var tex: String

    /// Substrings without which a text holds no formula-image URL.
    static let markers = ["codecogs.com", "zhihu.com/equation", "render.githubusercontent.com", "chart.googleapis.com", "chart.apis.google.com"]

    /// Whether `text` names a formula service at all, searched by bytes, so that notes without formula
    /// images pay next to nothing for their recognition.
    static func mentionsService(_ text: String) -> Bool {
        let text = text[...]
        // Every marker holds `.com`, which most texts lack: one pass rules them out.
        return text.containsBytes(".com") && markers.contains { text.containsBytes($0) }
    }

    /// The formula of `url`, when it is a formula service's image URL (its TeX may be empty: a broken image).
    init?(_ url: String) {
        guard let parts = Self.split(url), let service = Self.service(host: parts.host, path: parts.path, query: parts.query)
        else { return nil }
        let raw: Substring
        if let name = service.texParameter {
            guard let value = Self.parameter(name, in: parts.query) else { return nil }
            raw = value
        } else {
            raw = parts.query
        }
        self.service = service
        self.tex = Self.strippingStyleCommands(Self.strippingMathDelimiters(Self.decode(raw)))
    }

    /// Whether `url` points at a formula service at all (an image, or CodeCogs' equation editor, which
    /// links around its images).
    static func isFormulaService(_ url: String) -> Bool {
        guard let parts = split(url) else { return false }
        return parts.host == "codecogs.com" || parts.host.hasSuffix(".codecogs.com") || FormulaImageURL(url) != nil
    }

    // MARK: URL parts

    /// Host (lower case, without `www.`), path and query of an `http(s)://` or `//` URL.
    static func split(_ url: String) -> (host: String, path: Substring, query: Substring)? {
        var rest = url[...]
        let head = url.prefix(8).lowercased()
        for prefix in ["https://", "http://", "//"] where head.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.startIndex != url.startIndex else { return nil }
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        let afterHost = rest[hostEnd...]
        guard let question = afterHost.firstIndex(of: "?") else { return (host, afterHost, "") }
        return (host, afterHost[..<question], afterHost[afterHost.index(after: question)...])
    }

    static func service(host: String, path: Substring, query: Substring) -> Service? {
        switch host {
        case "latex.codecogs.com", "codecogs.com":
            // `/gif.latex`, `/svg.image`, `/png.download`, …
            let name = path.dropFirst().split(separator: ".")
            guard path.hasPrefix("/"), name.count == 2, name[0].allSatisfy(\.isLetter),
                  ["latex", "image", "download"].contains(name[1])
            else { return nil }
            return .codecogs
        case "zhihu.com":
            return path == "/equation" ? .zhihu : nil
        case "render.githubusercontent.com":
            return path == "/render/math" ? .github : nil
        case "chart.googleapis.com", "chart.apis.google.com":
            return path == "/chart" && parameter("cht", in: query) == "tx" ? .googleCharts : nil
        default:
            return nil
        }
    }

    /// The raw value of `name=` in a query. Parameters are separated by `&` (or `&amp;`) followed by a
    /// parameter name and `=`, so the `&` of an alignment (`a&=b`) stays in the TeX.
    static func parameter(_ name: String, in query: Substring) -> Substring? {
        var starts: [Substring.Index] = [query.startIndex]
        var i = query.startIndex
        while i < query.endIndex {
            if query[i] == "&" {
                var next = query.index(after: i)
                if query[next...].hasPrefix("amp;") { next = query.index(next, offsetBy: 4) }
                let word = query[next...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                if !word.isEmpty, word.endIndex < query.endIndex, query[word.endIndex] == "=" {
                    starts.append(next)
                    i = word.endIndex
                    continue
                }
            }
            i = query.index(after: i)
        }
        for (n, start) in starts.enumerated() {
            var end = n + 1 < starts.count ? starts[n + 1] : query.endIndex
            let piece = query[start..<end]
            guard piece.hasPrefix(name + "=") else { continue }
            // Drop the separator (`&` or `&amp;`) that ends this parameter.
            if n + 1 < starts.count {
                let separator = piece.hasSuffix("&amp;") ? 5 : 1
                end = query.index(end, offsetBy: -separator)
            }
            return query[query.index(start, offsetBy: name.count + 1)..<end]
        }
        return nil
    }

    // MARK: decoding

    /// Percent escapes, HTML entities (and CodeCogs' `&space;`), and `+` as the services read it.
    static func decode(_ raw: Substring) -> String {
        let bytes = Array(raw.utf8)
        let plusIsSpace = encodedByTool(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "%"), k + 2 < bytes.count, let hi = hexValue(bytes[k + 1]), let lo = hexValue(bytes[k + 2]) {
                out.append(hi << 4 | lo)
                k += 3
            } else if b == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: k) {
                out += decoded.utf8
                k += length
            } else if b == UInt8(ascii: "+"), plusIsSpace {
                out.append(UInt8(ascii: " "))
                k += 1
            } else {
                out.append(b)
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A URL encoded by a tool escapes TeX's characters (`%5C`, `%7B`, `%2B`), not only spaces.
    static func encodedByTool(_ bytes: [UInt8]) -> Bool {
        var k = 0
        while k + 2 < bytes.count {
            if bytes[k] == UInt8(ascii: "%"), let hi = hexValue(bytes[k + 1]), let lo = hexValue(bytes[k + 2]), hi << 4 | lo != 0x20 {
                return true
            }
            k += 1
        }
        return false
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Named entities met in formula URLs; `&space;` is CodeCogs' own.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "space": " ", "plus": "+",
    ]

    /// The entity at `k` (`&amp;`, `&#92;`, `&#x5C;`) and its length in bytes.
    static func entity(_ bytes: [UInt8], at k: Int) -> (String, Int)? {
        var e = k + 1
        while e < bytes.count, e - k <= 10, bytes[e] != UInt8(ascii: ";") {
            let c = bytes[e]
            guard (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "#") else { return nil }
            e += 1
        }
        guard e < bytes.count, bytes[e] == UInt8(ascii: ";"), e > k + 1 else { return nil }
        let name = String(decoding: bytes[(k + 1)..<e], as: UTF8.self)
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
            return (String(Character(scalar)), e - k + 1)
        }
        return namedEntities[name].map { ($0, e - k + 1) }
    }

    /// `$…$`, `$$…$$`, `\(…\)` or `\[…\]` around the whole TeX (pasted with its delimiters) removed.
    static func strippingMathDelimiters(_ tex: String) -> String {
        let s = tex.trimmingCharacters(in: .whitespacesAndNewlines)
        for (open, close) in [("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")]
        where s.count >= open.count + close.count + 1 && s.hasPrefix(open) && s.hasSuffix(close) {
            let inner = s.dropFirst(open.count).dropLast(close.count)
            if !inner.contains("$") { return String(inner) }
        }
        return s
    }

    /// Size commands, which made a small image readable; the page's font size does that now.
    static let sizeCommands: Set<String> = [
        "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge",
    ]

    /// Leading commands that styled the image rather than the formula: CodeCogs' `\dpi{150}`, `\200dpi`,
    /// `\bg_white`/`\bg{white}`, `\fg_…`, `\fn_cm`, `\inline`, and size commands.
    static func strippingStyleCommands(_ tex: String) -> String {
        var s = Substring(tex)
        stripping: while true {
            s = s.drop { $0.isWhitespace }
            guard s.hasPrefix("\\") else { break }
            let afterSlash = s.dropFirst()
            let digits = afterSlash.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, afterSlash.dropFirst(digits.count).hasPrefix("dpi") {
                s = afterSlash.dropFirst(digits.count + 3)
                continue
            }
            let word = afterSlash.prefix { $0.isASCII && $0.isLetter }
            var rest = afterSlash.dropFirst(word.count)
            switch word {
            case "dpi":
                guard rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") else { break stripping }
                rest = rest[rest.index(after: close)...]
            case "bg", "fg", "fn":
                if rest.hasPrefix("_") {
                    rest = rest.dropFirst().drop { $0.isASCII && ($0.isLetter || $0.isNumber) }
                } else if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
                    rest = rest[rest.index(after: close)...]
                } else {
                    break stripping
                }
            case "inline":
                break
            default:
                guard sizeCommands.contains(String(word)) else { break stripping }
            }
            s = rest
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
