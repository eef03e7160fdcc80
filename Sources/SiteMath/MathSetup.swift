import Foundation
import SiteCore

/// Chooses the best available renderer.
public enum MathSetup {
    /// KaTeX at build time when node and the KaTeX module work; otherwise client-side auto-render and a
    /// warning, to be printed once, that says why and how to get build-time rendering.
    public static func makeRenderer(cacheDirectory: URL?, nodePath: String? = nil) -> (MathRendering, Diagnostic?) {
        do {
            return (try KaTeXRenderer(cacheDirectory: cacheDirectory, nodePath: nodePath), nil)
        } catch {
            let why = (error as? KaTeXRenderer.StartError)?.description ?? "\(error)"
            return (ClientSideMathRenderer(), clientSideNotice(because: why))
        }
    }

    /// The one warning that says formulas are left to the browser, and how to get build-time rendering.
    public static func clientSideNotice(because why: String) -> Diagnostic {
        .warning(
            "formulas will be typeset in the browser by KaTeX auto-render because \(why); "
                + "install Node.js and KaTeX (Debian: `apt install nodejs katex libjs-katex`) to typeset them at build time",
            code: "math-client-side")
    }
}
