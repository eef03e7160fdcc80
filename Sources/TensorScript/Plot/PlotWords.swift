/// The words a plot writes itself — default axis labels and series names, the description for screen
/// readers — in the site's language (`language:` in sitegen.yml): Chinese for `zh…`, else English.
struct PlotWords: Sendable, Hashable {
    /// `en` or `zh`: part of the example cache key.
    var code: String

    init(language: String) {
        code = language.lowercased().hasPrefix("zh") ? "zh" : "en"
    }

    /// The words of the block being run (set by `BlockRunner`).
    @TaskLocal static var current = PlotWords(language: "en")

    var step: String { code == "zh" ? "步数" : "step" }
    var loss: String { code == "zh" ? "损失" : "loss" }

    func series(_ number: Int) -> String { code == "zh" ? "序列 \(number)" : "series \(number)" }

    /// `names` plotted against `xLabel`, from `lo` to `hi` (`nil` without finite x values).
    func description(names: String, xLabel: String, from lo: String?, to hi: String?) -> String {
        switch (code, lo, hi) {
        case ("zh", let lo?, let hi?): "\(names) 的曲线图，横轴 \(xLabel) 从 \(lo) 到 \(hi)"
        case ("zh", _, _): "\(names) 的曲线图"
        case (_, let lo?, let hi?): "plot of \(names) against \(xLabel) from \(lo) to \(hi)"
        default: "plot of \(names)"
        }
    }
}
