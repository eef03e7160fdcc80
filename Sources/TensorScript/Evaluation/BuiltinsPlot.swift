import Tensor

extension Builtins {
    static let plotting: [Builtin] = [
        Builtin(name: "plot",
                parameters: [.variadic("series"), .optional("from", -5), .optional("to", 5), .optional("points", 201),
                             .optional("logy", .bool(false)), .optional("ymin"), .optional("ymax"),
                             .optional("xlabel"), .optional("ylabel", .string(""))],
                summary: "An SVG line plot. Functions (`sigmoid`, `grad(tanh)`, your own `f`) are drawn over [from, to]; `minimize` results as loss per step; a vector against its index, or against a first vector argument: `plot(x, y1, y2)`.",
                example: "plot(sigmoid, grad(sigmoid), from: -6, to: 6)", group: "plotting") { context, args in
            try makePlot(context, args)
        },
    ]

    private static func makePlot(_ context: EvaluationContext, _ args: BoundArguments) throws -> Value {
        guard !args.rest.isEmpty else {
            throw ScriptError("plot needs something to draw: a function, a vector or a minimize result; usage: \(table["plot"]?.signature ?? "plot")", at: args.callPosition, code: "tensor-arguments")
        }
        let from = try args.double("from"), to = try args.double("to")
        guard from < to, from.isFinite, to.isFinite else {
            throw ScriptError("plot needs from < to", at: args.position("to"), code: "tensor-arguments")
        }
        let points = try args.int("points", minimum: 2)
        guard points <= 5000 else { throw ScriptError("plot draws at most 5000 points", at: args.position("points"), code: "tensor-arguments") }

        var entries = args.rest
        var sharedX: Tensor?
        if entries.count >= 2, case .tensor(let first) = entries[0].value, first.rank == 1 {
            sharedX = first
            entries.removeFirst()
        }
        let grid = try Tensor.linspace(from, to, points)
        var series: [PlotSpec.Series] = []
        var sawTrajectory = false, sawOther = false
        for entry in entries {
            switch entry.value {
            case .function(let f):
                let xs = sharedX ?? grid
                let ys = try context.apply(f, to: xs, at: entry.position)
                guard ys.count == xs.count else {
                    throw ScriptError("\(f.label) returns \(ys.count) values for \(xs.count) points, so it cannot be drawn as a curve (plot elementwise functions)", at: entry.position, code: "tensor-shape")
                }
                series.append(.init(label: f.label, xs: xs.scalars, ys: ys.scalars))
                sawOther = true
            case .trajectory(let t):
                series.append(.init(label: t.label, xs: t.losses.indices.map(Double.init), ys: t.losses))
                sawTrajectory = true
            case .tensor(let y):
                let values = y.scalars
                guard y.rank <= 1 || y.shape.dropLast().allSatisfy({ $0 == 1 }) else {
                    throw ScriptError("plot draws vectors; this is a tensor of shape \(Display.shapeText(y.shape))", at: entry.position, code: "tensor-shape")
                }
                let xs = sharedX?.scalars ?? values.indices.map(Double.init)
                guard xs.count == values.count else {
                    throw ScriptError("\(values.count) y values for \(xs.count) x values", at: entry.position, code: "tensor-shape")
                }
                series.append(.init(label: entry.text.isEmpty ? PlotWords.current.series(series.count + 1) : entry.text, xs: xs, ys: values))
                sawOther = true
            case .failed(let name):
                throw DependencyFailure(name: name)
            default:
                throw ScriptError("plot cannot draw a \(entry.value.typeName)", at: entry.position, code: "tensor-type")
            }
        }
        let xLabel: String = args.isGiven("xlabel") ? try args.string("xlabel") : (sawTrajectory && !sawOther ? PlotWords.current.step : "x")
        var yLabel = try args.string("ylabel")
        if yLabel.isEmpty && sawTrajectory && !sawOther { yLabel = PlotWords.current.loss }
        return .plot(PlotSpec(series: series, xLabel: xLabel, yLabel: yLabel, logY: try args.bool("logy"),
                              yMin: try args.optionalTensor("ymin")?.scalar, yMax: try args.optionalTensor("ymax")?.scalar))
    }
}
