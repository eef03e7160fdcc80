import SiteCore

/// One note body handed to the normaliser by the build.
public struct NormalizerInput: Sendable {
    /// The body without front matter.
    public var text: String
    /// The path diagnostics name (relative to the notes folder).
    public var path: String
    /// Body lines → file lines.
    public var lineMap: LineMap
    /// The format named by front matter `format:` or the config; forces detection.
    public var declaredFormat: SourceFormat?
    /// The keys of the front matter (empty without front matter).
    public var frontMatterKeys: Set<String>
    /// Front matter `title`, if any.
    public var frontMatterTitle: String?

    public init(
        text: String, path: String, lineMap: LineMap? = nil, declaredFormat: SourceFormat? = nil,
        frontMatterKeys: Set<String> = [], frontMatterTitle: String? = nil
    ) {
        self.text = text
        self.path = path
        self.lineMap = lineMap ?? .identity(lineCount: text.sourceLineCount)
        self.declaredFormat = declaredFormat
        self.frontMatterKeys = frontMatterKeys
        self.frontMatterTitle = frontMatterTitle
    }
}
