"""Deduplication and contamination checks for pretraining data, on synthetic token documents.

Builds MinHash signatures of word 5-gram sets and checks that the share of equal signature
entries estimates the exact Jaccard similarity within its binomial standard deviation. Checks
the LSH banding formula 1 - (1 - s^r)^b for the chance that a pair becomes a candidate against
simulation with fresh hash functions, runs exact and near-duplicate deduplication on a small
corpus, and shows what a 13-gram benchmark-contamination check catches and what it misses.
"""

# %%
# Synthetic "text": documents are token ids drawn from a Zipf-like distribution over a
# 5,000-word vocabulary, so frequent words repeat as in real text. A document is represented
# by the set of its 5-token shingles, each packed into one integer.
import hashlib
import os
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

V = 5_000
word_p = 1.0 / np.arange(1, V + 1) ** 1.1
word_p /= word_p.sum()
word_cdf = np.cumsum(word_p)
PRIME = (1 << 31) - 1          # hash arithmetic modulo a Mersenne prime fits in uint64


def make_doc(n_tokens):
    return np.minimum(np.searchsorted(word_cdf, rng.random(n_tokens)), V - 1)


def edit(doc, frac):
    """Replace a fraction of the token positions with random words (a near-duplicate)."""
    out = doc.copy()
    pos = rng.choice(len(doc), size=int(round(frac * len(doc))), replace=False)
    out[pos] = make_doc(len(pos))
    return out


def ngram_ids(doc, n):
    """Integer id of every n-gram of the document (base-V positional code)."""
    windows = np.lib.stride_tricks.sliding_window_view(doc.astype(np.uint64), n)
    weights = np.uint64(V) ** np.arange(n - 1, -1, -1, dtype=np.uint64)
    return (windows * weights).sum(axis=1)


def mix64(x):
    """SplitMix64 finaliser: scrambles structured ids so that the linear hashes act randomly."""
    x = x.astype(np.uint64)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingles(doc, n=5):
    return np.unique(mix64(ngram_ids(doc, n)) % np.uint64(PRIME))


def jaccard(a, b):
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def hash_family(k):
    """k random hash functions h(x) = (a x + b) mod p."""
    a = rng.integers(1, PRIME, size=k, dtype=np.uint64)
    b = rng.integers(0, PRIME, size=k, dtype=np.uint64)
    return a, b


def minhash(shingle_ids, a, b):
    """Signature: for each hash function, the smallest hash value over the set."""
    h = (a[:, None] * shingle_ids[None, :] + b[:, None]) % np.uint64(PRIME)
    return h.min(axis=1)


# %%
# MinHash estimates Jaccard. For one random hash function, two sets get the same minimum
# exactly when the smallest element of their union lies in their intersection, which happens
# with probability J. With k functions the share of equal entries is an unbiased estimate with
# standard deviation sqrt(J (1 - J) / k). Pairs span J from 0 (unrelated) to 1 (copies).
K = 256
a, b = hash_family(K)
pairs = []
for frac in np.linspace(0.0, 0.3, 40):
    base = make_doc(400)
    pairs.append((base, edit(base, frac)))
pairs += [(make_doc(400), make_doc(400)) for _ in range(10)]
exact, est = [], []
for d1, d2 in pairs:
    s1, s2 = shingles(d1), shingles(d2)
    exact.append(jaccard(s1, s2))
    est.append(np.mean(minhash(s1, a, b) == minhash(s2, a, b)))
exact, est = np.array(exact), np.array(est)
sd = np.sqrt(exact * (1 - exact) / K)
inside = (exact > 0.02) & (exact < 0.98)
z = (est - exact)[inside] / sd[inside]
print(f"MinHash with k = {K} hash functions, {len(pairs)} document pairs")
print("exact J   estimate   theoretical sd")
for i in np.argsort(exact)[::-1][::8]:
    print(f"{exact[i]:7.3f}   {est[i]:8.3f}   {sd[i]:14.3f}")
print(f"largest |error| / sd = {np.abs(z).max():.2f}; sd of the standardised errors = {z.std():.2f}")
assert np.all(np.abs(est - exact) <= 4 * sd + 1e-9)          # every pair within 4 sd
assert 0.7 < z.std() < 1.3                                    # errors have the predicted spread
print(f"theoretical sd at J = 0.5 with k = {K}: {np.sqrt(0.25 / K):.3f}")
assert round(np.sqrt(0.25 / K), 2) == 0.03
assert np.all(est[exact == 0] == 0) and np.all(est[exact == 1] == 1)

