import Mustache
import SiteCore

/// One template's text compiled for rendering (swift-mustache) and scanned for checking (`TemplateScanner`).
enum TemplateCompiler {
    /// Scans the template with our scanner (for positions and the variable check) and compiles it with
    /// swift-mustache (the renderer), which decides whether it is valid. When both find an error, ours is
    /// reported: it points at the tag that is wrong. When only ours does (swift-mustache silently drops a
    /// stray `{{` at the end of a line), it is a warning.
    enum Outcome {
        case compiled(MustacheTemplate, [TemplateNode], warning: Diagnostic?)
        case failed(Diagnostic)
    }

    static func compile(_ text: String, path: String) -> Outcome {
        let scanned = TemplateScanner.scan(text)
        func diagnostic(_ severity: Diagnostic.Severity, _ syntax: TemplateSyntaxError) -> Diagnostic {
            Diagnostic(severity, syntax.message, code: "template-syntax",
                       at: SourceLocation(path: path, line: syntax.position.line, column: syntax.position.column))
        }
        do {
            let template = try MustacheTemplate(string: text)
            switch scanned {
            case .success(let nodes): return .compiled(template, nodes, warning: nil)
            case .failure(let syntax): return .compiled(template, [], warning: diagnostic(.warning, syntax))
            }
        } catch {
            if case .failure(let syntax) = scanned {
                return .failed(diagnostic(.error, syntax))
            }
            guard let parserError = error as? MustacheTemplate.ParserError else {
                return .failed(.error("invalid template: \(error)", code: "template-syntax", at: SourceLocation(path: path, line: 1, column: 1)))
            }
            let context = parserError.context
            return .failed(.error(message(for: parserError.error), code: "template-syntax",
                                  at: SourceLocation(path: path, line: context.lineNumber, column: context.columnNumber)))
        }
    }

    private static func message(for error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "tag not finished before the end of the template" }
        switch error {
        case .sectionCloseNameIncorrect: return "closing tag does not match the open section"
        case .unfinishedName: return "malformed tag"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a block cannot apply transforms"
        case .illegalTokenInsideInheritSection: return "only block definitions may appear inside a parent tag"
        case .textInsideInheritSection: return "text is not allowed inside a parent tag"
        case .invalidConfigVariableSyntax: return "malformed configuration tag"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        @unknown default: return "invalid template: \(error)"
        }
    }
}
