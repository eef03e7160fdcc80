import Foundation

/// Why node gave no answer for a formula: never cached, reported at that formula only.
struct KaTeXBridgeFailure: Error, Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// node could not be started or did not load KaTeX.
        case notStarted
        /// node exited or crashed while typesetting the formula.
        case died
        /// No answer within the time limit; node was stopped.
        case timedOut
        /// node answered something that is not an answer.
        case unreadable
    }

    var kind: Kind
    var detail: String
}

/// One item of a request to `KaTeXDriver`: a formula for KaTeX, or a code block for Prism.
struct NodeItem: Encodable, Hashable, Sendable {
    var tex: String?
    var display: Bool?
    var code: String?
    var language: String?

    static func formula(_ span: MathSpan) -> NodeItem { NodeItem(tex: span.tex, display: span.display) }
    static func code(_ code: String, language: String) -> NodeItem { NodeItem(code: code, language: language) }
}

/// One node process running `KaTeXDriver`, used by one batch at a time. The process is started again
/// after it died, hung or answered garbage.
final class KaTeXWorker: @unchecked Sendable {
    private let node: URL
    private let environment: [String: String]
    private let lock = NSLock()
    private var process: LineProcess?

    init(node: URL, environment: [String: String]) {
        self.node = node
        self.environment = environment
    }

    deinit {
        process?.terminate()
    }

    /// Starts the process now and returns the KaTeX version it reports.
    func start() throws -> String {
        try lock.withLock {
            process?.terminate()
            let (process, version) = try Self.launch(node: node, environment: environment)
            self.process = process
            return version
        }
    }

    /// The outcomes of the first items of `batch`, in order, and why the next one got none (`nil` when
    /// every item was answered). Each item may take `timeout` seconds.
    func render(_ batch: [NodeItem], macros: [String: String], timeout: Double)
        -> (outcomes: [KaTeXOutcome], failure: KaTeXBridgeFailure?) {
        lock.withLock {
            var outcomes: [KaTeXOutcome] = []
            let failure = exchange(batch, macros: macros, timeout: timeout) { outcomes.append($0) }
            if failure != nil {
                process?.terminate()
                process = nil
            }
            return (outcomes, failure)
        }
    }

    private struct Request: Encodable {
        var macros: [String: String]
        var items: [NodeItem]
    }

    private struct Failure: Decodable {
        var failure: String
    }

    private func exchange(_ batch: [NodeItem], macros: [String: String], timeout: Double,
                          answered: (KaTeXOutcome) -> Void) -> KaTeXBridgeFailure? {
        if process?.isRunning != true {
            process?.terminate()
            do {
                process = try Self.launch(node: node, environment: environment).process
            } catch {
                process = nil
                return KaTeXBridgeFailure(kind: .notStarted, detail: (error as? KaTeXRenderer.StartError)?.description ?? "\(error)")
            }
        }
        guard let process else { return KaTeXBridgeFailure(kind: .notStarted, detail: "node is not running") }
        let request = Request(macros: macros, items: batch)
        do {
            try process.writeLine(try JSONEncoder().encode(request))
        } catch {
            return KaTeXBridgeFailure(kind: .died, detail: "node " + (process.exitDescription ?? "did not take the formulas"))
        }
        let decoder = JSONDecoder()
        for _ in batch {
            switch process.readLine(within: timeout) {
            case .failure(.timedOut):
                return KaTeXBridgeFailure(kind: .timedOut, detail: "no answer within \(Self.seconds(timeout))")
            case .failure(.ended):
                process.waitForExit(within: 1)
                return KaTeXBridgeFailure(kind: .died, detail: "node " + (process.exitDescription ?? "closed its output"))
            case .success(let line):
                if let outcome = try? decoder.decode(KaTeXOutcome.self, from: line) {
                    answered(outcome)
                } else {
                    let said = (try? decoder.decode(Failure.self, from: line))?.failure ?? String(decoding: line.prefix(200), as: UTF8.self)
                    return KaTeXBridgeFailure(kind: .unreadable, detail: "node answered: \(said)")
                }
            }
        }
        return nil
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    private struct Ready: Decodable {
        var ready: Bool
        var version: String
    }

    /// Starting node and loading KaTeX takes about 0.1 s; this much time means it never will.
    private static let startTimeout = 30.0

    private static func launch(node: URL, environment: [String: String]) throws -> (process: LineProcess, version: String) {
        let process = try LineProcess(executable: node, arguments: ["-e", KaTeXDriver.script], extraEnvironment: environment)
        let line: Data
        switch process.readLine(within: startTimeout) {
        case .success(let ready): line = ready
        case .failure(let failure):
            process.terminate()
            throw KaTeXRenderer.StartError.katexNotLoadable(failure == .timedOut
                ? "node did not answer within \(seconds(startTimeout))"
                : "node exited before answering; is the `katex` package installed?")
        }
        guard let ready = try? JSONDecoder().decode(Ready.self, from: line), ready.ready else {
            process.terminate()
            throw KaTeXRenderer.StartError.katexNotLoadable(String(decoding: line.prefix(200), as: UTF8.self))
        }
        return (process, ready.version)
    }
}
