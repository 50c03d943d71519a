#!/usr/bin/env python3
"""How much of the latent emotion the sample corpus's signals reveal: oracle estimators on the truth.

The latent ceiling (gold labels against the noise-free latents) only measures annotation noise. A model
can do no better than what its inputs carry, and the generator carries emotion sparsely:
  * valence only through the subject's content words (each rated within 0.25 of v(t) at its start);
  * arousal only while the subject speaks (prosody), nothing in pauses or interlocutor turns.

This script gives an oracle what no model has: the exact lexicon rating of every subject content word
and the exact latent arousal at every subject word start, with their exact times. From those it
predicts each latent every 0.1 s with the best linear estimator (kriging): the posterior mean under
the latent curves' own covariance, estimated by drawing many curves from the generator's `Latent`,
with the word-rating noise measured on Train. The estimate is rescaled to the gold labels' spread on
Train (CCC penalises shrinkage). Two forms:
  * causal: only observations up to the frame (the last HORIZON_S seconds), the setting of
    emospark's unidirectional LSTM;
  * two-sided: observations within HORIZON_S before and after, which no causal model can use.
It prints Devel and Test CCC against the gold labels next to the latent ceiling. Liking is
0.5 a + 0.5 v in the generator, so its oracle is the mean of the other two.

With --arousal-noise SD it also prints an oracle that hears arousal as a model measures it: every
subject word's latent arousal plus Gaussian noise of that SD (seeded per recording), the estimator told
the noise's variance. A measure of a word's arousal from its prosody that correlates r with the latent
corresponds to SD = s * sqrt(1 / r^2 - 1), s the latent's SD (printed as "sd" of the latent prior), so
the row says what a network can reach at best with prosody measured that well.

With --arousal-relative it also prints an oracle that hears each subject word's arousal exactly but only
relative to its recording: the latent at every subject word start less the mean over the recording's subject
words, put back at the prior's mean. That is what a measure of prosody against the speaker's own habits
(their pitch, rate and loudness over the recording) can give when voices, speaking rates and recording levels
differ from session to session, as on the dyadic corpus: how aroused a session is on the whole is left unknown.
A second oracle adds what the subject's speaking rate says of that whole: the recording's mean arousal as a
perfect measure of the words' rate reads it, off by the session's own base-rate offset (truth recordings.csv
`subject_rate`, in arousal units of the generator's rate per unit of arousal; none where the truth has no
per-session rate, as on sewa-synth, where the mean is then heard exactly). A third reads that mean from the
subject's timing as emospark's timing level does: a line through each subject utterance's log letters per second and
log pause after it (from the transcripts; an utterance is the subject's when its midpoint lies in a subject turn) to
its frames' mean label, fitted on the Train utterances; a recording's mean is the line's mean over its subject
utterances. With --arousal-noise SD as well, a fourth hears each subject word's arousal with that noise, relative to
its recording, at the level the timing line reads: what a model that measures prosody against the speaker's own
habits that well, and takes the session's level from the timing, can reach.

With --by-turns it also scores every estimate on the frames inside the subject's turns (the corpus's turns folder;
each turn spans the frames from its start's nearest frame to its end's, as emospark reads turns) and on the others
apart, as `emospark evaluate` does for a model.

On the dyadic corpus (--profile dyadic), whose interlocutor speaks 30-45 % of the time with its own
emotion, it also prints a speaker-blind oracle: the same estimator fed every word, the interlocutor's
too (its content words' ratings, and its own latent arousal at its word starts, which is what its
prosody carries), as a model that cannot tell the speakers apart would see them.

    python3 sample-data/observable_ceiling.py [--profile sewa|dyadic] [--corpus DIR] [--truth DIR]
        [--lexicon FILE] [--arousal-noise SD] [--arousal-relative] [--by-turns]
        (defaults: the profile's corpus, truth and lexicon in sample-data/; no noisy oracle)

Only the Python standard library is used.
"""

import argparse
import csv
import glob
import math
import os
import re
import sys
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  the generator's own latent curves and word lists

STEP_S = 0.1
HORIZON_S = 12.0        # observations further than this from a frame are ignored
PRIOR_CURVES = 1500     # latent curves drawn to estimate their covariance
AROUSAL_NUGGET = 1e-4   # arousal is observed exactly; a tiny nugget keeps the solve stable


def read_rows(path, header):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return rows[1:] if header else rows


