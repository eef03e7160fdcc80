/// What the variable check knows about a context value: its keys and, for lists, the keys of their
/// elements, merged over every element and every sample. Values themselves do not matter.
indirect enum ValueShape: Sendable {
    /// A string, number or anything else without keys.
    case scalar
    /// A `Bool`: a section over it renders its body in the same context.
    case flag
    case object([String: ValueShape])
    /// A list; `nil` element when it was empty and nothing else told what its elements look like.
    case list(ValueShape?)
    /// A value the check cannot see into (a transform result): every name below it resolves.
    case opaque

    /// The shape of a Mustache context value: dictionaries with `String` keys, arrays, `Bool`,
    /// structs (through `Mirror`, as swift-mustache reads them); `nil` for an absent value.
    init?(of value: Any) {
        if let optional = value as? any OptionalValue {
            guard let wrapped = optional.optionalPayload else { return nil }
            self.init(of: wrapped)
            return
        }
        switch value {
        case let templateValue as TemplateValue:
            self = templateValue.shape
        case is Bool:
            self = .flag
        case is String, is Substring, is Int, is Double:
            self = .scalar
        case let dictionary as [String: Any]:
            self = .object(dictionary.compactMapValues(ValueShape.init(of:)))
        case let array as [Any]:
            self = .list(array.compactMap(ValueShape.init(of:)).reduce(nil) { $0?.merged(with: $1) ?? $1 })
        default:
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .struct || mirror.displayStyle == .class else {
                self = .scalar
                return
            }
            var fields: [String: ValueShape] = [:]
            for child in mirror.children {
                if let label = child.label, let shape = ValueShape(of: child.value) {
                    fields[label] = shape
                }
            }
            self = .object(fields)
        }
    }

    /// The union of two shapes: keys of both objects, elements of both lists.
    func merged(with other: ValueShape) -> ValueShape {
        switch (self, other) {
        case (.opaque, _), (_, .opaque):
            return .opaque
        case (.object(let a), .object(let b)):
            return .object(a.merging(b) { $0.merged(with: $1) })
        case (.list(let a), .list(let b)):
            guard let a else { return .list(b) }
            guard let b else { return .list(a) }
            return .list(a.merged(with: b))
        case (.object, _), (.list, _):
            return self
        case (_, .object), (_, .list):
            return other
        case (.flag, _), (_, .flag):
            return .flag
        default:
            return .scalar
        }
    }

    /// The value named `name` inside this one, as swift-mustache looks it up (lists and scalars have no keys).
    func child(named name: String) -> ValueShape? {
        switch self {
        case .object(let fields): fields[name]
        case .opaque: .opaque
        default: nil
        }
    }

    /// Every key at any depth, for telling an optional name from a misspelt one.
    func collectKeys(into keys: inout Set<String>) {
        switch self {
        case .object(let fields):
            for (key, value) in fields {
                keys.insert(key)
                value.collectKeys(into: &keys)
            }
        case .list(let element?):
            element.collectKeys(into: &keys)
        default:
            break
        }
    }
}

/// Lets `ValueShape` and `ContextNormalizer` see through `Optional`s stored as `Any`.
protocol OptionalValue {
    var optionalPayload: Any? { get }
}

extension Optional: OptionalValue {
    var optionalPayload: Any? {
        switch self {
        case .some(let value): value
        case .none: nil
        }
    }
}
