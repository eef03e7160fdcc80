import Foundation
import SiteCore

/// Renders formulas at build time with KaTeX in long-lived node processes fed in batches.
///
/// HTML+MathML output. A formula KaTeX rejects, or one that crashes or hangs node, costs only itself: it
/// becomes a `math-katex-error` warning and the page shows its source in `<code class="math-error">`;
/// strict-mode complaints are `math-katex-warning`s. What KaTeX said is cached by sha256(formula,
/// display, KaTeX version, macros) in memory and in `cacheDirectory`; a failure of node itself is not.
public final class KaTeXRenderer: MathRendering, @unchecked Sendable {
    /// Distinct formulas KaTeX rendered, found in the cache, and failed to render (KaTeX errors and
    /// node failures), since creation.
    public struct Statistics: Sendable, Hashable {
        public var rendered = 0
        public var cached = 0
        public var failed = 0
    }

    public enum StartError: Error, CustomStringConvertible {
        case nodeNotFound
        case katexNotLoadable(String)

        public var description: String {
            switch self {
            case .nodeNotFound: "node (Node.js) was not found on PATH"
            case .katexNotLoadable(let why): "the KaTeX module could not be loaded by node (\(why))"
            }
        }
    }

    /// The KaTeX version reported by the node module.
    public let katexVersion: String
    /// The version of the Prism module node would load (Debian `node-prismjs`), `nil` when there is none.
    public let prismVersion: String?
    /// `.buildTime`, or `.clientSide` once node turned out unable to start KaTeX (formulas rendered
    /// after that are left to KaTeX auto-render in the browser; cached ones keep their HTML).
    public var mode: MathRenderingMode { startFailure == nil ? .buildTime : .clientSide }

    /// Why node could not start KaTeX, found at the first formula that was not cached.
    public var startFailure: StartError? {
        statisticsLock.withLock { if case .failed(let error) = startState { error } else { nil } }
    }

    private enum StartState { case unverified, ready, failed(StartError) }
    private var startState = StartState.unverified

    private let workers: [KaTeXWorker]
    private let cache: MathRenderCache
    private let statisticsLock = NSLock()
    private var counters = Statistics()
    /// Formulas per request line: at most `maxBatchSize` to bound one JSON line, at least
    /// `minBatchSize` so that small calls do not wake every worker.
    private let maxBatchSize = 400
    private let minBatchSize = 32
    /// Seconds KaTeX may take for one formula before its node process is stopped (the formula fails
    /// alone; a simple formula takes about a millisecond).
    private let formulaTimeout: Double