class Recording:
    def __init__(self, name, corpus, truth, ratings, arousal_noise=0.0):
        self.name = name
        self.labels = [tuple(float(x) for x in r[2:5])
                       for r in read_rows(os.path.join(corpus, "labels", name + ".csv"), False)]
        latent_rows = read_rows(os.path.join(truth, "latents", name + ".csv"), True)
        self.latents = [tuple(float(x) for x in r[1:4]) for r in latent_rows]
        # dyadic truth: the interlocutor's own arousal (column 4); None: its prosody carries nothing
        self.inter_arousal = [float(r[4]) for r in latent_rows] if len(latent_rows[0]) > 4 else None
        speakers = {int(r[0]): r[1] for r in read_rows(os.path.join(truth, "utterances", name + ".csv"), True)}
        # frames inside the subject's turns (all of them without a turns file)
        turns_file = os.path.join(corpus, "turns", name + ".csv")
        turns = [(float(r[0]), float(r[1])) for r in read_rows(turns_file, False)] if os.path.exists(turns_file) else None
        n = len(self.labels)
        if turns is not None:
            self.in_turns = [False] * n
            for span in turns:
                # the nearest frame of each end (times rounded to 0.1 s, half to even), as emospark's FrameGrid
                first, last = (int(round(round(x, 1) / STEP_S)) for x in span)
                for i in range(max(0, first), min(n - 1, last) + 1):
                    self.in_turns[i] = True
        else:
            self.in_turns = [True] * n
        function = set(generate.FUNCTION_WORDS)
        # (time, value, latent valence at that time): the last only to measure the rating noise on Train;
        # blind_*: every speaker's words, as a speaker-blind model would see them
        self.valence_obs, self.arousal_obs = [], []
        self.blind_valence_obs, self.blind_arousal_obs = [], []
        # the subject's arousal as a measure with noise of SD arousal_noise hears it (--arousal-noise)
        self.noisy_arousal_obs = []
        noise = Random(name + "/arousal-noise")
        for r in read_rows(os.path.join(truth, "words", name + ".csv"), True):
            if r[2].startswith("<"):
                continue
            word, start = r[2].lower(), float(r[3])
            frame = min(len(self.latents) - 1, int(round(start / STEP_S)))
            subject = speakers[int(r[0])] == "subject"
            if subject:
                self.arousal_obs.append((start, self.latents[frame][0]))
                self.blind_arousal_obs.append((start, self.latents[frame][0]))
                self.noisy_arousal_obs.append((start, self.latents[frame][0] + noise.gauss(0.0, arousal_noise)))
            elif self.inter_arousal is not None:
                self.blind_arousal_obs.append((start, self.inter_arousal[frame]))
            if word in ratings and word not in function:
                obs = (start, ratings[word], self.latents[frame][1])
                self.blind_valence_obs.append(obs)
                if subject:
                    self.valence_obs.append(obs)

        self.timed_utterances = utterance_timing(corpus, name, self.labels, turns)

    def rate_arousal_obs(self, rate_offset):
        """The subject words' arousal as heard against a speaking rate whose session base is off by rate_offset
        (words/min)."""
        return [(t, v + rate_offset / generate.RATE_PER_A) for t, v in self.arousal_obs]

    def relative_arousal_obs(self, centre, noisy=False):
        """The subject words' arousal (as heard with --arousal-noise if noisy) less their mean over this recording,
        put back at centre."""
        obs = self.noisy_arousal_obs if noisy else self.arousal_obs
        if not obs:
            return []
        m = mean([v for _, v in obs])
        return [(t, v - m + centre) for t, v in obs]

    @property
    def duration_s(self):
        return len(self.latents) * STEP_S


def utterance_timing(corpus, name, labels, turns):
    """[(log(letters per second / 12), log pause in seconds, mean arousal label)] per timed subject utterance of the
    recording, from the transcript as emospark's timing level reads it (emospark times the rate over the span of the
    line's aligned words, this over the line's span): the rows in time order, letters outside tags, the pause until
    the next row of any kind starts bounded to 0.05..5 s (none after the last), the subject's rows those whose
    midpoint lies within 0.05 s of one of the subject's turns (every row when turns is None)."""
    with open(os.path.join(corpus, "transcriptions", name + ".csv"), encoding="utf-8") as f:
        rows = sorted((float(r[0]), float(r[1]), r[2]) for r in csv.reader(f, delimiter=";", quotechar="'") if r)
    timed = []
    for (start, end, text), nxt in zip(rows, rows[1:]):
        mid = (start + end) / 2
        letters = sum(c.isalpha() for c in re.sub(r"<[^>]*>", "", text))
        if end <= start or not letters or (turns is not None and
                                           not any(a - 0.05 <= mid <= b + 0.05 for a, b in turns)):
            continue
        frames = labels[int(round(start / STEP_S)):int(round(end / STEP_S)) + 1]
        if frames:
            pause = min(5.0, max(0.05, nxt[0] - end))
            timed.append((math.log(letters / (end - start) / 12.0), math.log(pause), mean([x[0] for x in frames])))
    return timed


