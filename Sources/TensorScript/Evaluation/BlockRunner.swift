import SiteCore
import Tensor

/// What one statement produced: its value laid out for display, or its error.
struct StatementOutcome: Hashable, Sendable, Codable {
    /// Block line of the statement's first character, and the last block line it occupies.
    var line: Int
    var lastLine: Int
    /// The variable an assignment set, shown before the value.
    var name: String?
    var display: Display?
    var error: BlockError?
    /// `true` when an expectation was checked and met.
    var expectationMet: Bool?
}

/// An error inside a block, at a block-relative position.
struct BlockError: Hashable, Sendable, Codable {
    var message: String
    var code: String
    var line: Int
    var column: Int

    init(_ error: ScriptError) {
        message = error.message
        code = error.code
        line = error.position.line
        column = error.position.column
    }
}

/// The evaluated block: the source lines, the outcome of each statement, and syntax errors.
struct BlockResult: Hashable, Sendable, Codable {
    var sourceLines: [String]
    var outcomes: [StatementOutcome]
    /// Syntax errors (their statements are not run).
    var syntaxErrors: [BlockError]
    /// The block ran out of time: the last outcome holds the error and later statements did not run. Such a
    /// result depends on the machine's speed and load, so it is not cached.
    var timedOut = false

    /// Every error of the block, in source order.
    var errors: [BlockError] {
        (syntaxErrors + outcomes.compactMap(\.error)).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Thrown when the block's time limit (its `ComputeDeadline`) passes; stops the whole block.
struct TimeLimitExceeded: Error {}

/// Parses and runs one block.
enum BlockRunner {
    /// How long one block may run unless the caller says otherwise (`examples: timeout:` in sitegen.yml).
    static let defaultTimeLimit = Duration.seconds(SiteConfig.defaultExampleTimeout)
    static let timeLimitCode = "tensor-time-limit"

    /// `language` is the site's (`zh-CN`): the words plots write themselves are in it (`PlotWords`).
    static func run(_ source: String, timeLimit: Duration = defaultTimeLimit, language: String = "en") -> BlockResult {
        runCollectingValues(source, timeLimit: timeLimit, language: language).result
    }

    /// The result and, per statement, the value it computed (nil for definitions and failures). The time
    /// limit runs from here, over parsing, evaluation and laying out values; the evaluator checks it between
    /// operations and the kernel inside long matrix products, so a stopped block costs about `timeLimit`.
    ///
    /// The block runs on a thread of its own (`EvaluationThread`): whatever thread calls this (a Dispatch
    /// worker with a 512 KB stack during a build), the parser's and evaluator's nesting limits then fit.
    static func runCollectingValues(_ source: String, timeLimit: Duration = defaultTimeLimit,
                                    language: String = "en") -> (result: BlockResult, values: [Value?]) {
        EvaluationThread.run {
            PlotWords.$current.withValue(PlotWords(language: language)) { evaluate(source, timeLimit: timeLimit) }
        }
    }

    private static func evaluate(_ source: String, timeLimit: Duration) -> (result: BlockResult, values: [Value?]) {
        ComputeDeadline.$current.withValue(ContinuousClock.now + timeLimit) {
            let program = Parser.parse(source)
            let context = EvaluationContext()
            var result = BlockResult(sourceLines: source.sourceLines.map(String.init), outcomes: [], syntaxErrors: program.errors.map(BlockError.init))
            var values: [Value?] = []
            for statement in program.statements {
                let (outcome, value) = run(statement, in: context, timeLimit: timeLimit)
                result.outcomes.append(outcome)
                values.append(value)
                if outcome.error?.code == timeLimitCode {
                    result.timedOut = true
                    break
                }
            }
            return (result, values)
        }
    }

    static func run(_ statement: Statement, in context: EvaluationContext, timeLimit: Duration = defaultTimeLimit) -> (StatementOutcome, Value?) {
        var outcome = StatementOutcome(line: statement.position.line, lastLine: statement.lastLine)
        var computed: Value?
        do {
            do { try ComputeDeadline.check() } catch { throw TimeLimitExceeded() }
            let value: Value
            switch statement.kind {
            case .assignment(let name, let expr):
                outcome.name = name
                do {
                    value = detached(try context.evaluate(expr))
                } catch {
                    context.globals[name] = .failed(name: name)
                    throw error
                }
                context.globals[name] = value
            case .function(let name, let parameters, let body):
                context.globals[name] = .function(ScriptFunction(name: name, body: .user(parameters: parameters, body: body)))
                return (outcome, nil)
            case .expression(let expr):
                value = detached(try context.evaluate(expr))
            }
            computed = value
            if !statement.isSilent { outcome.display = display(value) }
            if let expectation = statement.expectation {
                try Expectations.check(value, against: expectation, in: context)
                outcome.expectationMet = true
            }
        } catch let error as ScriptError {
            outcome.error = BlockError(error)
            if statement.expectation != nil, error.code == Expectations.mismatchCode { outcome.expectationMet = false }
        } catch is DependencyFailure {
            outcome.display = nil
        } catch is TimeLimitExceeded {
            outcome.display = nil
            outcome.error = BlockError(ScriptError("stopped after \(timeLimit.secondsText), the time limit of a block, while this statement was running; make the example smaller or raise the limit (`examples: timeout:` in sitegen.yml, `sitegen eval --timeout`)", at: statement.position, code: timeLimitCode))
        } catch {
            outcome.error = BlockError(ScriptError("\(error)", at: statement.position))
        }
        return (outcome, computed)
    }

    /// Drops autodiff history so stored values do not keep graphs alive.
    static func detached(_ value: Value) -> Value {
        switch value {
        case .tensor(let t): .tensor(t.detached())
        case .record(let fields): .record(fields.map { (name: $0.name, value: detached($0.value)) })
        default: value
        }
    }

    static func display(_ value: Value) -> Display? {
        switch value {
        case .tensor(let t): return .tensor(shape: t.shape, scalars: t.scalars)
        case .string(let s): return .text(s)
        case .bool(let b): return .scalar(b ? "true" : "false")
        case .function(let f):
            switch f.body {
            case .builtin(let b): return .text("function \(b.signature)")
            case .user(let parameters, _): return .text("function \(f.name)(\(parameters.joined(separator: ", ")))")
            default: return .text("function \(f.label)(x)")
            }
        case .record(let fields):
            return .record(fields.compactMap { field in display(field.value).map { Display.Field(name: field.name, value: $0) } })
        case .trajectory(let t): return trajectoryTable(t)
        case .plot(let spec): return .plot(svg: SVGPlot.render(spec), alt: spec.altText)
        case .failed, .none: return nil
        }
    }

    /// Up to 12 rows: the first steps, then evenly spaced ones, always the last.
    static func trajectoryTable(_ t: Trajectory) -> Display {
        let count = t.losses.count
        var rows: [Int] = Array(0..<min(count, 12))
        if count > 12 {
            rows = [0, 1, 2, 3]
            let rest = 7
            for k in 1...rest { rows.append(3 + Int((Double(k) / Double(rest) * Double(count - 4)).rounded()) ) }
            rows = Array(Set(rows.map { min($0, count - 1) })).sorted()
        }
        let width = t.parameters.first?.count ?? 0
        let showEach = width <= 3
        var columns = ["step", "loss"]
        columns += showEach ? (0..<width).map { width == 1 ? "x" : "x[\($0)]" } : ["‖x‖"]
        let table = rows.map { r -> [String] in
            var cells = [String(r), NumberFormat.compact(t.losses[r])]
            if r < t.parameters.count {
                let p = t.parameters[r]
                cells += showEach ? p.scalars.map(NumberFormat.compact) : [NumberFormat.compact(p.l2Norm().scalar ?? 0)]
            }
            return cells
        }
        return .table(columns: columns, rows: table)
    }
}

extension Duration {
    /// `5 s`, `0.25 s`: a time limit as messages write it.
    var secondsText: String {
        NumberFormat.compact(Double(components.seconds) + Double(components.attoseconds) * 1e-18) + " s"
    }
}