# %%
# LSH banding. Split the signature into b bands of r rows; a pair becomes a candidate if any
# band matches in all r rows, which happens with probability 1 - (1 - s^r)^b. Simulated with
# 300 fresh hash families per pair (short documents keep it fast).
B, R = 20, 10
T = 300
print(f"\nLSH with b = {B} bands of r = {R} rows; threshold (1/b)^(1/r) = {(1 / B) ** (1 / R):.3f}")
assert round((1 / B) ** (1 / R), 2) == 0.74 and round((1 / 50) ** (1 / 4), 2) == 0.38   # text, alt text
print("exact J   P(candidate) formula   simulated")
lsh_points = []
for frac in (0.0, 0.04, 0.08, 0.12, 0.18, 0.25):
    base = make_doc(150)
    s1, s2 = shingles(base), shingles(edit(base, frac))
    s = jaccard(s1, s2)
    union = np.union1d(s1, s2)
    in_both = np.isin(union, np.intersect1d(s1, s2))
    a_t, b_t = hash_family(T * B * R)
    h = (a_t[:, None] * union[None, :] + b_t[:, None]) % np.uint64(PRIME)
    row_match = in_both[h.argmin(axis=1)].reshape(T, B, R)   # min of union in intersection
    simulated = row_match.all(axis=2).any(axis=1).mean()
    formula = 1 - (1 - s ** R) ** B
    print(f"{s:7.3f}   {formula:20.3f}   {simulated:9.3f}")
    lsh_points.append((s, simulated))
    assert abs(simulated - formula) <= 4 * np.sqrt(formula * (1 - formula) / T) + 0.01

# %%
# Choosing the split for a target of J = 0.8 with 128 hashes. Candidates are verified later, so
# put the steep part a little below the target: false candidates cost a comparison, misses are lost.
print("\n128 hashes   threshold   P(cand | 0.7)   P(cand | 0.8)   P(cand | 0.9)")
design = {}
for bands, rows in ((8, 16), (16, 8), (32, 4)):
    design[bands, rows] = [1 - (1 - s_ ** rows) ** bands for s_ in (0.7, 0.8, 0.9)]
    print(f"{bands:3d} x {rows:<3d}    {(1 / bands) ** (1 / rows):9.2f}   "
          + "   ".join(f"{p_:13.3f}" for p_ in design[bands, rows]))
assert round((1 / 16) ** (1 / 8), 2) == 0.71 and abs(design[16, 8][1] - 0.95) < 0.01   # "about 95 %"
assert abs(design[8, 16][1] - 0.20) < 0.01        # "about 20 %": threshold too high, most 0.8 pairs missed

# %%
# Deduplicating a corpus of 400 documents: 300 originals, 50 exact copies and 50 light edits
# (1 % of tokens changed). An exact hash of the normalised text (here the token bytes) finds
# only the copies; MinHash LSH finds the edited ones too and compares few pairs.
originals = [make_doc(400) for _ in range(300)]
sources = rng.choice(300, 100, replace=False)       # distinct sources for copies and edits
src_copy, src_edit = sources[:50], sources[50:]
corpus = originals + [originals[i].copy() for i in src_copy] + [edit(originals[i], 0.01) for i in src_edit]
true_exact = {(int(i), 300 + j) for j, i in enumerate(src_copy)}
true_near = {(int(i), 350 + j) for j, i in enumerate(src_edit)}

digests = {}
exact_pairs = set()
for idx, doc in enumerate(corpus):
    key = hashlib.sha256(doc.astype(np.int64).tobytes()).hexdigest()
    if key in digests:
        exact_pairs.add((digests[key], idx))
    else:
        digests[key] = idx

sigs = np.array([minhash(shingles(doc), a[:B * R], b[:B * R]) for doc in corpus])
buckets = {}
for idx, sig in enumerate(sigs):
    for band in range(B):
        buckets.setdefault((band, sig[band * R:(band + 1) * R].tobytes()), []).append(idx)
