#!/usr/bin/env python3
"""Synthetic speech-emotion corpus in the AVEC 2017 SEWA on-disk layout.

Writes audio/, labels/, turns/ and transcriptions/ for recordings Train_NN, Devel_NN, Test_NN, and
beside them a truth folder with the exact word timings and the noise-free latent emotion curves.

How emotion is carried (see README.md):
  * arousal a(t) only through the subject's prosody: espeak-ng speaking rate and pitch, loudness,
    and pause lengths (shorter when aroused);
  * valence v(t) only through word choice: content words are drawn from the lexicon among the
    words whose rating lies within 0.25 of v(t) at the word's start time;
  * liking l(t) = clip(0.5 a(t) + 0.5 v(t)).

Beside them (unless --text-sentences 0) a plain-text companion corpus for word embeddings,
<out>-text/part-NNN.txt: sentences drawn by the same word-choice process from their own valence
curves, one per line. --text-only writes just that (no espeak-ng or sox needed).

--profile dyadic (default output dyadic-synth/) makes the harder corpus of the same family: subject
and interlocutor voices varying by session (disjoint subject voices per split), an interlocutor
that talks 30-45 % of the time with its own, independent arousal and valence, per-session recording
gain, background noise and hum, room reverberation, mixed sample rates and channel counts, WAV and
FLAC files, a larger lexicon (lexicon/dyadic-lexicon.csv) and its own text corpus.

Only the Python standard library, espeak-ng and sox are used. The output is deterministic: the
same arguments give byte-identical files with the same espeak-ng and sox versions.
"""

import argparse
import array
import bisect
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from concurrent.futures import ProcessPoolExecutor
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------------------------------------
# Constants a consumer of the corpus may want to know (all documented in README.md).
# ----------------------------------------------------------------------------------------------
SUBJECT_VOICE = "en-us+f2"
INTERLOCUTOR_VOICE = "en+m3"
INTERNAL_RATE = 22050          # espeak-ng's native rate; audio is assembled here, then resampled
LABEL_STEP_S = 0.1
SAMPLES_PER_STEP = INTERNAL_RATE // 10

# Subject prosody as a function of arousal a in [-1, 1]. Rate and pitch use a quantised to 0.1
# (so that syntheses can be cached); gain uses the continuous value.
RATE_BASE, RATE_PER_A = 175, 70       # words per minute
PITCH_BASE, PITCH_PER_A = 50, 35      # espeak-ng pitch 0..99
GAIN_BASE_DB, GAIN_PER_A_DB = -8.0, 8.0
AROUSAL_QUANTUM = 0.1
# Interlocutor: fixed, neutral prosody.
INTERLOCUTOR_RATE, INTERLOCUTOR_PITCH, INTERLOCUTOR_GAIN_DB = 165, 40, -9.0

LATENT_LIMIT = 0.9
LABEL_NOISE_SD = 0.05           # sd of the annotator noise after smoothing
LABEL_NOISE_SMOOTH = 3          # moving-average length in 0.1 s frames (0.3 s)
VALENCE_WINDOW = 0.25           # content words are drawn among ratings within this of v(t)
CONTENT_SHARE = 0.6             # share of content words in a subject utterance
NOISE_DBFS = -50.0              # background noise level (RMS)
TRIM_RELATIVE = 0.05            # trimming: 5 ms frames below 5% of the loudest frame's RMS ...
TRIM_FLOOR = 100                # ... or below this RMS (16-bit) are silence at a sound's ends
INTERLOCUTOR_SHARE = 0.15       # target share of the recording's time the interlocutor speaks
TURN_MERGE_GAP_S = 1.0          # subject utterances closer than this form one turn

# Function words and fillers: rated 0 in the lexicon, drawn independently of valence.
FUNCTION_WORDS = (
    "the a an and it was is so well um uh like that this i you we they to of in on at for with "
    "but or just really quite then there here have had do did think know mean yeah oh what about "
    "erm").split()

TAGS = ("<laughter>", "<breathing>", "<coughing>", "<clearingthroat>")
FILLER_TAG = "<filler>"
FILLER_TEXTS = ("erm", "hmm")
LAUGHTER_TEXTS = ("ha ha", "ha ha ha")
NOISE_TAG_VARIANTS = 4

# Text corpus (plain text for word embeddings; valence only, no arousal, no audio).
TEXT_SENTENCES = 23000          # default: about 150 000 tokens
TEXT_LINES_PER_FILE = 5000      # part-000.txt, part-001.txt, ...
TEXT_DOC_SECONDS = (30.0, 120.0)  # each "document" follows its own valence curve this long
TEXT_WORD_S = 0.35              # virtual clock: one word (about the subject's pace at rest) ...
TEXT_SENTENCE_PAUSE_S = 0.9     # ... and the pause between sentences (mean subject pause)
TEXT_END_PUNCTS = (".", "!", "?")
TEXT_END_WEIGHTS = (0.8, 0.08, 0.12)
TEXT_NAME_RE = re.compile(r"^part-\d{3,}\.txt$")

# Dyadic profile (--profile dyadic, README.md "dyadic-synth"): what real dyadic recordings have.
DYADIC_SEED = 2017
DYADIC_TEXT_SENTENCES = 40000   # about 260 000 tokens for a lexicon of 1 800 content words
# Subject voices (espeak-ng language+variant): no variant serves two splits; 4 female and 4 male
# voices in Train, 2 + 2 in Devel and in Test. The interlocutor's voices are a further set of
# variants, drawn in every split, never a subject's (nor a near copy of one: espeak-ng's linda
# differs from belinda only in three formants and the stress settings). British English is "en":
# espeak-ng 1.51 ignores a variant after "en-gb" (check_voices refuses that).
DYADIC_SUBJECT_VOICES = {
    "Train": ("en-us+f1", "en+m1", "en+f3", "en-us+m3", "en-gb-x-rp+f5", "en-gb-scotland+m7",
              "en-us-nyc+Annie", "en-029+john"),
    "Devel": ("en-us+f4", "en+m2", "en-gb-x-gbclan+belinda", "en-us+Andy"),
    "Test": ("en+f2", "en-us+m4", "en-us+steph", "en-gb-x-gbcwmd+m6"),
}
DYADIC_FEMALE_VOICES = frozenset(("en-us+f1", "en+f3", "en-gb-x-rp+f5", "en-us-nyc+Annie", "en-us+f4",
                                  "en-gb-x-gbclan+belinda", "en+f2", "en-us+steph"))
DYADIC_INTERLOCUTOR_VOICES = ("en+Andrea", "en-us+travis", "en-us+Alicia", "en-gb-x-rp+victor",
                              "en-gb-scotland+grandma", "en-us-nyc+robert")
DYADIC_PITCH_OFFSET = 10        # per-session espeak-ng pitch offset: uniform integer in +-this
DYADIC_RATE_OFFSET = 20         # per-session speaking-rate offset (words/min): likewise
DYADIC_INTERLOCUTOR_SHARE = (0.34, 0.40)   # per-session target share of the interlocutor's speech
DYADIC_SHARE_MARGIN_S = 1.5     # turns are cut short or extended beyond this from the share,
DYADIC_END_S = 12.0             # ... and near the end they aim at the share of the whole recording
DYADIC_SHARE_RANGE = (0.30, 0.45)   # a recording whose share misses this is built again with
DYADIC_SHARE_ATTEMPTS = 20          # ... another turn-taking stream, at most this many times
DYADIC_INTERLOCUTOR_GAIN_DB = (-6.0, 3.0)  # interlocutor level relative to the subject's
DYADIC_GAIN_DB = 12.0           # recording gain: uniform in +-this, lowered where needed so that
DYADIC_PEAK_DBFS = -1.0         # ... the peaks stay below this
DYADIC_SNR_DB = (15.0, 40.0)    # subject speech RMS over background (noise + hum) RMS
DYADIC_HUM_SHARE = (0.2, 0.6)   # the hum's share of the background power, when there is hum
DYADIC_HUM_HARMONICS = (1.0, 0.5, 0.3, 0.2)   # amplitudes of f0, 2 f0, 3 f0, 4 f0
DYADIC_CHANNEL_DIFF_DB = (0.5, 3.0)          # stereo: one channel is this much quieter
DYADIC_WAV_MAX_RATE = 32000     # sessions with more samples/s (rate x channels) are always FLAC
# Per-split cycles: each split takes its sessions' values from seeded shuffles of these tuples, so
# every value occurs about as often as it is listed (a third of the sessions are stereo, etc.).
DYADIC_CYCLES = {
    "sample_rate": (8000, 16000, 22050, 44100, 48000),
    "channels": (1, 1, 2),
    "format": ("wav", "flac"),
    "noise": ("white", "pink", "brown"),
    "hum_hz": (0, 0, 0, 0, 50, 60),
    "reverb": (False, False, True),
}


