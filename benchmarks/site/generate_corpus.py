#!/usr/bin/env python3
"""Seeded benchmark corpus for `sitegen build` (and Hugo).

    generate_corpus.py --notes N --seed S --out DIR

Writes N Markdown notes of 3-6 KB each (UTF-8 bytes) into a few section
sub-folders of DIR. Every note has YAML front matter (title, date, tags) and
mixes Chinese and English deep-learning prose with ## / ### headings, bullet and
numbered lists, GFM tables, fenced code, inline `$...$` and display `$$...$$`
math containing `_` and `\\`, and links to other notes (`[x](other.md)` and
`[x](other.md#heading)`, where the heading exists in the target note).

Same N and seed -> identical bytes. All vocabulary below is written for this
benchmark; nothing is taken from real notes.
"""

import argparse
import datetime
import os
import random
import shutil
import sys

MIN_BYTES = 3 * 1024
MAX_BYTES = 6 * 1024

SECTIONS = ["basics", "optimization", "architectures", "nlp", "vision", "generative"]

# (Chinese term, English term) pairs.
TERMS = [
    ("梯度下降", "gradient descent"), ("反向传播", "backpropagation"), ("损失函数", "loss function"),
    ("激活函数", "activation function"), ("卷积层", "convolution layer"), ("注意力机制", "attention"),
    ("批归一化", "BatchNorm"), ("层归一化", "LayerNorm"), ("正则化", "regularization"),
    ("过拟合", "overfitting"), ("学习率", "learning rate"), ("权重衰减", "weight decay"),
    ("残差连接", "residual connection"), ("词嵌入", "word embedding"), ("位置编码", "positional encoding"),
    ("交叉熵", "cross-entropy"), ("最大似然", "maximum likelihood"), ("梯度消失", "vanishing gradient"),
    ("梯度爆炸", "exploding gradient"), ("感受野", "receptive field"), ("池化", "pooling"),
    ("编码器", "encoder"), ("解码器", "decoder"), ("自回归", "autoregressive"),
    ("多头注意力", "multi-head attention"), ("知识蒸馏", "knowledge distillation"), ("微调", "fine-tuning"),
    ("低秩适配", "LoRA"), ("混合精度", "mixed precision"), ("数据增强", "data augmentation"),
    ("变分自编码器", "VAE"), ("扩散模型", "diffusion model"), ("生成对抗网络", "GAN"),
    ("优化器", "optimizer"), ("动量", "momentum"), ("束搜索", "beam search"),
    ("分词器", "tokenizer"), ("温度系数", "temperature"), ("对比学习", "contrastive learning"),
    ("特征图", "feature map"), ("早停", "early stopping"), ("标签平滑", "label smoothing"),
]

MODELS = ["Transformer", "ResNet", "BERT", "GPT", "ViT", "LSTM", "GRU", "U-Net", "CLIP", "T5",
          "MobileNet", "EfficientNet", "Llama", "Mamba", "DDPM"]
OPTIMIZERS = ["SGD", "Adam", "AdamW", "RMSProp", "Adagrad", "Lion", "LAMB"]
ACTIVATIONS = ["ReLU", "GELU", "SiLU", "tanh", "sigmoid", "softmax", "Leaky ReLU"]

ZH_VERBS = ["缓解", "加速", "稳定", "约束", "放大", "平滑", "抑制", "改善"]
ZH_OBJECTS = ["训练过程", "模型容量", "参数更新", "收敛速度", "泛化能力", "数值稳定性", "显存占用", "推理延迟"]
ZH_CONNECTIVES = ["因此", "另外", "需要注意的是", "换句话说", "在实践中", "面试时常问", "直观上看", "从公式可以看出"]

# Formula templates: @v (variable), @i / @j (indices), @n (small number) and @g (Greek letter) are filled in
# at random, so most formulas in a corpus are distinct, as in real notes (a renderer cannot just reuse a few).
INLINE_MATH = [
    r"$@v_@i^{(@n)}$", r"$w_{@i@j}$", r"$\@g_@i$", r"$\nabla_\theta L_{@n}$", r"$\sigma(z_@j)$",
    r"$\mathbb{E}_{@v \sim p}[\log q(@v)]$", r"$h_@i = \tanh(W_h h_{@i-1} + W_@v @v_@i)$",
    r"$\hat{y}_@i = \mathrm{softmax}(z)_@i$", r"$\lambda \|w\|_@n^2$", r"$O(n^@n d)$",
    r"$\beta_@n = 0.@n$", r"$\epsilon = 10^{-@n}$", r"$d_{model} = @n$", r"$q_@i^\top k_@j / \sqrt{d_k}$",
    r"$\mu_{B,@i}$", r"$\sigma_{@v}^2$", r"$p_\theta(@v_{@i-1} \mid @v_@i)$", r"$\eta_{@i} = \@g / \sqrt{@i}$",
]

