/// Realistic contexts of the shape `template-context.md` documents, in our own words.
enum SampleContexts {
    static var site: [String: Any] {
        [
        "title": "深度学习面试笔记",
        "description": "激活函数、优化器与 Transformer 的问答练习",
        "language": "zh-CN",
        "author": "林一",
        "base": "/notes/",
        "year": "2026",
        "url": "https://example.org/notes/",
        "hasTopics": true,
        "hasTags": true,
        "feed": "/notes/feed.xml",
        ]
    }

    /// Theme assets by their path in the theme, stylesheets and scripts with a content hash in the name.
    static var assets: [String: Any] {
        [
        "style": ["css": "/notes/assets/style.3f2a9c1b2d.css"],
        "search": ["js": "/notes/assets/search.0e1d2c3b4a.js"],
        "nav": ["js": "/notes/assets/nav.5a6b7c8d9e.js"],
        "favicon": ["svg": "/notes/assets/favicon.svg"],
        "code": ["js": "/notes/assets/code.5a6b7c8d9e.js"],
        ]
    }

    static let head = #"<link rel="stylesheet" href="/notes/assets/katex.0123456789/katex.min.css">"#

    /// The sidebar of a note in the section 基础, the note 激活函数 current.
    static var nav: [String: Any] {
        [
            "isHome": false,
            "rootNotes": [["title": "前言", "url": "/notes/前言/", "isCurrent": false]],
            "sections": [
                ["title": "基础", "url": "/notes/基础/", "depth": 0, "isCurrent": false, "isOpen": true, "hasNotes": true,
                 "notes": [["title": "损失函数", "url": "/notes/基础/损失函数/", "isCurrent": false],
                           ["title": "激活函数 <Activation>", "url": "/notes/基础/激活函数/", "isCurrent": true]]],
                ["title": "优化", "url": "/notes/优化/", "depth": 0, "isCurrent": false, "isOpen": false, "hasNotes": false,
                 "notes": [[String: Any]]()],
            ] as [[String: Any]],
        ]
    }

    static func note(content: String = sampleContent) -> [String: Any] {
        [
            "site": site,
            "head": head,
            "generator": "sitegen 0.1.0",
            "assets": assets,
            "canonical": "https://example.org/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/",
            "pageTitle": "激活函数 <Activation>",
            "description": "激活函数给网络带来非线性，常见的有 Sigmoid、ReLU 与 GELU。",
            "nav": nav,
            "page": [
                "title": "激活函数 <Activation>",
                "url": "/notes/基础/激活函数/",
                "slug": "激活函数",
                "section": ["title": "基础", "url": "/notes/基础/"],
                "date": "2026-03-14",
                "tags": [["name": "activation", "url": "/notes/tags/activation/"], ["name": "面试", "url": "/notes/tags/面试/"]],
                "updated": "2026-04-01",
                "editURL": "https://github.com/lin/notes/edit/main/notes/%E5%9F%BA%E7%A1%80/%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0.md",
                "content": content,
                "toc": [
                    ["id": "常见激活函数", "text": "常见激活函数", "level": 2, "depth": 0],
                    ["id": "sigmoid-的问题", "text": "Sigmoid 的问题", "level": 3, "depth": 1],
                    ["id": "为什么-relu-比-sigmoid-好", "text": "为什么 ReLU 比 Sigmoid 好？", "level": 2, "depth": 0],
                    ["id": "dead-relu-怎么办", "text": "Dead ReLU 怎么办？", "level": 3, "depth": 1],
                    ["id": "对比表", "text": "对比表 &amp; 小结", "level": 2, "depth": 0],
                ] as [[String: Any]],
                "hasToc": true,
                "questions": [
                    ["id": "为什么-relu-比-sigmoid-好", "title": "为什么 ReLU 比 Sigmoid 好？", "html": "为什么 ReLU 比 Sigmoid 好？",
                     "label": "Q1",
                     "followUps": [["id": "dead-relu-怎么办", "title": "Dead ReLU 怎么办？", "html": "Dead ReLU 怎么办？", "label": "追问 1"]]],
                    ["id": "gelu-和-relu-的区别", "title": "GELU 和 ReLU 的区别", "html": "GELU 和 ReLU 的区别", "label": "Q2",
                     "followUps": [[String: Any]]()],
                ] as [[String: Any]],
                "questionCount": 3,
                "hasQuestions": true,
                "format": "markdown",
                "source": "基础/激活函数.md",
                "showTitle": true,
                "prev": ["title": "损失函数", "url": "/notes/基础/损失函数/"],
                "next": ["title": "归一化 BatchNorm & LayerNorm", "url": "/notes/基础/归一化/"],
                "topics": [["title": "Sigmoid", "url": "/notes/topics/sigmoid/"], ["title": "梯度消失", "url": "/notes/topics/梯度消失/"]],
                "hasTopics": true,
                "backlinks": [["title": "优化器", "url": "/notes/优化/优化器/#学习率", "detail": "学习率", "hasDetail": true]],
                "hasBacklinks": true,
            ] as [String: Any],
        ]
    }

