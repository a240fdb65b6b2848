#!/usr/bin/env python3
"""Turns a JMH JSON result (and the CachedTokenHeap line) into the markdown table of ratios vs
targets and an SVG chart. Standard library only.

usage: python3 summarize.py jmh.json heap.txt results.md chart.svg
jmh.json must hold a full run (every benchmark); a run limited to a name pattern has no summary.
"""
import json
import re
import sys

NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load(path):
    out = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = name[-2] + "." + name[-1]
        p = r.get("params") or {}
        if p:
            key += "[" + ",".join(v for _, v in sorted(p.items())) + "]"
        m = r["primaryMetric"]
        f = NS[m["scoreUnit"]]
        out[key] = (m["score"] * f, m["scoreError"] * f)
    return out


def fmt(ns):
    if ns >= 1e3:
        return "%.2f µs" % (ns / 1e3)
    return "%.0f ns" % ns


def main(jmh, heap, md, svg):
    r = load(jmh)
    heap_line = open(heap).read().strip()
    m = re.search(r"heap per cached token: (\d+) B \(entry (\d+) B \+ token string (\d+) B", heap_line)
    per, entry, key = (int(x) for x in m.groups())

    rows = []  # (what, tokengate, baseline, ratio text, target text, met)
    for alg in ("HS256", "RS256", "ES256"):
        tg = r["ColdValidationBenchmark.tokengate[%s]" % alg][0]
        raw = r["ColdValidationBenchmark.nimbusRaw[%s]" % alg][0]
        sp = r["ColdValidationBenchmark.springNimbusJwtDecoder[%s]" % alg][0]
        ratio = tg / raw
        rows.append(("cold validation %s" % alg, fmt(tg), "raw nimbus %s · Spring NimbusJwtDecoder %s (%.2fx raw)"
                     % (fmt(raw), fmt(sp), sp / raw), "%.2fx raw nimbus" % ratio, "≤ 1.15x", ratio <= 1.15))
    cold = r["ColdValidationBenchmark.tokengate[ES256]"][0]
    for name, label in (("cacheHit", "cache hit, ES256 (same String)"),
                        ("cacheHitFreshString", "cache hit, ES256 (fresh String per call)")):
        hit = r["CacheHitBenchmark.%s" % name][0]
        rows.append((label, fmt(hit), "cold ES256 %s" % fmt(cold), "%.0fx faster" % (cold / hit), "≥ 1,000x", cold / hit >= 1000))
    ak = r["ApiKeyBenchmark.tokengate"][0]
    bare = r["ApiKeyBenchmark.bareSha256Lookup"][0]
    rows.append(("opaque API key", fmt(ak), "SHA-256 + map lookup %s" % fmt(bare), "%.2fx bare" % (ak / bare), "–", None))
    for size, target in (("1024", None), ("65536", 0.9)):
        tg = r["WebhookBenchmark.tokengate[%s]" % size][0]
        mac = r["WebhookBenchmark.bareMac[%s]" % size][0]
        thr = mac / tg
        rows.append(("webhook verify %s KiB" % (int(size) // 1024), fmt(tg), "bare Mac %s" % fmt(mac),
                     "%.2fx bare Mac throughput" % thr, "≥ 0.9x" if target else "–", None if target is None else thr >= target))
    for name, label in (("matchFirst", "first rule's prefix"), ("matchMiddle", "middle rule's prefix"),
                        ("matchLast", "deep under the last ** rule")):
        few, many = r["RuleMatchingBenchmark.%s[10]" % name][0], r["RuleMatchingBenchmark.%s[1000]" % name][0]
        ratio = many / few
        rows.append(("rule matching, %s: 1,000 rules" % label, fmt(many), "10 rules %s" % fmt(few),
                     "%.2fx 10 rules" % ratio, "≤ 2x", ratio <= 2))
    rows.append(("heap per cached token (100,000 tokens)", "%d B" % per, "entry %d B + token string %d B" % (entry, key),
                 "%d B" % per, "≤ 1,024 B", per <= 1024))

    lines = ["| measurement | tokengate | baseline | result | target | |", "|---|---|---|---|---|---|"]
    for what, tg, base, res, tgt, met in rows:
        mark = "" if met is None else ("met" if met else "**missed**")
        lines.append("| %s | %s | %s | %s | %s | %s |" % (what, tg, base, res, tgt, mark))
    open(md, "w").write("\n".join(lines) + "\n")

    # chart: cold validation, time per token, three bars per algorithm (log-free, per-group scale)
    groups = []
    for alg in ("HS256", "RS256", "ES256"):
        groups.append((alg, [("tokengate", r["ColdValidationBenchmark.tokengate[%s]" % alg][0]),
                             ("raw nimbus", r["ColdValidationBenchmark.nimbusRaw[%s]" % alg][0]),
                             ("Spring", r["ColdValidationBenchmark.springNimbusJwtDecoder[%s]" % alg][0])]))
    groups.append(("webhook 64 KiB", [("tokengate", r["WebhookBenchmark.tokengate[65536]"][0]),
                                      ("bare Mac", r["WebhookBenchmark.bareMac[65536]"][0])]))
    colors = {"tokengate": "#2b6cb0", "raw nimbus": "#a0aec0", "Spring": "#68d391", "bare Mac": "#a0aec0"}
    w, gh, bh = 640, 110, 22
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">'
           % (w, 40 + gh * len(groups))]
    out.append('<text x="10" y="20" font-size="14">Time per operation, lower is better (each group on its own scale)</text>')
    y = 40
    for title, bars in groups:
        top = max(v for _, v in bars)
        out.append('<text x="10" y="%d" font-weight="bold">%s</text>' % (y + 12, title))
        for i, (label, v) in enumerate(bars):
            by = y + 20 + i * (bh + 4)
            bw = max(1, int((w - 260) * v / top))
            out.append('<text x="10" y="%d">%s</text>' % (by + 15, label))
            out.append('<rect x="100" y="%d" width="%d" height="%d" fill="%s"/>' % (by, bw, bh, colors[label]))
            out.append('<text x="%d" y="%d">%s</text>' % (106 + bw, by + 15, fmt(v)))
        y += gh
    out.append("</svg>")
    open(svg, "w").write("\n".join(out) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:5])