DISPLAY_MATH = [
    r"\frac{\partial L}{\partial w_{@i@j}} = \delta_@j \, a_@i",
    r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{Q K^\top}{\sqrt{d_k}} + M_{@n}\right) V",
    r"\hat{@v}_@i = \frac{@v_@i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \quad y_@i = \gamma \hat{@v}_@i + \beta",
    r"m_@i = \beta_1 m_{@i-1} + (1 - \beta_1) g_@i, \quad v_@i = \beta_2 v_{@i-1} + (1 - \beta_2) g_@i^2",
    r"L_{CE} = -\sum_{@i=1}^{@n} y_@i \log \hat{y}_@i",
    r"\theta_{@i+1} = \theta_@i - \@g \frac{\hat{m}_@i}{\sqrt{\hat{v}_@i} + \epsilon}",
    r"D_{KL}(q \,\|\, p) = \sum_@v q(@v) \log \frac{q(@v)}{p(@v)}",
    r"\mathcal{L}_{ELBO} = \mathbb{E}_{q_\phi(z \mid @v)}[\log p_\theta(@v \mid z)] - D_{KL}(q_\phi(z \mid @v) \,\|\, p(z))",
    r"PE_{(pos, 2@i)} = \sin\left(\frac{pos}{10000^{2@i / d_{model}}}\right)",
    r"y_{@i,@j} = \sum_{m}\sum_{n} @v_{@i+m, @j+n} \, k_{m,n} + b_@n",
]

MATH_VARIABLES = ["x", "h", "z", "a", "u", "s"]
MATH_INDICES = ["i", "j", "k", "t", "l"]
MATH_GREEK = ["alpha", "eta", "gamma", "lambda", "tau", "rho"]


def fill_formula(rng, template):
    i, j = rng.sample(MATH_INDICES, 2)
    return (template.replace("@v", rng.choice(MATH_VARIABLES)).replace("@i", i).replace("@j", j)
            .replace("@g", rng.choice(MATH_GREEK)).replace("@n", str(rng.randint(1, 64))))


def inline_math(rng):
    return fill_formula(rng, rng.choice(INLINE_MATH))


def display_formula(rng):
    return fill_formula(rng, rng.choice(DISPLAY_MATH))


CODE_SNIPPETS = [
    ("python", [
        "import torch",
        "import torch.nn as nn",
        "",
        "class {cls}(nn.Module):",
        "    def __init__(self, d_in: int = {n1}, d_out: int = {n2}):",
        "        super().__init__()",
        "        self.proj = nn.Linear(d_in, d_out)",
        "        self.norm = nn.LayerNorm(d_out)",
        "",
        "    def forward(self, x):",
        "        # x: (batch, seq_len, d_in)",
        "        return self.norm(torch.relu(self.proj(x)))",
    ]),
    ("python", [
        "optimizer = torch.optim.{opt}(model.parameters(), lr={lr}, weight_decay=1e-2)",
        "for step, (x, y) in enumerate(loader):",
        "    loss = criterion(model(x), y)",
        "    optimizer.zero_grad(set_to_none=True)",
        "    loss.backward()",
        "    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)",
        "    optimizer.step()",
        "    if step % {n1} == 0:",
        "        print(f\"step={{step}} loss={{loss.item():.4f}}\")",
    ]),
    ("python", [
        "def scaled_dot_product(q, k, v, mask=None):",
        "    d_k = q.size(-1)",
        "    scores = q @ k.transpose(-2, -1) / d_k ** 0.5",
        "    if mask is not None:",
        "        scores = scores.masked_fill(mask == 0, float(\"-inf\"))",
        "    return scores.softmax(dim=-1) @ v",
    ]),
    ("bash", [
        "python train.py --model {cls_lower} --batch_size {n1} \\",
        "    --lr {lr} --epochs {n3} --amp",
    ]),
    ("yaml", [
        "model: {cls_lower}",
        "optimizer:",
        "  name: {opt}",
        "  lr: {lr}",
        "  betas: [0.9, 0.999]",
        "train:",
        "  batch_size: {n1}",
        "  max_steps: {n4}",
    ]),
]


def term(rng):
    return rng.choice(TERMS)


