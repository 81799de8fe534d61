"""Drill: byte-pair encoding (BPE) training and encoding, after Sennrich et al. (2016).

Training splits every word into characters plus an end-of-word marker and repeatedly merges the
most frequent adjacent pair of symbols (ties: the lexicographically smallest pair). The solution
keeps the pair counts up to date incrementally, touching only the words that contain the merged
pair. Encoding a new word applies the learned merges by rank. The tests compare the merges with
a brute-force trainer that recounts every pair from scratch at each step, compare the encoder
with one that applies the merges one by one in learned order, and check that tokens join back
into the word and that each merge adds one symbol to the vocabulary.
"""

# %%
# Imports; the reference implementations live in the tests.
import os
from collections import Counter, defaultdict

import numpy as np

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

# The end-of-word marker: "st</w>" (a word ending) and "st" (inside a word) are different symbols.
END = "</w>"


# %%
# The solution: incremental training, then rank-based encoding.
# --8<-- [start:solution]

def pairs_of(symbols: list[str]) -> Counter:
    """Counts of adjacent symbol pairs in one word (overlapping occurrences all count)."""
    return Counter(zip(symbols, symbols[1:]))


def merge_word(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    """Replace every occurrence of pair in symbols by the joined symbol, scanning left to right."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def train_bpe(word_counts: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    """Learn up to num_merges BPE merges from a {word: frequency} dict.

    Each word starts as its characters followed by END. Each step merges the adjacent pair with
    the highest frequency-weighted count, counting every adjacent position, including overlapping
    ones in runs such as "aaa". Ties go to the lexicographically smallest pair, so the result
    does not depend on dict order. Stops early when no word has two symbols left. Returns the
    merges in the order learned. Pair counts are updated incrementally: only the words that
    contain the merged pair are recounted.
    """
    words = [list(word) + [END] for word in word_counts]
    freqs = list(word_counts.values())
    counts: Counter = Counter()
    where = defaultdict(set)  # pair -> indices of words that contain it
    for i, symbols in enumerate(words):
        for pair, c in pairs_of(symbols).items():
            counts[pair] += c * freqs[i]
            where[pair].add(i)
    merges = []
    for _ in range(num_merges):
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        for i in list(where[best]):
            old = pairs_of(words[i])
            if best not in old:  # stale index entry
                continue
            words[i] = merge_word(words[i], best)
            new = pairs_of(words[i])
            for pair in old | new:
                delta = (new[pair] - old[pair]) * freqs[i]
                if delta:
                    counts[pair] += delta
                    if counts[pair] == 0:
                        del counts[pair]
                if new[pair]:
                    where[pair].add(i)
        del where[best]
    return merges


def encode_bpe(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split a new word into subword tokens with learned merges.

    Start from characters plus END and repeatedly merge the adjacent pair whose merge was
    learned earliest, until no adjacent pair is a learned merge. This gives the same result as
    applying every merge in learned order. The rank table costs O(M) to build; a real tokenizer
    builds it once, after which each word costs O(L^2) for L characters, whatever the number of
    merges. Characters never seen in training stay single-character tokens.
    """
    rank = {pair: r for r, pair in enumerate(merges)}
    symbols = list(word) + [END]
    while len(symbols) > 1:
        ranked = [(rank[pair], pair) for pair in zip(symbols, symbols[1:]) if pair in rank]
        if not ranked:
            break
        symbols = merge_word(symbols, min(ranked)[1])
    return symbols
# --8<-- [end:solution]


# %%
# The tests: the worked example, brute-force references, round trips and vocabulary growth.
# --8<-- [start:tests]
def brute_force_train(word_counts, num_merges):
    """Reference trainer: recount every pair in every word at every step."""
    words = {word: list(word) + ["</w>"] for word in word_counts}
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for word, symbols in words.items():
            for a, b in zip(symbols, symbols[1:]):
                counts[a, b] += word_counts[word]
        if not counts:
            break
        top = max(counts.values())
        best = sorted(pair for pair, c in counts.items() if c == top)[0]
        merges.append(best)
        for word, symbols in words.items():
            out, i = [], 0
            while i < len(symbols):
                if tuple(symbols[i:i + 2]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            words[word] = out
    return merges, words


def apply_in_order(word, merges):
    """Reference encoder: apply every merge, in learned order, left to right."""
    symbols = list(word) + ["</w>"]
    for a, b in merges:
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def random_corpus(rng, n_words, alphabet):
    """Words of 1 to 9 letters with Zipf-like frequencies; a small alphabet forces long runs."""
    corpus = {}
    for rank in range(1, n_words + 1):
        word = "".join(rng.choice(list(alphabet), size=rng.integers(1, 10)))
        corpus[word] = corpus.get(word, 0) + int(1000 / rank) + 1
    return corpus


def test_worked_example():
    corpus = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
    merges = train_bpe(corpus, 5)
    tokens = encode_bpe("lowest", merges)
    print(f"  merges {merges}")
    print(f"  'lowest' -> {tokens}")
    assert merges == [("e", "s"), ("es", "t"), ("est", "</w>"), ("l", "o"), ("lo", "w")]
    assert tokens == ["low", "est</w>"]


def test_merges_match_brute_force():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n_words, alphabet, num_merges in [(50, "ab", 40), (200, "abcde", 150), (400, "abcdefghij", 300)]:
            corpus = random_corpus(rng, n_words, alphabet)
            assert train_bpe(corpus, num_merges) == brute_force_train(corpus, num_merges)[0]


def test_encoding_matches_in_order_application_and_round_trips():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        corpus = random_corpus(rng, 300, "abcdef")
        merges = train_bpe(corpus, 200)
        _, segmented = brute_force_train(corpus, 200)
        for word in corpus:  # training words: the same segmentation as at the end of training
            assert encode_bpe(word, merges) == segmented[word]
        for word in random_corpus(rng, 300, "abcdefxyz"):  # new words, some unseen letters
            tokens = encode_bpe(word, merges)
            assert tokens == apply_in_order(word, merges)
            assert "".join(tokens) == word + "</w>"


def test_vocabulary_grows_by_one_per_merge():
    rng = np.random.default_rng(SEED)
    corpus = random_corpus(rng, 300, "abcdefgh")
    initial = {ch for word in corpus for ch in word} | {"</w>"}
    merges = train_bpe(corpus, 250)
    vocab = set(initial)
    for k, (a, b) in enumerate(merges, start=1):
        assert a in vocab and b in vocab       # a merge joins two existing symbols
        vocab.add(a + b)
        assert len(vocab) == len(initial) + k  # and adds exactly one new one


def test_edge_cases_single_letters_and_exhaustion():
    assert train_bpe({"a": 10, "b": 3}, 5) == [("a", "</w>"), ("b", "</w>")]  # then nothing left
    # "aaa</w>": the pair (a, a) counts twice but merges once, left to right, giving "aa a </w>".
    # Then (a, </w>) and (aa, a) tie at 1; "a" sorts before "aa", so (a, </w>) wins.
    merges = train_bpe({"aaa": 1}, 10)
    assert merges == [("a", "a"), ("a", "</w>"), ("aa", "a</w>")]
    assert encode_bpe("aaaaa", merges) == ["aa", "aaa</w>"]
    assert encode_bpe("", merges) == ["</w>"]
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