def timing_levels(train, recordings):
    """{recording name: the mean over its subject utterances of the arousal line fitted on the Train utterances}."""
    xs = [(1.0, r, p) for rec in train for r, p, _ in rec.timed_utterances]
    ys = [y for rec in train for _, _, y in rec.timed_utterances]
    xtx = [[sum(x[i] * x[j] for x in xs) for j in range(3)] for i in range(3)]
    line = solve(xtx, [sum(x[i] * y for x, y in zip(xs, ys)) for i in range(3)])
    return {rec.name: mean([line[0] + line[1] * r + line[2] * p for r, p, _ in rec.timed_utterances])
            for rec in recordings if rec.timed_utterances}


class LatentPrior:
    """Mean and covariance (by lag) of the generator's latent curves, from curves drawn with its own
    `Latent` over the corpus's recording lengths."""

    def __init__(self, durations):
        lags = int(round(2 * HORIZON_S / STEP_S)) + 1
        curves = []
        for i in range(PRIOR_CURVES):
            d = durations[i % len(durations)]
            lat = generate.Latent(Random(f"observable-ceiling/{i}"), d)
            curves.append([lat(k * STEP_S) for k in range(int(round(d / STEP_S)))])
        n = sum(len(c) for c in curves)
        self.mean = sum(sum(c) for c in curves) / n
        self.cov = []
        for lag in range(lags):
            s, m = 0.0, 0
            for c in curves:
                for k in range(len(c) - lag):
                    s += (c[k] - self.mean) * (c[k + lag] - self.mean)
                    m += 1
            self.cov.append(s / m)

    def k(self, dt):
        x = abs(dt) / STEP_S
        i = int(x)
        if i + 1 >= len(self.cov):
            return self.cov[-1]
        f = x - i
        return (1 - f) * self.cov[i] + f * self.cov[i + 1]


