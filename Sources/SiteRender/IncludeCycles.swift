import SiteCore

/// Finds templates that include themselves (through partials or parent layouts) outside any section:
/// swift-mustache would recurse until the stack overflows, so the build must not render them.
///
/// Recursion inside a section (`{{#children}}{{>node}}{{/children}}`) is left alone: it ends when the data
/// does (though a level without `children` finds its parent's through the context stack — give leaves `[]`).
enum IncludeCycles {
    private struct Edge {
        var target: String
        var position: TemplatePosition
    }

    static func diagnostics(_ templates: [String: ParsedTemplate]) -> [Diagnostic] {
        let edges = templates.mapValues { unconditionalIncludes($0.nodes) }
        var finished: Set<String> = []
        var diagnostics: [Diagnostic] = []

        func visit(_ name: String, path onStack: [String]) {
            guard !finished.contains(name), let template = templates[name] else { return }
            for edge in edges[name] ?? [] {
                if onStack.contains(edge.target) || edge.target == name {
                    let cycle = (onStack.drop { $0 != edge.target } + [name, edge.target]).joined(separator: " → ")
                    diagnostics.append(.error(
                        "'\(edge.target)' is included again outside any section (\(cycle)): rendering would never end",
                        code: "template-recursion",
                        at: SourceLocation(path: template.path, line: edge.position.line, column: edge.position.column)))
                } else {
                    visit(edge.target, path: onStack + [name])
                }
            }
            finished.insert(name)
        }
        for name in templates.keys.sorted() {
            visit(name, path: [])
        }
        return diagnostics
    }

    private static func unconditionalIncludes(_ nodes: [TemplateNode]) -> [Edge] {
        nodes.flatMap { node -> [Edge] in
            switch node {
            case .partial(let name, false, let position):
                [Edge(target: name, position: position)]
            case .parent(let name, false, let position, let blocks):
                [Edge(target: name, position: position)] + blocks.keys.sorted().flatMap { unconditionalIncludes(blocks[$0] ?? []) }
            case .block(_, _, let body):
                unconditionalIncludes(body)
            default:
                []
            }
        }
    }
}
