/// Rebuilds the nesting of a flattened Notion toggle outline, where every `▼` title sits at
/// column 0. The rules, in order (documented in docs/formats.md):
///
/// - **Opens a level**: a toggle with no body of its own (blank or links only) directly followed by
///   another toggle is that toggle's parent.
/// - **Facets** (`优点`, `缺点`, `要求`, `问题`, …) are children of the nearest earlier topic that can
///   take them: not a facet, not a question or inside one, without that facet yet, not a list of
///   faceted items, and whose faceted siblings use the same facet (the repeated pattern).
/// - **A question after a topic** with a short definition belongs to that topic.
/// - **Siblings**: otherwise walk up from the previous toggle (from a facet to its topic) and become a
///   sibling of the first toggle of the same shape (question or not, container or not). A toggle with
///   facets of its own never becomes a point inside another facet; a container is not the sibling of
///   one that already holds containers. Coming up from a facet of a topic with its own text, a
///   container becomes a sub-section of that topic.
/// - **Fallback**: a child of the outline's root container.
///
/// Only "opens a level", facets, facet points and siblings confirmed by a repeated facet pattern are
/// certain; every other placement is returned as a guess.
struct ToggleHierarchy {
    struct Node {
        var title: String
        var isFacet: Bool
        var isQuestion: Bool
        /// No body of its own, directly followed by another toggle.
        var isContainer: Bool
        /// Lines of text in its body.
        var contentLines: Int
        /// Followed directly by facet toggles of its own.
        var hasFacets: Bool
        var parent: Int?
        var children: [Int] = []
    }

    struct Guess {
        var node: Int
        var reason: String
    }

    /// What the rules ask about a placed node, kept up to date by `attach`, so that no rule walks a
    /// subtree or all the ancestors (an outline of thousands of toggles stays linear).
    private struct Facts {
        var depth = 0
        /// The top-level toggle above it, or itself.
        var root = 0
        var insideFacet = false
        var insideQuestion = false
        /// Some descendant is a container.
        var containerBelow = false
        /// The `facetKey`s of its facet children.
        var facetKeys: Set<String> = []
        /// Some non-facet child has facets of its own.
        var facetedChild = false
    }

    /// The children of one parent (or the top level), for the rules that compare a toggle with its siblings.
    private struct SiblingGroup {
        /// How many members have a facet child with each `facetKey`.
        var facetUse: [String: Int] = [:]
        /// How many members have facets.
        var facetedMembers = 0
    }

    private(set) var nodes: [Node]
    private(set) var guesses: [Guess] = []
    private var facts: [Facts]
    /// Index 0: the top level; `p + 1`: the children of node `p`.
    private var groups: [SiblingGroup]

    /// Places every node; `nodes` come in document order with `parent` unset.
    init(_ nodes: [Node]) {
        self.nodes = nodes
        facts = Array(repeating: Facts(), count: nodes.count)
        groups = Array(repeating: SiblingGroup(), count: nodes.count + 1)
        for n in nodes.indices { place(n) }
    }

    /// Markdown level: the page title is 1, top-level toggles 2.
    func level(_ n: Int) -> Int { 2 + facts[n].depth }

    // MARK: placement

    private mutating func place(_ n: Int) {
        guard n > 0 else { return attach(n, to: nil) }
        let prev = n - 1
        if nodes[n].isFacet { return placeFacet(n, prev: prev) }
        let p = nodes[prev]
        if p.isContainer { return attach(n, to: prev) }
        if nodes[n].isQuestion, !p.isQuestion, !p.isFacet, p.contentLines <= 2, !insideFacet(prev) {
            attach(n, to: prev)
            return guess(n, "a question right after the short topic ‘\(p.title)’ is read as part of it")
        }
        var e: Int? = prev
        var cameFromFacet = false
        while let cur = e {
            let c = nodes[cur]
            if c.isFacet {
                cameFromFacet = true
                e = c.parent
                continue
            }
            if nodes[n].hasFacets, insideFacet(cur) {
                e = c.parent
                continue
            }
            if c.isQuestion == nodes[n].isQuestion, c.isContainer == nodes[n].isContainer,
               !(nodes[n].isContainer && subtreeHasContainer(cur)) {
                attach(n, to: c.parent)
                let confirmed = insideFacet(cur)
                    || (nodes[n].hasFacets && groups[group(of: n)].facetedMembers > 1)
                if !confirmed {
                    guess(n, "placed as a sibling of ‘\(c.title)’" + where_(c.parent) + "; it may belong higher")
                }
                return
            }
            if cameFromFacet, !c.isQuestion, !c.isContainer, nodes[n].isContainer {
                attach(n, to: cur)
                return guess(n, "read as a sub-section of ‘\(c.title)’ after its ‘\(nodes[prev].title)’")
            }
            e = c.parent
        }
        let root = facts[prev].root
        let parent = nodes[root].isContainer ? root : nil
        attach(n, to: parent)
        guess(n, "no earlier toggle of the same kind; placed" + where_(parent))
    }

