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

Only the Python standard library, espeak-ng and sox are used. The output is deterministic: the
same arguments give byte-identical files with the same espeak-ng and sox versions.
"""

import argparse
import array
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

    def candidates(self, v):
        """Content words rated within VALENCE_WINDOW of v (fallback: the nearest ones)."""
        cands = [w for w in self.content if abs(self.ratings[w] - v) <= VALENCE_WINDOW]
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


def sox_resample_raw(raw, rate_in, rate_out, encoding, bits):
    """Resample raw mono samples with sox (repeatable mode, no dither)."""
    fmt = ["-t", "raw", "-e", encoding, "-b", str(bits), "-c", "1"]
    cmd = ["sox", "-R", "-D", "-V1", *fmt, "-r", str(rate_in), "-", *fmt, "-r", str(rate_out), "-"]
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


class RecordingBuilder:
    def __init__(self, spec, cfg, bank, lexicon):
        self.name = spec["name"]
        self.d10 = spec["d10"]
        self.duration = self.d10 / 10
        self.cfg = cfg
        self.bank = bank
        self.lex = lexicon
        base = f"{cfg['seed']}/{self.name}"
        self.arousal = Latent(Random(base + "/arousal"), self.duration)
        self.valence = Latent(Random(base + "/valence"), self.duration)
        self.r_words = Random(base + "/words")    # word choice, punctuation (never sees arousal)
        self.r_time = Random(base + "/timing")    # gaps and pauses
        self.r_tags = Random(base + "/tags")      # tag and filler decisions
        self.r_turns = Random(base + "/turns")    # who speaks when
        self.r_inter = Random(base + "/interlocutor")  # interlocutor words
        self.n_samples = self.d10 * SAMPLES_PER_STEP
        self.buf = array.array("f", bytes(4 * self.n_samples))
        self.utterances = []

    # -- prosody --------------------------------------------------------------------------------
    def subject_prosody(self, t):
        a = self.arousal(t)
        aq = round(a / AROUSAL_QUANTUM) * AROUSAL_QUANTUM
        rate = int(round(RATE_BASE + RATE_PER_A * aq))
        pitch = int(round(PITCH_BASE + PITCH_PER_A * aq))
        return rate, pitch, GAIN_BASE_DB + GAIN_PER_A_DB * a

    def word_gap(self, speaker, t):
        r = self.r_time
        zero = r.random() < 0.2
        u = r.uniform(0.0, 0.08)
        if zero:
            return 0.0
        if speaker == "interlocutor":
            return u * 0.6
        return u * (0.6 - 0.4 * self.arousal(t))

    def utterance_pause(self, t):
        base = 0.9 - 0.5 * self.arousal(t)
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
            if speaker == "subject":
                rate, pitch, gain_db = self.subject_prosody(t)
            else:
                rate, pitch, gain_db = INTERLOCUTOR_RATE, INTERLOCUTOR_PITCH, INTERLOCUTOR_GAIN_DB
            voice = SUBJECT_VOICE if speaker == "subject" else INTERLOCUTOR_VOICE
            if source[0] == "speech":
                text = source[1] if source[1] is not None else word
                pcm = self.bank.speech(voice, text, rate, pitch)
            else:
                pcm = self.bank.noise_tag(source[1], source[2])
            tokens.append(Token(display, word, cursor, len(pcm)))
            segments.append((cursor, pcm, gain_db))
            cursor += len(pcm)
        if cursor + int(0.3 * INTERNAL_RATE) > self.n_samples:
            return None
        return Utterance(speaker, tokens), segments

    def _commit(self, placed):
        utt, segments = placed
        for start, pcm, gain_db in segments:
            g = 10 ** (gain_db / 20) / 32768.0
            self.buf[start:start + len(pcm)] = array.array("f", [x * g for x in pcm])
        self.utterances.append(utt)
        return utt.end / INTERNAL_RATE

    def subject_items(self, t0):
        rw, rt = self.r_words, self.r_tags
        a0, v0 = self.arousal(t0), self.valence(t0)
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
                    return pick_content(self.lex, self.valence(t), u)
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
        while not done:
            if interlocutor_next:
                for _ in range(1 if rturn.random() < 0.7 else 2):
                    placed = self._place(self.interlocutor_items(), "interlocutor", t)
                    if placed is None:
                        done = True
                        break
                    start = t
                    t = self._commit(placed)
                    inter_time += t - start
                    t += self.utterance_pause(t)
            else:
                for _ in range(rturn.randint(1, 4)):
                    placed = self._place(self.subject_items(t), "subject", t)
                    if placed is None:
                        done = True
                        break
                    t = self._commit(placed)
                    t += self.utterance_pause(t)
            if interlocutor_next:
                interlocutor_next = False
            else:
                want = inter_time < INTERLOCUTOR_SHARE * t
                interlocutor_next = want and rturn.random() < 0.85
        return self

    # -- outputs --------------------------------------------------------------------------------
    def render_audio(self, out_rate):
        samples = self.buf
        n_out = self.d10 * out_rate // 10
        if out_rate != INTERNAL_RATE:
            raw = samples.tobytes()
            res = array.array("f")
            res.frombytes(sox_resample_raw(raw, INTERNAL_RATE, out_rate, "floating-point", 32))
            samples = res
        if len(samples) < n_out:
            samples.extend(array.array("f", bytes(4 * (n_out - len(samples)))))
        samples = samples[:n_out]
        # faint seeded background noise: uniform, RMS = NOISE_DBFS, then quantise to 16 bit
        noise_rng = Random(f"{self.cfg['seed']}/{self.name}/noise")
        amp = math.sqrt(3) * 10 ** (NOISE_DBFS / 20) * 32767
        table = [(b - 127.5) / 127.5 * amp + 0.5 for b in range(256)]
        rb = noise_rng.randbytes(n_out)
        floor = math.floor
        vals = [floor(x * 32767.0 + table[b]) for x, b in zip(samples, rb)]
        if max(vals) > 32767 or min(vals) < -32768:
            vals = [max(-32768, min(32767, v)) for v in vals]
        pcm = array.array("h", vals)
        if sys.byteorder == "big":
            pcm.byteswap()
        return pcm

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
    name, out, truth = spec["name"], cfg["out"], cfg["truth"]

    pcm = rec.render_audio(cfg["sample_rate"])
    wav_path = os.path.join(out, "audio", name + ".wav")
    with wave.open(wav_path + ".tmp", "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(cfg["sample_rate"])
        w.writeframes(pcm.tobytes())
    os.replace(wav_path + ".tmp", wav_path)

    latents, labels = rec.label_rows()
    write_text(os.path.join(out, "labels", name + ".csv"),
               [f"{name};{tenths(i)};{f6(a)};{f6(v)};{f6(l)}" for i, a, v, l in labels])
    write_text(os.path.join(truth, "latents", name + ".csv"),
               ["time_s;arousal;valence;liking"] +
               [f"{tenths(i)};{f6(a)};{f6(v)};{f6(l)}" for i, a, v, l in latents])

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
    for ui, u in enumerate(utts):
        for tok in u.tokens:
            assert normalise(tok.text) == tok.word, (tok.text, tok.word)
            word_rows.append(f"{ui};{k};{tok.word};{secs(tok.start):.6f};"
                             f"{secs(tok.start + tok.length):.6f}")
            k += 1
    write_text(os.path.join(truth, "words", name + ".csv"), word_rows)
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
            "wall_s": time.monotonic() - t_start}


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
NAME_RE = re.compile(r"^(Train|Devel|Test)_\d+\.(wav|csv)$")


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
    p.add_argument("--out", default=os.path.join(HERE, "sewa-synth"),
                   help="corpus folder in the AVEC 2017 layout (default: sewa-synth next to "
                        "this script)")
    p.add_argument("--truth", default=None, help="truth folder (default: <out>-truth)")
    p.add_argument("--seed", type=int, default=2021, help="random seed (default: 2021)")
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
    p.add_argument("--sample-rate", type=int, default=16000,
                   help="output sample rate in Hz, a multiple of 10 (default: 16000)")
    p.add_argument("--jobs", type=int, default=2,
                   help="parallel workers, i.e. parallel espeak-ng calls (default: 2)")
    p.add_argument("--lexicon", default=os.path.join(HERE, "lexicon", "valence-lexicon.csv"),
                   help="word;valence list the words are drawn from (default: "
                        "lexicon/valence-lexicon.csv next to this script)")
    p.add_argument("--cache", default=None,
                   help="keep the synthesis cache in this folder (default: a temporary folder)")
    p.add_argument("--text-sentences", type=int, default=TEXT_SENTENCES,
                   help=f"sentences in the plain-text companion corpus (default: {TEXT_SENTENCES}, "
                        f"about 150 000 tokens; 0: no text)")
    p.add_argument("--text-out", default=None,
                   help="folder for the text corpus part-NNN.txt files (default: <out>-text)")
    p.add_argument("--text-only", action="store_true",
                   help="write only the text corpus (no audio; espeak-ng and sox not needed)")
    args = p.parse_args(argv)

    if args.sample_rate <= 0 or args.sample_rate % 10:
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

    for d in ("audio", "labels", "turns", "transcriptions"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    for d in ("words", "latents", "utterances"):
        os.makedirs(os.path.join(truth, d), exist_ok=True)
    wanted = {s["name"] for s in specs}
    for folder in [os.path.join(out, d) for d in ("audio", "labels", "turns", "transcriptions")] + \
                  [os.path.join(truth, d) for d in ("words", "latents", "utterances")]:
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
    print(f"Generating {len(specs)} recordings ({total_s:.1f} s of audio, {args.sample_rate} Hz) "
          f"into {out} (truth: {truth}) with {args.jobs} job(s)", file=sys.stderr)
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
            "tokens;subject_speech_s;interlocutor_speech_s"]
    for s in specs:
        r = results[s["name"]]
        rows.append(f"{r['name']};{r['split']};{r['duration_s']:.1f};{r['subject_utterances']};"
                    f"{r['interlocutor_utterances']};{r['turns']};{r['tokens']};"
                    f"{r['subject_speech_s']:.3f};{r['interlocutor_speech_s']:.3f}")
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


def write_truth_readme(truth, args, specs):
    argv = [f"--seed {args.seed}", f"--sample-rate {args.sample_rate}"]
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
    write_text(os.path.join(truth, "README.md"), lines)


if __name__ == "__main__":
    main()
