import Foundation
@testable import sitegen
import Testing

@Suite struct EvalCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func anExpressionStartingWithAMinusIsNotAnOption() throws {
        let eval = try #require(try Sitegen.parseAsRoot(["eval", "-log(0.5)"]) as? EvalCommand)
        #expect(eval.input == ["-log(0.5)"])
        let timed = try #require(try Sitegen.parseAsRoot(["eval", "--timeout", "2", "-tanh(1)"]) as? EvalCommand)
        #expect(timed.input == ["-tanh(1)"] && timed.timeout == 2)
        for arguments in [["eval", "-log(0.5)"], ["eval", "--", "-log(0.5)"], ["eval", "-log(0.5", ")"]] {
            let run = try CommandLineTests.runCapturingOutput(CommandLineTests.binary, arguments)
            #expect(run.status == 0)
            #expect(run.stdout.hasPrefix("1 │ -log(0.5") && run.stdout.contains("⇒ 0.6931"), "\(arguments): \(run.stdout)")
        }
    }

    @Test func aMissingNoteIsNamed() throws {
        for missing in ["notes/missing.md", "notes/missing", "./nope.txt"] {
            let run = try CommandLineTests.runCapturingOutput(CommandLineTests.binary, ["eval", missing], in: Self.repository)
            #expect(run.status == 2)
            #expect(run.stderr == "sitegen eval: error: no such file '\(missing)'\n")
        }
        #expect(!EvalCommand.looksLikePath("pi/2") && !EvalCommand.looksLikePath("-log(0.5)"))
    }

    /// `sitegen eval …` lines in the README, in `eval --help` and on the language page, run from the repository.
    static func documentedExamples() throws -> [String] {
        let texts = try ["README.md", "notes/reference/tensor-language.md"].map {
            try String(contentsOf: repository.appendingPathComponent($0), encoding: .utf8)
        } + [EvalCommand.configuration.discussion]
        let pattern = try Regex(#"sitegen eval ('[^']*'|[^\s'-]\S*)"#)
        return texts.flatMap { $0.matches(of: pattern).map { String($0.output[1].substring ?? "") } }
            .map { $0.hasPrefix("'") ? String($0.dropFirst().dropLast()) : $0 }
    }

    @Test func documentedExamplesRun() throws {
        let examples = try Self.documentedExamples()
        #expect(examples.filter { $0.hasSuffix(".md") }.count >= 3, "\(examples)")
        for example in examples {
            let run = try CommandLineTests.runCapturingOutput(CommandLineTests.binary, ["eval", example], in: Self.repository)
            #expect(run.status == 0, "sitegen eval \(example): \(run.stderr)")
        }
    }
}