# ----------------------------------------------------------------------------------------------
# Lexicon
# ----------------------------------------------------------------------------------------------
def read_lexicon(path):
    words = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip()
        if header != "word;valence":
            raise SystemExit(f"{path}: line 1 must be 'word;valence', found {header!r}")
        for lineno, line in enumerate(f, start=2):
            line = line.strip()
            if not line:
                continue
            parts = line.split(";")
            if len(parts) != 2 or not re.fullmatch(r"[a-z]+", parts[0]):
                raise SystemExit(f"{path}:{lineno}: expected 'word;valence' with a lower-case "
                                 f"single word, found {line!r}")
            value = float(parts[1])
            if not -1.0 <= value <= 1.0:
                raise SystemExit(f"{path}:{lineno}: valence must lie in [-1, 1], found {value}")
            words[parts[0]] = value
    missing = [w for w in FUNCTION_WORDS if w not in words]
    if missing:
        raise SystemExit(f"{path}: function words missing from the lexicon: {missing}")
    return words


class Lexicon:
    def __init__(self, ratings):
        self.ratings = ratings
        fw = set(FUNCTION_WORDS)
        # sorted for determinism (independent of file order)
        self.content = sorted((w for w in ratings if w not in fw), key=lambda w: (ratings[w], w))
        self.neutral = [w for w in self.content if abs(ratings[w]) <= 0.1]
        self.sorted_ratings = [ratings[w] for w in self.content]

    def candidates(self, v):
        """Content words rated within VALENCE_WINDOW of v (fallback: the nearest ones)."""
        # bisect to a slightly wider slice of the sorted words, then the exact test at its ends
        # (|r - v| <= w holds on one contiguous run of the sorted ratings)
        rs = self.sorted_ratings
        lo = bisect.bisect_left(rs, v - VALENCE_WINDOW - 1e-9)
        hi = bisect.bisect_right(rs, v + VALENCE_WINDOW + 1e-9)
        while lo < hi and abs(rs[lo] - v) > VALENCE_WINDOW:
            lo += 1
        while hi > lo and abs(rs[hi - 1] - v) > VALENCE_WINDOW:
            hi -= 1
        cands = self.content[lo:hi]
        if not cands:
            best = min(abs(self.ratings[w] - v) for w in self.content)
            cands = [w for w in self.content if abs(self.ratings[w] - v) == best]
        return cands


# ----------------------------------------------------------------------------------------------
# Latent curves
# ----------------------------------------------------------------------------------------------
class Latent:
    """m + s * sum_k w_k sin(2 pi t / P_k + phi_k), scaled so that |value| <= 0.9 on [0, D]."""

    def __init__(self, rng, duration_s):
        n = rng.choice((2, 3))
        self.comps = [(rng.uniform(0.5, 1.0), rng.uniform(6.0, 25.0), rng.uniform(0, 2 * math.pi))
                      for _ in range(n)]
        self.offset = rng.uniform(-0.3, 0.3)
        peak = max(abs(self._raw(i * 0.05)) for i in range(int(duration_s / 0.05) + 2)) or 1.0
        self.scale = (LATENT_LIMIT - abs(self.offset)) / peak

    def _raw(self, t):
        return sum(w * math.sin(2 * math.pi * t / p + ph) for w, p, ph in self.comps)

    def __call__(self, t):
        return max(-LATENT_LIMIT, min(LATENT_LIMIT, self.offset + self.scale * self._raw(t)))


def clip1(x):
    return max(-1.0, min(1.0, x))


# ----------------------------------------------------------------------------------------------
# Word choice, shared by the subject's transcripts and the text corpus
# ----------------------------------------------------------------------------------------------
class WordSlot:
    """One word position of an utterance or sentence: a content word (resolved later from the
    valence at its position with `pick`, a uniform number in [0, 1)) or a function word/filler
    (`word`), plus its trailing punctuation and whether it is capitalised."""
    __slots__ = ("content", "pick", "word", "punct", "first")

    def __init__(self, content, pick, word, punct, first):
        self.content, self.pick, self.word, self.punct, self.first = \
            content, pick, word, punct, first


def draw_word_slots(rw, capitalise_p=0.5, end_puncts=("", ".", "?"), end_weights=(0.5, 0.4, 0.1)):
    """Draws the shape of one utterance (3-10 words) from the word stream rw. The defaults are the
    transcripts' punctuation; the text corpus passes its own. Never looks at arousal."""
    n = rw.randint(3, 10)
    kinds = [rw.random() < CONTENT_SHARE for _ in range(n)]
    picks = [rw.random() for _ in range(n)]     # resolved into words at their start times
    function_picks = [rw.choice(FUNCTION_WORDS) for _ in range(n)]
    capitalise = rw.random() < capitalise_p
    end_punct = rw.choices(end_puncts, end_weights)[0]
    comma_after = rw.randrange(n) if rw.random() < 0.3 else -1
    return [WordSlot(kinds[i], picks[i], function_picks[i],
                     "," if i == comma_after and i < n - 1 else (end_punct if i == n - 1 else ""),
                     i == 0 and capitalise)
            for i in range(n)]


def pick_content(lexicon, v, u):
    """The content word for valence v and uniform number u: uniform among the candidates."""
    cands = lexicon.candidates(v)
    return cands[min(len(cands) - 1, int(u * len(cands)))]


def format_word(w, slot):
    s = "I" if w == "i" else (w[:1].upper() + w[1:] if slot.first else w)
    return s + slot.punct


# ----------------------------------------------------------------------------------------------
# Sound sources (cached)
# ----------------------------------------------------------------------------------------------
class SoundBank:
    """Trimmed 16-bit mono sounds at INTERNAL_RATE; espeak-ng syntheses are cached on disk."""

    def __init__(self, cache_dir, seed):
        self.cache_dir = cache_dir
        self.seed = seed
        self.mem = {}
        self.espeak_calls = 0

    def speech(self, voice, text, rate, pitch):
        key = (voice, text, rate, pitch)
        hit = self.mem.get(key)
        if hit is not None:
            return hit
        fname = f"{voice}__{rate}__{pitch}__{text.replace(' ', '_')}.pcm"
        path = os.path.join(self.cache_dir, fname)
        if os.path.exists(path):
            pcm = array.array("h")
            with open(path, "rb") as f:
                pcm.frombytes(f.read())
        else:
            pcm = self._espeak(voice, text, rate, pitch, path)
        self.mem[key] = pcm
        return pcm

    def _espeak(self, voice, text, rate, pitch, path):
        tmp_wav = f"{path}.{os.getpid()}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-p", str(pitch),
                        "-w", tmp_wav, text], check=True, stdout=subprocess.DEVNULL)
        self.espeak_calls += 1
        with wave.open(tmp_wav, "rb") as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                raise SystemExit(f"espeak-ng wrote an unexpected format for {text!r}")
            rate_in = w.getframerate()
            raw = w.readframes(w.getnframes())
        if rate_in != INTERNAL_RATE:
            raw = sox_resample_raw(raw, rate_in, INTERNAL_RATE, "signed-integer", 16)
        os.remove(tmp_wav)
        pcm = array.array("h")
        pcm.frombytes(raw)
        if sys.byteorder == "big":
            pcm.byteswap()
        pcm = trim(pcm)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(pcm.tobytes())
        os.replace(tmp, path)  # atomic: parallel workers may race on the same key
        return pcm

    def noise_tag(self, tag, variant):
        key = ("noise", tag, variant)
        hit = self.mem.get(key)
        if hit is None:
            hit = trim(make_noise_tag(tag, Random(f"{self.seed}/{tag}/{variant}")))
            self.mem[key] = hit
        return hit


