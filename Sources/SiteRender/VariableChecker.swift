import SiteCore

/// Finds template names the page model does not provide, by walking a template's tags (through its
/// partials and its parent layout) with a context stack of `ValueShape`s, as Mustache would render it.
///
/// - An interpolation (`{{a.b}}`) warns when it resolves in none of the sample contexts it was reached in.
/// - A section (`{{#a}}`, `{{^a}}`) over a name absent from the sample is normal for optional values; it
///   warns only when a part of its name is known nowhere in the model (a misspelling).
/// - The body of a section over an absent value is not rendered, so it is not checked in that sample.
struct VariableChecker {
    /// The parsed templates by name, with the path to print in diagnostics.
    let templates: [String: ParsedTemplate]
    /// Every key at any depth of the model (documented names and all samples).
    let knownKeys: Set<String>

    private struct Occurrence: Hashable {
        var path: String
        var position: TemplatePosition
        var name: String
    }

    /// What one walk found; merged over all samples.
    private struct Findings {
        var reached: Set<Occurrence> = []
        var resolved: Set<Occurrence> = []
        var unknownSections: Set<Occurrence> = []
        var missingPartials: Set<Occurrence> = []
        var unknownTransforms: Set<Occurrence> = []
    }

    /// The transforms swift-mustache 2.x implements (on strings, lists, integers and the sequence context).
    static let knownTransforms: Set<String> = [
        "empty", "capitalized", "lowercased", "uppercased", "reversed", "first", "last", "count", "sorted",
        "enumerated", "equalzero", "plusone", "minusone", "even", "odd", "index",
    ]

    /// A block override: the nodes and the file they were written in.
    private typealias Override = (path: String, nodes: [TemplateNode])

    func check(_ name: String, samples: [ValueShape]) -> [Diagnostic] {
        guard let template = templates[name] else { return [] }
        var findings = Findings()
        for sample in samples {
            walk(template.nodes, path: template.path, stack: [sample], overrides: [:], chain: [name], into: &findings)
        }
        var diagnostics: [Diagnostic] = []
        for o in findings.reached.subtracting(findings.resolved) {
            diagnostics.append(.warning("'\(o.name)' is not provided by the page model", code: "template-variable",
                                        at: location(o)))
        }
        for o in findings.unknownSections {
            diagnostics.append(.warning("section '\(o.name)' is not provided by the page model", code: "template-variable",
                                        at: location(o)))
        }
        for o in findings.unknownTransforms {
            diagnostics.append(.warning("unknown transform '\(o.name)'; swift-mustache renders nothing for it", code: "template-transform",
                                        at: location(o)))
        }
        for o in findings.missingPartials {
            diagnostics.append(.warning("partial '\(o.name)' does not exist in the templates folder", code: "template-partial",
                                        at: location(o)))
        }
        return diagnostics.sortedByLocation()
    }

    private func location(_ o: Occurrence) -> SourceLocation {
        SourceLocation(path: o.path, line: o.position.line, column: o.position.column)
    }

