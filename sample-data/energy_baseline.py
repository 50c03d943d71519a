#!/usr/bin/env python3
"""A simple arousal baseline on a sample corpus: smoothed frame energy and zero-crossing rate.

Every recording is decoded with sox to mono (channels averaged) 16 kHz float, whatever its format,
rate and channel count. Per 0.1 s label frame (the samples from t to t + 0.1 s): the energy in dB,
10 log10(mean x^2 + 1e-10), and the zero-crossing rate (sign changes per second). Both are smoothed
by a centred moving average of W frames. A least-squares line a = c0 + c1 energy + c2 zcr is fitted
on the Train frames against the gold arousal labels; the CCC against the labels is then measured on
Devel and on Test, each split's recordings concatenated. W is chosen on Devel.

Two feature sets: "raw" (as above) and "per-recording z" (each recording's smoothed features
standardised to mean 0 and sd 1 over that recording, which undoes a constant recording gain).

    python3 sample-data/energy_baseline.py [--profile sewa|dyadic] [--corpus DIR]

Only the Python standard library and sox are used.
"""

import array
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from observable_ceiling import ccc, mean, parse_args, read_rows, recording_names, solve  # noqa: E402

RATE = 16000
FRAME = RATE // 10
WINDOWS = (1, 5, 11, 21, 41, 81)   # smoothing lengths tried, in 0.1 s frames


def decode(path):
    raw = subprocess.run(["sox", "-R", "-D", "-V1", path, "-t", "raw", "-e", "floating-point",
                          "-b", "32", "-c", "1", "-r", str(RATE), "-"],
                         stdout=subprocess.PIPE, check=True).stdout
    samples = array.array("f")
    samples.frombytes(raw)
    return samples


def frame_features(samples, n_frames):
    energy, zcr = [], []
    for i in range(n_frames):
        x = samples[i * FRAME:(i + 1) * FRAME] or array.array("f", [0.0])
        energy.append(10 * math.log10(sum(v * v for v in x) / len(x) + 1e-10))
        crossings = sum(1 for a, b in zip(x, x[1:]) if (a < 0) != (b < 0))
        zcr.append(crossings * RATE / len(x))
    return energy, zcr


def smooth(values, w):
    half, n = w // 2, len(values)
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    return [(prefix[min(n, i + half + 1)] - prefix[max(0, i - half)]) / (min(n, i + half + 1) - max(0, i - half))
            for i in range(n)]


def zscore(values):
    m = mean(values)
    sd = math.sqrt(mean([(v - m) ** 2 for v in values])) or 1.0
    return [(v - m) / sd for v in values]


def fit(rows, targets):
    """Least squares c for targets ~ c . (1, row...)."""
    xs = [(1.0, *r) for r in rows]
    k = len(xs[0])
    a = [[sum(x[i] * x[j] for x in xs) for j in range(k)] for i in range(k)]
    b = [sum(x[i] * y for x, y in zip(xs, targets)) for i in range(k)]
    return solve(a, b)


def main():
    args = parse_args(__doc__.split("\n")[0])
    audio = os.path.join(args.corpus, "audio")
    data = {}   # split -> list of (energy, zcr, arousal labels) per recording
    for split, names in recording_names(args.corpus).items():
        data[split] = []
        for name in names:
            labels = [float(r[2]) for r in read_rows(os.path.join(args.corpus, "labels", name + ".csv"), False)]
            path = next(os.path.join(audio, name + ext) for ext in (".wav", ".flac")
                        if os.path.exists(os.path.join(audio, name + ext)))
            energy, zcr = frame_features(decode(path), len(labels))
            data[split].append((energy, zcr, labels))
    print(f"corpus {args.corpus}: " + ", ".join(f"{s} {len(v)}" for s, v in data.items()))
    print(f"{'features':18s} {'W (s)':>6s} {'Devel CCC':>10s} {'Test CCC':>9s} {'Test r':>7s}  coefficients")
    for kind in ("raw", "per-recording z"):
        unit = ("/dB", "/crossing") if kind == "raw" else ("/sd", "/sd")
        best = None
        for w in WINDOWS:
            def rows(split, w=w):
                out, gold = [], []
                for energy, zcr, labels in data[split]:
                    e, z = smooth(energy, w), smooth(zcr, w)
                    if kind != "raw":
                        e, z = zscore(e), zscore(z)
                    out.extend(zip(e, z))
                    gold.extend(labels)
                return out, gold

            train_x, train_y = rows("Train")
            c = fit(train_x, train_y)
            scores = {}
            for split in ("Devel", "Test"):
                x, y = rows(split)
                pred = [c[0] + c[1] * e + c[2] * z for e, z in x]
                mp, my = mean(pred), mean(y)
                r = sum((p - mp) * (t - my) for p, t in zip(pred, y)) / math.sqrt(
                    sum((p - mp) ** 2 for p in pred) * sum((t - my) ** 2 for t in y))
                scores[split] = (ccc(pred, y), r)
            line = (f"{kind:18s} {w / 10:6.1f} {scores['Devel'][0]:10.3f} {scores['Test'][0]:9.3f} "
                    f"{scores['Test'][1]:7.3f}  {c[0]:+.3f} {c[1]:+.4f}{unit[0]} {c[2]:+.6f}{unit[1]}")
            print(line)
            if best is None or scores["Devel"][0] > best[0]:
                best = (scores["Devel"][0], line)
        print(f"  chosen on Devel:  {best[1].strip()}")


if __name__ == "__main__":
    main()