    static func topic() -> [String: Any] {
        [
            "site": site,
            "head": head,
            "generator": "sitegen 0.1.0",
            "pageTitle": "深度学习面试笔记",
            "assets": assets,
            "topic": [
                "name": "Sigmoid", "slug": "sigmoid", "summary": "把实数压到 (0, 1) 的 S 形函数。",
                "aliases": "Sigmod、逻辑函数", "hasAliases": true,
                "parent": ["name": "激活函数", "url": "/notes/topics/激活函数/", "summary": "", "count": 3],
                "notes": [
                    ["title": "激活函数", "url": "/notes/基础/激活函数/", "sections": [
                        ["heading": "激活函数", "url": "/notes/基础/激活函数/", "excerpt": "开头一段。", "isQuestion": false, "isTop": true],
                        ["heading": "Sigmoid 的问题", "url": "/notes/基础/激活函数/#sigmoid-的问题", "excerpt": "两端饱和 <梯度小>。",
                         "isQuestion": true, "isTop": false],
                    ] as [[String: Any]]],
                ] as [[String: Any]],
                "noteCount": 1, "sectionCount": 2,
                "children": [[String: Any]](), "hasChildren": false,
                "related": [["name": "梯度消失", "url": "/notes/topics/梯度消失/", "summary": "", "count": 2]] as [[String: Any]],
                "hasRelated": true,
                "mentions": [["title": "优化器", "url": "/notes/优化/优化器/#动量"]], "hasMentions": true,
            ] as [String: Any],
        ]
    }

    static func home() -> [String: Any] {
        [
            "site": site,
            "head": head,
            "generator": "sitegen 0.1.0",
            "pageTitle": "深度学习面试笔记",
            "assets": assets,
            "canonical": "https://example.org/notes/",
            "home": [
                "noteCount": 5,
                "showTitle": true,
                "isSection": false,
                "sections": [
                    ["title": "笔记", "notes": [
                        ["title": "学习计划", "url": "/notes/学习计划/", "questionCount": 0, "format": "markdown"],
                    ] as [[String: Any]]],
                    ["title": "基础", "url": "/notes/基础/", "questionCount": 7, "notes": [
                        ["title": "激活函数", "url": "/notes/基础/激活函数/", "date": "2026-03-14", "questionCount": 3, "format": "markdown"],
                        ["title": "损失函数", "url": "/notes/基础/损失函数/", "date": "2026-03-02", "questionCount": 4, "format": "notion-toggle"],
                        ["title": "归一化 BatchNorm & LayerNorm", "url": "/notes/基础/归一化/", "questionCount": 0, "format": "jekyll"],
                    ] as [[String: Any]]],
                    ["title": "Transformer", "url": "/notes/transformer/", "questionCount": 2, "notes": [
                        ["title": "Attention 的复杂度", "url": "/notes/transformer/attention/", "date": "2026-04-01", "questionCount": 2, "format": "question-lines"],
                    ] as [[String: Any]]],
                ] as [[String: Any]],
            ] as [String: Any],
        ]
    }

    static func notFound() -> [String: Any] {
        ["site": site, "head": head, "generator": "sitegen 0.1.0", "pageTitle": "404", "assets": assets, "nav": nav, "description": "激活函数、优化器与 Transformer 的问答练习"]
    }

