/// A formula as plain text for places that cannot show typeset math: `<title>`, feeds, heading ids.
/// `\sqrt{d_k}` → `√d_k`, `\frac{a}{b}` → `a/b`, `\alpha` → `α`, `\mathbf{x}` → `x`, `L^{2}` → `L^2`.
/// Symbols it does not know keep their name without the backslash (`\operatorname{softmax}` → `softmax`).
public enum TeXPlainText {
    public static func text(_ tex: String) -> String {
        var reader = Reader(scalars: Array(tex.unicodeScalars))
        let out = reader.readGroup(until: nil)
        return out.split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }

    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
        "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
        "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
        "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "infty": "∞",
        "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "in": "∈", "notin": "∉",
        "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃", "emptyset": "∅",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "mapsto": "↦",
        "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "circ": "∘", "ldots": "…", "cdots": "⋯", "dots": "…",
        "prime": "′", "top": "⊤", "perp": "⊥", "mid": "|", "vert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
        "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "quad": " ", "qquad": " ", "star": "⋆",
    ]

    /// Commands whose argument is shown as it is: fonts, text and operator names.
    static let passThrough: Set<String> = [
        "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak", "boldsymbol", "bm",
        "text", "textbf", "textit", "textrm", "mbox", "operatorname", "hat", "bar", "tilde", "vec", "dot", "ddot",
        "overline", "underline", "widehat", "widetilde", "mathop",
    ]

    /// Commands dropped with nothing in their place: sizes and spacing.
    static let dropped: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "textstyle",
        "limits", "nolimits",
    ]

    struct Reader {
        var scalars: [Unicode.Scalar]
        var k = 0

        mutating func readGroup(until close: Unicode.Scalar?) -> String {
            var out = ""
            while k < scalars.count {
                let c = scalars[k]
                if let close, c == close { k += 1; return out }
                k += 1
                switch c {
                case "{": out += readGroup(until: "}")
                case "}": continue
                case "\\": out += readCommand()
                case "&": out += " "
                case "~", "\n", "\t": out += " "
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }

        /// The next argument: a braced group or a single token.
        mutating func readArgument() -> String {
            while k < scalars.count, scalars[k] == " " { k += 1 }
            guard k < scalars.count else { return "" }
            let c = scalars[k]
            k += 1
            switch c {
            case "{": return readGroup(until: "}")
            case "\\": return readCommand()
            default: return String(c)
            }
        }

        mutating func readCommand() -> String {
            guard k < scalars.count else { return "" }
            var name = ""
            while k < scalars.count, scalars[k].properties.isAlphabetic, scalars[k].isASCII {
                name.unicodeScalars.append(scalars[k])
                k += 1
            }
            if name.isEmpty {
                let c = scalars[k]
                k += 1
                // `\\` is a line break; `\,` `\;` `\!` `\ ` are spaces; `\{` `\%` `\_` are the character.
                if c == "\\" || c == "," || c == ";" || c == ":" || c == " " { return " " }
                return c == "!" ? "" : String(c)
            }
            if let symbol = symbols[name] { return symbol }
            if dropped.contains(name) {
                if name == "left" || name == "right" || name.hasPrefix("big") || name.hasPrefix("Big") {
                    // The delimiter after `\left` stays: `\left(` → `(`, `\left.` → nothing.
                    if k < scalars.count, scalars[k] == "." { k += 1 }
                }
                return ""
            }
            if passThrough.contains(name) { return readArgument() }
            switch name {
            case "sqrt":
                var index = ""
                if k < scalars.count, scalars[k] == "[" {
                    k += 1
                    index = readGroup(until: "]")
                }
                let radicand = readArgument()
                let simple = radicand.unicodeScalars.allSatisfy { !" +-*/·×".unicodeScalars.contains($0) }
                return (index.isEmpty ? "√" : index + "√") + (simple ? radicand : "(" + radicand + ")")
            case "frac", "dfrac", "tfrac":
                let numerator = readArgument(), denominator = readArgument()
                return wrap(numerator) + "/" + wrap(denominator)
            case "begin", "end":
                _ = readArgument()
                return " "
            default:
                return name
            }
        }

        func wrap(_ part: String) -> String {
            part.unicodeScalars.count > 1 && part.unicodeScalars.contains { " +-".unicodeScalars.contains($0) }
                ? "(" + part + ")" : part
        }
    }
}