def zh_sentence(rng):
    zh, en = term(rng)
    zh2, en2 = term(rng)
    kind = rng.randrange(8)
    if kind == 0:
        return f"{zh}（{en}）的作用是{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}。"
    if kind == 1:
        return f"{rng.choice(ZH_CONNECTIVES)}，{rng.choice(MODELS)} 中的 {en} 可以看成一种{zh2}。"
    if kind == 2:
        return f"当 {inline_math(rng)} 变大时，{zh}会{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}，这一点在 {rng.choice(MODELS)} 上很明显。"
    if kind == 3:
        return f"使用 {rng.choice(OPTIMIZERS)} 训练时，{zh2}通常和 **{en}** 一起调，学习率取 {rng.choice(['1e-3', '3e-4', '5e-5', '0.1'])} 左右。"
    if kind == 4:
        return f"{zh}与{zh2}的区别：前者关注{rng.choice(ZH_OBJECTS)}，后者关注{rng.choice(ZH_OBJECTS)}，记号上写作 {inline_math(rng)}。"
    if kind == 5:
        return f"把 {rng.choice(ACTIVATIONS)} 换成 {rng.choice(ACTIVATIONS)} 之后，{zh}的行为会改变，需要重新检查 `{en.replace(' ', '_')}` 的实现。"
    if kind == 6:
        return f"{rng.choice(ZH_CONNECTIVES)}，{en2} 的本质是用 {inline_math(rng)} 来{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}。"
    return f"面试题：为什么 {rng.choice(MODELS)} 需要{zh}？答：为了{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}，同时保持 *{en2}* 的效果。"


def en_sentence(rng):
    _, en = term(rng)
    _, en2 = term(rng)
    kind = rng.randrange(4)
    if kind == 0:
        return f"In practice, {en} interacts with {en2}, so tune them together."
    if kind == 1:
        return f"The update {inline_math(rng)} is what {rng.choice(OPTIMIZERS)} computes at every step."
    if kind == 2:
        return f"{rng.choice(MODELS)} relies on {en} to keep training stable at scale."
    return f"A common pitfall: forgetting {en} when switching from {rng.choice(ACTIVATIONS)} to {rng.choice(ACTIVATIONS)}."


def paragraph(rng, sentences):
    parts = []
    for _ in range(sentences):
        parts.append(zh_sentence(rng) if rng.random() < 0.75 else en_sentence(rng))
    return "".join(p if p.endswith("。") else p + " " for p in parts).strip()


def heading_text(rng, used, kind=None):
    """A heading made of words and single spaces only (no punctuation)."""
    while True:
        zh, en = term(rng)
        kind = rng.randrange(4) if kind is None else kind
        if kind == 0:
            text = f"{zh}的原理"
        elif kind == 1:
            text = f"{en} 与{rng.choice(TERMS)[0]}"
        elif kind == 2:
            text = f"{rng.choice(MODELS)} 中的{zh}"
        else:
            text = f"常见问题 {zh}"
        if text not in used:
            used.add(text)
            return text


def anchor(text):
    """GitHub-style anchor: lower case, spaces to hyphens (headings contain no punctuation)."""
    return text.strip().lower().replace(" ", "-")


def has_unambiguous_anchor(text):
    """True for headings such as `激活函数的原理`: no ASCII letters or spaces, so every
    slug rule (lower-casing or not, space to `-` or not) gives the heading text itself."""
    return all(not (c.isascii() and (c.isalpha() or c.isspace())) for c in text)


def bullet_list(rng):
    lines = []
    for _ in range(rng.randint(3, 6)):
        lines.append(f"- {zh_sentence(rng)}")
        if rng.random() < 0.2:
            lines.append(f"  - {en_sentence(rng)}")
    return "\n".join(lines)


def numbered_list(rng):
    return "\n".join(f"{i}. {zh_sentence(rng)}" for i in range(1, rng.randint(3, 5) + 1))


def table(rng):
    rows = ["| 方法 | English | 公式 | 备注 |", "| --- | --- | :---: | --- |"]
    for _ in range(rng.randint(3, 6)):
        zh, en = term(rng)
        rows.append(f"| {zh} | {en} | {inline_math(rng)} | {rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)} |")
    return "\n".join(rows)


def code_block(rng):
    lang, lines = rng.choice(CODE_SNIPPETS)
    cls = rng.choice(MODELS).replace("-", "")
    values = dict(cls=cls + "Block", cls_lower=cls.lower(), opt=rng.choice(OPTIMIZERS),
                  lr=rng.choice(["1e-3", "3e-4", "5e-5", "0.1"]),
                  n1=rng.choice([32, 64, 128, 256, 512]), n2=rng.choice([256, 768, 1024]),
                  n3=rng.randint(3, 90), n4=rng.randint(1000, 100000))
    body = "\n".join(line.format(**values) for line in lines)
    return f"```{lang}\n{body}\n```"


def display_math(rng):
    return f"$$\n{display_formula(rng)}\n$$"


def inline_display_math(rng):
    return f"{zh_sentence(rng)}公式如下：$${display_formula(rng)}$$"


