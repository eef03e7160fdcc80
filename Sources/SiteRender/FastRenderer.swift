import Foundation

/// Renders `RenderTemplate`s with `TemplateValue` contexts, following swift-mustache 2.x's rendering rules
/// step by step (`Template+Render.swift`, `Context.swift`, `Transform.swift`) without its dynamic casts.
/// `FastRendererTests` checks it against swift-mustache on the shipped theme and on random templates.
struct FastRenderer {
    let templates: [String: RenderTemplate]

    /// Deeper than any real layout; swift-mustache itself has no limit and would crash.
    static let maximumDepth = 100
    /// Partials entered for one page: far more than a real layout enters, few enough that a partial including
    /// itself more than once per level (for each entry of a list) stops in a moment instead of 2¹⁰⁰ times.
    static let maximumPartials = 10_000

    private struct SequenceState {
        var first: Bool
        var last: Bool
        var index: Int
    }

    /// What a token renders in besides the context stack: the stack itself is `Output.stack`, pushed for a
    /// section and popped after it (a copy per list element would cost an allocation each).
    private struct Context {
        var sequence: SequenceState?
        var indentation: [UInt8]?
        var inherited: [String: RenderTemplate]?
        var escapes: Bool
        /// Partials entered so far: a partial that keeps including itself (a leaf without the key its section
        /// recurses on finds its parent's through the stack) must not overflow the stack.
        var depth = 0
    }

    /// What rendering one page changes as it goes.
    private struct Output {
        var bytes: [UInt8] = []
        /// The context stack, innermost last.
        var stack: [TemplateValue]
        var partialsLeft = FastRenderer.maximumPartials
    }

