import Foundation
import Mustache
import SiteCore
import Testing
@testable import SiteRender

/// Random templates made of Mustache punctuation: loading and rendering never crash, and our scanner
/// accepts exactly what swift-mustache accepts (otherwise positions or the variable check would be wrong).
@Suite struct TemplateFuzzTests {

    static let pieces = [
        "{{", "}}", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{x}}", "{{{y}}}", "{{&z}}", "{{!c}}", "{{>p}}",
        "{{<p}}", "{{/p}}", "{{$k}}", "{{/k}}", "{{=<% %>=}}", "<%", "%>", "<%={{ }}=%>", "{{a.b}}", "{{.}}",
        "{{first()}}", "{{#first()}}", "{{/first()}}", "{{ a }}", "{{#", "{", "}", "#", "/", "\n", "\r\n", " ",
        "文字", "text", "{{%CONTENT_TYPE:TEXT}}", "{{x(}}", "{{=}}", "{{>*dyn}}", "(", ")",
    ]

    @Test func randomTemplatesNeverCrashAndErrorsComeWithPositions() {
        var random = SeededGenerator(seed: 2026)
        var onlySwiftMustacheFails: [String] = []
        var onlyOursFails: [String: String] = [:]
        for index in 0..<fuzzIterations(4000) {
            let text = (0..<Int(random.next() % 12 + 1)).map { _ in random.pick(Self.pieces) }.joined()
            let ours = TemplateScanner.scan(text)
            let theirs = Result { try MustacheTemplate(string: text) }
            switch (ours, theirs) {
            case (.success, .failure):
                if onlySwiftMustacheFails.count < 8 { onlySwiftMustacheFails.append("#\(index) \(String(reflecting: text)) \(theirs)") }
            case (.failure(let error), .success):
                onlyOursFails[String(error.message.prefix(24))] = text
            case (.success, .success(let template)):
                var library = MustacheLibrary()
                library.register(template, named: "other")
                _ = template.render(["a": [["b": 1]], "x": "<&>"], library: library)
            default:
                break
            }
            switch TemplateCompiler.compile(text, path: "t.mustache") {
            case .failed(let diagnostic):
                #expect(theirs.isFailure && diagnostic.severity == .error && (diagnostic.location?.line ?? 0) >= 1)
            case .compiled(_, _, let warning):
                #expect(!theirs.isFailure && (warning == nil) == ((try? ours.get()) != nil))
            }
        }
        // Ours is stricter only about a stray '{{' before a newline or the end, which swift-mustache drops.
        #expect(onlyOursFails.keys.allSatisfy { $0.hasPrefix("unclosed tag") }, "\(onlyOursFails)")
        #expect(onlySwiftMustacheFails.isEmpty, "\(onlySwiftMustacheFails.joined(separator: "\n"))")
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}

/// `default`, or `SITEGEN_FUZZ_ITERATIONS` for a longer run.
func fuzzIterations(_ default: Int) -> Int {
    ProcessInfo.processInfo.environment["SITEGEN_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? `default`
}
