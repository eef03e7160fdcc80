import Foundation

/// The files `sitegen init` writes: a notes folder with one example note, a settings file naming every
/// setting, a `.gitignore` and a GitHub Pages workflow.
public enum StarterSite {
    /// The repository the workflow builds sitegen from.
    public static let sitegenRepository = "https://github.com/OWNER/sitegen.git"

    /// Every file by its path in the new site's folder, in the order they are written.
    public static let files: [(path: String, text: String)] = [
        ("sitegen.yml", settings),
        ("notes/梯度下降.md", exampleNote),
        (".gitignore", gitignore),
        (".github/workflows/pages.yml", workflow),
    ]

    static let settings = """
    # sitegen settings. Every key is optional; below, commented out, are the defaults (macros and formats: examples).
    # Uncomment a line to change it; command-line options (sitegen build --help) override this file.

    # title: 学习笔记              # site title
    # description: 深度学习面试笔记
    # language: zh-CN            # <html lang>
    # author: ""
    # baseURL: ""                # where the site is served, e.g. https://me.github.io/notes/ (sitemap, feed, canonical and OpenGraph tags)
    # cname: ""                  # a custom domain for GitHub Pages, e.g. notes.example.org (written to CNAME)
    # repoURL: ""                # the notes' repository, e.g. https://github.com/me/notes: pages get an "edit this page" link
    # editBranch: main           # the branch the edit link opens
    # editPath: ""               # the notes folder's path inside that repository ("." for its root); empty: `notes` below
    # notes: notes               # folders, relative to this file
    # templates: templates       # overrides of the built-in theme, file by file
    # output: public
    # cache: .sitegen-cache      # formula and example results reused across builds
    # rawHTML: false             # HTML in notes passes an allow-list; true: as written (trusted notes only)
    # drafts: false              # true: build notes with `draft: true` (sitegen publish never does)
    # math:
    #   macros:                  # TeX macros for every formula; a note's front matter `macros:` adds or overrides
    #     \\R: \\mathbb{R}
    #   errors: warn             # a formula KaTeX cannot typeset is a warning; fail: an error
    #   markLost: true           # a formula lost in export shows a small 公式缺失 marker; false: the gap stays
    # sections:                  # section titles by folder (else the folder's index note, else its name), listed first
    #   examples: 例子
    # formats:                   # force a source format for a file (otherwise detected from its content)
    #   old/export.txt: notion-toggle
    # examples:
    #   timeout: 5               # seconds one ```tensor block may run

    """

    static let exampleNote = """
    ---
    title: 梯度下降 Gradient Descent
    date: 2026-01-01
    tags: [示例, optimization]
    categories: [示例]
    ---

    这是 `sitegen init` 写下的示例笔记。改写它，或者在 `notes/` 里新建 `.md` 文件；每个子文件夹是网站的一个栏目。
    `sitegen build` 把笔记变成 `public/` 里的网站，`sitegen publish` 把它发布到 GitHub Pages。
    以问号结尾的标题是一道题（这篇的 front matter 有 `categories`，sitegen 按 Jekyll 文章读它）：
    网页上它的回答可以折叠，首页数出每篇有几道题。

    ## 更新规则

    每一步沿负梯度方向走一小段，步长是学习率 $\\eta$：

    $$
    \\theta_{t+1} = \\theta_t - \\eta \\, \\nabla_\\theta L(\\theta_t)
    $$

    ## 学习率太大会怎样？

    在二次函数 $L(w) = \\tfrac{1}{2} a w^2$ 上，每一步把 $w$ 乘以 $1 - \\eta a$。
    当 $\\eta > 2 / a$ 时 $|1 - \\eta a| > 1$，loss 越来越大，迭代发散。

    下面的代码块在构建时运行（tensor 语言），$a = 4$，所以学习率的界限是 $0.5$：

    ```tensor
    loss(w) = 2 * w^2
    grad(loss, 1)
    slow = minimize(loss, 1, lr: 0.1, steps: 20)
    fast = minimize(loss, 1, lr: 0.6, steps: 20)
    plot(slow, fast)
    ```

    """

    static let gitignore = """
    # sitegen's output, its cache, and the staging folders of a build in progress
    /public/
    /.sitegen-cache/
    /.public.*

    """

    static let workflow = """
    # Builds the notes with sitegen and publishes the site on GitHub Pages at every push to main.
    # Once, in the repository on GitHub: Settings → Pages → Build and deployment → Source: GitHub Actions.
    # (Or publish from your machine instead: `sitegen publish` commits the site onto the gh-pages branch.)
    name: Publish site

    on:
      push:
        branches: [main]
      workflow_dispatch:

    permissions:
      contents: read
      pages: write
      id-token: write

    concurrency:
      group: pages
      cancel-in-progress: false

    env:
      # Where this workflow gets sitegen from: replace OWNER with the account that hosts the sitegen you use.
      SITEGEN_REPOSITORY: \(sitegenRepository)
      SITEGEN_REF: main

    jobs:
      build:
        runs-on: ubuntu-24.04
        container: swift:6.0-noble
        steps:
          - uses: actions/checkout@v4
          - name: Install cmark-gfm, libxml2, KaTeX, Prism and Node.js
            run: |
              apt-get update -qq
              DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
                git ca-certificates libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev katex libjs-katex nodejs node-prismjs
          - uses: actions/cache@v4
            with:
              path: |
                .sitegen-build
                .sitegen-cache
              key: sitegen-${{ env.SITEGEN_REF }}-${{ github.sha }}
              restore-keys: sitegen-${{ env.SITEGEN_REF }}-
          - name: Build sitegen
            run: |
              git clone --depth 1 --branch "$SITEGEN_REF" "$SITEGEN_REPOSITORY" /tmp/sitegen
              swift build -c release --package-path /tmp/sitegen --scratch-path "$PWD/.sitegen-build"
          - id: pages
            uses: actions/configure-pages@v5
          - name: Build the site
            run: .sitegen-build/release/sitegen build --base-url "${{ steps.pages.outputs.base_url }}/"
          - uses: actions/upload-pages-artifact@v3
            with:
              path: public

      deploy:
        needs: build
        runs-on: ubuntu-latest
        environment:
          name: github-pages
          url: ${{ steps.deployment.outputs.page_url }}
        steps:
          - id: deployment
            uses: actions/deploy-pages@v4

    """
}

extension StarterSite {
    /// Writes the starter files into `folder` (created when missing) and returns their paths. Writes nothing
    /// when any of them exists already, so an existing site is never overwritten.
    public static func write(into folder: URL) throws -> [String] {
        let fm = FileManager.default
        let existing = files.map(\.path).filter { fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else { throw StarterSiteError.filesExist(folder.path, existing) }
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
        }
        return files.map(\.path)
    }
}

public enum StarterSiteError: Error, CustomStringConvertible, Equatable {
    case filesExist(String, [String])

    public var description: String {
        switch self {
        case .filesExist(let folder, let paths):
            "'\(folder)' already has \(paths.map { "'\($0)'" }.joined(separator: ", ")); sitegen init writes nothing over existing files (start in an empty folder, or move them away)"
        }
    }
}
