/// One thing the sanitiser took out of a note's HTML.
public struct HTMLRemoval: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// An element with its content (`script`).
        case element
        /// An element whose tags went and whose content stayed (`font`).
        case unwrapped
        /// An attribute (`onclick`, `class`).
        case attribute
        /// A URL with a forbidden scheme; `name` is the scheme (`javascript`).
        case url
        /// A `style` property (`position`).
        case styleProperty
    }

    public var kind: Kind
    public var name: String
    /// The element it was in (the element itself for `element` and `unwrapped`).
    public var element: String
    /// Source line of the element (from the raw region's mark), `nil` when unknown.
    public var line: Int?

    public init(_ kind: Kind, _ name: String, in element: String, line: Int?) {
        self.kind = kind
        self.name = name
        self.element = element
        self.line = line
    }

    /// One line for all removals of a note, grouped and counted in order of first appearance:
    /// `removed <script> (2), onclick attributes (3), a javascript: URL; unwrapped <font>`.
    public static func summary(_ removals: [HTMLRemoval]) -> String {
        var order: [GroupKey] = []
        var counts: [GroupKey: Int] = [:]
        for removal in removals {
            let key = GroupKey(removal)
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        func describe(_ key: GroupKey) -> String {
            let n = counts[key] ?? 1
            let count = n > 1 ? " (\(n))" : ""
            switch key.kind {
            case .element, .unwrapped: return "<\(key.name)>\(count)"
            case .attribute:
                let plain = key.name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" }
                return (plain ? key.name : "‘\(key.name)’") + " attribute\(n > 1 ? "s" : "")\(count)"
            case .url: return "\(key.name): URL\(n > 1 ? "s" : "")\(count)"
            case .styleProperty: return "style ‘\(key.name)’\(count)"
            }
        }
        let removed = order.filter { $0.kind != .unwrapped }.map(describe)
        let unwrapped = order.filter { $0.kind == .unwrapped }.map(describe)
        var parts: [String] = []
        if !removed.isEmpty { parts.append("removed " + removed.joined(separator: ", ")) }
        if !unwrapped.isEmpty { parts.append("unwrapped " + unwrapped.joined(separator: ", ") + " (text kept)") }
        return parts.joined(separator: "; ")
    }

    private struct GroupKey: Hashable {
        var kind: Kind
        var name: String
        init(_ removal: HTMLRemoval) {
            kind = removal.kind
            name = removal.name
        }
    }
}
