/// A template context value: a typed, `Sendable` alternative to `[String: Any]` contexts that renders
/// without the dynamic casts swift-mustache needs for `Any` (the build renders thousands of pages).
///
/// As in contexts given as `[String: Any]`, there is no `nil` and no empty string: an absent value is
/// simply not in its object, and the `String` initialisers drop `""`; a `.string("")` in an object renders
/// as if it were absent.
public indirect enum TemplateValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The value of a context tree made of dictionaries with `String` keys, arrays, strings, numbers,
    /// `Bool`s, optionals, values shown by their `description` (`Date`, `URL`) and other structs (read
    /// through `Mirror`, as swift-mustache reads them); `nil` for `nil` and `""`.
    public init?(_ any: Any) {
        switch any {
        case let string as String:
            guard !string.isEmpty else { return nil }
            self = .string(string)
        case let int as Int:
            self = .int(int)
        case let bool as Bool:
            self = .bool(bool)
        case let double as Double:
            self = .double(double)
        case let value as TemplateValue:
            self = value
        case let dictionary as [String: Any]:
            self = .object(dictionary.compactMapValues(TemplateValue.init))
        case let array as [Any]:
            self = .list(array.compactMap(TemplateValue.init))
        case let optional as any OptionalValue:
            guard let wrapped = optional.optionalPayload, let value = TemplateValue(wrapped) else { return nil }
            self = value
        case let substring as Substring:
            guard !substring.isEmpty else { return nil }
            self = .string(String(substring))
        case let integer as any BinaryInteger:
            guard let int = Int(exactly: integer) else {
                self = .string(String(describing: integer))
                return
            }
            self = .int(int)
        case let described as any CustomStringConvertible:
            // Float, Date, URL, UUID…: shown as swift-mustache shows them, by their description.
            self = .string(described.description)
        default:
            let mirror = Mirror(reflecting: any)
            guard mirror.displayStyle == .struct || mirror.displayStyle == .class else {
                self = .string(String(describing: any))
                return
            }
            var fields: [String: TemplateValue] = [:]
            for child in mirror.children {
                if let label = child.label, let value = TemplateValue(child.value) {
                    fields[label] = value
                }
            }
            self = .object(fields)
        }
    }

    /// A string value, or `nil` (absent) for an empty string.
    public static func text(_ string: String) -> TemplateValue? {
        string.isEmpty ? nil : .string(string)
    }

    /// The value under `key` of an object.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The text `{{value}}` shows (before escaping), as swift-mustache prints a Swift value.
    var renderedText: String {
        switch self {
        case .string(let string): string
        case .int(let int): String(int)
        case .double(let double): String(describing: double)
        case .bool(let bool): bool ? "true" : "false"
        case .list, .object: ""
        }
    }

    /// The value as swift-mustache reads contexts: dictionaries, arrays and Swift scalars.
    public var anyValue: Any {
        switch self {
        case .string(let string): string
        case .int(let int): int
        case .double(let double): double
        case .bool(let bool): bool
        case .list(let elements): elements.map(\.anyValue)
        case .object(let fields): fields.mapValues(\.anyValue)
        }
    }

    /// What the variable check needs to know about this value.
    var shape: ValueShape {
        switch self {
        case .string, .int, .double: .scalar
        case .bool: .flag
        case .list(let elements): .list(elements.reduce(nil) { $0?.merged(with: $1.shape) ?? $1.shape })
        case .object(let fields): .object(fields.mapValues(\.shape))
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
