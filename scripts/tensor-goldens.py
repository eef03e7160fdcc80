#!/usr/bin/env python3
"""Regenerates the golden vectors for the Tensor kernel tests (Tests/TensorTests/Goldens/*.json).

Every reference here is an independent numpy implementation written from the textbook / PyTorch
definitions (naive loops for convolution and pooling, closed-form gradients), not a port of the Swift code.
Inputs come from numpy's own generator. Run:  python3 scripts/tensor-goldens.py
Each case: {"name", "op", "attrs", "inputs": {name: T}, "outputs": {name: T}, "grads": {name: T}}
with T = {"shape": [...], "data": [...]}; grads are d(sum(output * inputs["dy"]))/d input.
"""
import json
import math
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "TensorTests", "Goldens")
rng = np.random.default_rng(20261123)


def T(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def case(name, op, inputs, outputs, grads=None, attrs=None):
    return {"name": name, "op": op, "attrs": attrs or {},
            "inputs": {k: T(v) for k, v in inputs.items()},
            "outputs": {k: T(v) for k, v in outputs.items()},
            "grads": {k: T(v) for k, v in (grads or {}).items()}}


def randn(*shape):
    return rng.standard_normal(shape)


erf = np.vectorize(math.erf)


# ---------------------------------------------------------------- activations
def activations():
    cases = []
    x = np.concatenate([np.linspace(-6, 6, 13), randn(11) * 3, [-40.0, 40.0, 1e-9, -1e-9]])
    dy = randn(x.size)
    sig = 1 / (1 + np.exp(-x))
    th = np.tanh(x)
    table = {
        "sigmoid": (sig, sig * (1 - sig)),
        "tanh": (th, 1 - th ** 2),
        "relu": (np.maximum(x, 0), (x > 0).astype(float)),
        "leaky_relu": (np.where(x > 0, x, 0.1 * x), np.where(x > 0, 1.0, 0.1)),
        "elu": (np.where(x > 0, x, 0.7 * np.expm1(x)), np.where(x > 0, 1.0, 0.7 * np.exp(x))),
        "softplus": (np.logaddexp(0, x), sig),
        "gelu": (0.5 * x * (1 + erf(x / math.sqrt(2))),
                 0.5 * (1 + erf(x / math.sqrt(2))) + x * np.exp(-x ** 2 / 2) / math.sqrt(2 * math.pi)),
        "silu": (x * sig, sig * (1 + x * (1 - sig))),
        "softsign": (x / (1 + np.abs(x)), 1 / (1 + np.abs(x)) ** 2),
    }
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)
    gt = 0.5 * x * (1 + np.tanh(u))
    dgt = 0.5 * (1 + np.tanh(u)) + 0.5 * x * (1 - np.tanh(u) ** 2) * math.sqrt(2 / math.pi) * (1 + 3 * 0.044715 * x ** 2)
    table["gelu_tanh"] = (gt, dgt)
    for name, (y, d) in table.items():
        cases.append(case(name, name, {"x": x, "dy": dy}, {"y": y}, {"x": dy * d},
                          attrs={"alpha": 0.1 if name == "leaky_relu" else 0.7}))
    # prelu with a per-channel slope
    xp = randn(2, 3, 2)
    slope = np.array([0.1, 0.2, -0.3])
    dyp = randn(2, 3, 2)
    s = slope.reshape(3, 1)
    cases.append(case("prelu", "prelu", {"x": xp, "slope": slope, "dy": dyp},
                      {"y": np.where(xp > 0, xp, s * xp)},
                      {"x": dyp * np.where(xp > 0, 1.0, s), "slope": (dyp * np.where(xp > 0, 0.0, xp)).sum(axis=(0, 2))}))
    # softmax and log-softmax on rows, including large logits
    z = np.vstack([randn(4) * 3, [1000.0, 1001.0, 1002.0, 999.0], [2.0, 1.0, 0.1, -1.0]])
    dz = randn(*z.shape)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    sm = e / e.sum(axis=1, keepdims=True)
    lsm = z - z.max(axis=1, keepdims=True) - np.log(e.sum(axis=1, keepdims=True))
    cases.append(case("softmax", "softmax", {"x": z, "dy": dz}, {"y": sm},
                      {"x": sm * (dz - (dz * sm).sum(axis=1, keepdims=True))}))
    cases.append(case("log_softmax", "log_softmax", {"x": z, "dy": dz}, {"y": lsm},
                      {"x": dz - sm * dz.sum(axis=1, keepdims=True)}))
    z0 = randn(3, 4)
    e0 = np.exp(z0 - z0.max(axis=0, keepdims=True))
    cases.append(case("softmax_axis0", "softmax_axis0", {"x": z0, "dy": np.ones_like(z0)},
                      {"y": e0 / e0.sum(axis=0, keepdims=True)}, {"x": np.zeros_like(z0)}))
    return cases


