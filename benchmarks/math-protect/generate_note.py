#!/usr/bin/env python3
"""One large seeded note for the math-protection benchmark.

    generate_note.py --megabytes N --seed S --out FILE

Writes about N MB (UTF-8 bytes) of Markdown: Chinese prose with English terms, inline `$…$` (some with a
space before the closing `$`, as Typora writes them), `$$…$$` on one line and across lines, `\\(…\\)`,
bare `\\begin{aligned}` blocks, lists, tables, fenced code, prices such as `$5`, and a few gaps and bare
TeX that the lost-formula detector looks at: about one formula per 150 bytes, as in a dense study note.
Same size and seed give identical bytes. The vocabulary is written for this benchmark.

With --hostile the note is one paragraph of short lines full of openers that find no closer (`\\(`,
`$$`, `\\begin{cases}`, backtick runs, `<a`, `\\text{`, `^(`), stray and spaced `$` signs and prices: the
input that makes a scanner which searches from every opener to the end of the paragraph quadratic.
With --formula the note is one `$$…$$` formula of that size full of damage every repair rule fixes.
With --images the dense note writes a third of its inline formulas as formula images instead (CodeCogs
Markdown images, percent-encoded Zhihu images, `<img>` tags), as notes written for GitHub do.
"""

import argparse
import random
from urllib.parse import quote

IMAGES = False

WORDS = ["梯度", "损失函数", "权重", "偏置", "学习率", "激活函数", "隐藏层", "正则化", "批归一化", "注意力",
         "矩阵", "向量", "概率", "期望", "方差", "样本", "参数", "输出", "输入", "模型"]
ENGLISH = ["softmax", "ReLU", "dropout", "batch size", "attention", "encoder", "optimizer", "LayerNorm"]
LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHKLMNPQRSTUVWXYZ"
GREEK = ["\\alpha", "\\beta", "\\gamma", "\\theta", "\\lambda", "\\sigma", "\\eta", "\\mu"]


def symbol(rng):
    base = rng.choice(LETTERS) if rng.random() < 0.7 else rng.choice(GREEK)
    r = rng.random()
    if r < 0.3:
        return f"{base}_{rng.choice('ijkt')}"
    if r < 0.5:
        return f"{base}_{{{rng.choice('ijk')}{rng.choice('ijk')}}}"
    if r < 0.6:
        return f"{base}^{{({rng.randint(1, 9)})}}"
    return base


def inline(rng):
    r = rng.random()
    if r < 0.4:
        return symbol(rng)
    if r < 0.7:
        return f"{symbol(rng)} = {symbol(rng)} + {symbol(rng)}"
    if r < 0.85:
        return f"\\frac{{\\partial L}}{{\\partial {symbol(rng)}}}"
    return f"\\sum_{{i=1}}^{{n}} {symbol(rng)} \\cdot {symbol(rng)}"


def image(rng, tex):
    r = rng.random()
    if r < 0.5:
        return f"![](https://latex.codecogs.com/gif.latex?{tex.replace(' ', '&space;')})"
    if r < 0.8:
        return f"![[公式]](https://www.zhihu.com/equation?tex={quote(tex, safe='').replace('%20', '+')})"
    return f'<img src="https://latex.codecogs.com/svg.latex?{tex.replace(" ", "&space;")}" title="{tex}" />'


def sentence(rng):
    parts = []
    for _ in range(rng.randint(2, 5)):
        parts.append(rng.choice(WORDS))
        r = rng.random()
        if r < 0.55 and IMAGES and rng.random() < 0.33:
            parts.append(f" {image(rng, inline(rng))} ")
        elif r < 0.55:
            closing = " $" if rng.random() < 0.1 else "$"
            parts.append(f" ${inline(rng)}{closing} ")
        elif r < 0.6:
            parts.append(f" \\({inline(rng)}\\) ")
        elif r < 0.7:
            parts.append(f" {rng.choice(ENGLISH)} ")
        elif r < 0.72:
            parts.append(f" ${rng.randint(2, 99)} ")
    return "".join(parts) + rng.choice(["。", "，并且", "；", "。"])


def block(rng):
    r = rng.random()
    if r < 0.45:
        return "".join(sentence(rng) for _ in range(rng.randint(1, 4)))
    if r < 0.6:
        return f"$${inline(rng)} = {inline(rng)}$$"
    if r < 0.68:
        return f"$$\n{inline(rng)} \\\\\n{inline(rng)}\n$$"
    if r < 0.72:
        return f"\\begin{{aligned}}\n{symbol(rng)} &= {inline(rng)} \\\\\n{symbol(rng)} &= {inline(rng)}\n\\end{{aligned}}"
    if r < 0.85:
        return "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4)))
    if r < 0.9:
        rows = [f"| {rng.choice(WORDS)} | ${inline(rng)}$ |" for _ in range(rng.randint(2, 4))]
        return "| 名称 | 公式 |\n|---|---|\n" + "\n".join(rows)
    if r < 0.94:
        return f"```python\nx = {rng.randint(1, 9)} * y_{rng.randint(0, 9)}  # $not math$\n```"
    if r < 0.97:
        return f"设一个维度为 的方阵 , 其中 {symbol(rng)} 是 {rng.choice(WORDS)}。"
    return f"## {rng.choice(WORDS)}与{rng.choice(WORDS)}"


HOSTILE = ["\\(", "$$", "\\begin{cases}", "`", "``", "<a", "\\text{", "x^(", "$5", "$ ", "$x_i $", "$-$3",
           "\\[", "_{", "矩阵", "向量 ", "为 的", "\\alpha", "& ", "\\\\ "]


def hostile_line(rng):
    return " ".join(rng.choice(HOSTILE) for _ in range(rng.randint(6, 14)))


# One piece of a huge damaged formula: `\text{a_b}`, `x^(…)`, `\ ` row breaks, `⋅`, `𝑥`, an eqnarray.
DAMAGED = ("\\text{a_b} x^(y+1) \\begin{cases} a & b \\ c & d \\end{cases} ⋅ 𝑥 "
           "\\begin{eqnarray} a &=& b \\end{eqnarray} \\text{c_d} ")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--megabytes", type=float, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--hostile", action="store_true")
    p.add_argument("--formula", action="store_true")
    p.add_argument("--images", action="store_true")
    a = p.parse_args()
    global IMAGES
    IMAGES = a.images
    rng = random.Random(a.seed)
    target = int(a.megabytes * 1024 * 1024)
    if a.formula:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("$$" + DAMAGED * (target // len(DAMAGED.encode("utf-8"))) + "$$\n")
        return
    chunks, size = ["# 大笔记\n"], 0
    while size < target:
        b = hostile_line(rng) + "\n" if a.hostile else block(rng) + "\n\n"
        chunks.append(b)
        size += len(b.encode("utf-8"))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("".join(chunks))


if __name__ == "__main__":
    main()
