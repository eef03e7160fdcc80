/// Walking and rewriting the tree (the Walker and Rewriter of swift-markdown, as closures).
extension MarkdownNode {
    /// Calls `visit` for this node and every descendant, parents before children, in reading order.
    /// Returning `false` from `visit` skips the node's children.
    public func walk(_ visit: (MarkdownNode) throws -> Bool) rethrows {
        guard try visit(self) else { return }
        for child in children { try child.walk(visit) }
    }

    /// All descendants (and self) for which `predicate` holds, in reading order.
    public func collect(where predicate: (MarkdownNode) -> Bool) -> [MarkdownNode] {
        var found: [MarkdownNode] = []
        walk { node in
            if predicate(node) { found.append(node) }
            return true
        }
        return found
    }

    /// A copy with every node passed through `transform`, children first; `nil` removes the node.
    public func rewritten(_ transform: (MarkdownNode) throws -> MarkdownNode?) rethrows -> MarkdownNode? {
        var copy = self
        copy.children = try children.compactMap { try $0.rewritten(transform) }
        return try transform(copy)
    }
}
