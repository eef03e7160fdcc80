import SiteCore
import Tensor

/// Version of the example language and its rendering; part of every cache key.
public let tensorScriptLanguageVersion = "tensor-script-2"

/// The rendering of one `tensor` block and the problems found in it.
public struct ExampleOutput: Sendable, Codable, Hashable {
    public var html: String
    public var diagnostics: [Diagnostic]

    public init(html: String, diagnostics: [Diagnostic]) {
        self.html = html
        self.diagnostics = diagnostics
    }
}

/// Evaluates `tensor` blocks: for pages (HTML) and for the terminal (`sitegen eval`).
public enum ExampleEvaluator {
    /// How long one block may run by default; a block still running then is stopped with a `tensor-time-limit` error.
    public static let defaultTimeLimit = BlockRunner.defaultTimeLimit

    /// Evaluates one `tensor` block. `firstLine` is the original-file line of the block's first source line,
    /// `column` the original column where the block's lines start (indentation), so diagnostics point into the note.
    /// `language` is the site's: plots label their axes in it when the block gives no labels.
    public static func evaluate(_ source: String, path: String, firstLine: Int, column: Int, timeLimit: Duration = defaultTimeLimit,
                                language: String = "en") -> ExampleOutput {
        let rendered = RenderedBlock(BlockRunner.run(source, timeLimit: timeLimit, language: language))
        return rendered.output(path: path, firstLine: firstLine, column: column)
    }

    /// Plain-text evaluation for `sitegen eval 'expr'` / `sitegen eval notes/x.md`: when `source` contains
    /// fenced `tensor` blocks, each is evaluated (numbered with file lines); otherwise `source` is one block.
    /// `column` places diagnostics of an indented block (1 = not indented).
    public static func evaluateForTerminal(_ source: String, path: String, firstLine: Int, column: Int = 1,
                                           timeLimit: Duration = defaultTimeLimit) -> (text: String, diagnostics: [Diagnostic]) {
        let blocks = TensorFences.find(in: source)
        if blocks.isEmpty {
            let result = BlockRunner.run(source, timeLimit: timeLimit)
            let text = TextRenderer.render(result) { String(firstLine + $0 - 1) }
            return (text, RenderedBlock.diagnostics(result.errors, path: path, firstLine: firstLine, column: column))
        }
        var texts: [String] = []
        var diagnostics: [Diagnostic] = []
        for block in blocks {
            let result = BlockRunner.run(block.source, timeLimit: timeLimit)
            let start = firstLine + block.firstLine - 1
            texts.append("\(path):\(start)\n" + TextRenderer.render(result) { String(start + $0 - 1) })
            diagnostics += RenderedBlock.diagnostics(result.errors, path: path, firstLine: start, column: block.column)
        }
        return (texts.joined(separator: "\n\n"), diagnostics)
    }
}

/// A block's HTML together with its errors at block-relative positions: what the cache stores.
struct RenderedBlock: Codable, Sendable {
    var html: String
    var errors: [BlockError]
    /// Stopped by the time limit, so never stored in the cache (see `ExampleCache`) and not a stored field.
    var timedOut = false

    private enum CodingKeys: String, CodingKey {
        case html, errors
    }

    init(html: String, errors: [BlockError]) {
        self.html = html
        self.errors = errors
    }

    init(_ result: BlockResult) {
        html = HTMLRenderer.render(result)
        errors = result.errors
        timedOut = result.timedOut
    }

    func output(path: String, firstLine: Int, column: Int) -> ExampleOutput {
        ExampleOutput(html: html, diagnostics: Self.diagnostics(errors, path: path, firstLine: firstLine, column: column))
    }

    static func diagnostics(_ errors: [BlockError], path: String, firstLine: Int, column: Int) -> [Diagnostic] {
        errors.map { error in
            Diagnostic.error(error.message, code: error.code,
                             at: SourceLocation(path: path, line: firstLine + error.line - 1, column: max(column, 1) + error.column - 1))
        }
    }
}
