import Foundation
import Testing
@testable import TensorScript

@Suite struct BuiltinTests {
    @Test(arguments: Builtins.all.map(\.name))
    func everyBuiltinExampleRunsWithoutErrors(name: String) throws {
        let builtin = try #require(Builtins.table[name])
        let result = BlockRunner.run(builtin.example)
        #expect(result.errors.isEmpty, "\(builtin.example): \(result.errors.map(\.message))")
        #expect(builtin.example.contains(name))
    }

    @Test func namesAreUniqueAndGroupsKnown() {
        #expect(Set(Builtins.all.map(\.name)).count == Builtins.all.count)
        #expect(Builtins.all.allSatisfy { Builtins.groups.contains($0.group) })
    }

    @Test func signaturesShowDefaults() {
        #expect(Builtins.table["leaky_relu"]?.signature == "leaky_relu(x, alpha: 0.01)")
        #expect(Builtins.table["zeros"]?.signature == "zeros(shape…)")
    }

    /// The language reference documents every builtin; its builtin section is generated and must be current.
    @Test func theReferenceDocumentsEveryBuiltin() throws {
        let docs = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("notes/reference/tensor-language.md")
        var text = try String(contentsOf: docs, encoding: .utf8)
        let generated = LanguageReference.builtinsMarkdown()
        let start = try #require(text.range(of: LanguageReference.startMarker), "docs lack the start marker")
        let end = try #require(text.range(of: LanguageReference.endMarker), "docs lack the end marker")
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_DOCS"] == "1" {
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: "\n\n" + generated + "\n")
            try text.write(to: docs, atomically: true, encoding: .utf8)
        } else {
            #expect(String(text[start.upperBound..<end.lowerBound]) == "\n\n" + generated + "\n",
                    "the builtin reference is stale: run SITEGEN_UPDATE_DOCS=1 swift test --filter theReferenceDocumentsEveryBuiltin")
        }
        for builtin in Builtins.all {
            #expect(text.contains("`\(builtin.signature)`"), "notes/reference/tensor-language.md lacks \(builtin.signature)")
        }
        // every tensor block in the reference evaluates without errors (expectations included)
        let (_, diagnostics) = ExampleEvaluator.evaluateForTerminal(text, path: "notes/reference/tensor-language.md", firstLine: 1)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }
}
