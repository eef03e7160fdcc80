/// A message for the author about one place in their notes or templates.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var message: String
    /// A short stable kebab-case identifier, e.g. `yaml-syntax`, `math-lost`.
    public var code: String
    /// Where the problem is; `nil` for problems that belong to no file (a missing tool, say).
    public var location: SourceLocation?

    public init(_ severity: Severity, _ message: String, code: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.code = code
        self.location = location
    }

    public static func error(_ message: String, code: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, message, code: code, at: location)
    }

    public static func warning(_ message: String, code: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, message, code: code, at: location)
    }

    public static func note(_ message: String, code: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.note, message, code: code, at: location)
    }

    /// `notes/x.md:12:5: warning: text [code]`
    public var description: String {
        let prefix = location.map { "\($0): " } ?? "sitegen: "
        return "\(prefix)\(severity.rawValue): \(message) [\(code)]"
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Sorted by path, line, column, keeping the emission order for equal positions.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.path ?? "", la?.line ?? 0, la?.column ?? 0)
            let kb = (lb?.path ?? "", lb?.line ?? 0, lb?.column ?? 0)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
