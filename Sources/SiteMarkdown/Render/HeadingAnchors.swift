/// Readable, stable, unique heading ids that keep Chinese characters.
///
/// GitHub's rule — lower-case, drop punctuation, spaces to `-` — with duplicates numbered `-2`, `-3`.
/// `## 激活函数` → `激活函数`; `## What is BN?` → `what-is-bn`; a heading of punctuation only → `section`.
public struct HeadingAnchors: Sendable {
    private var used: Set<String> = []
    /// The next number to try for each base slug: the ones below it are taken, and stay taken.
    private var nextNumber: [String: Int] = [:]

    public init() {}

    /// The base slug of a heading text, before de-duplication.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let props = scalar.properties
            if scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
                pendingDash = false
            } else if props.isWhitespace {
                pendingDash = !out.isEmpty
            } else if props.isAlphabetic || props.numericType != nil || props.generalCategory == .nonspacingMark {
                if pendingDash { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            }
            // Punctuation, symbols and private-use placeholders are dropped.
        }
        return out.isEmpty ? "section" : out
    }

    /// A unique id for `text`, numbering repeats `-2`, `-3`, … in call order.
    public mutating func makeID(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var n = nextNumber[base] ?? 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        nextNumber[base] = n
        used.insert(candidate)
        return candidate
    }

    /// Reserves an id that must not be handed out (e.g. one used by the template).
    public mutating func reserve(_ id: String) {
        used.insert(id)
    }
}
