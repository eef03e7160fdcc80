import ArgumentParser
import Foundation
import SiteBuild
import SiteCore

/// The options that say what to build, shared by the commands that build (`@OptionGroup`).
struct BuildOptions: ParsableArguments {
    @Option(help: "Folder of notes (.md, .markdown, .txt).") var notes: String?
    @Option(help: "Folder of Mustache templates and theme assets that override the built-in theme file by file.") var templates: String?
    @Option(help: "Output folder; replaced only when the build succeeds.") var out: String?
    @Option(name: .customLong("base-url"), help: "URL or path the site is served from, e.g. https://me.github.io/notes/.") var baseURL: String?
    @Option(help: "Settings file (default: sitegen.yml, which may be absent).") var config: String?
    @Flag(help: "Fail on warnings too.") var strict = false
    @Flag(help: "Include notes marked draft: true.") var drafts = false
    @Flag(help: "Replace an output folder that holds files sitegen did not write.") var force = false

    /// The build's starting point: `sitegen.yml` (or `--config`) read now, overridden by these options.
    /// Throws a `ValidationError` when a settings file named with `--config` does not exist.
    func context(root: URL) throws -> BuildContext {
        var (settings, configURL, configDiagnostics) = try BuildCommand.settings(config: config, root: root,
                                                                                 notes: notes, templates: templates)
        if let out { settings.outputDirectory = out }
        if let baseURL { settings.baseURL = baseURL }
        if drafts { settings.includeDrafts = true }

        var context = BuildContext(config: settings, root: root)
        context.configFile = configURL
        context.diagnostics += configDiagnostics
        return context
    }

    var builder: SiteBuilder {
        SiteBuilder(strict: strict, force: force)
    }
}
