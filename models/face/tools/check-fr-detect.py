#!/usr/bin/env python3
"""Compares the weights of an UltraFace-style ONNX detector with an upstream reference, tensor by tensor.

    python3 check-fr-detect.py OURS.onnx REFERENCE.onnx [--tol 5e-7]

Manual provenance check for MODELS.md, not part of the build.
Needs the onnx and numpy Python modules (Debian: apt-get install -y python3-onnx python3-numpy; run it with
/usr/bin/python3).
Both graphs are reduced to their Conv layers in graph order; a Conv followed by a BatchNormalization is folded first
(w' = w*g/sqrt(v+eps), b' = (b-m)*g/sqrt(v+eps)+beta), so the reference may be the simplified (already folded) file or
the unfolded export.
Every Conv pair must agree in kernel shape, group, strides, pads and dilations, and in weights and biases within --tol.
As a cross-check, each of our Conv layers is also matched to the reference layer of the same shape with the smallest
difference: that nearest-match mapping must be the graph-order mapping.
Float constants of the arithmetic nodes (the box decoding's variances and priors) are compared in order when both
graphs have some; identities such as x*1 are skipped.
Exit code 0 when everything matches, 1 otherwise.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def constants(graph):
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            values[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return values


def attrs(node):
    a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
    return (tuple(a.get("kernel_shape", ())), a.get("group", 1), tuple(a.get("strides", (1, 1))),
            tuple(a.get("pads", (0, 0, 0, 0))), tuple(a.get("dilations", (1, 1))))


def conv_layers(graph):
    """[(label, attrs, weight, bias)] in graph order, batch norms folded into the Conv before them."""
    values = constants(graph)
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    layers = []
    for node in graph.node:
        if node.op_type != "Conv":
            continue
        w = values[node.input[1]].astype(np.float64)
        b = values[node.input[2]].astype(np.float64) if len(node.input) > 2 else np.zeros(w.shape[0])
        label = node.input[1]
        after = consumers.get(node.output[0], [])
        if len(after) == 1 and after[0].op_type == "BatchNormalization":
            bn = after[0]
            g, beta, mean, var = (values[n].astype(np.float64) for n in bn.input[1:5])
            eps = next((x.f for x in bn.attribute if x.name == "epsilon"), 1e-5)
            scale = g / np.sqrt(var + eps)
            w = w * scale.reshape(-1, 1, 1, 1)
            b = (b - mean) * scale + beta
            label += " + " + bn.input[1] + " (folded)"
        layers.append((label, attrs(node), w, b))
    return layers


def arithmetic_constants(graph):
    """Float constants feeding Mul/Add/Div/Sub nodes, in graph order: the box decoding (variances, priors) and any
    scale inside the network. Identities (x*1, x/1, x+0, x-0) are left out, as exporters keep or drop them freely."""
    values = constants(graph)
    identity = {"Mul": 1.0, "Div": 1.0, "Add": 0.0, "Sub": 0.0}
    out = []
    for node in graph.node:
        if node.op_type in identity:
            for name in node.input:
                v = values.get(name)
                if v is not None and v.dtype == np.float32 and not np.all(v == identity[node.op_type]):
                    out.append((name, v.astype(np.float64)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("ours")
    p.add_argument("reference")
    p.add_argument("--tol", type=float, default=5e-7)
    a = p.parse_args()
    ours, ref = onnx.load(a.ours).graph, onnx.load(a.reference).graph
    lo, lr = conv_layers(ours), conv_layers(ref)
    ok = len(lo) == len(lr)
    print(f"conv layers: ours {len(lo)}, reference {len(lr)}")
    worst = 0.0
    for i, ((no, ao, wo, bo), (nr, ar, wr, br)) in enumerate(zip(lo, lr)):
        same = ao == ar and wo.shape == wr.shape and bo.shape == br.shape
        dw = float(np.max(np.abs(wo - wr))) if same else float("inf")
        db = float(np.max(np.abs(bo - br))) if same else float("inf")
        # nearest match among reference layers of the same shape and attributes
        cands = [j for j, (_, aj, wj, _) in enumerate(lr) if aj == ao and wj.shape == wo.shape]
        near = min(cands, key=lambda j: float(np.max(np.abs(lr[j][2] - wo))), default=-1)
        good = same and dw <= a.tol and db <= a.tol and near == i
        ok &= good
        worst = max(worst, dw, db)
        print(f"{i:2d} {'ok ' if good else 'BAD'} {str(wo.shape):18s} max|dw|={dw:.3g} max|db|={db:.3g}  {no} <-> {nr}"
              + ("" if near == i else f"  (nearest reference layer: {near})"))
    co, cr = arithmetic_constants(ours), arithmetic_constants(ref)
    if co and cr:
        ok &= len(co) == len(cr)
        print(f"arithmetic constants: ours {len(co)}, reference {len(cr)}")
        for (no, vo), (nr, vr) in zip(co, cr):
            d = float(np.max(np.abs(vo - vr))) if vo.shape == vr.shape else float("inf")
            ok &= d <= a.tol
            print(f"   {'ok ' if d <= a.tol else 'BAD'} {str(vo.shape):18s} max|d|={d:.3g}  {no} <-> {nr}")
    print(f"worst difference {worst:.3g}, tolerance {a.tol:g}: {'MATCH' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
