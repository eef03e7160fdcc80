/// Prepares a context for swift-mustache, which renders a `nil` stored in a dictionary as the text
/// "nil" and treats an empty string as true in a section.
///
/// After normalizing, absent, `nil` and `""` all mean the same: nothing is rendered, and a section over
/// them is skipped (`{{#site.author}}by {{site.author}}{{/site.author}}` works with `author: ""`).
enum ContextNormalizer {
    static func normalized(_ context: [String: Any]) -> [String: Any] {
        context.compactMapValues(normalized(value:))
    }

    private static func normalized(value: Any) -> Any? {
        if let optional = value as? any OptionalValue {
            return optional.optionalPayload.flatMap(normalized(value:))
        }
        switch value {
        case let string as String:
            return string.isEmpty ? nil : string
        case let dictionary as [String: Any]:
            return normalized(dictionary)
        case let array as [Any]:
            return array.compactMap(normalized(value:))
        default:
            return value
        }
    }
}