# ---------------------------------------------------------------- losses and norms
def losses():
    cases = []
    logits = randn(5, 4)
    labels = np.array([0, 3, 1, 1, 2])
    n = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.eye(4)[labels]
    ce = -np.log(p[np.arange(n), labels]).mean()
    cases.append(case("cross_entropy", "cross_entropy", {"x": logits, "labels": labels, "dy": np.array(1.0)},
                      {"y": ce}, {"x": (p - onehot) / n}))
    pred = randn(3, 4)
    target = randn(3, 4)
    d = pred - target
    cases.append(case("mse", "mse", {"x": pred, "target": target, "dy": np.array(1.0)},
                      {"y": (d ** 2).mean()}, {"x": 2 * d / d.size}))
    cases.append(case("mae", "mae", {"x": pred, "target": target, "dy": np.array(1.0)},
                      {"y": np.abs(d).mean()}, {"x": np.sign(d) / d.size}))
    hub = np.where(np.abs(d) <= 1, 0.5 * d ** 2, np.abs(d) - 0.5)
    cases.append(case("huber", "huber", {"x": pred, "target": target, "dy": np.array(1.0)},
                      {"y": hub.mean()}, {"x": np.clip(d, -1, 1) / d.size}))
    prob = rng.uniform(0.05, 0.95, size=(6,))
    t = (rng.uniform(size=6) > 0.5).astype(float)
    bce = -(t * np.log(prob) + (1 - t) * np.log(1 - prob)).mean()
    cases.append(case("bce", "bce", {"x": prob, "target": t, "dy": np.array(1.0)}, {"y": bce},
                      {"x": (prob - t) / (prob * (1 - prob)) / prob.size}))
    lg = np.concatenate([randn(6) * 4, [50.0, -50.0]])
    tl = np.concatenate([(rng.uniform(size=6) > 0.5).astype(float), [0.0, 1.0]])
    sg = 1 / (1 + np.exp(-lg))
    cases.append(case("bce_logits", "bce_logits", {"x": lg, "target": tl, "dy": np.array(1.0)},
                      {"y": (np.logaddexp(0, lg) - lg * tl).mean()}, {"x": (sg - tl) / lg.size}))
    scores = randn(7)
    y = np.where(rng.uniform(size=7) > 0.5, 1.0, -1.0)
    margin = 1 - scores * y
    cases.append(case("hinge", "hinge", {"x": scores, "target": y, "dy": np.array(1.0)},
                      {"y": np.maximum(0, margin).mean()}, {"x": np.where(margin > 0, -y, 0.0) / 7}))
    m = randn(3, 4)
    cases.append(case("l1_norm", "l1_norm", {"x": m, "dy": np.array(1.0)}, {"y": np.abs(m).sum()}, {"x": np.sign(m)}))
    fro = np.linalg.norm(m)
    cases.append(case("l2_norm", "l2_norm", {"x": m, "dy": np.array(1.0)}, {"y": fro}, {"x": m / fro}))
    cases.append(case("frobenius_norm", "frobenius_norm", {"x": m, "dy": np.array(1.0)},
                      {"y": np.linalg.norm(m, "fro")}, {"x": m / fro}))
    return cases


