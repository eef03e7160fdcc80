import Mustache

/// swift-mustache's own token tree of a template, read once through `Mirror`, for `FastRenderer`.
///
/// Taking the tokens from swift-mustache (rather than parsing again) keeps its exact whitespace rules:
/// standalone tags, partial and block indentation. If the library's internals ever change shape, `init`
/// fails and `TemplateSet` renders through swift-mustache itself.
struct RenderTemplate: Sendable {
    /// A looked-up name, split once: `.`, `` (the sequence context, with transforms), `.a.b`, `a.b`.
    struct Path: Sendable {
        enum Kind: Sendable { case current, sequenceContext, topOnly, stack }
        var kind: Kind
        var components: [String]
        /// Transforms, innermost first (the order they apply in).
        var transforms: [String]

        init(_ name: String, transforms: [String]) {
            self.transforms = transforms.reversed()
            components = name.split(separator: ".").map(String.init)
            if name == "." {
                kind = .current
            } else if name.isEmpty, !transforms.isEmpty {
                kind = .sequenceContext
            } else if name.first == "." {
                kind = .topOnly
            } else {
                kind = .stack
            }
        }
    }

    enum Token: Sendable {
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, RenderTemplate)
        case invertedSection(Path, RenderTemplate)
        case block(String, default: RenderTemplate, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: RenderTemplate]?)
        /// `{{%CONTENT_TYPE:…}}`: whether variables are HTML-escaped from here on.
        case contentType(escapes: Bool)
    }

    var tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// The tokens of `template`, or `nil` if they use something the fast renderer does not (dynamic
    /// partials, custom content types) or do not have the expected shape.
    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") as? [Any] else { return nil }
        var converted: [Token] = []
        converted.reserveCapacity(tokens.count)
        for token in tokens {
            guard let token = Self.token(token) else { return nil }
            converted.append(token)
        }
        self.tokens = converted
    }

    private static func token(_ token: Any) -> Token? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let child = mirror.children.first, let kind = child.label else { return nil }
        let payload = child.value
        let fields = Mirror(reflecting: payload).children.map(\.value)
        switch kind {
        case "text":
            guard let text = payload as? String else { return nil }
            return .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            guard fields.count == 2, let name = fields[0] as? String, let transforms = fields[1] as? [String] else { return nil }
            return .variable(Path(name, transforms: transforms), escaped: kind == "variable")
        case "section", "invertedSection":
            guard fields.count == 3, let name = fields[0] as? String, let transforms = fields[1] as? [String],
                  let inner = fields[2] as? MustacheTemplate, let body = RenderTemplate(inner) else { return nil }
            let path = Path(name, transforms: transforms)
            return kind == "section" ? .section(path, body) : .invertedSection(path, body)
        case "blockExpansion":
            guard fields.count == 3, let name = fields[0] as? String, let inner = fields[1] as? MustacheTemplate,
                  let body = RenderTemplate(inner) else { return nil }
            return .block(name, default: body, indentation: optionalString(fields[2]))
        case "partial":
            guard fields.count == 3, let name = fields[0] as? String else { return nil }
            var inherits: [String: RenderTemplate]?
            if let optional = fields[2] as? any OptionalValue, let wrapped = optional.optionalPayload {
                guard let blocks = wrapped as? [String: MustacheTemplate] else { return nil }
                var converted: [String: RenderTemplate] = [:]
                for (block, template) in blocks {
                    guard let body = RenderTemplate(template) else { return nil }
                    converted[block] = body
                }
                inherits = converted
            }
            return .partial(name, indentation: optionalString(fields[1]), inherits: inherits)
        case "contentType":
            switch String(describing: type(of: payload)) {
            case "HTMLContentType": return .contentType(escapes: true)
            case "TextContentType": return .contentType(escapes: false)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func optionalString(_ value: Any) -> String? {
        (value as? any OptionalValue)?.optionalPayload as? String
    }
}