    /// Starts node with KaTeX. `nodePath` defaults to `$SITEGEN_NODE`, then `node`/`nodejs` on `PATH`;
    /// `/usr/share/nodejs` (Debian's `katex` package) is added to `NODE_PATH`. Up to `processes` node
    /// processes (default: the number of cores, at most 4) render in parallel; all but the first start
    /// only when a call has enough formulas to need them. A formula that KaTeX has not typeset after
    /// `formulaTimeout` seconds fails.
    public init(cacheDirectory: URL?, nodePath: String? = nil, processes: Int? = nil, formulaTimeout: Double = 15) throws {
        guard let node = Self.findNode(nodePath) else { throw StartError.nodeNotFound }
        let nodePathVariable = ([ProcessInfo.processInfo.environment["NODE_PATH"], "/usr/share/nodejs"]
            .compactMap { $0 }.filter { !$0.isEmpty }).joined(separator: ":")
        let count = max(1, processes ?? min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let workers = (0..<count).map { _ in KaTeXWorker(node: node, environment: ["NODE_PATH": nodePathVariable]) }
        // Reading the installed version keeps node from starting at all when every formula is cached.
        self.prismVersion = Self.installedVersion(of: "prismjs", nodePath: nodePathVariable)
        if let installed = Self.installedVersion(of: "katex", nodePath: nodePathVariable) {
            self.katexVersion = installed
        } else {
            self.katexVersion = try workers[0].start()
            startState = .ready
        }
        self.workers = workers
        self.cache = MathRenderCache(directory: cacheDirectory)
        self.formulaTimeout = formulaTimeout
    }

    public var statistics: Statistics {
        statisticsLock.withLock { counters }
    }

    public func render(_ spans: [MathSpan], macros: [String: String]) -> [RenderedMath] {
        let macroKey = macros.cacheKeyText
        // Notes repeat formulas; hash each distinct (tex, display) once.
        var keyByFormula: [String: String] = [:]
        let keys = spans.map { span in
            let formula = (span.display ? "D" : "I") + span.tex
            if let known = keyByFormula[formula] { return known }
            let key = MathRenderCache.key(tex: span.tex, display: span.display, version: katexVersion, macros: macroKey)
            keyByFormula[formula] = key
            return key
        }
        var outcomes: [String: KaTeXOutcome] = [:]
        var missing: [(key: String, span: MathSpan)] = []
        var missingKeys: Set<String> = []
        var cachedCount = 0
        for (key, span) in zip(keys, spans) where outcomes[key] == nil && !missingKeys.contains(key) {
            if let hit = cache.lookup(key) {
                outcomes[key] = hit
                cachedCount += 1
            } else {
                missingKeys.insert(key)
                missing.append((key, span))
            }
        }
        guard missing.isEmpty || nodeIsReady() else {
            statisticsLock.withLock { counters.cached += cachedCount }
            let browser = ClientSideMathRenderer()
            return zip(keys, spans).map { key, span in
                outcomes[key].map { Self.result($0, for: span) } ?? browser.render([span], macros: macros)[0]
            }
        }
        let fresh = renderWithNode(missing.map { .formula($0.span) }, macros: macros.katexMacros)
        var failures: [String: KaTeXBridgeFailure] = [:]
        var answered: [(key: String, outcome: KaTeXOutcome)] = []
        for ((key, _), answer) in zip(missing, fresh) {
            switch answer {
            case .success(let outcome):
                outcomes[key] = outcome
                answered.append((key, outcome))
            case .failure(let failure):
                failures[key] = failure
            }
        }
        cache.store(answered)
        statisticsLock.withLock {
            counters.cached += cachedCount
            counters.rendered += fresh.count { (try? $0.get()) != nil }
            counters.failed += fresh.count { (try? $0.get())?.html == nil }
        }
        return zip(keys, spans).map { key, span in
            if let outcome = outcomes[key] { return Self.result(outcome, for: span) }
            return Self.result(failures[key] ?? KaTeXBridgeFailure(kind: .unreadable, detail: "node gave no answer"), for: span)
        }
    }

    /// Each block's code highlighted by Prism (`<span class="token …">`, escaped), in order; `nil` where Prism
    /// is not installed, does not know the language, or node failed. Cached like formulas, by sha256(code,
    /// language, Prism version).
    public func highlight(_ blocks: [CodeToHighlight]) -> [String?] {
        guard let prismVersion, !blocks.isEmpty else { return blocks.map { _ in nil } }
        let keys = blocks.map {
            ContentHash.sha256Hex($0.code, $0.language.lowercased(), "prism-\(prismVersion)", "driver-\(KaTeXDriver.revision)")
        }
        var outcomes: [String: KaTeXOutcome] = [:]
        var missing: [(key: String, block: CodeToHighlight)] = []
        var missingKeys: Set<String> = []
        for (key, block) in zip(keys, blocks) where outcomes[key] == nil && !missingKeys.contains(key) {
            if let hit = cache.lookup(key) {
                outcomes[key] = hit
            } else {
                missingKeys.insert(key)
                missing.append((key, block))
            }
        }
        if !missing.isEmpty, nodeIsReady() {
            let fresh = renderWithNode(missing.map { .code($0.block.code, language: $0.block.language) }, macros: [:])
            var answered: [(key: String, outcome: KaTeXOutcome)] = []
            for ((key, _), answer) in zip(missing, fresh) {
                guard case .success(let outcome) = answer else { continue }
                outcomes[key] = outcome
                answered.append((key, outcome))
            }
            cache.store(answered)
        }
        return keys.map { outcomes[$0]?.html }
    }

    /// Starts the first node process if that has not been tried yet; false when it cannot load KaTeX.
    private func nodeIsReady() -> Bool {
        statisticsLock.lock()
        let state = startState
        statisticsLock.unlock()
        switch state {
        case .ready: return true
        case .failed: return false
        case .unverified:
            let outcome: StartState
            do {
                _ = try workers[0].start()
                outcome = .ready
            } catch {
                outcome = .failed(error as? StartError ?? .katexNotLoadable("\(error)"))
            }
            statisticsLock.withLock { startState = outcome }
            if case .ready = outcome { return true }
            return false
        }
    }

    /// The code of the warning for a formula that could not be typeset.
    public static let errorCode = "math-katex-error"

    static func result(_ outcome: KaTeXOutcome, for span: MathSpan) -> RenderedMath {
        if let html = outcome.html, outcome.error == nil, outcome.warnings.isEmpty {
            return RenderedMath(html: html)
        }
        let shown = MathProtector.excerpt(span.shownSource)
        let (warnings, error) = KaTeXAdvice.describe(outcome)
        var diagnostics = warnings.map {
            Diagnostic.warning("KaTeX: \($0) in \(shown)", code: "math-katex-warning", at: span.location)
        }
        if let html = outcome.html, outcome.error == nil {
            return RenderedMath(html: html, diagnostics: diagnostics)
        }
        diagnostics.append(.warning("KaTeX: \(error ?? "no output") in \(shown)", code: errorCode, at: span.location))
        return RenderedMath(html: errorHTML(span: span, message: outcome.error ?? "no output"), diagnostics: diagnostics)
    }

    static func result(_ failure: KaTeXBridgeFailure, for span: MathSpan) -> RenderedMath {
        let what = switch failure.kind {
        case .timedOut: "\(failure.detail) for this formula, so node was stopped; the other formulas are typeset. Split or simplify it"
        case .died: "\(failure.detail) while typesetting this formula alone; the other formulas are typeset. Split or simplify it"
        case .notStarted, .unreadable: "the formula could not be typeset because \(failure.detail)"
        }
        return RenderedMath(html: errorHTML(span: span, message: failure.detail), diagnostics: [
            .warning("KaTeX: \(what) in \(MathProtector.excerpt(span.shownSource))", code: errorCode, at: span.location),
        ])
    }

    /// The source TeX, visibly marked, shown where a formula failed; `message` shows on hover.
    static func errorHTML(span: MathSpan, message: String) -> String {
        let classes = span.display ? "math-error math-display" : "math-error"
        return #"<code class="\#(classes)" title="\#(message.htmlEscaped)">\#(span.shownSource.htmlEscaped)</code>"#
    }

    /// Splits `spans` into batches spread over the workers, which run in parallel.
    private func renderWithNode(_ spans: [NodeItem], macros: [String: String]) -> [Result<KaTeXOutcome, KaTeXBridgeFailure>] {
        guard !spans.isEmpty else { return [] }
        let perWorker = (spans.count + workers.count - 1) / workers.count
        let size = min(maxBatchSize, max(minBatchSize, perWorker))
        let batches = stride(from: 0, to: spans.count, by: size).map { Array(spans[$0..<min($0 + size, spans.count)]) }
        let results = ResultSlots<[Result<KaTeXOutcome, KaTeXBridgeFailure>]>(count: batches.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { i in
            results.set(i, renderIsolatingFailures(batches[i], on: workers[i % workers.count], macros: macros))
        }
        return results.values.flatMap { $0 ?? [] }
    }

    /// One result per formula of `batch`. node answers formula by formula, so when it dies, hangs or
    /// answers garbage, the formula it was on is known: that formula is tried once more alone in a new
    /// process (unless it hung), and the rest of the batch goes on in a new process. No formula can fail
    /// more than itself.
    private func renderIsolatingFailures(_ batch: [NodeItem], on worker: KaTeXWorker, macros: [String: String])
        -> [Result<KaTeXOutcome, KaTeXBridgeFailure>] {
        var results: [Result<KaTeXOutcome, KaTeXBridgeFailure>] = []
        var rest = batch[...]
        while !rest.isEmpty {
            let attempt = worker.render(Array(rest), macros: macros, timeout: formulaTimeout)
            results += attempt.outcomes.map { .success($0) }
            rest = rest.dropFirst(attempt.outcomes.count)
            guard let failure = attempt.failure, let culprit = rest.popFirst() else { break }
            if failure.kind == .notStarted {
                results += ([culprit] + rest).map { _ in .failure(failure) }
                break
            }
            if failure.kind == .timedOut {
                results.append(.failure(failure))
                continue
            }
            let alone = worker.render([culprit], macros: macros, timeout: formulaTimeout)
            results.append(alone.outcomes.first.map { .success($0) } ?? .failure(alone.failure ?? failure))
        }
        return results
    }

    /// The `version` of the first `<module>/package.json` on `nodePath` (the module node would load).
    static func installedVersion(of module: String, nodePath: String) -> String? {
        for directory in nodePath.split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(module + "/package.json")
            guard let data = try? Data(contentsOf: url),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let version = json["version"] as? String, !version.isEmpty
            else { continue }
            return version
        }
        return nil
    }

    static func findNode(_ explicit: String?) -> URL? {
        let fm = FileManager.default
        if let path = explicit ?? ProcessInfo.processInfo.environment["SITEGEN_NODE"], !path.isEmpty {
            return fm.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        for name in ["node", "nodejs"] {
            for dir in directories where fm.isExecutableFile(atPath: dir + "/" + name) {
                return URL(fileURLWithPath: dir + "/" + name)
            }
        }
        return nil
    }
}

/// A code block to highlight: its fence's language (`python`, `py`, `cpp`…) and its text.
public struct CodeToHighlight: Hashable, Sendable {
    public var language: String
    public var code: String

    public init(language: String, code: String) {
        self.language = language
        self.code = code
    }
}