# ---------------------------------------------------------------- linear algebra, reductions, movement
def linalg():
    cases = []
    for (mm, k, nn) in [(2, 3, 4), (5, 7, 3), (9, 17, 13)]:
        a, b = randn(mm, k), randn(k, nn)
        dy = randn(mm, nn)
        cases.append(case(f"matmul_{mm}x{k}x{nn}", "matmul", {"a": a, "b": b, "dy": dy}, {"y": a @ b},
                          {"a": dy @ b.T, "b": a.T @ dy}))
    a, b = randn(2, 1, 3, 4), randn(3, 4, 2)
    dy = randn(2, 3, 3, 2)
    ga = (dy @ np.swapaxes(b, -1, -2)).sum(axis=1, keepdims=True)
    gb = (np.swapaxes(a, -1, -2) @ dy).sum(axis=0)
    cases.append(case("matmul_batched_broadcast", "matmul", {"a": a, "b": b, "dy": dy}, {"y": a @ b}, {"a": ga, "b": gb}))
    x, w, bias = randn(4, 3), randn(5, 3), randn(5)
    dy = randn(4, 5)
    cases.append(case("linear", "linear", {"x": x, "weight": w, "bias": bias, "dy": dy}, {"y": x @ w.T + bias},
                      {"x": dy @ w, "weight": dy.T @ x, "bias": dy.sum(axis=0)}))
    x = randn(3, 4, 5)
    dy = randn(4)
    cases.append(case("sum_axes_0_2", "sum_axes_0_2", {"x": x, "dy": dy}, {"y": x.sum(axis=(0, 2))},
                      {"x": np.broadcast_to(dy.reshape(1, 4, 1), x.shape)}))
    dym = randn(3, 1, 5)
    cases.append(case("mean_axis1_keepdims", "mean_axis1_keepdims", {"x": x, "dy": dym},
                      {"y": x.mean(axis=1, keepdims=True)}, {"x": np.broadcast_to(dym / 4, x.shape)}))
    dyv = randn(3, 5)
    mu = x.mean(axis=1, keepdims=True)
    cases.append(case("var_axis1_unbiased", "var_axis1_unbiased", {"x": x, "dy": dyv},
                      {"y": x.var(axis=1, ddof=1)}, {"x": dyv[:, None, :] * 2 * (x - mu) / 3}))
    xm = np.array([[1.0, 5.0, 5.0, 2.0], [0.5, -1.0, 3.0, 3.0 - 1e-3]])
    dymx = np.array([2.0, -1.0])
    gm = np.zeros_like(xm)
    gm[0, 1] = gm[0, 2] = 1.0
    gm[1, 2] = -1.0
    cases.append(case("max_axis1_ties", "max_axis1", {"x": xm, "dy": dymx}, {"y": xm.max(axis=1)}, {"x": gm}))
    xs = randn(4, 6)
    dys = randn(2, 2)
    gs = np.zeros_like(xs)
    gs[1:4:2, 0:6:3] = dys
    cases.append(case("slice_strided", "slice_strided", {"x": xs, "dy": dys}, {"y": xs[1:4:2, 0:6:3]}, {"x": gs}))
    xp = randn(2, 3, 4)
    dyp = randn(4, 2, 3)
    cases.append(case("permute", "permute", {"x": xp, "dy": dyp}, {"y": xp.transpose(2, 0, 1)},
                      {"x": dyp.transpose(1, 2, 0)}))
    c1, c2 = randn(2, 3), randn(2, 2)
    dyc = randn(2, 5)
    cases.append(case("concat_axis1", "concat_axis1", {"a": c1, "b": c2, "dy": dyc},
                      {"y": np.concatenate([c1, c2], axis=1)}, {"a": dyc[:, :3], "b": dyc[:, 3:]}))
    ba, bb = randn(3, 1), randn(1, 4)
    dyb = randn(3, 4)
    cases.append(case("broadcast_mul", "broadcast_mul", {"a": ba, "b": bb, "dy": dyb}, {"y": ba * bb},
                      {"a": (dyb * bb).sum(axis=1, keepdims=True), "b": (dyb * ba).sum(axis=0, keepdims=True)}))
    cases.append(case("broadcast_div", "broadcast_div", {"a": ba, "b": bb + 3, "dy": dyb}, {"y": ba / (bb + 3)},
                      {"a": (dyb / (bb + 3)).sum(axis=1, keepdims=True),
                       "b": (-dyb * ba / (bb + 3) ** 2).sum(axis=0, keepdims=True)}))
    return cases