def trim(pcm):
    """Cut leading and trailing silence (and espeak-ng's faint breathy release) at 5 ms frame
    resolution: frames whose RMS is below TRIM_RELATIVE of the loudest frame (or below
    TRIM_FLOOR) are dropped from both ends; 2 ms fades avoid clicks at the cuts."""
    fr = INTERNAL_RATE // 200
    rms = [math.sqrt(sum(x * x for x in pcm[i:i + fr]) / len(pcm[i:i + fr]))
           for i in range(0, len(pcm), fr)]
    if not rms:
        return pcm
    thr = max(TRIM_FLOOR, TRIM_RELATIVE * max(rms))
    keep = [k for k, r in enumerate(rms) if r >= thr]
    if not keep:
        return pcm
    out = pcm[keep[0] * fr:min(len(pcm), (keep[-1] + 1) * fr)]
    fade = min(len(out) // 4, INTERNAL_RATE // 500)
    for i in range(fade):
        g = (i + 0.5) / fade
        out[i] = int(round(out[i] * g))
        out[-1 - i] = int(round(out[-1 - i] * g))
    return out


def make_noise_tag(tag, rng):
    """Short non-speech sounds for <breathing>, <coughing>, <clearingthroat> (16-bit)."""
    sr = INTERNAL_RATE
    out = []
    if tag == "<breathing>":
        n = int(sr * rng.uniform(0.35, 0.55))
        lp1 = lp2 = 0.0
        for i in range(n):
            x = rng.gauss(0, 1)
            lp1 += 0.35 * (x - lp1)
            lp2 += 0.04 * (x - lp2)
            env = math.sin(math.pi * i / n) ** 2
            out.append((lp1 - lp2) * env)
        target_rms = 10 ** (-24 / 20)
    elif tag == "<coughing>":
        lp = 0.0
        for dur, amp in ((rng.uniform(0.10, 0.14), 1.0), (rng.uniform(0.05, 0.08), 0.0),
                         (rng.uniform(0.08, 0.11), 0.7)):
            n = int(sr * dur)
            for i in range(n):
                x = rng.gauss(0, 1)
                lp += 0.5 * (x - lp)
                env = 0.0 if amp == 0 else amp * min(1.0, i / (0.004 * sr)) * math.exp(-i / (0.035 * sr))
                out.append(lp * env)
        target_rms = 10 ** (-16 / 20)
    elif tag == "<clearingthroat>":
        n = int(sr * rng.uniform(0.30, 0.42))
        lp1 = lp2 = 0.0
        f_mod = rng.uniform(28, 40)
        for i in range(n):
            x = rng.gauss(0, 1)
            lp1 += 0.12 * (x - lp1)
            lp2 += 0.3 * (lp1 - lp2)
            env = math.sin(math.pi * i / n) * (0.6 + 0.4 * math.sin(2 * math.pi * f_mod * i / sr))
            out.append(lp2 * env)
        target_rms = 10 ** (-18 / 20)
    else:
        raise ValueError(tag)
    rms = math.sqrt(sum(x * x for x in out) / len(out)) or 1.0
    g = target_rms / rms * 32767
    return array.array("h", [max(-32767, min(32767, int(round(x * g)))) for x in out])


def sox_float(samples, rate_out, n_out, effects=()):
    """Float samples at INTERNAL_RATE through sox (the effects, then resampling to rate_out; no
    sox call when there is nothing to do), zero-padded or cut to n_out samples."""
    if rate_out != INTERNAL_RATE or effects:
        raw = sox_resample_raw(samples.tobytes(), INTERNAL_RATE, rate_out, "floating-point", 32,
                               effects)
        samples = array.array("f")
        samples.frombytes(raw)
    if len(samples) < n_out:
        samples.extend(array.array("f", bytes(4 * (n_out - len(samples)))))
    return samples[:n_out]


def sox_resample_raw(raw, rate_in, rate_out, encoding, bits, effects=()):
    """Resample raw mono samples with sox (repeatable mode, no dither), after the sox effects
    given (e.g. reverb) if any."""
    fmt = ["-t", "raw", "-e", encoding, "-b", str(bits), "-c", "1"]
    cmd = ["sox", "-R", "-D", "-V1", *fmt, "-r", str(rate_in), "-", *fmt, "-r", str(rate_out), "-",
           *effects]
    return subprocess.run(cmd, input=raw, stdout=subprocess.PIPE, check=True).stdout


# ----------------------------------------------------------------------------------------------
# One recording
# ----------------------------------------------------------------------------------------------
class Token:
    __slots__ = ("text", "word", "start", "length")

    def __init__(self, text, word, start, length):
        self.text, self.word, self.start, self.length = text, word, start, length


class Utterance:
    def __init__(self, speaker, tokens):
        self.speaker = speaker
        self.tokens = tokens

    @property
    def start(self):
        return self.tokens[0].start

    @property
    def end(self):
        t = self.tokens[-1]
        return t.start + t.length

    def text(self):
        return " ".join(t.text for t in self.tokens)


def normalise(token):
    return re.sub(r"[^\w<>]", "", token.lower())


class Speaker:
    """One side of the conversation: its role ("subject" or "interlocutor"), espeak-ng voice and
    base prosody, and the latents that drive it. With arousal None the prosody is fixed (the sewa
    interlocutor); with valence None its words are neutral (interlocutor_items). pause_arousal
    sets the pause after its utterances. r_words and r_tags are its word and tag streams."""

    def __init__(self, role, voice, rate, pitch, gain_db, arousal=None, valence=None,
                 pause_arousal=None, r_words=None, r_tags=None):
        self.role, self.voice, self.rate, self.pitch, self.gain_db = role, voice, rate, pitch, gain_db
        self.arousal, self.valence = arousal, valence
        self.pause_arousal = pause_arousal or arousal
        self.r_words, self.r_tags = r_words, r_tags

    def prosody(self, t):
        """espeak-ng rate and pitch (arousal quantised so that syntheses can be cached) and gain."""
        if self.arousal is None:
            return self.rate, self.pitch, self.gain_db
        a = self.arousal(t)
        aq = round(a / AROUSAL_QUANTUM) * AROUSAL_QUANTUM
        rate = int(round(self.rate + RATE_PER_A * aq))
        pitch = max(0, min(99, int(round(self.pitch + PITCH_PER_A * aq))))
        return rate, pitch, self.gain_db + GAIN_PER_A_DB * a

    def gap_scale(self, t):
        return 0.6 if self.arousal is None else 0.6 - 0.4 * self.arousal(t)


class RecordingBuilder:
    def __init__(self, spec, cfg, bank, lexicon, attempt=0):
        self.name = spec["name"]
        self.d10 = spec["d10"]
        self.duration = self.d10 / 10
        self.cfg = cfg
        self.bank = bank
        self.lex = lexicon
        self.session = spec.get("session")   # dyadic profile: voices, turn-taking, channel
        base = f"{cfg['seed']}/{self.name}"
        self.arousal = Latent(Random(base + "/arousal"), self.duration)
        self.valence = Latent(Random(base + "/valence"), self.duration)
        self.r_words = Random(base + "/words")    # word choice, punctuation (never sees arousal)
        self.r_time = Random(base + "/timing")    # gaps and pauses
        self.r_tags = Random(base + "/tags")      # tag and filler decisions
        # who speaks when (a dyadic recording whose interlocutor share misses DYADIC_SHARE_RANGE
        # is built again with the next attempt's stream)
        self.r_turns = Random(base + "/turns" + (f"/{attempt}" if attempt else ""))
        self.attempt = attempt
        self.r_inter = Random(base + "/interlocutor")  # interlocutor words
        self.n_samples = self.d10 * SAMPLES_PER_STEP
        self.buf = array.array("f", bytes(4 * self.n_samples))
        self.utterances = []
        s = self.session
        if s is None:
            self.inter_share = INTERLOCUTOR_SHARE
            self.subject = Speaker("subject", SUBJECT_VOICE, RATE_BASE, PITCH_BASE, GAIN_BASE_DB,
                                   self.arousal, self.valence, None, self.r_words, self.r_tags)
            self.inter = Speaker("interlocutor", INTERLOCUTOR_VOICE, INTERLOCUTOR_RATE,
                                 INTERLOCUTOR_PITCH, INTERLOCUTOR_GAIN_DB,
                                 pause_arousal=self.arousal, r_words=self.r_inter)
        else:
            # the interlocutor's own latents, independent of the subject's
            self.inter_arousal = Latent(Random(base + "/interlocutor-arousal"), self.duration)
            self.inter_valence = Latent(Random(base + "/interlocutor-valence"), self.duration)
            self.inter_share = s["interlocutor_share_target"]
            self.subject = Speaker("subject", s["subject_voice"], s["subject_rate"],
                                   s["subject_pitch"], GAIN_BASE_DB, self.arousal, self.valence,
                                   None, self.r_words, self.r_tags)
            self.inter = Speaker("interlocutor", s["interlocutor_voice"], s["interlocutor_rate"],
                                 s["interlocutor_pitch"], GAIN_BASE_DB + s["interlocutor_gain_db"],
                                 self.inter_arousal, self.inter_valence, None, self.r_inter,
                                 Random(base + "/interlocutor-tags"))

    # -- timing ---------------------------------------------------------------------------------
    def word_gap(self, speaker, t):
        r = self.r_time
        zero = r.random() < 0.2
        u = r.uniform(0.0, 0.08)
        if zero:
            return 0.0
        return u * speaker.gap_scale(t)

    def utterance_pause(self, speaker, t):
        base = 0.9 - 0.5 * speaker.pause_arousal(t)
        return max(0.3, min(1.5, base + self.r_time.uniform(-0.25, 0.25)))

    # -- utterance planning ---------------------------------------------------------------------
    def _place(self, items, speaker, t0):
        """items: list of (display_text, token, source) where source is ('speech', text) or
        ('noise', tag, variant). Places them from time t0 on; returns the Utterance and the
        rendered segments, or None if it would not fit before the end of the recording."""
        tokens, segments = [], []
        cursor = int(round(t0 * INTERNAL_RATE))
        for k, (display, word, source) in enumerate(items):
            t = cursor / INTERNAL_RATE
            if k:
                cursor += int(round(self.word_gap(speaker, t) * INTERNAL_RATE))
                t = cursor / INTERNAL_RATE
            if callable(word):          # content word chosen at its own start time
                word = word(t)
                display = display(word)
            rate, pitch, gain_db = speaker.prosody(t)
            if source[0] == "speech":
                text = source[1] if source[1] is not None else word
                pcm = self.bank.speech(speaker.voice, text, rate, pitch)
            else:
                pcm = self.bank.noise_tag(source[1], source[2])
            tokens.append(Token(display, word, cursor, len(pcm)))
            segments.append((cursor, pcm, gain_db))
            cursor += len(pcm)
        if cursor + int(0.3 * INTERNAL_RATE) > self.n_samples:
            return None
        return Utterance(speaker.role, tokens), segments

    def _commit(self, placed):
        utt, segments = placed
        for start, pcm, gain_db in segments:
            g = 10 ** (gain_db / 20) / 32768.0
            self.buf[start:start + len(pcm)] = array.array("f", [x * g for x in pcm])
        self.utterances.append(utt)
        return utt.end / INTERNAL_RATE

    def speaker_items(self, speaker, t0):
        """An utterance of the subject (or of the dyadic interlocutor, from its own latents)."""
        rw, rt = speaker.r_words, speaker.r_tags
        a0, v0 = speaker.arousal(t0), speaker.valence(t0)
        # tag decisions (breathing follows arousal, laughter follows valence)
        filler_only = rt.random() < 0.06
        filler_text = rt.choice(FILLER_TEXTS)
        p_breath = 0.03 + 0.30 * max(0.0, a0)
        p_laugh = 0.03 + 0.35 * max(0.0, v0)
        has_breath, breath_at_start, breath_var = (rt.random() < p_breath, rt.random() < 0.6,
                                                   rt.randrange(NOISE_TAG_VARIANTS))
        has_laugh, laugh_at_end, laugh_text = (rt.random() < p_laugh, rt.random() < 0.7,
                                               rt.choice(LAUGHTER_TEXTS))
        has_cough, cough_var = rt.random() < 0.025, rt.randrange(NOISE_TAG_VARIANTS)
        has_clear, clear_var = rt.random() < 0.025, rt.randrange(NOISE_TAG_VARIANTS)
        tag_pos_1, tag_pos_2 = rt.random(), rt.random()
        # words (the word stream never looks at arousal)
        slots = draw_word_slots(rw)
        if filler_only:
            return [(FILLER_TAG, FILLER_TAG, ("speech", filler_text))]

        words = []
        for slot in slots:
            def fmt(w, slot=slot):
                return format_word(w, slot)

            if slot.content:
                def choose(t, u=slot.pick):
                    return pick_content(self.lex, speaker.valence(t), u)
                words.append((fmt, choose, ("speech", None)))
            else:
                words.append((fmt(slot.word), slot.word, ("speech", None)))
        items = list(words)
        if has_laugh:
            pos = len(items) if laugh_at_end else 1 + int(tag_pos_1 * (len(items) - 1))
            items.insert(pos, ("<laughter>", "<laughter>", ("speech", laugh_text)))
        if has_breath:
            pos = 0 if breath_at_start else 1 + int(tag_pos_2 * (len(items) - 1))
            items.insert(pos, ("<breathing>", "<breathing>", ("noise", "<breathing>", breath_var)))
        if has_cough:
            items.insert(0, ("<coughing>", "<coughing>", ("noise", "<coughing>", cough_var)))
        if has_clear:
            items.insert(0, ("<clearingthroat>", "<clearingthroat>",
                             ("noise", "<clearingthroat>", clear_var)))
        return items

    def interlocutor_items(self):
        rw = self.r_inter
        n = rw.randint(3, 8)
        ws = [rw.choice(self.lex.neutral) if rw.random() < 0.45 else rw.choice(FUNCTION_WORDS)
              for _ in range(n)]
        capitalise = rw.random() < 0.6
        end_punct = rw.choices(("", ".", "?"), (0.1, 0.3, 0.6))[0]
        items = []
        for i, w in enumerate(ws):
            s = "I" if w == "i" else (w[:1].upper() + w[1:] if i == 0 and capitalise else w)
            if i == n - 1:
                s += end_punct
            items.append((s, w, ("speech", None)))
        return items

    # -- whole recording ------------------------------------------------------------------------
    def build(self):
        rturn = self.r_turns
        t = self.r_time.uniform(0.2, 0.8)
        inter_time = 0.0
        interlocutor_next = rturn.random() < 0.4
        done = False
        dyadic = self.session is not None

        def behind(margin=0.0):
            """The interlocutor is behind its share by more than margin seconds: of the time so
            far, or, in the last DYADIC_END_S seconds, of the whole recording."""
            ref = self.duration if self.duration - t < DYADIC_END_S else t
            return inter_time < self.inter_share * ref - margin

        while not done:
            if interlocutor_next:
                inter = self.inter
                # dyadic: 1-3 utterances, fewer when ahead of the share by the margin, up to 4 while
                # behind by it; sewa: 1 or 2
                n = rturn.randint(1, 3) if dyadic else 1 if rturn.random() < 0.7 else 2
                k = 0
                while (k < n and not (dyadic and k and not behind(-DYADIC_SHARE_MARGIN_S))
                       or dyadic and k < 4 and behind(DYADIC_SHARE_MARGIN_S)):
                    items = (self.speaker_items(inter, t) if inter.valence is not None
                             else self.interlocutor_items())
                    placed = self._place(items, inter, t)
                    if placed is None:
                        done = True
                        break
                    start = t
                    t = self._commit(placed)
                    inter_time += t - start
                    t += self.utterance_pause(inter, t)
                    k += 1
            else:
                n = rturn.randint(1, 4)
                k = 0
                # dyadic: the subject yields early when the interlocutor is behind by the margin
                while k < n and not (dyadic and k and behind(DYADIC_SHARE_MARGIN_S)):
                    placed = self._place(self.speaker_items(self.subject, t), self.subject, t)
                    if placed is None:
                        done = True
                        break
                    t = self._commit(placed)
                    t += self.utterance_pause(self.subject, t)
                    k += 1
            if interlocutor_next:
                interlocutor_next = False
            else:
                want = inter_time < self.inter_share * t
                if dyadic:   # behind its share the interlocutor always answers
                    interlocutor_next = want or rturn.random() < 0.5
                else:
                    interlocutor_next = want and rturn.random() < 0.85
        return self

    def interlocutor_share(self):
        return sum(u.end - u.start for u in self.utterances
                   if u.speaker == "interlocutor") / self.n_samples

    # -- outputs --------------------------------------------------------------------------------
    def render_audio(self, out_rate):
        n_out = self.d10 * out_rate // 10
        samples = sox_float(self.buf, out_rate, n_out)
        # faint seeded background noise: uniform, RMS = NOISE_DBFS, then quantise to 16 bit
        noise_rng = Random(f"{self.cfg['seed']}/{self.name}/noise")
        amp = math.sqrt(3) * 10 ** (NOISE_DBFS / 20) * 32767
        table = [(b - 127.5) / 127.5 * amp + 0.5 for b in range(256)]
        rb = noise_rng.randbytes(n_out)
        floor = math.floor
        vals = [floor(x * 32767.0 + table[b]) for x, b in zip(samples, rb)]
        if max(vals) > 32767 or min(vals) < -32768:
            vals = [max(-32768, min(32767, v)) for v in vals]
        return array.array("h", vals)

    def label_rows(self):
        n = self.d10
        r = Random(f"{self.cfg['seed']}/{self.name}/annotator")
        raw_sd = LABEL_NOISE_SD * math.sqrt(LABEL_NOISE_SMOOTH)
        half = LABEL_NOISE_SMOOTH // 2

        def smooth_noise():
            e = [r.gauss(0.0, raw_sd) for _ in range(n + 2 * half)]
            return [sum(e[i:i + LABEL_NOISE_SMOOTH]) / LABEL_NOISE_SMOOTH for i in range(n)]

        na, nv, nl = smooth_noise(), smooth_noise(), smooth_noise()
        latents, labels = [], []
        for i in range(n):
            t = i / 10
            a, v = self.arousal(t), self.valence(t)
            l = clip1(0.5 * a + 0.5 * v)
            latents.append((i, a, v, l))
            labels.append((i, clip1(a + na[i]), clip1(v + nv[i]), clip1(l + nl[i])))
        return latents, labels


# ----------------------------------------------------------------------------------------------
# Dyadic profile: sessions and the recording channel
# ----------------------------------------------------------------------------------------------
def balanced(rng, values, n, no_repeats=False):
    """n values from consecutive seeded shuffles of `values`, so each occurs about as often as it is
    listed; with no_repeats (distinct values) no value follows itself, also across shuffles."""
    out = []
    while len(out) < n:
        cycle = list(values)
        rng.shuffle(cycle)
        if no_repeats and out and len(cycle) > 1 and cycle[0] == out[-1]:
            cycle[0], cycle[1] = cycle[1], cycle[0]
        out.extend(cycle)
    return out[:n]


def dealt_subject_voices(seed):
    """The subject voices dealt to the splits anew from the seed, as many female and male voices per
    split as DYADIC_SUBJECT_VOICES holds (4 + 4, 2 + 2, 2 + 2), each voice still in one split only:
    instances generated with other seeds then differ in which voices Train never hears."""
    rng = Random(f"{seed}/voices")
    female = [v for split in SPLITS for v in DYADIC_SUBJECT_VOICES[split] if v in DYADIC_FEMALE_VOICES]
    male = [v for split in SPLITS for v in DYADIC_SUBJECT_VOICES[split] if v not in DYADIC_FEMALE_VOICES]
    rng.shuffle(female)
    rng.shuffle(male)
    out = {}
    for split in SPLITS:
        n_female = sum(1 for v in DYADIC_SUBJECT_VOICES[split] if v in DYADIC_FEMALE_VOICES)
        n_male = len(DYADIC_SUBJECT_VOICES[split]) - n_female
        out[split] = tuple(female[:n_female] + male[:n_male])
        female, male = female[n_female:], male[n_male:]
    return out


def plan_sessions(specs, seed, sample_rate=None, shuffle_voices=False):
    """Adds spec["session"] to every recording of the dyadic profile: voices and their per-session
    pitch/rate, the interlocutor's share and level, and the recording channel. Subject voices come
    from the split's own set (neighbouring sessions never share one), interlocutor voices from their
    set over the whole corpus in order; sample_rate, if given, replaces the mixed rates; with
    shuffle_voices the subject voices are dealt to the splits from the seed (dealt_subject_voices)."""
    subject_voices = dealt_subject_voices(seed) if shuffle_voices else DYADIC_SUBJECT_VOICES
    inter_voices = balanced(Random(f"{seed}/sessions/interlocutor"), DYADIC_INTERLOCUTOR_VOICES,
                            len(specs), no_repeats=True)
    for k, spec in enumerate(specs):
        spec["interlocutor_voice"] = inter_voices[k]
    for split in SPLITS:
        group = [s for s in specs if s["split"] == split]
        rs = Random(f"{seed}/sessions/{split}")
        voices = balanced(rs, subject_voices[split], len(group), no_repeats=True)
        cycles = {key: balanced(rs, values, len(group)) for key, values in DYADIC_CYCLES.items()}
        for k, spec in enumerate(group):
            r = Random(f"{seed}/{spec['name']}/session")
            rate = sample_rate or cycles["sample_rate"][k]
            channels = cycles["channels"][k]
            # sox reverb: reverberance %, HF damping %, room scale %, stereo depth %,
            # pre-delay ms, wet gain dB
            reverb = ["reverb", str(round(r.uniform(20, 50))), str(round(r.uniform(30, 70))),
                      str(round(r.uniform(30, 80))), "100", str(round(r.uniform(0, 15))),
                      str(round(r.uniform(-8, -3)))]
            diff = r.uniform(*DYADIC_CHANNEL_DIFF_DB) * r.choice((-1, 1))
            spec["session"] = {
                "subject_voice": voices[k],
                "subject_rate": RATE_BASE + r.randint(-DYADIC_RATE_OFFSET, DYADIC_RATE_OFFSET),
                "subject_pitch": PITCH_BASE + r.randint(-DYADIC_PITCH_OFFSET, DYADIC_PITCH_OFFSET),
                "interlocutor_voice": spec.pop("interlocutor_voice"),
                "interlocutor_rate": RATE_BASE + r.randint(-DYADIC_RATE_OFFSET, DYADIC_RATE_OFFSET),
                "interlocutor_pitch": PITCH_BASE + r.randint(-DYADIC_PITCH_OFFSET,
                                                             DYADIC_PITCH_OFFSET),
                "interlocutor_gain_db": r.uniform(*DYADIC_INTERLOCUTOR_GAIN_DB),
                "interlocutor_share_target": r.uniform(*DYADIC_INTERLOCUTOR_SHARE),
                "gain_drawn_db": r.uniform(-DYADIC_GAIN_DB, DYADIC_GAIN_DB),
                "snr_db": r.uniform(*DYADIC_SNR_DB),
                "noise": cycles["noise"][k],
                "hum_hz": cycles["hum_hz"][k],
                "hum_share": r.uniform(*DYADIC_HUM_SHARE) if cycles["hum_hz"][k] else 0.0,
                "reverb": reverb if cycles["reverb"][k] else None,
                "sample_rate": rate,
                "channels": channels,
                "right_minus_left_db": diff if channels == 2 else 0.0,
                "format": "flac" if rate * channels > DYADIC_WAV_MAX_RATE else cycles["format"][k],
            }
    return specs


def background_noise(rng, n, colour, hum_hz, hum_share):
    """n samples at INTERNAL_RATE with unit RMS: seeded white, pink (Paul Kellet's three-pole
    filter) or brown (leaky integrator) noise, plus mains hum (f0 and 3 harmonics, random phases)
    carrying hum_share of the power when hum_hz is not 0. Arrays of doubles (not lists) keep the
    memory at 8 bytes a sample."""
    c = math.sqrt(3) / 127.5
    w = array.array("d", ((b - 127.5) * c for b in rng.randbytes(n)))    # uniform, unit variance
    if colour == "pink":
        b0 = b1 = b2 = 0.0
        out = array.array("d")
        for x in w:
            b0 = 0.99765 * b0 + 0.0990460 * x
            b1 = 0.96300 * b1 + 0.2965164 * x
            b2 = 0.57000 * b2 + 1.0526913 * x
            out.append(b0 + b1 + b2 + 0.1848 * x)
        w = out
    elif colour == "brown":
        b = 0.0
        out = array.array("d")
        for x in w:
            b = 0.995 * b + x
            out.append(b)
        w = out
    elif colour != "white":
        raise ValueError(colour)
    m = sum(w) / n
    rms = math.sqrt(sum((x - m) ** 2 for x in w) / n) or 1.0
    if not hum_hz:
        return array.array("d", ((x - m) / rms for x in w))
    period = INTERNAL_RATE // math.gcd(INTERNAL_RATE, hum_hz)   # whole cycles: 441 or 735 samples
    phases = [rng.uniform(0, 2 * math.pi) for _ in DYADIC_HUM_HARMONICS]
    hum = [sum(a * math.sin(2 * math.pi * (h + 1) * hum_hz * i / INTERNAL_RATE + ph)
               for h, (a, ph) in enumerate(zip(DYADIC_HUM_HARMONICS, phases)))
           for i in range(period)]
    hum_rms = math.sqrt(sum(x * x for x in hum) / period)
    gn, gh = math.sqrt(1 - hum_share) / rms, math.sqrt(hum_share) / hum_rms
    return array.array("d", ((x - m) * gn + hum[i % period] * gh for i, x in enumerate(w)))


def render_dyadic(rec):
    """The recording channel of a dyadic session: room reverberation (sox reverb) on the speech
    if the session has it, background noise at the session's SNR relative to the subject's speech
    RMS (over the subject's token spans, at INTERNAL_RATE), resampling, the recording gain
    (lowered where needed so that peaks stay below DYADIC_PEAK_DBFS) and 16-bit rounding.
    Returns one array("h") per channel and the measured facts."""
    s = rec.session
    n = rec.n_samples
    speech = sox_float(rec.buf, INTERNAL_RATE, n, s["reverb"] or ())
    acc = cnt = 0
    for u in rec.utterances:
        if u.speaker == "subject":
            for tok in u.tokens:
                acc += sum(x * x for x in speech[tok.start:tok.start + tok.length])
                cnt += tok.length
    speech_rms = math.sqrt(acc / cnt) if cnt and acc else 1e-3
    noise = background_noise(Random(f"{rec.cfg['seed']}/{rec.name}/noise"), n, s["noise"],
                             s["hum_hz"], s["hum_share"])
    k = speech_rms * 10 ** (-s["snr_db"] / 20)
    mix = array.array("f", (x + k * y for x, y in zip(speech, noise)))
    del noise
    mix = sox_float(mix, s["sample_rate"], rec.d10 * s["sample_rate"] // 10)
    peak = max(max(mix), -min(mix))
    gain_db = min(s["gain_drawn_db"], DYADIC_PEAK_DBFS - 0.05 - 20 * math.log10(peak))
    diff = s["right_minus_left_db"]
    levels = [gain_db] if s["channels"] == 1 else [gain_db + min(0.0, -diff), gain_db + min(0.0, diff)]
    floor = math.floor
    channels = []
    for level in levels:
        g = 10 ** (level / 20) * 32767.0
        channels.append(array.array("h", (max(-32768, min(32767, floor(x * g + 0.5))) for x in mix)))
    peak_out = max(max(max(c), -min(c)) for c in channels)
    facts = {"gain_db": gain_db, "peak_dbfs": 20 * math.log10(peak_out / 32768.0),
             "subject_speech_dbfs": 20 * math.log10(speech_rms * 32767.0 / 32768.0) + gain_db}
    return channels, facts


def write_audio(path, channels, rate, fmt):
    """16-bit PCM: WAV with the wave module, FLAC with sox. channels: one array("h") each."""
    if len(channels) == 1:
        pcm = channels[0]
    else:
        pcm = array.array("h", bytes(2 * len(channels[0]) * len(channels)))
        for c, samples in enumerate(channels):
            pcm[c::len(channels)] = samples
    if sys.byteorder == "big":
        pcm.byteswap()
    tmp = f"{path}.tmp.{fmt}"
    if fmt == "wav":
        with wave.open(tmp, "wb") as w:
            w.setnchannels(len(channels))
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm.tobytes())
    else:
        subprocess.run(["sox", "-R", "-D", "-V1", "-t", "raw", "-e", "signed-integer", "-b", "16",
                        "-c", str(len(channels)), "-r", str(rate), "-", "-t", fmt, "-C", "8", tmp],
                       input=pcm.tobytes(), check=True)
    os.replace(tmp, path)


def f6(x):
    s = f"{x:.6f}"
    return "0.000000" if s == "-0.000000" else s


def tenths(i):
    return f"{i // 10}.{i % 10}"


def secs(samples):
    return samples / INTERNAL_RATE


def write_text(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(line + "\n" for line in lines))
    os.replace(tmp, path)


def generate_recording(spec, cfg):
    t_start = time.monotonic()
    lexicon = Lexicon(read_lexicon(cfg["lexicon"]))
    bank = SoundBank(cfg["cache"], cfg["seed"])
    rec = RecordingBuilder(spec, cfg, bank, lexicon).build()
    while rec.session and rec.attempt < DYADIC_SHARE_ATTEMPTS and not \
            DYADIC_SHARE_RANGE[0] <= rec.interlocutor_share() <= DYADIC_SHARE_RANGE[1]:
        rec = RecordingBuilder(spec, cfg, bank, lexicon, rec.attempt + 1).build()
    name, out, truth = spec["name"], cfg["out"], cfg["truth"]

    session = rec.session
    if session is None:
        fmt, facts = "wav", {}
        write_audio(os.path.join(out, "audio", name + ".wav"),
                    [rec.render_audio(cfg["sample_rate"])], cfg["sample_rate"], fmt)
    else:
        fmt = session["format"]
        channels, facts = render_dyadic(rec)
        write_audio(os.path.join(out, "audio", f"{name}.{fmt}"), channels, session["sample_rate"],
                    fmt)
    for other in ("wav", "flac"):   # a file of an earlier run in the other format
        if other != fmt and os.path.exists(os.path.join(out, "audio", f"{name}.{other}")):
            os.remove(os.path.join(out, "audio", f"{name}.{other}"))

    latents, labels = rec.label_rows()
    write_text(os.path.join(out, "labels", name + ".csv"),
               [f"{name};{tenths(i)};{f6(a)};{f6(v)};{f6(l)}" for i, a, v, l in labels])
    header, extra = "time_s;arousal;valence;liking", (lambda i: "")
    if session is not None:   # the interlocutor's own latents, which the labels do not follow
        header += ";interlocutor_arousal;interlocutor_valence"

        def extra(i):
            return f";{f6(rec.inter_arousal(i / 10))};{f6(rec.inter_valence(i / 10))}"
    write_text(os.path.join(truth, "latents", name + ".csv"),
               [header] + [f"{tenths(i)};{f6(a)};{f6(v)};{f6(l)}{extra(i)}"
                           for i, a, v, l in latents])

    utts = rec.utterances
    write_text(os.path.join(out, "transcriptions", name + ".csv"),
               [f"{secs(u.start):.3f};{secs(u.end):.3f};'{u.text()}'" for u in utts])

    turns, prev = [], None
    for u in utts:
        if u.speaker != "subject":
            prev = None
            continue
        if prev is not None and secs(u.start - prev[1]) < TURN_MERGE_GAP_S:
            prev[1] = u.end
        else:
            prev = [u.start, u.end]
            turns.append(prev)
    write_text(os.path.join(out, "turns", name + ".csv"),
               [f"{secs(s):.3f};{secs(e):.3f}" for s, e in turns])

    word_rows, k = ["utterance_index;word_index;word;start_s;end_s"], 0
    token_rows = ["utterance_index;word_index;speaker;word;start_s;end_s"]
    for ui, u in enumerate(utts):
        for tok in u.tokens:
            assert normalise(tok.text) == tok.word, (tok.text, tok.word)
            span = f"{secs(tok.start):.6f};{secs(tok.start + tok.length):.6f}"
            word_rows.append(f"{ui};{k};{tok.word};{span}")
            token_rows.append(f"{ui};{k};{u.speaker};{tok.word};{span}")
            k += 1
    write_text(os.path.join(truth, "words", name + ".csv"), word_rows)
    if session is not None:
        write_text(os.path.join(truth, "tokens", name + ".csv"), token_rows)
    write_text(os.path.join(truth, "utterances", name + ".csv"),
               ["utterance_index;speaker;start_s;end_s;n_tokens"] +
               [f"{ui};{u.speaker};{secs(u.start):.6f};{secs(u.end):.6f};{len(u.tokens)}"
                for ui, u in enumerate(utts)])

    subj = sum(secs(u.end - u.start) for u in utts if u.speaker == "subject")
    inter = sum(secs(u.end - u.start) for u in utts if u.speaker == "interlocutor")
    return {"name": name, "split": spec["split"], "duration_s": rec.duration,
            "subject_utterances": sum(u.speaker == "subject" for u in utts),
            "interlocutor_utterances": sum(u.speaker == "interlocutor" for u in utts),
            "turns": len(turns), "tokens": k, "subject_speech_s": subj,
            "interlocutor_speech_s": inter, "espeak_calls": bank.espeak_calls,
            "wall_s": time.monotonic() - t_start, "session": session, "attempt": rec.attempt,
            **facts}


# ----------------------------------------------------------------------------------------------
# Text corpus
# ----------------------------------------------------------------------------------------------
def text_sentences(seed, lexicon, n_sentences):
    """Yields n_sentences sentences drawn by the subject's word-choice process.

    The text is a sequence of documents. Document d lasts D ~ U(TEXT_DOC_SECONDS) seconds on a
    virtual clock (TEXT_WORD_S per word, TEXT_SENTENCE_PAUSE_S between sentences) and has its own
    valence curve v(t), drawn exactly like a recording's; each content word is chosen from v at
    its own position. The sentence shape (length, content/function slots, comma) comes from
    draw_word_slots; every sentence is capitalised and ends in . ! or ?. Each document has its
    own random streams, so a larger n_sentences only appends sentences."""
    made, doc = 0, 0
    while made < n_sentences:
        base = f"{seed}/text/{doc}"
        duration = Random(base + "/length").uniform(*TEXT_DOC_SECONDS)
        valence = Latent(Random(base + "/valence"), duration)
        rw = Random(base + "/words")
        t = 0.0
        while t < duration and made < n_sentences:
            tokens = []
            for slot in draw_word_slots(rw, 1.0, TEXT_END_PUNCTS, TEXT_END_WEIGHTS):
                w = pick_content(lexicon, valence(t), slot.pick) if slot.content else slot.word
                tokens.append(format_word(w, slot))
                t += TEXT_WORD_S
            yield " ".join(tokens)
            made += 1
            t += TEXT_SENTENCE_PAUSE_S
        doc += 1


def generate_text(text_out, seed, lexicon_path, n_sentences):
    """Writes part-000.txt ... (TEXT_LINES_PER_FILE sentences each, UTF-8, one per line) and
    removes part files of an earlier, larger run. Returns (files, sentences, tokens, bytes)."""
    t0 = time.monotonic()
    lexicon = Lexicon(read_lexicon(lexicon_path))
    os.makedirs(text_out, exist_ok=True)
    lines = list(text_sentences(seed, lexicon, n_sentences))
    names = []
    for k in range(0, len(lines), TEXT_LINES_PER_FILE):
        name = f"part-{k // TEXT_LINES_PER_FILE:03d}.txt"
        write_text(os.path.join(text_out, name), lines[k:k + TEXT_LINES_PER_FILE])
        names.append(name)
    for f in os.listdir(text_out):
        if TEXT_NAME_RE.match(f) and f not in names:
            os.remove(os.path.join(text_out, f))
    tokens = sum(len(line.split()) for line in lines)
    size = sum(os.path.getsize(os.path.join(text_out, n)) for n in names)
    print(f"Text: {len(lines)} sentences, {tokens} tokens in {len(names)} file(s), "
          f"{size / 1e6:.2f} MB, into {text_out} in {time.monotonic() - t0:.1f} s",
          file=sys.stderr)
    return names, len(lines), tokens, size


# ----------------------------------------------------------------------------------------------
# Corpus
# ----------------------------------------------------------------------------------------------
SPLITS = ("Train", "Devel", "Test")
NAME_RE = re.compile(r"^(Train|Devel|Test)_\d+\.(wav|flac|csv)$")
PROFILES = {   # what --profile sets when the option is not given
    "sewa": {"out": "sewa-synth", "seed": 2021, "lexicon": "valence-lexicon.csv",
             "text_sentences": TEXT_SENTENCES, "sample_rate": 16000},
    "dyadic": {"out": "dyadic-synth", "seed": DYADIC_SEED, "lexicon": "dyadic-lexicon.csv",
               "text_sentences": DYADIC_TEXT_SENTENCES, "sample_rate": None},
}


def plan_corpus(args):
    if args.hours is not None:
        total_d10 = int(round(args.hours * 36000))
        split_d10 = [total_d10 * 6 // 10, total_d10 * 2 // 10]
        split_d10.append(total_d10 - sum(split_d10))
        max_d10 = int(round(args.max_seconds * 10))
        specs = []
        for split, sd10, given in zip(SPLITS, split_d10, args.recordings or (None,) * 3):
            count = given if given is not None else max(1, -(-sd10 // max_d10))
            specs.append((split, [sd10 // count] * count if count else []))
    else:
        counts = args.recordings or (12, 4, 4)
        lo, hi = int(round(args.min_seconds * 10)), int(round(args.max_seconds * 10))
        r = Random(f"{args.seed}/durations")
        specs = [(split, [r.randint(lo, hi) for _ in range(c)]) for split, c in zip(SPLITS, counts)]
    out = []
    for split, d10s in specs:
        width = max(2, len(str(len(d10s))))
        for i, d10 in enumerate(d10s, start=1):
            if d10 < 30:
                raise SystemExit(f"Recording {split}_{i} would last {d10 / 10} s; "
                                 f"recordings must last at least 3 s")
            out.append({"name": f"{split}_{i:0{width}d}", "split": split, "d10": d10})
    return out


def tool_version(cmd):
    try:
        txt = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
    except OSError:
        return None
    m = re.search(r"(\d+\.\d+(?:\.\d+)?)", txt)
    return m.group(1) if m else txt.strip()


def parse_counts(s):
    try:
        parts = [int(x) for x in s.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 3 or min(parts) < 0:
        raise argparse.ArgumentTypeError(
            f"--recordings must be three non-negative counts Train,Devel,Test, e.g. 12,4,4; got {s!r}")
    return tuple(parts)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--profile", choices=sorted(PROFILES), default="sewa",
                   help="sewa (default): one subject voice, a quiet neutral interlocutor, clean "
                        "16 kHz mono WAV; dyadic: voices varying by session, an interlocutor "
                        "talking 30-45 %% of the time with its own emotion, recording gain, "
                        "noise, reverberation, mixed rates, channels and WAV/FLAC (README.md)")
    p.add_argument("--out", default=None,
                   help="corpus folder in the AVEC 2017 layout (default: sewa-synth or "
                        "dyadic-synth next to this script)")
    p.add_argument("--truth", default=None, help="truth folder (default: <out>-truth)")
    p.add_argument("--seed", type=int, default=None,
                   help="random seed (default: 2021; dyadic: 2017)")
    p.add_argument("--recordings", type=parse_counts, default=None,
                   help="Train,Devel,Test counts (default: 12,4,4; with --hours: derived from "
                        "--max-seconds)")
    p.add_argument("--min-seconds", type=float, default=30.0,
                   help="shortest recording (default: 30)")
    p.add_argument("--max-seconds", type=float, default=60.0,
                   help="longest recording (default: 60)")
    p.add_argument("--hours", type=float, default=None,
                   help="generate H hours in total, split 60/20/20 over Train/Devel/Test, in "
                        "equal recordings of at most --max-seconds (or --recordings counts)")
    p.add_argument("--sample-rate", type=int, default=None,
                   help="output sample rate in Hz, a multiple of 10 (default: 16000; dyadic: "
                        "mixed, 8000 to 48000 by session)")
    p.add_argument("--shuffle-voices", action="store_true",
                   help="dyadic: deal the subject voices to Train/Devel/Test anew from the seed (as many "
                        "female and male voices per split as the fixed lists); default: the fixed lists")
    p.add_argument("--jobs", type=int, default=2,
                   help="parallel workers, i.e. parallel espeak-ng calls (default: 2)")
    p.add_argument("--lexicon", default=None,
                   help="word;valence list the words are drawn from (default: "
                        "lexicon/valence-lexicon.csv next to this script; dyadic: "
                        "lexicon/dyadic-lexicon.csv)")
    p.add_argument("--cache", default=None,
                   help="keep the synthesis cache in this folder (default: a temporary folder)")
    p.add_argument("--text-sentences", type=int, default=None,
                   help=f"sentences in the plain-text companion corpus (default: {TEXT_SENTENCES}, "
                        f"about 150 000 tokens; dyadic: {DYADIC_TEXT_SENTENCES}; 0: no text)")
    p.add_argument("--text-out", default=None,
                   help="folder for the text corpus part-NNN.txt files (default: <out>-text)")
    p.add_argument("--text-only", action="store_true",
                   help="write only the text corpus (no audio; espeak-ng and sox not needed)")
    args = p.parse_args(argv)
    profile = PROFILES[args.profile]
    args.dyadic = args.profile == "dyadic"
    if args.shuffle_voices and not args.dyadic:
        p.error("--shuffle-voices needs --profile dyadic: the sewa profile has one subject voice")
    if args.out is None:
        args.out = os.path.join(HERE, profile["out"])
    if args.lexicon is None:
        args.lexicon = os.path.join(HERE, "lexicon", profile["lexicon"])
    for key in ("seed", "text_sentences"):
        if getattr(args, key) is None:
            setattr(args, key, profile[key])
    if args.sample_rate is None:
        args.sample_rate = profile["sample_rate"]

    if args.sample_rate is not None and (args.sample_rate <= 0 or args.sample_rate % 10):
        p.error(f"--sample-rate must be a positive multiple of 10 Hz, got {args.sample_rate}")
    if args.jobs < 1:
        p.error(f"--jobs must be at least 1, got {args.jobs}")
    if args.hours is None and not 3 <= args.min_seconds <= args.max_seconds:
        p.error(f"need 3 <= --min-seconds <= --max-seconds, got {args.min_seconds}, "
                f"{args.max_seconds}")
    if args.max_seconds < 3:
        p.error(f"--max-seconds must be at least 3, got {args.max_seconds}")
    if args.hours is not None and args.hours <= 0:
        p.error(f"--hours must be positive, got {args.hours}")
    if args.text_sentences < 0:
        p.error(f"--text-sentences must be non-negative, got {args.text_sentences}")
    if args.text_only and args.text_sentences == 0:
        p.error("--text-only with --text-sentences 0 would write nothing")

    out = os.path.abspath(args.out.rstrip("/") or "/")
    text_out = os.path.abspath(args.text_out) if args.text_out else out + "-text"
    if args.text_only:
        generate_text(text_out, args.seed, os.path.abspath(args.lexicon), args.text_sentences)
        return

    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found on PATH; install it (apt-get install -y espeak-ng sox) "
                     f"or run generate.sh as root")

    truth = os.path.abspath(args.truth) if args.truth else out + "-truth"
    specs = plan_corpus(args)
    read_lexicon(args.lexicon)  # fail early on a bad lexicon
    truth_dirs = ("words", "latents", "utterances")
    if args.dyadic:
        plan_sessions(specs, args.seed, args.sample_rate, args.shuffle_voices)
        check_voices(specs)
        truth_dirs += ("tokens",)

    for d in ("audio", "labels", "turns", "transcriptions"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    for d in truth_dirs:
        os.makedirs(os.path.join(truth, d), exist_ok=True)
    wanted = {s["name"] for s in specs}
    for folder in [os.path.join(out, d) for d in ("audio", "labels", "turns", "transcriptions")] + \
                  [os.path.join(truth, d) for d in truth_dirs]:
        for f in os.listdir(folder):   # remove recordings of an earlier, larger run
            if NAME_RE.match(f) and f.rsplit(".", 1)[0] not in wanted:
                os.remove(os.path.join(folder, f))

    tmp_cache = None
    if args.cache:
        cache = os.path.abspath(args.cache)
        os.makedirs(cache, exist_ok=True)
    else:
        cache = tmp_cache = tempfile.mkdtemp(prefix="emospark-synth-cache-")
    cfg = {"out": out, "truth": truth, "seed": args.seed, "sample_rate": args.sample_rate,
           "lexicon": os.path.abspath(args.lexicon), "cache": cache}

    total_s = sum(s["d10"] for s in specs) / 10
    print(f"Generating {len(specs)} recordings ({total_s:.1f} s of audio, "
          f"{f'{args.sample_rate} Hz' if args.sample_rate else 'mixed rates'}, profile "
          f"{args.profile}) into {out} (truth: {truth}) with {args.jobs} job(s)", file=sys.stderr)
    t0 = time.monotonic()
    results = {}
    try:
        order = sorted(specs, key=lambda s: -s["d10"])   # longest first balances the workers
        if args.jobs == 1:
            for s in order:
                res = generate_recording(s, cfg)
                results[res["name"]] = res
                print(f"  {res['name']}: {res['duration_s']:.1f} s in {res['wall_s']:.1f} s",
                      file=sys.stderr)
        else:
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                futs = [pool.submit(generate_recording, s, cfg) for s in order]
                for fut in futs:
                    res = fut.result()
                    results[res["name"]] = res
                    print(f"  {res['name']}: {res['duration_s']:.1f} s in {res['wall_s']:.1f} s",
                          file=sys.stderr)
    finally:
        if tmp_cache:
            shutil.rmtree(tmp_cache, ignore_errors=True)
    wall = time.monotonic() - t0

    rows = ["name;split;duration_s;subject_utterances;interlocutor_utterances;subject_turns;"
            "tokens;subject_speech_s;interlocutor_speech_s" + (DYADIC_COLUMNS if args.dyadic else "")]
    for s in specs:
        r = results[s["name"]]
        rows.append(f"{r['name']};{r['split']};{r['duration_s']:.1f};{r['subject_utterances']};"
                    f"{r['interlocutor_utterances']};{r['turns']};{r['tokens']};"
                    f"{r['subject_speech_s']:.3f};{r['interlocutor_speech_s']:.3f}"
                    + (dyadic_columns(r) if args.dyadic else ""))
    write_text(os.path.join(truth, "recordings.csv"), rows)
    write_truth_readme(truth, args, specs)

    calls = sum(r["espeak_calls"] for r in results.values())
    inter = sum(r["interlocutor_speech_s"] for r in results.values())
    subj = sum(r["subject_speech_s"] for r in results.values())
    print(f"Done: {total_s:.1f} s of audio in {wall:.1f} s wall ({total_s / wall:.1f} audio s per "
          f"wall s); {calls} espeak-ng calls; subject speaks {100 * subj / total_s:.0f}% and "
          f"interlocutor {100 * inter / total_s:.0f}% of the time", file=sys.stderr)
    if args.text_sentences:
        generate_text(text_out, args.seed, cfg["lexicon"], args.text_sentences)


DYADIC_COLUMNS = (";subject_voice;subject_rate;subject_pitch;interlocutor_voice;interlocutor_rate;"
                  "interlocutor_pitch;interlocutor_gain_db;interlocutor_share;turn_attempt;"
                  "gain_drawn_db;gain_db;"
                  "peak_dbfs;subject_speech_dbfs;snr_db;noise;hum_hz;hum_share;reverb;sample_rate;"
                  "channels;right_minus_left_db;format")


def dyadic_columns(r):
    """The DYADIC_COLUMNS of one recording's result (generate_recording)."""
    s = r["session"]
    return (f";{s['subject_voice']};{s['subject_rate']};{s['subject_pitch']};"
            f"{s['interlocutor_voice']};{s['interlocutor_rate']};{s['interlocutor_pitch']};"
            f"{s['interlocutor_gain_db']:.2f};{r['interlocutor_speech_s'] / r['duration_s']:.3f};"
            f"{r['attempt']};"
            f"{s['gain_drawn_db']:.2f};{r['gain_db']:.2f};{r['peak_dbfs']:.2f};"
            f"{r['subject_speech_dbfs']:.2f};{s['snr_db']:.2f};{s['noise']};{s['hum_hz']};"
            f"{s['hum_share']:.2f};{' '.join(s['reverb'][1:]) if s['reverb'] else 'none'};"
            f"{s['sample_rate']};{s['channels']};{s['right_minus_left_db']:.2f};{s['format']}")


def check_voices(specs):
    """espeak-ng quietly ignores a variant it cannot apply (an unknown or mis-cased name, or any
    variant after a language such as en-gb): refuse a voice that sounds exactly like its language
    without the variant."""
    voices = sorted({s["session"][key] for s in specs
                     for key in ("subject_voice", "interlocutor_voice")})
    with tempfile.TemporaryDirectory(prefix="emospark-voices-") as tmp:
        def synth(voice):
            path = os.path.join(tmp, "voice.wav")
            subprocess.run(["espeak-ng", "-v", voice, "-w", path, "comfortable weather"],
                           check=True, stdout=subprocess.DEVNULL)
            with open(path, "rb") as f:
                return f.read()

        for voice in voices:
            if synth(voice) == synth(voice.split("+")[0]):
                sys.exit(f"espeak-ng ignores the variant of voice {voice!r}: it sounds exactly like "
                         f"{voice.split('+')[0]!r} (espeak-ng --voices=variant lists the variants)")


def write_truth_readme(truth, args, specs):
    argv = [f"--seed {args.seed}"] + ([f"--sample-rate {args.sample_rate}"]
                                      if args.sample_rate else [])
    if args.dyadic:
        argv.insert(0, "--profile dyadic")
        if args.shuffle_voices:
            argv.insert(1, "--shuffle-voices")
    if args.hours is not None:
        argv.append(f"--hours {args.hours:g} --max-seconds {args.max_seconds:g}")
    else:
        argv.append(f"--min-seconds {args.min_seconds:g} --max-seconds {args.max_seconds:g}")
    counts = [sum(1 for s in specs if s["split"] == sp) for sp in SPLITS]
    argv.append("--recordings " + ",".join(map(str, counts)))
    lines = [
        "# Ground truth for the synthetic corpus (not part of the AVEC layout)",
        "",
        f"Generated by `sample-data/generate.py {' '.join(argv)}` with espeak-ng "
        f"{tool_version(['espeak-ng', '--version'])} and sox {tool_version(['sox', '--version'])}.",
        "",
        "- `words/NAME.csv` (`utterance_index;word_index;word;start_s;end_s`, header): the exact "
        "span of every transcript token in the audio, subject and interlocutor, in time order. "
        "`utterance_index` is the 0-based row in `transcriptions/NAME.csv`; `word_index` runs "
        "0-based over the whole recording; `word` is the transcript token lower-cased with "
        "punctuation other than `<>` removed (tags such as `<laughter>` are tokens with the span "
        "of their sound). Times in seconds, 6 decimals, exact to the 22050 Hz synthesis sample.",
        "- `latents/NAME.csv` (`time_s;arousal;valence;liking`, header): the noise-free latent "
        "curves on the labels' 0.1 s grid (same number of rows as `labels/NAME.csv`); the labels "
        "are these plus smoothed annotator noise (sd 0.05), clipped to [-1, 1].",
        "- `utterances/NAME.csv` (`utterance_index;speaker;start_s;end_s;n_tokens`, header): who "
        "speaks each transcript row (`subject` or `interlocutor`), exact times.",
        "- `recordings.csv`: per recording split, duration, utterance/turn/token counts and speech "
        "time of each speaker.",
    ]
    if args.dyadic:
        lines[-3] = lines[-3].replace("`time_s;arousal;valence;liking`", "`time_s;arousal;valence;"
                                      "liking;interlocutor_arousal;interlocutor_valence`") + (
            " The labels follow the subject only; the last two columns are the interlocutor's own "
            "latents, independent of the subject's, which drive its prosody and its word choice.")
        lines[-1] += (" Then per session: the subject's and the interlocutor's espeak-ng voice "
                      "and base rate (words/min) and pitch (0-99) at arousal 0, the interlocutor's "
                      "level relative to the subject's (dB) and its measured share of the time, "
                      "the turn-taking attempt kept (0: the first; a recording whose interlocutor "
                      f"share falls outside {DYADIC_SHARE_RANGE[0]:g}-{DYADIC_SHARE_RANGE[1]:g} is "
                      "built again with another turn-taking stream), "
                      "the recording gain drawn and applied (lowered where the peak would pass "
                      f"{DYADIC_PEAK_DBFS:g} dBFS), the measured peak (dBFS) and subject speech RMS "
                      "(dBFS, over the subject's tokens), the SNR (dB, subject speech RMS over "
                      "background RMS at the 22050 Hz assembly), noise colour, hum frequency "
                      "(0: none) and its share of the background power, sox reverb parameters "
                      "(reverberance HF-damping room-scale stereo-depth pre-delay wet-gain; "
                      "none: dry), sample rate, channels, right minus left channel level (dB) and "
                      "file format.")
        lines.insert(-3, "- `tokens/NAME.csv` (`utterance_index;word_index;speaker;word;start_s;"
                         "end_s`, header): the rows of `words/NAME.csv` with the speaker of each "
                         "token (`subject` or `interlocutor`). Times are those of the dry sound; "
                         "in reverberant sessions each sound rings on after its end.")
    write_text(os.path.join(truth, "README.md"), lines)


if __name__ == "__main__":
    main()
