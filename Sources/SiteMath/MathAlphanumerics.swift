/// TeX for the Mathematical Alphanumeric Symbols (U+1D400–U+1D7FF) that Word and PDF copies leave in
/// formulas (`𝑥 𝐱 𝜎 𝑾`), built from the Unicode character names of the block: the style words
/// (BOLD, ITALIC, SCRIPT, FRAKTUR, DOUBLE-STRUCK, SANS-SERIF, MONOSPACE) choose the font command, the
/// rest names the letter. `𝑥` → `x`, `𝐱` → `\mathbf{x}`, `𝑾` → `\boldsymbol{W}`, `𝜎` → `\sigma`,
/// `𝝈` → `\boldsymbol{\sigma}`, `𝒳` → `\mathcal{X}`, `𝔼` → `\mathbb{E}`.
enum MathAlphanumerics {
    static let block: ClosedRange<UInt32> = 0x1D400...0x1D7FF

    /// The TeX for every assigned scalar of the block.
    static let tex: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in block {
            guard let scalar = Unicode.Scalar(value), let name = scalar.properties.name,
                  let tex = tex(forName: name)
            else { continue }
            table[value] = tex
        }
        return table
    }()

    static let styleWords: Set<Substring> = ["BOLD", "ITALIC", "SCRIPT", "FRAKTUR", "DOUBLE-STRUCK", "SANS-SERIF", "MONOSPACE"]

    /// `MATHEMATICAL BOLD ITALIC SMALL SIGMA` → `\boldsymbol{\sigma}`.
    static func tex(forName name: String) -> String? {
        var words = name.split(separator: " ")
        guard words.first == "MATHEMATICAL" else { return nil }
        words.removeFirst()
        var styles: Set<Substring> = []
        while let w = words.first, styleWords.contains(w) {
            styles.insert(w)
            words.removeFirst()
        }
        guard let letter = letter(words.joined(separator: " ")) else { return nil }
        let bold = styles.contains("BOLD")
        guard letter.isLatin else { return bold ? "\\boldsymbol{\(letter.tex)}" : letter.tex }
        let family: String? =
            if styles.contains("SCRIPT") { "mathcal" }
            else if styles.contains("FRAKTUR") { "mathfrak" }
            else if styles.contains("DOUBLE-STRUCK") { "mathbb" }
            else if styles.contains("SANS-SERIF") { "mathsf" }
            else if styles.contains("MONOSPACE") { "mathtt" }
            else { nil }
        if let family { return bold ? "\\boldsymbol{\\\(family){\(letter.tex)}}" : "\\\(family){\(letter.tex)}" }
        if bold { return styles.contains("ITALIC") ? "\\boldsymbol{\(letter.tex)}" : "\\mathbf{\(letter.tex)}" }
        return letter.tex
    }

    /// The letter part of a name: `CAPITAL A`, `SMALL SIGMA`, `DIGIT ZERO`, `NABLA`, `EPSILON SYMBOL`….
    /// `isLatin` for Latin letters and digits, which take font commands; Greek letters and symbols are commands.
    static func letter(_ description: String) -> (tex: String, isLatin: Bool)? {
        let words = description.split(separator: " ")
        if words.count == 2, words[1].count == 1, words[0] == "CAPITAL" || words[0] == "SMALL" {
            return (words[0] == "CAPITAL" ? String(words[1]) : words[1].lowercased(), true)
        }
        if words.count == 2, words[0] == "DIGIT", let d = digits.firstIndex(of: String(words[1])) {
            return (String(d), true)
        }
        if let symbol = symbols[description] { return (symbol, false) }
        guard words.count == 2 else { return nil }
        let greek = words[1] == "LAMDA" ? "lambda" : words[1].lowercased()  // Unicode spells it LAMDA
        if words[0] == "SMALL" {
            return (smallGreekTeX[greek] ?? "\\" + greek, false)
        }
        guard words[0] == "CAPITAL" else { return nil }
        if let lookalike = capitalGreekLookalikes[greek] { return (lookalike, true) }
        return ("\\" + greek.prefix(1).uppercased() + greek.dropFirst(), false)
    }

    static let digits = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]

    /// Small Greek letters whose TeX name differs from the Unicode one (TeX's `\epsilon` is `ϵ`, `\phi` is `ϕ`).
    static let smallGreekTeX = ["epsilon": "\\varepsilon", "phi": "\\varphi", "omicron": "o", "digamma": "\\digamma"]

    /// Capital Greek letters that TeX writes as the Latin letter they look like.
    static let capitalGreekLookalikes = [
        "alpha": "A", "beta": "B", "epsilon": "E", "zeta": "Z", "eta": "H", "iota": "I", "kappa": "K", "mu": "M",
        "nu": "N", "omicron": "O", "rho": "P", "tau": "T", "chi": "X",
    ]

    static let symbols = [
        "NABLA": "\\nabla", "PARTIAL DIFFERENTIAL": "\\partial", "EPSILON SYMBOL": "\\epsilon", "THETA SYMBOL": "\\vartheta",
        "KAPPA SYMBOL": "\\varkappa", "PHI SYMBOL": "\\phi", "RHO SYMBOL": "\\varrho", "PI SYMBOL": "\\varpi",
        "CAPITAL THETA SYMBOL": "\\Theta", "SMALL FINAL SIGMA": "\\varsigma", "SMALL DOTLESS I": "\\imath",
        "SMALL DOTLESS J": "\\jmath", "CAPITAL DIGAMMA": "\\digamma",
    ]
}
