"""Byte-pair encoding and WordPiece, trained from scratch on a tiny corpus.

BPE merges the most frequent adjacent pair of symbols; WordPiece merges the pair whose
count is highest relative to the counts of its parts. Both segment words they never saw
into known pieces, and the number of merges trades vocabulary size against sequence length.
"""

# %%
# A small corpus with shared stems and suffixes (play/played/player, old/older/oldest...).
# Words are split on letters only; each word ends with "_" so that BPE can learn
# word-final pieces such as "est_" that differ from the same letters inside a word.
import re
from collections import Counter

import matplotlib.pyplot as plt

text = """
the old player played a new game while the younger players were playing an older game.
the newest games are played faster than the older ones, and the fastest player wins.
a slow player plays slowly, but a fast player plays quickly and plays again.
players who play fast get faster; players who play slowly get slower.
the lowest score is low, the highest score is high, and a higher score is better.
she walked to the game, he walked home, and they are walking together.
walkers walk, talkers talk, and the talking player talked longer than the walking one.
newer players learn newer tricks; older players keep the oldest tricks.
the longest game was longer than the long game the players played before.
"""
word_counts = Counter(re.findall(r"[a-z]+", text))
print(f"corpus: {sum(word_counts.values())} words, {len(word_counts)} distinct")


# %%
# BPE training (Sennrich et al., 2016): start from characters, count adjacent pairs
# weighted by word frequency, merge the most frequent pair everywhere, repeat.
def pair_counts(segmented):
    pairs = Counter()
    for symbols, count in segmented.items():
        for a, b in zip(symbols, symbols[1:]):
            pairs[a, b] += count
    return pairs


def merge_pair(symbols, pair, joined):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(joined)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(counts, n_merges):
    segmented = {tuple(w) + ("_",): c for w, c in counts.items()}
    merges = []
    for _ in range(n_merges):
        pairs = pair_counts(segmented)
        if not pairs:
            break
        best = max(pairs, key=lambda p: (pairs[p], p))  # ties broken deterministically
        merges.append(best)
        segmented = {merge_pair(s, best, best[0] + best[1]): c for s, c in segmented.items()}
    return merges


def bpe_encode(word, merges):
    """Apply the learned merges to a new word, earliest-learned merge first."""
    rank = {pair: r for r, pair in enumerate(merges)}
    symbols = tuple(word) + ("_",)
    while True:
        ranked = [(rank[p], p) for p in zip(symbols, symbols[1:]) if p in rank]
        if not ranked:
            return list(symbols)
        _, pair = min(ranked)
        symbols = merge_pair(symbols, pair, pair[0] + pair[1])


merges = train_bpe(word_counts, 60)
print("first ten BPE merges:", ", ".join(a + "+" + b for a, b in merges[:10]))
initial = pair_counts({tuple(w) + ("_",): c for w, c in word_counts.items()})
print("most frequent character pairs:", initial.most_common(3))
assert merges[0] == initial.most_common(1)[0][0] == ("e", "_")  # "the", "game", "one"...

# %%
# Segment words. Frequent words become one token; unseen words split into known pieces,
# so nothing is out of vocabulary as long as its characters were seen.
unseen = ["slowest", "replaying", "talker", "youngest"]
assert all(w not in word_counts for w in unseen)
print("\nBPE, 60 merges")
for w in ["players", "the"] + unseen:
    print(f"  {w:<10} -> {' '.join(bpe_encode(w, merges))}")
assert bpe_encode("the", merges) == ["the_"]
assert bpe_encode("players", merges) == ["players_"]
for w in unseen:
    pieces = bpe_encode(w, merges)
    assert "".join(pieces) == w + "_" and 1 < len(pieces) < len(w)
assert bpe_encode("slowest", merges) == ["slow", "est_"]  # suffix learned from oldest, fastest...
assert bpe_encode("talker", merges) == ["talk", "er_"]
assert bpe_encode("replaying", merges) == ["r", "e", "play", "ing_"]  # frequency, not morphology