# ---------------------------------------------------------------- convolution and pooling (naive loops)
def conv2d_ref(x, w, b, stride, pad, dil, groups):
    n, cin, h, wd = x.shape
    cout, cg, kh, kw = w.shape
    oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd + 2 * pad[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    xp = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    y = np.zeros((n, cout, oh, ow))
    per = cout // groups
    for bi in range(n):
        for co in range(cout):
            g = co // per
            for i in range(oh):
                for j in range(ow):
                    acc = 0.0
                    for ci in range(cg):
                        for ki in range(kh):
                            for kj in range(kw):
                                acc += w[co, ci, ki, kj] * xp[bi, g * cg + ci, i * stride[0] + ki * dil[0], j * stride[1] + kj * dil[1]]
                    y[bi, co, i, j] = acc + (b[co] if b is not None else 0)
    return y


def conv2d_grads(x, w, dy, stride, pad, dil, groups):
    n, cin, h, wd = x.shape
    cout, cg, kh, kw = w.shape
    _, _, oh, ow = dy.shape
    gxp = np.zeros((n, cin, h + 2 * pad[0], wd + 2 * pad[1]))
    xp = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    gw = np.zeros_like(w)
    per = cout // groups
    for bi in range(n):
        for co in range(cout):
            g = co // per
            for i in range(oh):
                for j in range(ow):
                    for ci in range(cg):
                        for ki in range(kh):
                            for kj in range(kw):
                                r, c = i * stride[0] + ki * dil[0], j * stride[1] + kj * dil[1]
                                gw[co, ci, ki, kj] += dy[bi, co, i, j] * xp[bi, g * cg + ci, r, c]
                                gxp[bi, g * cg + ci, r, c] += dy[bi, co, i, j] * w[co, ci, ki, kj]
    return gxp[:, :, pad[0]:pad[0] + h, pad[1]:pad[1] + wd], gw, dy.sum(axis=(0, 2, 3))


def conv_transpose_ref(x, w, b, stride, pad, outpad, dil, groups):
    n, cin, h, wd = x.shape
    _, cog, kh, kw = w.shape
    oh = (h - 1) * stride[0] - 2 * pad[0] + dil[0] * (kh - 1) + outpad[0] + 1
    ow = (wd - 1) * stride[1] - 2 * pad[1] + dil[1] * (kw - 1) + outpad[1] + 1
    full = np.zeros((n, cog * groups, oh + 2 * pad[0], ow + 2 * pad[1]))
    cig = cin // groups
    for bi in range(n):
        for ci in range(cin):
            g = ci // cig
            for i in range(h):
                for j in range(wd):
                    for co in range(cog):
                        for ki in range(kh):
                            for kj in range(kw):
                                full[bi, g * cog + co, i * stride[0] + ki * dil[0], j * stride[1] + kj * dil[1]] += x[bi, ci, i, j] * w[ci, co, ki, kj]
    y = full[:, :, pad[0]:pad[0] + oh, pad[1]:pad[1] + ow]
    return y + (b.reshape(1, -1, 1, 1) if b is not None else 0)


def pool_ref(x, k, s, p, kind):
    n, c, h, w = x.shape
    oh = (h + 2 * p - k) // s + 1
    ow = (w + 2 * p - k) // s + 1
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    y = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = xp[:, :, i * s:i * s + k, j * s:j * s + k]
            y[:, :, i, j] = win.max(axis=(2, 3)) if kind == "max" else win.mean(axis=(2, 3))
    return y


def convolution():
    cases = []
    configs = [
        ("conv2d_basic", (2, 3, 5, 6), (4, 3, 3, 3), (1, 1), (0, 0), (1, 1), 1),
        ("conv2d_stride_pad", (1, 2, 7, 6), (3, 2, 3, 2), (2, 1), (1, 2), (1, 1), 1),
        ("conv2d_dilation", (1, 2, 8, 8), (2, 2, 3, 3), (1, 2), (2, 1), (2, 3), 1),
        ("conv2d_groups", (2, 4, 5, 5), (6, 2, 3, 3), (1, 1), (1, 1), (1, 1), 2),
        ("conv2d_depthwise", (1, 3, 4, 4), (3, 1, 2, 2), (1, 1), (0, 0), (1, 1), 3),
    ]
    for name, xs, ws, s, p, d, g in configs:
        x, w, b = randn(*xs), randn(*ws), randn(ws[0])
        y = conv2d_ref(x, w, b, s, p, d, g)
        dy = randn(*y.shape)
        gx, gw, gb = conv2d_grads(x, w, dy, s, p, d, g)
        cases.append(case(name, "conv2d", {"x": x, "weight": w, "bias": b, "dy": dy}, {"y": y},
                          {"x": gx, "weight": gw, "bias": gb},
                          attrs={"stride": list(s), "padding": list(p), "dilation": list(d), "groups": g}))
    tconfigs = [
        ("conv_transpose2d_basic", (1, 2, 3, 3), (2, 3, 3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1),
        ("conv_transpose2d_groups", (2, 4, 3, 2), (4, 1, 2, 3), (1, 2), (0, 1), (0, 1), (2, 1), 2),
    ]
    for name, xs, ws, s, p, op_, d, g in tconfigs:
        x, w, b = randn(*xs), randn(*ws), randn(ws[1] * g)
        y = conv_transpose_ref(x, w, b, s, p, op_, d, g)
        cases.append(case(name, "conv_transpose2d", {"x": x, "weight": w, "bias": b, "dy": np.ones_like(y)}, {"y": y},
                          attrs={"stride": list(s), "padding": list(p), "output_padding": list(op_),
                                 "dilation": list(d), "groups": g}))
    x = randn(2, 3, 6, 5)
    for name, k, s, p, kind in [("max_pool2d", 2, 2, 0, "max"), ("max_pool2d_overlap_pad", 3, 2, 1, "max"),
                                ("avg_pool2d", 2, 2, 0, "avg"), ("avg_pool2d_pad", 3, 1, 1, "avg")]:
        cases.append(case(name, kind + "_pool2d", {"x": x, "dy": np.ones((1,))}, {"y": pool_ref(x, k, s, p, kind)},
                          attrs={"kernel": k, "stride": s, "padding": p}))
    cases.append(case("global_avg_pool2d", "global_avg_pool2d", {"x": x, "dy": np.ones((1,))}, {"y": x.mean(axis=(2, 3))}))
    return cases


# ---------------------------------------------------------------- normalisation
def normalization():
    cases = []
    eps = 1e-5
    x = randn(4, 3, 2) * 2 + 1
    gamma, beta = randn(3), randn(3)
    rm, rv = randn(3) * 0.1, rng.uniform(0.5, 1.5, size=3)
    mom = 0.1
    axes = (0, 2)
    m = 8
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    xhat = (x - mu) / np.sqrt(var + eps)
    y = xhat * gamma.reshape(1, 3, 1) + beta.reshape(1, 3, 1)
    dy = randn(*x.shape)
    g = gamma.reshape(1, 3, 1)
    dxhat = dy * g
    dx = (dxhat - dxhat.mean(axis=axes, keepdims=True) - xhat * (dxhat * xhat).mean(axis=axes, keepdims=True)) / np.sqrt(var + eps)
    new_rm = (1 - mom) * rm + mom * mu.reshape(-1)
    new_rv = (1 - mom) * rv + mom * var.reshape(-1) * m / (m - 1)
    cases.append(case("batch_norm_train", "batch_norm_train",
                      {"x": x, "gamma": gamma, "beta": beta, "running_mean": rm, "running_var": rv, "dy": dy},
                      {"y": y, "running_mean": new_rm, "running_var": new_rv},
                      {"x": dx, "gamma": (dy * xhat).sum(axis=axes), "beta": dy.sum(axis=axes)}, attrs={"momentum": mom}))
    ye = (x - rm.reshape(1, 3, 1)) / np.sqrt(rv.reshape(1, 3, 1) + eps) * g + beta.reshape(1, 3, 1)
    cases.append(case("batch_norm_eval", "batch_norm_eval",
                      {"x": x, "gamma": gamma, "beta": beta, "running_mean": rm, "running_var": rv, "dy": dy},
                      {"y": ye}, {"x": dy * g / np.sqrt(rv.reshape(1, 3, 1) + eps)}))
    xl = randn(2, 3, 4)
    gl, bl = randn(4), randn(4)
    mu = xl.mean(axis=-1, keepdims=True)
    var = xl.var(axis=-1, keepdims=True)
    cases.append(case("layer_norm", "layer_norm", {"x": xl, "gamma": gl, "beta": bl, "dy": np.ones((1,))},
                      {"y": (xl - mu) / np.sqrt(var + eps) * gl + bl}))
    xi = randn(2, 3, 3, 2)
    gi, bi = randn(3), randn(3)
    mu = xi.mean(axis=(2, 3), keepdims=True)
    var = xi.var(axis=(2, 3), keepdims=True)
    cases.append(case("instance_norm", "instance_norm", {"x": xi, "gamma": gi, "beta": bi, "dy": np.ones((1,))},
                      {"y": (xi - mu) / np.sqrt(var + eps) * gi.reshape(1, 3, 1, 1) + bi.reshape(1, 3, 1, 1)}))
    xg = randn(2, 4, 3)
    gg, bg = randn(4), randn(4)
    r = xg.reshape(2, 2, -1)
    mu = r.mean(axis=2, keepdims=True)
    var = r.var(axis=2, keepdims=True)
    yg = ((r - mu) / np.sqrt(var + eps)).reshape(xg.shape) * gg.reshape(1, 4, 1) + bg.reshape(1, 4, 1)
    cases.append(case("group_norm", "group_norm", {"x": xg, "gamma": gg, "beta": bg, "dy": np.ones((1,))},
                      {"y": yg}, attrs={"groups": 2}))
    return cases


# ---------------------------------------------------------------- recurrent cells and attention
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def recurrent():
    cases = []
    n, i, h = 2, 3, 4
    x, h0, c0 = randn(n, i), randn(n, h), randn(n, h)
    for name, gates in [("rnn_cell", 1), ("lstm_cell", 4), ("gru_cell", 3)]:
        wih, whh = randn(gates * h, i) * 0.5, randn(gates * h, h) * 0.5
        bih, bhh = randn(gates * h) * 0.1, randn(gates * h) * 0.1
        a = x @ wih.T + bih
        b = h0 @ whh.T + bhh
        outs = {}
        if gates == 1:
            outs["h"] = np.tanh(a + b)
        elif gates == 4:
            z = a + b
            ig, fg, gg, og = sigmoid(z[:, :h]), sigmoid(z[:, h:2 * h]), np.tanh(z[:, 2 * h:3 * h]), sigmoid(z[:, 3 * h:])
            c1 = fg * c0 + ig * gg
            outs.update(h=og * np.tanh(c1), c=c1, i=ig, f=fg, g=gg, o=og)
        else:
            r = sigmoid(a[:, :h] + b[:, :h])
            zz = sigmoid(a[:, h:2 * h] + b[:, h:2 * h])
            nn = np.tanh(a[:, 2 * h:] + r * b[:, 2 * h:])
            outs["h"] = (1 - zz) * nn + zz * h0
        cases.append(case(name, name, {"x": x, "h": h0, "c": c0, "w_ih": wih, "w_hh": whh, "b_ih": bih, "b_hh": bhh,
                                       "dy": np.ones((1,))}, outs))
    q, k, v = randn(2, 3, 4), randn(2, 5, 4), randn(2, 5, 2)
    mask = np.array([[1, 1, 0, 0, 0], [1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=float)
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(4)
    scores = np.where(mask > 0, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    wts = e / e.sum(axis=-1, keepdims=True)
    cases.append(case("attention_masked", "attention", {"q": q, "k": k, "v": v, "mask": mask, "dy": np.ones((1,))},
                      {"y": wts @ v, "weights": wts}))
    return cases


# ---------------------------------------------------------------- optimisers (PyTorch update rules)
def optimizers():
    cases = []
    p0 = randn(5)
    grads = [randn(5) for _ in range(4)]
    gstack = np.stack(grads)

    def run(update):
        p = p0.copy()
        state = {}
        traj = []
        for t, g in enumerate(grads, start=1):
            p = update(p, g, state, t)
            traj.append(p.copy())
        return np.stack(traj)

    def sgd(lr, mu=0.0, nesterov=False, wd=0.0):
        def up(p, g, st, t):
            g = g + wd * p
            if mu:
                st["v"] = g.copy() if t == 1 else mu * st["v"] + g
                g = g + mu * st["v"] if nesterov else st["v"]
            return p - lr * g
        return up

    def rmsprop(lr, alpha=0.99, eps=1e-8):
        def up(p, g, st, t):
            st["s"] = alpha * st.get("s", np.zeros_like(p)) + (1 - alpha) * g * g
            return p - lr * g / (np.sqrt(st["s"]) + eps)
        return up

    def adam(lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False):
        def up(p, g, st, t):
            if decoupled:
                p = p * (1 - lr * wd)
            else:
                g = g + wd * p
            st["m"] = b1 * st.get("m", np.zeros_like(p)) + (1 - b1) * g
            st["v"] = b2 * st.get("v", np.zeros_like(p)) + (1 - b2) * g * g
            mh = st["m"] / (1 - b1 ** t)
            vh = st["v"] / (1 - b2 ** t)
            return p - lr * mh / (np.sqrt(vh) + eps)
        return up

    table = {
        "sgd": sgd(0.1), "sgd_momentum": sgd(0.1, 0.9), "sgd_nesterov": sgd(0.1, 0.9, True),
        "sgd_weight_decay": sgd(0.1, 0.9, False, 0.01), "rmsprop": rmsprop(0.01),
        "adam": adam(0.01), "adam_l2": adam(0.01, wd=0.1), "adamw": adam(0.01, wd=0.1, decoupled=True),
    }
    for name, up in table.items():
        cases.append(case("optimizer_" + name, name, {"p": p0, "grads": gstack, "dy": np.ones((1,))},
                          {"trajectory": run(up)}))
    gs = [randn(3), randn(2, 2)]
    total = math.sqrt(sum((g ** 2).sum() for g in gs))
    f = 1.0 / (total + 1e-6)
    cases.append(case("clip_grad_norm", "clip_grad_norm", {"g0": gs[0], "g1": gs[1], "dy": np.ones((1,))},
                      {"g0": gs[0] * f, "g1": gs[1] * f, "norm": total}, attrs={"max_norm": 1.0}))
    return cases


# ---------------------------------------------------------------- Float32 (numpy float32 arithmetic)
def float32():
    x = (randn(9) * 4).astype(np.float32)
    y = (randn(9)).astype(np.float32)
    big = np.array([10.0, 50.0, 80.0, 88.0], dtype=np.float32)
    with np.errstate(over="ignore"):
        cases = [
            case("f32_exp", "f32_exp", {"x": big}, {"y": np.exp(big)}),
            case("f32_sigmoid", "f32_sigmoid", {"x": x}, {"y": np.float32(1) / (np.float32(1) + np.exp(-x))}),
            case("f32_softmax", "f32_softmax", {"x": x}, {"y": np.exp(x - x.max()) / np.exp(x - x.max()).sum(dtype=np.float32)}),
            case("f32_mul_add", "f32_mul_add", {"x": x, "y": y}, {"y": x * y + np.float32(0.1)}),
            case("f32_sqrt", "f32_sqrt", {"x": np.abs(x)}, {"y": np.sqrt(np.abs(x))}),
        ]
    return cases


# ---------------------------------------------------------------- seeded RNG (SplitMix64 + Box–Muller)
MASK = (1 << 64) - 1


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rng_cases():
    out = []
    for seed in [0, 42, 2026]:
        st = seed
        bits, unif, norm = [], [], []
        for _ in range(6):
            st, b = splitmix(st)
            bits.append(b)
        st = seed
        for _ in range(6):
            st, b = splitmix(st)
            unif.append((b >> 11) * 2.0 ** -53)
        st = seed
        for _ in range(6):
            st, b1 = splitmix(st)
            st, b2 = splitmix(st)
            u1, u2 = (b1 >> 11) * 2.0 ** -53, (b2 >> 11) * 2.0 ** -53
            norm.append(math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2))
        out.append({"seed": seed, "bits": [str(b) for b in bits], "uniform": unif, "normal": norm})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    groups = {"activations": activations(), "losses": losses(), "linalg": linalg(), "convolution": convolution(),
              "normalization": normalization(), "recurrent": recurrent(), "optimizers": optimizers(),
              "float32": float32()}
    for name, cases in groups.items():
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"generator": "scripts/tensor-goldens.py", "numpy": np.__version__, "cases": cases}, f, indent=0)
            f.write("\n")
    with open(os.path.join(OUT, "rng.json"), "w") as f:
        json.dump({"generator": "scripts/tensor-goldens.py", "cases": rng_cases()}, f, indent=1)
        f.write("\n")
    print("wrote", ", ".join(sorted(groups)) + ", rng", "to", OUT)


if __name__ == "__main__":
    main()