    /// Body HTML of the shape the Markdown renderer produces: headings with ids, a question with a
    /// follow-up, math, code, a table, a task list, a quote and a runnable example.
    static let sampleContent = #"""
<p>激活函数给网络引入<strong>非线性</strong>。没有它，多层 linear layer 叠起来仍然是一个线性映射 <span class="katex">W<sub>2</sub>W<sub>1</sub>x</span>。</p>
<h2 id="常见激活函数">常见激活函数</h2>
<p>常用的有 Sigmoid、Tanh、ReLU 和 GELU，下面的表格对比了它们的取值范围和梯度。</p>
<table>
<thead>
<tr><th>函数</th><th>公式</th><th align="center">取值范围</th><th>梯度问题</th><th>常见用途</th></tr>
</thead>
<tbody>
<tr><td>Sigmoid</td><td><code>1 / (1 + exp(-x))</code></td><td align="center">(0, 1)</td><td>两端饱和，梯度消失</td><td>二分类输出层、门控</td></tr>
<tr><td>Tanh</td><td><code>tanh(x)</code></td><td align="center">(-1, 1)</td><td>同样饱和，但以 0 为中心</td><td>RNN 隐状态</td></tr>
<tr><td>ReLU</td><td><code>max(0, x)</code></td><td align="center">[0, ∞)</td><td>负半轴梯度为 0（Dead ReLU）</td><td>CNN / MLP 隐藏层</td></tr>
<tr><td>GELU</td><td><code>x · Φ(x)</code></td><td align="center">≈(-0.17, ∞)</td><td>平滑，计算稍贵</td><td>Transformer FFN</td></tr>
</tbody>
</table>
<h3 id="sigmoid-的问题">Sigmoid 的问题</h3>
<blockquote>
<p>输出不是 zero-centered，导致下一层权重的梯度符号一致，优化路径呈锯齿状。</p>
</blockquote>
<div class="katex-display"><span class="katex">σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25，连乘 L 层后梯度按 0.25<sup>L</sup> 衰减，这一行故意写得很长很长以便检查公式在窄屏上是否横向滚动而不是撑破页面布局</span></div>
<details class="question" open>
<summary><h2 id="为什么-relu-比-sigmoid-好">为什么 ReLU 比 Sigmoid 好？</h2></summary>
<div class="answer">
<ol>
<li>正半轴梯度恒为 1，不会饱和，缓解 vanishing gradient；</li>
<li>计算只需要一次比较，比 <code>exp</code> 便宜；</li>
<li>输出稀疏，有一定正则效果。</li>
</ol>
<pre><code class="language-python">import torch
x = torch.linspace(-3, 3, 7)
print(torch.relu(x))  # tensor([0., 0., 0., 0., 1., 2., 3.])
</code></pre>
<details class="question" open>
<summary><h3 id="dead-relu-怎么办">Dead ReLU 怎么办？</h3></summary>
<div class="answer">
<p>学习率过大或者 bias 初始化不当时，神经元可能永远输出 0。可以换 LeakyReLU / PReLU，或者降低学习率、用 He 初始化。</p>
</div>
</details>
</div>
</details>
<details class="question" open>
<summary><h2 id="gelu-和-relu-的区别">GELU 和 ReLU 的区别</h2></summary>
<div class="answer">
<p>GELU 用高斯 CDF 对输入加权：<span class="math-error" title="Undefined control sequence \Phii">\Phii(x)</span> 处是一个故意写错的公式。</p>
<figure class="tensor-example">
<pre><code class="language-tensor">x = linspace(-3, 3, 61)
plot(x, relu(x), gelu(x))</code></pre>
<table class="tensor-value"><thead><tr><th></th><th>0</th><th>1</th><th>2</th></tr></thead><tbody><tr><th>relu</th><td>0.000</td><td>0.500</td><td>1.000</td></tr><tr><th>gelu</th><td>-0.154</td><td>0.346</td><td>0.841</td></tr></tbody></table>
<svg xmlns="http://www.w3.org/2000/svg" class="tensor-plot" viewBox="0 0 560 340" role="img" aria-label="relu 和 gelu" font-size="12" fill="currentColor"><title>relu 和 gelu</title><g class="tensor-plot-grid" stroke="currentColor" stroke-opacity="0.12" stroke-width="1"><line x1="58" y1="28" x2="58" y2="296"/><line x1="307" y1="28" x2="307" y2="296"/><line x1="546" y1="28" x2="546" y2="296"/></g><g class="tensor-plot-axis" stroke="currentColor" stroke-width="1"><line x1="58" y1="296" x2="546" y2="296"/><line x1="58" y1="28" x2="58" y2="296"/></g><g class="tensor-plot-ticks" stroke="none"><text x="58" y="312" text-anchor="middle">-3</text><text x="302" y="312" text-anchor="middle">0</text><text x="546" y="312" text-anchor="middle">3</text><text x="50" y="300" text-anchor="end">0</text><text x="50" y="32" text-anchor="end">3</text></g><text class="tensor-plot-label" x="302" y="332" text-anchor="middle">x</text><path class="tensor-plot-series tensor-plot-series-1" d="M58,296 L302,296 L546,28" fill="none" stroke="#2f7bd8" stroke-width="2"><title>relu</title></path><path class="tensor-plot-series tensor-plot-series-2" d="M58,296 L180,300 L260,303 L302,296 L400,200 L546,31" fill="none" stroke="#e0622b" stroke-width="2" stroke-dasharray="7 4"><title>gelu</title></path><g class="tensor-plot-legend"><g class="tensor-plot-legend-entry"><line class="tensor-plot-series tensor-plot-series-1" x1="70" y1="18" x2="96" y2="18" stroke="#2f7bd8" stroke-width="2"/><text x="100" y="22">relu</text></g><g class="tensor-plot-legend-entry"><line class="tensor-plot-series tensor-plot-series-2" x1="160" y1="18" x2="186" y2="18" stroke="#e0622b" stroke-width="2" stroke-dasharray="7 4"/><text x="190" y="22">gelu</text></g></g></svg>
<figcaption>ReLU 与 GELU，x ∈ [−3, 3]</figcaption>
</figure>
</div>
</details>
<h2 id="对比表">对比表 &amp; 小结</h2>
<ul>
<li><input type="checkbox" checked="" disabled="" /> 记住四个函数的公式</li>
<li><input type="checkbox" disabled="" /> 手推 Sigmoid 的导数</li>
<li><input type="checkbox" disabled="" /> 解释 GELU 为什么适合 Transformer</li>
</ul>
<p>一句话：隐藏层默认用 ReLU 系列，Transformer 用 GELU，输出层按任务选 Sigmoid / Softmax。</p>
"""#
}
