"""N-gram language models and perplexity on text from a known source.

The "language" is a first-order Markov chain over 20 tokens, so its true per-token
perplexity is known exactly. Unigram, bigram and trigram models with add-k smoothing are
fit on a training text and scored on held-out text; perplexity is exp of the average
negative log-likelihood per token.
"""

# %%
# The source: a random sparse transition matrix. Its entropy rate H (nats per token) under
# the stationary distribution gives the best achievable perplexity, exp(H).
import os
from decimal import Decimal, getcontext

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import log_loss

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
V = 20
P = rng.dirichlet(np.full(V, 0.3), size=V)         # P[i, j] = p(next = j | current = i)
evals, evecs = np.linalg.eig(P.T)
pi = np.real(evecs[:, np.argmin(np.abs(evals - 1))])
pi /= pi.sum()                                     # stationary distribution
with np.errstate(divide="ignore", invalid="ignore"):
    row_entropy = -np.nansum(P * np.log(P), axis=1)
true_ppl = np.exp(pi @ row_entropy)


def sample(n):
    x = np.empty(n, dtype=int)
    x[0] = rng.choice(V, p=pi)
    u = rng.random(n)
    cum = P.cumsum(axis=1)
    for t in range(1, n):
        x[t] = min(np.searchsorted(cum[x[t - 1]], u[t]), V - 1)
    return x


train, test = sample(5_000), sample(20_000)


# %%
# Models. Each returns log p(x_t | history) for every t >= 2 (the first two tokens are
# skipped for all models so they are scored on exactly the same positions).
def ngram_logprobs(train, text, order, k):
    """Add-k smoothed n-gram model: (count(h, w) + k) / (count(h) + k V)."""
    counts = np.zeros((V,) * order)
    np.add.at(counts, tuple(train[i:len(train) - order + 1 + i] for i in range(order)), 1)
    n = order - 1                                   # length of the history
    history = tuple(text[2 - n + i:len(text) - n + i] for i in range(n))
    num = counts[history + (text[2:],)] + k
    den = (counts.sum(axis=-1)[history] if order > 1 else counts.sum()) + k * V
    with np.errstate(divide="ignore"):
        return np.log(num) - np.log(den)


def perplexity(logprobs):
    return float(np.exp(-np.mean(logprobs)))


# The uniform model is scored by scikit-learn's log loss (mean negative log-likelihood) on a
# table of probabilities 1 / V, independently of the perplexity function above.
uniform = float(np.exp(log_loss(test[2:], np.full((len(test) - 2, V), 1 / V), labels=np.arange(V))))
unigram = perplexity(ngram_logprobs(train, test, 1, k=1.0))
oracle = perplexity(np.log(P[test[1:-1], test[2:]]))   # the true model itself

ks = np.logspace(-3, 1, 17)
bigram = [perplexity(ngram_logprobs(train, test, 2, k)) for k in ks]
trigram = [perplexity(ngram_logprobs(train, test, 3, k)) for k in ks]
bigram_train = [perplexity(ngram_logprobs(train, train, 2, k)) for k in ks]
best_bi, best_tri = int(np.argmin(bigram)), int(np.argmin(trigram))

print(f"vocabulary {V}, training tokens {len(train):,}, test tokens {len(test):,}")
print(f"{'model':<32} {'test perplexity':>15}")
rows = [("uniform over the vocabulary", uniform), ("unigram, add-1", unigram),
        (f"trigram, add-k (best k={ks[best_tri]:.3f})", trigram[best_tri]),
        (f"bigram, add-k (best k={ks[best_bi]:.3f})", bigram[best_bi]),
        ("true model (Markov chain)", oracle)]
for name, value in rows:
    print(f"{name:<32} {value:15.2f}")
print(f"entropy rate of the source: exp(H) = {true_ppl:.2f}")

# %%
# Checks. A uniform model's perplexity is exactly V (the "effective branching factor").
# The true model gets close to exp(H); the bigram (the right order) comes next; the trigram
# has 20 times more contexts to estimate from the same data and does worse; the unigram
# ignores context altogether and stays close to uniform.
assert abs(uniform - V) < 1e-9
assert abs(oracle / true_ppl - 1) < 0.05
assert oracle < bigram[best_bi] < trigram[best_tri] < unigram < uniform
assert bigram[best_bi] < 1.1 * oracle
assert unigram > 0.8 * uniform
assert all(tr < te for tr, te in zip(bigram_train, bigram))   # training text looks easier
assert 0 < best_bi < len(ks) - 1 and 0 < best_tri < len(ks) - 1  # U-shaped in k

# Perplexity is the geometric mean of 1 / p(token): checked against the product of the
# inverse probabilities itself, in 50-digit decimal arithmetic (in floats it would overflow),
# and its N-th root.
lp = ngram_logprobs(train, test, 2, ks[best_bi])
getcontext().prec = 50
product = Decimal(1)
for p_token in np.exp(lp):
    product /= Decimal(float(p_token))
geometric_mean = float(product ** (Decimal(1) / Decimal(len(lp))))
assert abs(geometric_mean / perplexity(lp) - 1) < 1e-9

# Its logarithm is the cross-entropy: scikit-learn's log loss on the bigram's full predictive
# table (every row a normalised distribution over the V tokens) gives the same number.
counts2 = np.zeros((V, V))
np.add.at(counts2, (train[:-1], train[1:]), 1)
table = (counts2 + ks[best_bi]) / (counts2.sum(axis=1, keepdims=True) + ks[best_bi] * V)
cross_entropy = log_loss(test[2:], table[test[1:-1]], labels=np.arange(V))
assert abs(np.exp(cross_entropy) / perplexity(lp) - 1) < 1e-9
print(f"best bigram: cross-entropy {cross_entropy:.3f} nats = {cross_entropy / np.log(2):.3f} bits "
      f"per token, perplexity {np.exp(cross_entropy):.2f}")

# At low perplexity small differences are large in bits: 10 -> 9 saves log2(10 / 9) bits per token.
print(f"perplexity 10 -> 9 saves {np.log2(10 / 9):.3f} bits per token")
assert abs(np.log2(10 / 9) - 0.15) < 0.005

# Without smoothing, one test bigram never seen in training has probability 0, and the
# perplexity of the whole test set is infinite.
with np.errstate(divide="ignore"):
    unsmoothed = perplexity(ngram_logprobs(train[:500], test, 2, k=0.0))
print(f"unsmoothed bigram trained on 500 tokens: perplexity {unsmoothed}")
assert np.isinf(unsmoothed)

# %%
# Test perplexity against the smoothing constant: too little smoothing trusts rare counts,
# too much flattens every distribution towards uniform.
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Test perplexity of bigram and trigram models against the add-k smoothing constant; "
        "both curves are U-shaped, the bigram's minimum lies just above the true model's "
        "perplexity and the trigram's lies higher")
ax.semilogx(ks, bigram, "o-", label="bigram, test")
ax.semilogx(ks, bigram_train, "o--", color="C0", alpha=0.5, label="bigram, training text")
ax.semilogx(ks, trigram, "s-", label="trigram, test")
ax.axhline(oracle, color="k", lw=1, label="true model")
ax.axhline(unigram, color="C3", lw=1, ls=":", label="unigram")
ax.set_xlabel("add-k smoothing constant k")
ax.set_ylabel("perplexity")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