candidates = {p for members in buckets.values() for p in combinations(sorted(members), 2)}
near_pairs = {p for p in candidates if np.mean(sigs[p[0]] == sigs[p[1]]) >= 0.7}
n_all = len(corpus) * (len(corpus) - 1) // 2
edit_js = [jaccard(shingles(corpus[i]), shingles(corpus[j])) for i, j in true_near]
print(f"\ncorpus of {len(corpus)} documents; edited copies have Jaccard "
      f"{min(edit_js):.2f}-{max(edit_js):.2f} with their source")
print(f"exact hashing: {len(exact_pairs & true_exact)}/50 copies, {len(exact_pairs & true_near)}/50 edits")
print(f"MinHash LSH:   {len(near_pairs & true_exact)}/50 copies, {len(near_pairs & true_near)}/50 edits, "
      f"{len(near_pairs - true_exact - true_near)} false pairs; "
      f"{len(candidates)} candidate pairs checked instead of {n_all:,}")
assert exact_pairs == true_exact
assert near_pairs == true_exact | true_near
assert candidates == true_exact | true_near and len(candidates) < 0.01 * n_all

# %%
# Contamination. A benchmark of 60 items (40 tokens each); 10 are pasted verbatim into the
# training corpus, 10 are pasted after rewording every 8th token (a light paraphrase), and 40
# stay clean. Flag an item if any of its n-grams occurs in the corpus, as GPT-3's 13-gram check
# did. Long n-grams raise no false alarms but miss the reworded items; 5-grams catch them and
# also flag clean items whose common phrases occur in the corpus by chance.
bench = [make_doc(40) for _ in range(60)]
train = [make_doc(300) for _ in range(3_000)]
kind = np.array(["verbatim"] * 10 + ["reworded"] * 10 + ["clean"] * 40)
for i in range(20):
    item = bench[i].copy()
    if i >= 10:
        item[::8] = (item[::8] + 1 + rng.integers(0, V - 1, size=item[::8].size)) % V
    host = int(rng.integers(len(train)))
    start = int(rng.integers(0, 300 - 40))
    train[host] = np.concatenate([train[host][:start], item, train[host][start:]])


def in_sorted(values, sorted_index):
    """Membership test against a sorted array of unique values."""
    pos = np.minimum(np.searchsorted(sorted_index, values), sorted_index.size - 1)
    return sorted_index[pos] == values


print("\nshare of benchmark items flagged")
print("n-gram   verbatim   reworded   clean")
flag_rate = {}
for n in (13, 8, 5):
    index = np.unique(np.concatenate([ngram_ids(doc, n) for doc in train]))
    flagged = np.array([in_sorted(ngram_ids(item, n), index).any() for item in bench])
    flag_rate[n] = {k: flagged[kind == k].mean() for k in ("verbatim", "reworded", "clean")}
    r = flag_rate[n]
    print(f"{n:6d}   {r['verbatim']:8.2f}   {r['reworded']:8.2f}   {r['clean']:5.2f}")
assert flag_rate[13] == {"verbatim": 1.0, "reworded": 0.0, "clean": 0.0}
assert flag_rate[8] == {"verbatim": 1.0, "reworded": 0.0, "clean": 0.0}  # reworded runs: <= 7 tokens
assert flag_rate[5]["verbatim"] == 1.0 and flag_rate[5]["reworded"] == 1.0
assert flag_rate[5]["clean"] > 0.05                      # chance matches of common phrases
if SEED == 0:                                             # the share quoted on the page
    assert flag_rate[5]["clean"] == 0.4

# %%
# Figure: the S-shaped candidate probability for two ways of splitting 200 hash values, with
# the simulated points for b = 20, r = 10. More rows per band move the threshold to the right.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Probability that a document pair becomes an LSH candidate against its Jaccard "
        "similarity: an S-shaped curve that rises steeply near 0.74 for 20 bands of 10 rows, "
        "with simulated points on it, and a curve rising near 0.38 for 50 bands of 4 rows")
grid = np.linspace(0, 1, 201)
for bands, rows in ((20, 10), (50, 4)):
    ax.plot(grid, 1 - (1 - grid ** rows) ** bands, label=f"b = {bands}, r = {rows}")
ax.plot(*zip(*lsh_points), "o", color="C0", label="simulated (b = 20, r = 10)")
ax.set_xlabel("Jaccard similarity of the pair")
ax.set_ylabel("P(candidate pair)")
ax.legend(frameon=False, loc="lower right")
fig.tight_layout()
plt.show()
