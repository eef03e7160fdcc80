import SiteCore

/// A `[[target#heading|label]]` link in the text of a note.
public struct Wikilink: Hashable, Sendable, Codable {
    /// The note or topic named, as written (`激活函数`, `基础/激活函数`); empty for `[[#heading]]`.
    public var target: String
    public var heading: String?
    public var label: String?
    /// UTF-8 offsets of the whole `[[…]]` in the text it was found in.
    public var range: Range<Int>

    public init(target: String, heading: String?, label: String?, range: Range<Int>) {
        (self.target, self.heading, self.label, self.range) = (target, heading, label, range)
    }

    /// What the reader sees: the label, else the target and heading as written.
    public var text: String {
        if let label, !label.isEmpty { return label }
        guard let heading else { return target }
        return target.isEmpty ? heading : "\(target)#\(heading)"
    }

    /// The wikilinks in `text`, in order. A target is 1–200 characters without `[`, `]` or a line break.
    public static func all(in text: String) -> [Wikilink] {
        // On the bytes: Foundation's `contains("[[")` searched as NSString does, which cost more than the scan.
        guard text.utf8.count >= 5, text.utf8.contains(UInt8(ascii: "[")) else { return [] }
        let bytes = Array(text.utf8)
        var found: [Wikilink] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") else {
                i += 1
                continue
            }
            var j = i + 2
            while j < bytes.count, j - i < 600, bytes[j] != UInt8(ascii: "]"), bytes[j] != UInt8(ascii: "["), bytes[j] != 10 { j += 1 }
            guard j + 1 < bytes.count, bytes[j] == UInt8(ascii: "]"), bytes[j + 1] == UInt8(ascii: "]"), j > i + 2 else {
                i += 1
                continue
            }
            let inner = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
            var reference = Substring(inner), label: String?
            if let bar = inner.firstIndex(of: "|") {
                reference = inner[..<bar]
                label = inner[inner.index(after: bar)...].trimmingSpaces
            }
            var target = reference, heading: String?
            if let hash = reference.firstIndex(of: "#") {
                target = reference[..<hash]
                heading = reference[reference.index(after: hash)...].trimmingSpaces
            }
            let name = target.trimmingSpaces
            if !name.isEmpty || !(heading ?? "").isEmpty {
                found.append(Wikilink(target: name, heading: heading, label: label, range: i..<(j + 2)))
            }
            i = j + 2
        }
        return found
    }
}
