/// A 1-based line and column (in characters) inside a template file.
struct TemplatePosition: Hashable, Sendable {
    var line: Int
    var column: Int
}

/// A tag name as written, split into the looked-up name and the transforms applied to it:
/// `{{uppercased(page.title)}}` has name `page.title` and transforms `["uppercased"]` (outermost first).
struct TagName: Hashable, Sendable {
    var name: String
    var transforms: [String]

    var written: String {
        transforms.reversed().reduce(name) { inner, transform in "\(transform)(\(inner))" }
    }
}

/// The tags of one template file, nested the way Mustache nests them, each with its position.
/// Only what the variable check needs: text and comments are dropped.
indirect enum TemplateNode: Sendable {
    /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
    case variable(TagName, at: TemplatePosition)
    /// `{{#name}}…{{/name}}` or, inverted, `{{^name}}…{{/name}}`.
    case section(TagName, inverted: Bool, at: TemplatePosition, body: [TemplateNode])
    /// `{{>name}}`; `dynamic` for `{{>*name}}`.
    case partial(String, dynamic: Bool, at: TemplatePosition)
    /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: render `name` with these blocks overridden.
    case parent(String, dynamic: Bool, at: TemplatePosition, blocks: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` outside a parent tag: a block a child template may override.
    case block(String, at: TemplatePosition, body: [TemplateNode])
}

/// A syntax error found while scanning a template, at the tag that is wrong.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    var message: String
    var position: TemplatePosition
}