    private mutating func placeFacet(_ n: Int, prev: Int) {
        let title = facetKey(nodes[n].title)
        var e: Int? = prev
        while let cur = e {
            let c = nodes[cur]
            e = c.parent
            if c.isFacet || c.isQuestion || insideQuestion(cur) { continue }
            if facts[cur].facetKeys.contains(title) || facts[cur].facetedChild { continue }
            if !siblingsUse(title, besides: cur), siblingsUseAnyFacet(besides: cur) { continue }
            return attach(n, to: cur)
        }
        let fallback = nodes[prev].isFacet ? nodes[prev].parent : prev
        attach(n, to: fallback)
        guess(n, "no earlier topic takes the facet ‘\(nodes[n].title)’; placed" + where_(fallback))
    }

    // MARK: helpers

    private mutating func attach(_ n: Int, to parent: Int?) {
        nodes[n].parent = parent
        if let parent { nodes[parent].children.append(n) }
        if nodes[n].hasFacets { groups[group(of: n)].facetedMembers += 1 }
        guard let parent else {
            facts[n].root = n
            return
        }
        let above = facts[parent], p = nodes[parent]
        facts[n].depth = above.depth + 1
        facts[n].root = above.root
        facts[n].insideFacet = above.insideFacet || p.isFacet
        facts[n].insideQuestion = above.insideQuestion || p.isQuestion
        if nodes[n].isFacet {
            let key = facetKey(nodes[n].title)
            if facts[parent].facetKeys.insert(key).inserted { groups[group(of: parent)].facetUse[key, default: 0] += 1 }
        } else if nodes[n].hasFacets {
            facts[parent].facetedChild = true
        }
        if nodes[n].isContainer {
            var up: Int? = parent
            while let u = up, !facts[u].containerBelow {
                facts[u].containerBelow = true
                up = nodes[u].parent
            }
        }
    }

    private mutating func guess(_ n: Int, _ reason: String) {
        guesses.append(Guess(node: n, reason: reason))
    }

    private func where_(_ parent: Int?) -> String {
        parent.map { " under ‘\(nodes[$0].title)’" } ?? " at the top level"
    }

    private func group(of n: Int) -> Int { (nodes[n].parent ?? -1) + 1 }

    /// Whether a sibling of `n` (other than `n`) has a facet child with `key`.
    private func siblingsUse(_ key: String, besides n: Int) -> Bool {
        let use = groups[group(of: n)].facetUse[key] ?? 0
        return use > (facts[n].facetKeys.contains(key) ? 1 : 0)
    }

    /// Whether a sibling of `n` (other than `n`) has any facet child.
    private func siblingsUseAnyFacet(besides n: Int) -> Bool {
        let use = groups[group(of: n)].facetUse
        return use.count > facts[n].facetKeys.count { use[$0] == 1 }
    }

    private func insideFacet(_ n: Int) -> Bool { facts[n].insideFacet }

    private func insideQuestion(_ n: Int) -> Bool { facts[n].insideQuestion }

    private func subtreeHasContainer(_ n: Int) -> Bool { facts[n].containerBelow }

    private func facetKey(_ title: String) -> String {
        var t = QuestionText.stripEmphasis(title).lowercased()
        while let last = t.last, ":：".contains(last) { t.removeLast() }
        return t
    }
}
