#!/usr/bin/env python3
"""Builds lexicon/dyadic-lexicon.csv, the larger valence lexicon of the dyadic profile (see README.md).

Content words come from the Debian word list wamerican-small (/usr/share/dict/american-english-small,
installed with apt-get when it is missing and this runs as root): lower-case ASCII words of 4-9
letters that are not an inflected form of another entry (plural, -ed, -ing, -er, -est, -ly, -ness),
not a function word of generate.py and not in the sewa lexicon (lexicon/valence-lexicon.csv), so the
two lexicons share only the function words. They are shuffled with a seeded generator and taken in
that order while espeak-ng pronounces them as one word (one phoneme group with at most two stresses:
this rejects words espeak-ng would spell letter by letter, such as roman numerals).

Ratings are drawn seeded and have nothing to do with the words' meaning: 30 % of the words are
neutral, U(-0.1, 0.1); the others are +-U(0.15, 0.95), either sign equally likely; two decimals.
The function words of generate.py are rated 0. Rows are sorted by rating (descending), then word.

    python3 sample-data/make_dyadic_lexicon.py [--words N] [--seed S] [--out FILE]

The same word list, espeak-ng version and arguments give a byte-identical file.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  FUNCTION_WORDS, read_lexicon, write_text

WORD_LIST = "/usr/share/dict/american-english-small"
WORD_LIST_PACKAGE = "wamerican-small"
NEUTRAL_SHARE = 0.3
INFLECTIONS = (  # (suffix, what replaces it in the stem)
    ("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("ing", ""),
    ("ing", "e"), ("ly", ""), ("ily", "y"), ("er", ""), ("er", "e"), ("ier", "y"), ("est", ""),
    ("est", "e"), ("iest", "y"), ("ness", ""), ("iness", "y"), ("ers", ""), ("ings", ""))


def ensure_word_list():
    if os.path.exists(WORD_LIST):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {WORD_LIST_PACKAGE} with apt-get ...", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", WORD_LIST_PACKAGE], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if not os.path.exists(WORD_LIST):
        sys.exit(f"{WORD_LIST} not found: install it first (apt-get install -y {WORD_LIST_PACKAGE})")


def is_inflected(word, entries):
    """True when word is a regular inflection of another entry (doubled final consonants too)."""
    for suffix, rep in INFLECTIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[:-len(suffix)]
        if stem + rep in entries:
            return True
        if not rep and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in entries:
            return True   # thudding -> thud, hemmed -> hem
    return False


def candidates(excluded):
    with open(WORD_LIST, encoding="utf-8") as f:
        entries = {w for w in (line.strip() for line in f) if re.fullmatch(r"[a-z]+", w)}
    return sorted(w for w in entries
                  if 4 <= len(w) <= 9 and re.search(r"[aeiouy]", w) and w not in excluded
                  and not is_inflected(w, entries))


def pronounceable(words):
    """espeak-ng's phonemes for each word (one per line thanks to the full stops); a word is kept
    when they form one group with at most two stress marks."""
    out = subprocess.run(["espeak-ng", "-q", "-x", "--stdin"], input="".join(w + ".\n" for w in words),
                         stdout=subprocess.PIPE, check=True, text=True).stdout.split("\n")
    if len(out) < len(words):
        raise SystemExit(f"espeak-ng gave {len(out)} phoneme lines for {len(words)} words")
    return [w for w, ph in zip(words, out)
            if ph.strip() and " " not in ph.strip() and len(re.findall("[',]", ph)) <= 2]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--words", type=int, default=1800, help="content words (default: 1800)")
    p.add_argument("--seed", type=int, default=2017, help="random seed (default: 2017)")
    p.add_argument("--out", default=os.path.join(HERE, "lexicon", "dyadic-lexicon.csv"))
    args = p.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng not found on PATH (apt-get install -y espeak-ng)")
    ensure_word_list()

    sewa = generate.read_lexicon(os.path.join(HERE, "lexicon", "valence-lexicon.csv"))
    excluded = set(generate.FUNCTION_WORDS) | set(sewa) | {t.strip("<>") for t in generate.TAGS}
    pool = candidates(excluded)
    rng = Random(f"{args.seed}/lexicon")
    rng.shuffle(pool)
    chosen = []
    for k in range(0, len(pool), 500):
        chosen.extend(pronounceable(pool[k:k + 500]))
        if len(chosen) >= args.words:
            break
    if len(chosen) < args.words:
        sys.exit(f"only {len(chosen)} usable words in {WORD_LIST}")
    chosen = chosen[:args.words]

    ratings = {}
    for w in chosen:   # in the shuffled order, so the ratings do not follow the alphabet
        if rng.random() < NEUTRAL_SHARE:
            r = rng.uniform(-0.1, 0.1)
        else:
            r = rng.choice((-1, 1)) * rng.uniform(0.15, 0.95)
        ratings[w] = round(r, 2) + 0.0   # + 0.0 turns -0.0 into 0.0
    for w in generate.FUNCTION_WORDS:
        ratings[w] = 0.0
    rows = sorted(ratings.items(), key=lambda kv: (-kv[1], kv[0]))
    generate.write_text(args.out, ["word;valence"] + [f"{w};{r:.2f}" for w, r in rows])
    generate.read_lexicon(args.out)   # the generator must accept it
    content = [r for w, r in ratings.items() if w not in generate.FUNCTION_WORDS]
    print(f"{args.out}: {len(content)} content words ({sum(r > 0.1 for r in content)} positive, "
          f"{sum(r < -0.1 for r in content)} negative, {sum(abs(r) <= 0.1 for r in content)} neutral) "
          f"and {len(generate.FUNCTION_WORDS)} function words", file=sys.stderr)


if __name__ == "__main__":
    main()