def quote(rng):
    return f"> {zh_sentence(rng)}"


class NotePlan:
    def __init__(self, index, section, filename, title, headings):
        self.index = index
        self.section = section
        self.filename = filename
        self.title = title
        self.headings = headings  # list of (level, text)


def plan_notes(count, seed):
    plans = []
    for i in range(count):
        rng = random.Random(f"plan-{seed}-{i}")
        section = rng.choice(SECTIONS)
        zh, en = term(rng)
        slug = en.lower().replace(" ", "-").replace("/", "-")
        filename = f"{slug}-{i:05d}.md"
        title = f"{zh}（{en}）笔记 {i}"
        used = set()
        headings = []
        # The first heading is pure Chinese, so anchor links always have an unambiguous target.
        headings.append((2, heading_text(rng, used, kind=0)))
        for _ in range(rng.randint(2, 4)):
            headings.append((2, heading_text(rng, used)))
            if rng.random() < 0.6:
                headings.append((3, heading_text(rng, used)))
        plans.append(NotePlan(i, section, filename, title, headings))
    return plans


def link_to(rng, plan, target):
    if target.section == plan.section:
        href = target.filename
    else:
        href = f"../{target.section}/{target.filename}"
    label = target.title.split("（")[0]
    if rng.random() < 0.5:
        _, text = rng.choice([h for h in target.headings if has_unambiguous_anchor(h[1])])
        href += "#" + anchor(text)
        label = f"{label} · {text}"
    return f"[{label}]({href})"


def link_paragraph(rng, plan, plans):
    if len(plans) < 2:
        return paragraph(rng, 2)
    links = []
    for _ in range(rng.randint(1, 3)):
        target = plan
        while target is plan:
            target = rng.choice(plans)
        links.append(link_to(rng, plan, target))
    return f"相关笔记：{'，'.join(links)}。{zh_sentence(rng)}"


def front_matter(rng, plan):
    date = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(900))
    tags = sorted({rng.choice(TERMS)[1] for _ in range(rng.randint(1, 4))})
    tag_list = ", ".join(f'"{t}"' for t in tags)
    return f'---\ntitle: "{plan.title}"\ndate: {date.isoformat()}\ntags: [{tag_list}]\n---\n'


def body_blocks(rng, plan, plans):
    """Every block kind at least once, then random extra blocks."""
    required = [
        lambda: paragraph(rng, rng.randint(2, 4)),
        lambda: bullet_list(rng),
        lambda: numbered_list(rng),
        lambda: table(rng),
        lambda: code_block(rng),
        lambda: display_math(rng),
        lambda: link_paragraph(rng, plan, plans),
    ]
    extra = required + [lambda: quote(rng), lambda: inline_display_math(rng),
                        lambda: paragraph(rng, rng.randint(1, 3))]
    return required, extra


def render_note(plan, plans, seed):
    rng = random.Random(f"note-{seed}-{plan.index}")
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    out = front_matter(rng, plan) + "\n" + paragraph(rng, 2) + "\n"
    size = len(out.encode("utf-8"))

    required, extra = body_blocks(rng, plan, plans)
    pending = list(required)
    rng.shuffle(pending)
    sections = list(plan.headings)
    short = lambda: zh_sentence(rng)  # noqa: E731  fallback that fits almost anywhere

    reserved = sum(len(f"\n{'#' * level} {text}\n".encode("utf-8")) for level, text in sections)

    def append(text, heading=False):
        nonlocal out, size, reserved
        piece = "\n" + text + "\n"
        n = len(piece.encode("utf-8"))
        if heading:
            reserved -= n  # planned headings always fit: links point at them
        elif size + n + reserved > MAX_BYTES:
            return False
        out += piece
        size += n
        return True

    for level, text in sections:
        append("#" * level + " " + text, heading=True)
        for _ in range(rng.randint(1, 2)):
            make = pending.pop() if pending else rng.choice(extra)
            if not append(make()):
                append(short())
    misses = 0
    while (size < target or pending) and misses < 50:
        make = pending.pop() if pending else rng.choice(extra)
        if not append(make()):
            misses += 1
            append(short())
    while size < MIN_BYTES:
        append(short())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, required=True, help="number of notes")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="output folder (replaced if it exists)")
    args = parser.parse_args(argv)
    if args.notes < 1:
        parser.error("--notes must be at least 1")

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    plans = plan_notes(args.notes, args.seed)
    total = 0
    for plan in plans:
        text = render_note(plan, plans, args.seed)
        folder = os.path.join(args.out, plan.section)
        os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(folder, plan.filename), "wb") as f:
            f.write(data)
    print(f"wrote {args.notes} notes, {total / 1024:.0f} KB, to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