    /// The template named `name` rendered with `value`, as UTF-8 bytes; `nil` when there is no such template.
    func render(_ name: String, _ value: TemplateValue) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var output = Output(stack: [value])
        output.bytes.reserveCapacity(16_384)
        output.stack.reserveCapacity(8)
        render(template, Context(sequence: nil, indentation: nil, inherited: nil, escapes: true), &output)
        return output.bytes
    }

    private func render(_ template: RenderTemplate, _ context: Context, _ output: inout Output) {
        var context = context
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for token in template.tokens { render(token, &context, &output) }
            return
        }
        // As swift-mustache: a token's non-empty output that starts a line of this template gets the indentation.
        let start = output.bytes.count
        for token in template.tokens {
            let before = output.bytes.count
            render(token, &context, &output)
            if output.bytes.count > before, before > start, endsWithNewline(output.bytes[start..<before]) {
                output.bytes.insert(contentsOf: indentation, at: before)
            }
        }
    }

    /// `body` rendered with `object` pushed on the context stack.
    private func render(_ body: RenderTemplate, with object: TemplateValue, _ context: Context, sequence: SequenceState? = nil,
                        _ output: inout Output) {
        var inner = context
        inner.sequence = sequence
        output.stack.append(object)
        render(body, inner, &output)
        output.stack.removeLast()
    }

    /// Whether `output` ends with a `\n` Character (`\r\n` is a different Character in Swift).
    private func endsWithNewline(_ output: ArraySlice<UInt8>) -> Bool {
        output.last == UInt8(ascii: "\n") && output.dropLast().last != UInt8(ascii: "\r")
    }

    private func render(_ token: RenderTemplate.Token, _ context: inout Context, _ output: inout Output) {
        switch token {
        case .text(let bytes):
            output.bytes.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            guard let value = lookUp(path, in: context, stack: output.stack) else { return }
            let text = value.renderedText
            if escaped && context.escapes {
                appendEscaped(text, to: &output.bytes)
            } else {
                output.bytes.append(contentsOf: text.utf8)
            }
        case .section(let path, let body):
            switch lookUp(path, in: context, stack: output.stack) {
            case .list(let elements)?:
                for (index, element) in elements.enumerated() {
                    let sequence = SequenceState(first: index == 0, last: index == elements.count - 1, index: index)
                    render(body, with: element, context, sequence: sequence, &output)
                }
            case .bool(let flag)?:
                if flag { render(body, context, &output) }
            case let value?:
                render(body, with: value, context, &output)
            case nil:
                break
            }
        case .invertedSection(let path, let body):
            switch lookUp(path, in: context, stack: output.stack) {
            case .list(let elements)?:
                if elements.isEmpty { render(body, with: .list([]), context, &output) }
            case .bool(let flag)?:
                if !flag { render(body, context, &output) }
            case .some:
                break
            case nil:
                render(body, context, &output)
            }
        case .block(let name, let fallback, let indentation):
            var inner = context
            inner.sequence = nil
            if let indentation { inner.indentation = (context.indentation ?? []) + Array(indentation.utf8) }
            render(context.inherited?[name] ?? fallback, inner, &output)
        case .partial(let name, let indentation, let inherits):
            guard let template = templates[name] else { return }
            guard context.depth < Self.maximumDepth else {
                output.bytes.append(contentsOf: "<!-- sitegen: partials nested more than \(Self.maximumDepth) deep; '\(name)' not rendered -->".utf8)
                return
            }
            guard output.partialsLeft > 0 else {
                if output.partialsLeft == 0 {
                    output.bytes.append(contentsOf: "<!-- sitegen: more than \(Self.maximumPartials) partials on one page; '\(name)' and later ones not rendered -->".utf8)
                    output.partialsLeft = -1
                }
                return
            }
            output.partialsLeft -= 1
            var inner = context
            inner.depth += 1
            inner.sequence = nil
            inner.escapes = true
            if let indentation { inner.indentation = (context.indentation ?? []) + Array(indentation.utf8) }
            if let inherits {
                inner.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            render(template, inner, &output)
        case .contentType(let escapes):
            context.escapes = escapes
        }
    }

    // MARK: Looking up names

    private func lookUp(_ path: RenderTemplate.Path, in context: Context, stack: [TemplateValue]) -> TemplateValue? {
        var value: TemplateValue?
        switch path.kind {
        case .current:
            value = stack.last
        case .sequenceContext:
            guard let sequence = context.sequence, let transform = path.transforms.first else { return nil }
            return applying(path.transforms.dropFirst(), to: sequenceTransform(transform, sequence))
        case .topOnly:
            value = stack.last.flatMap { follow(path.components[...], from: $0) }
        case .stack:
            guard let first = path.components.first else { return stack.last }
            for frame in stack.reversed() {
                if let found = child(first, of: frame) {
                    value = follow(path.components.dropFirst(), from: found)
                    break
                }
            }
        }
        return applying(path.transforms[...], to: value)
    }

    private func applying(_ transforms: ArraySlice<String>, to value: TemplateValue?) -> TemplateValue? {
        var current = value
        for transform in transforms {
            guard let value = current else { return nil }
            current = transformed(value, by: transform)
        }
        return current
    }

    private func follow(_ components: ArraySlice<String>, from value: TemplateValue) -> TemplateValue? {
        var current = value
        for component in components {
            guard let next = child(component, of: current) else { return nil }
            current = next
        }
        return current
    }

    private func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
        guard case .object(let fields) = value, let found = fields[name] else { return nil }
        if case .string(let string) = found, string.isEmpty { return nil }
        return found
    }

    // MARK: Transforms (Transform.swift, SequenceContext.swift)

    private func sequenceTransform(_ name: String, _ sequence: SequenceState) -> TemplateValue? {
        switch name {
        case "first": .bool(sequence.first)
        case "last": .bool(sequence.last)
        case "index": .int(sequence.index)
        case "even": .bool(sequence.index & 1 == 0)
        case "odd": .bool(sequence.index & 1 == 1)
        default: nil
        }
    }

    private func transformed(_ value: TemplateValue, by name: String) -> TemplateValue? {
        // An empty string in an object is as absent as it is to a lookup (`child(_:of:)`).
        let value = if case .object(let o) = value { TemplateValue.object(o.filter { $0.value != "" }) } else { value }
        return switch (value, name) {
        case (.string(let s), "empty"): .bool(s.isEmpty)
        case (.string(let s), "capitalized"): .string(s.capitalized)
        case (.string(let s), "lowercased"): .string(s.lowercased())
        case (.string(let s), "uppercased"): .string(s.uppercased())
        case (.string(let s), "reversed"): .string(String(s.reversed()))
        case (.list(let l), "first"): l.first
        case (.list(let l), "last"): l.last
        case (.list(let l), "reversed"): .list(l.reversed())
        case (.list(let l), "count"): .int(l.count)
        case (.list(let l), "empty"): .bool(l.isEmpty)
        case (.object(let o), "count"): .int(o.count)
        case (.object(let o), "empty"): .bool(o.isEmpty)
        case (.object(let o), "enumerated"), (.object(let o), "sorted"):
            .list(o.keys.sorted().map { .object(["key": .string($0), "value": o[$0] ?? .bool(false)]) })
        case (.int(let i), "equalzero"): .bool(i == 0)
        case (.int(let i), "plusone"): .int(i + 1)
        case (.int(let i), "minusone"): .int(i - 1)
        case (.int(let i), "even"): .bool(i & 1 == 0)
        case (.int(let i), "odd"): .bool(i & 1 == 1)
        default: nil
        }
    }

    // MARK: Escaping

    /// swift-mustache's `htmlEscape`: `< > & " '`, on UTF-8 bytes, copying runs without them at once.
    private func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (i, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                out.append(contentsOf: bytes[runStart..<i])
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            out.append(contentsOf: bytes[runStart...])
        }
    }
}