    private func walk(_ nodes: [TemplateNode], path: String, stack: [ValueShape], overrides: [String: Override],
                      chain: [String], into findings: inout Findings) {
        for node in nodes {
            switch node {
            case .variable(let tag, let position), .section(let tag, _, let position, _):
                for transform in tag.transforms where !Self.knownTransforms.contains(transform) {
                    findings.unknownTransforms.insert(Occurrence(path: path, position: position, name: transform))
                }
            default:
                break
            }
            switch node {
            case .variable(let tag, let position):
                guard !tag.name.isEmpty else { continue }  // `{{index()}}`: the sequence context
                let occurrence = Occurrence(path: path, position: position, name: tag.written)
                findings.reached.insert(occurrence)
                if resolve(tag.name, in: stack) != nil {
                    findings.resolved.insert(occurrence)
                }

            case .section(let tag, let inverted, let position, let body):
                let value: ValueShape?
                if tag.name.isEmpty {
                    value = .flag  // `{{#first()}}`: a property of the sequence context
                } else if let found = resolve(tag.name, in: stack) {
                    value = tag.transforms.isEmpty ? found : transformed(found, by: tag.transforms)
                } else {
                    value = nil
                    if !isKnown(tag.name) {
                        findings.unknownSections.insert(Occurrence(path: path, position: position, name: tag.written))
                    }
                }
                if inverted {
                    walk(body, path: path, stack: stack, overrides: overrides, chain: chain, into: &findings)
                    continue
                }
                switch value {
                case .none, .list(nil)?:
                    continue
                case .list(let element?)?:
                    walk(body, path: path, stack: stack + [element], overrides: overrides, chain: chain, into: &findings)
                case .flag?:
                    walk(body, path: path, stack: stack, overrides: overrides, chain: chain, into: &findings)
                case let shape?:
                    walk(body, path: path, stack: stack + [shape], overrides: overrides, chain: chain, into: &findings)
                }

            case .partial(let name, let dynamic, let position):
                guard !dynamic else { continue }
                include(name, at: position, from: path, stack: stack, overrides: overrides, chain: chain, into: &findings)

            case .parent(let name, let dynamic, let position, let blocks):
                guard !dynamic else { continue }
                var inherited = overrides
                for (block, body) in blocks where inherited[block] == nil {
                    inherited[block] = (path, body)
                }
                include(name, at: position, from: path, stack: stack, overrides: inherited, chain: chain, into: &findings)

            case .block(let name, _, let body):
                if let override = overrides[name] {
                    walk(override.nodes, path: override.path, stack: stack, overrides: overrides, chain: chain, into: &findings)
                } else {
                    walk(body, path: path, stack: stack, overrides: overrides, chain: chain, into: &findings)
                }
            }
        }
    }

    private func include(_ name: String, at position: TemplatePosition, from path: String, stack: [ValueShape],
                         overrides: [String: Override], chain: [String], into findings: inout Findings) {
        guard let template = templates[name] else {
            findings.missingPartials.insert(Occurrence(path: path, position: position, name: name))
            return
        }
        // A recursive partial (a nested list) is checked twice: enough to see every name it uses.
        guard chain.count(where: { $0 == name }) < 2 else { return }
        walk(template.nodes, path: template.path, stack: stack, overrides: overrides, chain: chain + [name], into: &findings)
    }

    /// swift-mustache's lookup: `.` is the top of the stack; `.a.b` looks only at the top; `a.b` finds the
    /// nearest frame with `a`, then follows `b` from there without going back down the stack.
    private func resolve(_ name: String, in stack: [ValueShape]) -> ValueShape? {
        guard let top = stack.last else { return nil }
        if name == "." { return top }
        let components = name.split(separator: ".").map(String.init)
        guard let first = components.first else { return nil }
        let start: ValueShape?
        if name.hasPrefix(".") {
            start = top.child(named: first)
        } else {
            start = stack.reversed().lazy.compactMap { $0.child(named: first) }.first
        }
        return components.dropFirst().reduce(start) { $0?.child(named: $1) }
    }

    /// The shape of a transform's result, as far as it matters for a section body.
    private func transformed(_ value: ValueShape, by transforms: [String]) -> ValueShape {
        guard let outer = transforms.first else { return value }
        switch (outer, value) {
        case ("first", .list(let element)), ("last", .list(let element)):
            return element ?? .opaque
        case ("sorted", .list), ("reversed", .list):
            return value
        case ("empty", _), ("even", _), ("odd", _), ("equalzero", _):
            return .flag
        default:
            return .opaque
        }
    }

    private func isKnown(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.allSatisfy { knownKeys.contains(String($0)) }
    }
}

/// One template file after scanning: where it is and its tags.
struct ParsedTemplate: Sendable {
    var path: String
    var nodes: [TemplateNode]
}
