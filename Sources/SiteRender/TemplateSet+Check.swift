import SiteCore

/// The variable check: names the templates use that the page model does not provide.
extension TemplateSet {
    /// Warnings for the names `name` (with its partials and parent layout) uses that the page model does
    /// not provide. `sampleContexts` are real contexts of the kind this template renders (one is enough);
    /// the documented model (`template-context.md`) fills in optional fields they lack.
    public func check(_ name: String, sampleContexts: [[String: Any]]) -> [Diagnostic] {
        checkShapes([name: sampleContexts.compactMap { ValueShape(of: $0) }])
    }

    /// `check` with typed sample contexts.
    public func check(_ name: String, samples: [TemplateValue]) -> [Diagnostic] {
        checkShapes([name: samples.map(\.shape)])
    }

    /// `check` for several templates at once, each with its own sample contexts (`["note": [ctx], "home":
    /// [ctx], "404": [ctx]]`), with the warnings of shared templates (the layout) reported once, and a
    /// section name counted as known when any of the samples has it.
    public func checkAll(_ samplesByTemplate: [String: [[String: Any]]]) -> [Diagnostic] {
        checkShapes(samplesByTemplate.mapValues { $0.compactMap { ValueShape(of: $0) } })
    }

    /// `checkAll` with typed sample contexts.
    public func checkAll(samples samplesByTemplate: [String: [TemplateValue]]) -> [Diagnostic] {
        checkShapes(samplesByTemplate.mapValues { $0.map(\.shape) })
    }

    private func checkShapes(_ samplesByTemplate: [String: [ValueShape]]) -> [Diagnostic] {
        let shapes = samplesByTemplate.mapValues { $0.map(PageModel.completing) }
        let checker = checker(samples: shapes.values.flatMap { $0 })
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for name in shapes.keys.sorted() {
            for diagnostic in checker.check(name, samples: shapes[name] ?? []) where seen.insert(diagnostic.description).inserted {
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics.sortedByLocation()
    }

    private func checker(samples: [ValueShape]) -> VariableChecker {
        var keys: Set<String> = []
        PageModel.shape.collectKeys(into: &keys)
        for sample in samples { sample.collectKeys(into: &keys) }
        return VariableChecker(templates: parsed, knownKeys: keys)
    }
}