# %%
# WordPiece (as in BERT): same loop, but the pair score is count(ab) / (count(a) count(b)),
# which favours pairs whose parts rarely occur apart. Inside a word, pieces carry a "##"
# prefix. Encoding is greedy longest-match-first against the vocabulary.
def train_wordpiece(counts, n_merges):
    segmented = {tuple([w[0]] + ["##" + ch for ch in w[1:]]): c for w, c in counts.items()}
    vocab = {s for symbols in segmented for s in symbols}
    for _ in range(n_merges):
        pairs, singles = pair_counts(segmented), Counter()
        for symbols, c in segmented.items():
            for s in symbols:
                singles[s] += c
        if not pairs:
            break
        best = max(pairs, key=lambda p: (pairs[p] / (singles[p[0]] * singles[p[1]]), p))
        joined = best[0] + best[1].removeprefix("##")
        vocab.add(joined)
        segmented = {merge_pair(s, best, joined): c for s, c in segmented.items()}
    return vocab


def wordpiece_encode(word, vocab):
    pieces, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                pieces.append(piece)
                start = end
                break
        else:
            return ["[UNK]"]  # no known piece: the whole word becomes unknown
    return pieces


wp_vocab = train_wordpiece(word_counts, 60)
print("\nWordPiece, 60 merges")
for w in ["players"] + unseen:
    print(f"  {w:<10} -> {' '.join(wordpiece_encode(w, wp_vocab))}")
for w in ["slowest", "talker", "youngest"]:
    assert "".join(p.removeprefix("##") for p in wordpiece_encode(w, wp_vocab)) == w
# No corpus word starts with "r", so a word-initial "r" is not in the vocabulary and
# greedy matching fails on the first character: the whole word becomes [UNK].
assert not any(w.startswith("r") for w in word_counts)
assert wordpiece_encode("replaying", wp_vocab) == ["[UNK]"]
# The score divides by the parts' counts, so frequent letters are merged late: after the
# same 60 merges, BPE has "players" as one token while WordPiece still spells most of it out.
assert len(wordpiece_encode("players", wp_vocab)) >= len("players") - 1  # almost letter by letter
assert wordpiece_encode("zebra", wp_vocab) == ["[UNK]"]  # "z" never occurs in the corpus

# %%
# A character the corpus never contained breaks a character-level base vocabulary;
# byte-level BPE (GPT-2) starts from the 256 byte values instead, so every string encodes.
assert "z" not in "".join(word_counts)
assert list("café".encode("utf-8"))[-2:] == [0xC3, 0xA9]  # "é" is two bytes in UTF-8

# %%
# The trade-off: more merges mean a larger vocabulary and shorter sequences.
sentence = re.findall(r"[a-z]+", "the youngest walkers talked slowly while older players "
                                 "replayed the longest games faster than before")
steps = list(range(0, 121, 10))
tokens_per_word, vocab_sizes = [], []
for k in steps:
    m = train_bpe(word_counts, k)
    tokens_per_word.append(sum(len(bpe_encode(w, m)) for w in sentence) / len(sentence))
    vocab_sizes.append(len(set("".join(word_counts)) | {"_"}) + len(m))
print("\nmerges  vocab  tokens/word (new sentence)")
for k, v, t in zip(steps, vocab_sizes, tokens_per_word):
    if k % 30 == 0:
        print(f"{k:6d} {v:6d} {t:8.2f}")
chars_per_word = sum(len(w) + 1 for w in sentence) / len(sentence)
assert abs(tokens_per_word[0] - chars_per_word) < 1e-9  # 0 merges = characters
assert all(a >= b for a, b in zip(tokens_per_word, tokens_per_word[1:]))
assert tokens_per_word[0] > 6 and tokens_per_word[-1] < 2

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Average BPE tokens per word on a new sentence falls from more than six symbols "
        "(single characters) to under two as the number of merges, and so the vocabulary, grows")
ax.plot(vocab_sizes, tokens_per_word, "o-")
ax.set_xlabel("vocabulary size (base symbols + merges)")
ax.set_ylabel("tokens per word, new sentence")
ax.set_title("BPE: bigger vocabulary, shorter sequences")
fig.tight_layout()
plt.show()