def solve(a, b):
    """a x = b for a small dense symmetric positive definite a (Gaussian elimination, partial pivoting)."""
    n = len(b)
    a = [row[:] for row in a]
    b = b[:]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p], b[c], b[p] = a[p], a[c], b[p], b[c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            if f:
                a[r] = [ar - f * ac for ar, ac in zip(a[r], a[c])]
                b[r] -= f * b[c]
    x = [0.0] * n
    for c in reversed(range(n)):
        x[c] = (b[c] - sum(a[c][j] * x[j] for j in range(c + 1, n))) / a[c][c]
    return x


def mean(v):
    return sum(v) / len(v)


def ccc(x, y):
    mx, my = mean(x), mean(y)
    vx = mean([(a - mx) ** 2 for a in x])
    vy = mean([(b - my) ** 2 for b in y])
    cov = mean([(a - mx) * (b - my) for a, b in zip(x, y)])
    return 2 * cov / (vx + vy + (mx - my) ** 2)


class KrigingOracle:
    """Posterior mean of one latent given noisy point observations, then an affine rescale fitted on
    Train so that the estimate has the gold labels' mean and spread."""

    def __init__(self, prior, noise_var, two_sided):
        self.prior, self.noise_var, self.two_sided = prior, noise_var, two_sided

    def estimate(self, obs, n_frames):
        """obs: time-sorted (time, value). One solve per distinct observation set, reused across frames."""
        out, cache, lo, hi = [], {}, 0, 0
        for i in range(n_frames):
            t = i * STEP_S
            while lo < len(obs) and obs[lo][0] < t - HORIZON_S:
                lo += 1
            limit = t + HORIZON_S if self.two_sided else t
            while hi < len(obs) and obs[hi][0] <= limit:
                hi += 1
            if hi <= lo:
                out.append(self.prior.mean)
                continue
            if (lo, hi) not in cache:
                sel = obs[lo:hi]
                a = [[self.prior.k(s - u) + (self.noise_var if j == m else 0.0) for m, (u, _) in enumerate(sel)]
                     for j, (s, _) in enumerate(sel)]
                cache[(lo, hi)] = solve(a, [v - self.prior.mean for _, v in sel])
            alpha = cache[(lo, hi)]
            out.append(self.prior.mean + sum(w * self.prior.k(t - s) for w, (s, _) in zip(alpha, obs[lo:hi])))
        return out

    def fit(self, recs, observations, dim):
        raw = [x for r in recs for x in self.estimate(observations(r), len(r.labels))]
        gold = [lab[dim] for r in recs for lab in r.labels]
        mr, my = mean(raw), mean(gold)
        sr = math.sqrt(mean([(x - mr) ** 2 for x in raw]))
        sy = math.sqrt(mean([(y - my) ** 2 for y in gold]))
        self.rescale = (mr, my, sy / sr)
        return self

    def predict(self, recs, observations):
        mr, my, s = self.rescale
        return [my + s * (x - mr) for r in recs for x in self.estimate(observations(r), len(r.labels))]


def parse_args(description, arousal_noise=False):
    """--profile, --corpus, --truth, --lexicon with the generator's defaults for the profile (and
    --arousal-noise where asked for)."""
    p = argparse.ArgumentParser(description=description)
    if arousal_noise:
        p.add_argument("--arousal-noise", type=float, default=0.0, metavar="SD")
        p.add_argument("--arousal-relative", action="store_true",
                       help="also oracles that hear each subject word's arousal relative to its recording "
                            "(and its mean as the speaking rate or the subject's timing gives it)")
        p.add_argument("--by-turns", action="store_true",
                       help="also score inside and outside the subject's turns apart")
    p.add_argument("--profile", choices=sorted(generate.PROFILES), default="sewa")
    p.add_argument("--corpus", default=None)
    p.add_argument("--truth", default=None)
    p.add_argument("--lexicon", default=None)
    args = p.parse_args()
    profile = generate.PROFILES[args.profile]
    args.corpus = args.corpus or os.path.join(HERE, profile["out"])
    args.truth = args.truth or args.corpus.rstrip("/") + "-truth"
    args.lexicon = args.lexicon or os.path.join(HERE, "lexicon", profile["lexicon"])
    return args


def rate_offsets(truth):
    """{recording: its session's base speaking rate less the generator's, words/min}; empty where the truth has no
    per-session rate (sewa-synth)."""
    rows = read_rows(os.path.join(truth, "recordings.csv"), False)
    if "subject_rate" not in rows[0]:
        return {}
    column = rows[0].index("subject_rate")
    return {r[0]: float(r[column]) - generate.RATE_BASE for r in rows[1:]}


def recording_names(corpus):
    """{split: sorted recording names} from the corpus's labels folder."""
    splits = {}
    for split in ("Train", "Devel", "Test"):
        splits[split] = sorted(os.path.basename(f)[:-4]
                               for f in glob.glob(os.path.join(corpus, "labels", split + "_*.csv")))
        if not splits[split]:
            raise SystemExit(f"no {split}_*.csv labels under {corpus}/labels")
    return splits


def main():
    args = parse_args(__doc__.split("\n")[0], arousal_noise=True)
    if args.arousal_noise < 0:
        raise SystemExit(f"--arousal-noise must be at least 0, not {args.arousal_noise}")

    ratings = {r[0]: float(r[1]) for r in read_rows(args.lexicon, True)}
    splits = {split: [Recording(n, args.corpus, args.truth, ratings, args.arousal_noise) for n in names]
              for split, names in recording_names(args.corpus).items()}
    everything = [r for recs in splits.values() for r in recs]

    for split, recs in splits.items():
        seconds = sum(r.duration_s for r in recs)
        spoken = sum(len(r.arousal_obs) for r in recs)
        content = sum(len(r.valence_obs) for r in recs)
        print(f"{split}: {len(recs)} recordings, {seconds:.0f} s, subject words {spoken} "
              f"({spoken / seconds:.2f}/s), content words {content} ({content / seconds:.2f}/s)")
    prior = LatentPrior([r.duration_s for r in everything])
    residuals = [v - lat for r in splits["Train"] for _, v, lat in r.valence_obs]
    bias = mean(residuals)
    rating_var = mean([(e - bias) ** 2 for e in residuals])
    print(f"latent prior: mean {prior.mean:.3f}, sd {math.sqrt(prior.cov[0]):.3f}, "
          f"correlation at 2 s {prior.k(2.0) / prior.cov[0]:.2f}, at 5 s {prior.k(5.0) / prior.cov[0]:.2f}; "
          f"content-word rating minus latent valence on Train: mean {bias:+.3f}, sd {math.sqrt(rating_var):.3f}")

    def arousal_obs(r):
        return r.arousal_obs

    def valence_obs(r):
        return [(t, v - bias) for t, v, _ in r.valence_obs]

    def noisy_arousal_obs(r):
        return r.noisy_arousal_obs

    def blind_arousal_obs(r):
        return r.blind_arousal_obs

    def blind_valence_obs(r):
        return [(t, v - bias) for t, v, _ in r.blind_valence_obs]

    # (name, arousal observations, their noise variance, valence observations, theirs)
    variants = [("oracle", arousal_obs, AROUSAL_NUGGET, valence_obs, rating_var)]
    if all(r.inter_arousal is not None for r in everything):
        # the rating noise of a speaker-blind observer, measured on Train like the subject's
        blind = [v - lat - bias for r in splits["Train"] for _, v, lat in r.blind_valence_obs]
        variants.append(("speaker-blind oracle", blind_arousal_obs, AROUSAL_NUGGET, blind_valence_obs,
                         mean([e * e for e in blind])))
    if args.arousal_noise > 0:
        sd = math.sqrt(prior.cov[0])
        print(f"arousal heard +-{args.arousal_noise:g}: a subject word's arousal measured with correlation "
              f"{sd / math.sqrt(sd * sd + args.arousal_noise ** 2):.2f} to the latent")
        variants.append((f"arousal heard +-{args.arousal_noise:g}", noisy_arousal_obs,
                         AROUSAL_NUGGET + args.arousal_noise ** 2, valence_obs, rating_var))
    if args.arousal_relative:
        variants.append(("within-recording oracle", lambda r: r.relative_arousal_obs(prior.mean),
                         AROUSAL_NUGGET, valence_obs, rating_var))
        offsets = rate_offsets(args.truth)
        variants.append(("... and its mean by rate", lambda r: r.rate_arousal_obs(offsets.get(r.name, 0.0)),
                         AROUSAL_NUGGET, valence_obs, rating_var))
        levels = timing_levels(splits["Train"], everything)
        variants.append(("... and its mean by timing", lambda r: r.relative_arousal_obs(levels.get(r.name, prior.mean)),
                         AROUSAL_NUGGET, valence_obs, rating_var))
        if args.arousal_noise > 0:
            variants.append((f"heard +-{args.arousal_noise:g} within, by timing",
                             lambda r: r.relative_arousal_obs(levels.get(r.name, prior.mean), noisy=True),
                             AROUSAL_NUGGET + args.arousal_noise ** 2, valence_obs, rating_var))
    print()
    print(f"{'estimator':44s} {'split':6s} {'arousal':>8s} {'valence':>8s} {'liking':>8s}")
    oracles = {}
    for name, a_obs, a_var, v_obs, v_var in variants:
        for two_sided in (False, True):
            oracles[f"{name}, {'two-sided' if two_sided else 'causal'}"] = (
                KrigingOracle(prior, a_var, two_sided).fit(splits["Train"], a_obs, 0), a_obs,
                KrigingOracle(prior, v_var, two_sided).fit(splits["Train"], v_obs, 1), v_obs)
    for split in ("Devel", "Test"):
        recs = splits[split]
        gold = [[lab[d] for r in recs for lab in r.labels] for d in range(3)]
        latent = [[lat[d] for r in recs for lat in r.latents] for d in range(3)]
        print(f"{'latent ceiling (labels vs latents)':44s} {split:6s} "
              + " ".join(f"{ccc(latent[d], gold[d]):8.3f}" for d in range(3)))
        inside = [f for r in recs for f in r.in_turns]
        parts = [(label, [i for i, f in enumerate(inside) if f == keep])
                 for label, keep in (("  in the subject's turns", True), ("  outside them", False))] if args.by_turns else []
        for name, (oa, a_obs, ov, v_obs) in oracles.items():
            a, v = oa.predict(recs, a_obs), ov.predict(recs, v_obs)
            liking = [0.5 * x + 0.5 * y for x, y in zip(a, v)]
            print(f"{name:44s} {split:6s} {ccc(a, gold[0]):8.3f} {ccc(v, gold[1]):8.3f} {ccc(liking, gold[2]):8.3f}")
            for label, pick in parts:
                if len(pick) > 1:
                    print(f"{label:44s} {split:6s} "
                          + " ".join(f"{ccc([est[i] for i in pick], [gold[d][i] for i in pick]):8.3f}"
                                     for d, est in enumerate((a, v, liking))))


if __name__ == "__main__":
    main()
