"""Latent Dirichlet allocation recovers topics planted in synthetic documents.

1. Generate a corpus exactly as LDA's generative story says: topics are distributions over
   words, each document mixes a few topics, each word picks a topic then a word.
2. Fit scikit-learn's LatentDirichletAllocation (batch variational Bayes) and match the fitted
   topics to the planted ones.
3. Choose K: held-out perplexity and UMass topic coherence for K = 3, 5 and 8.
"""

# %%
# The generative story, with 5 topics over a 300-word vocabulary. Sparse Dirichlet priors make
# each topic concentrate on a few dozen words and each document on one or two topics.
import os
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import LatentDirichletAllocation

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
K, V, n_docs = 5, 300, 500
alpha, eta = 0.1, 0.05
beta = rng.dirichlet(np.full(V, eta), size=K)              # topic-word distributions
theta = rng.dirichlet(np.full(K, alpha), size=n_docs)      # document-topic proportions
lengths = rng.poisson(60, n_docs)
counts = np.array([rng.multinomial(n, th @ beta) for n, th in zip(lengths, theta)])
train, test = counts[:400], counts[400:]

# %%
# Fit with the true K and match fitted to planted topics by cosine similarity (Hungarian).
# Variational inference finds local optima (two topics merged, another split), so keep the best
# of three restarts by the variational bound on the training data.
def fit(k, data, restarts=1):
    models = [LatentDirichletAllocation(n_components=k, doc_topic_prior=alpha,
                                        topic_word_prior=eta, learning_method="batch",
                                        max_iter=15, random_state=SEED + 1 + r).fit(data)
              for r in range(restarts)]
    return max(models, key=lambda m: m.score(data))


lda = fit(K, train, restarts=3)
phi = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
cos = (phi @ beta.T) / np.outer(np.linalg.norm(phi, axis=1), np.linalg.norm(beta, axis=1))
rows, cols = linear_sum_assignment(-cos)
print("planted topic   cosine with fitted   top-10 words shared")
for r, c in zip(rows, cols):
    shared = len(set(np.argsort(-phi[r])[:10]) & set(np.argsort(-beta[c])[:10]))
    print(f"{c:>13}{cos[r, c]:>21.3f}{shared:>21}")
assert cos[rows, cols].min() > 0.99

# Document-topic proportions are recovered too (total-variation distance per document).
theta_hat = lda.transform(train)[:, np.argsort(cols)]
mae = np.abs(theta_hat - theta[:400]).sum(axis=1).mean() / 2
print(f"mean total-variation error of document-topic proportions: {mae:.3f}")
assert mae < 0.06


# %%
# Choosing K: held-out perplexity (lower is better) and UMass coherence of each topic's top 10
# words (higher is better): log of how often top words co-occur in training documents; each pair
# is normalised by the document count of its higher-ranked word (Mimno et al., 2011).
def umass(model, data, top=10):
    present = data > 0
    scores = []
    for topic in model.components_:
        w = np.argsort(-topic)[:top]
        d = present[:, w].T.astype(float)
        co, single = d @ d.T, d.sum(axis=1)
        scores.append(np.mean([np.log((co[i, j] + 1) / single[j])
                               for i in range(top) for j in range(i)]))
    return np.mean(scores)


print(f"\n{'K':>3}{'held-out perplexity':>21}{'UMass coherence':>17}")
perp, coh = {}, {}
for k in (3, 5, 8):
    m = lda if k == K else fit(k, train)
    perp[k], coh[k] = m.perplexity(test), umass(m, train)
    print(f"{k:>3}{perp[k]:>21.1f}{coh[k]:>17.3f}")
assert min(perp, key=perp.get) == K and max(coh, key=coh.get) == K
assert perp[8] > 1.03 * perp[K]  # too many topics: held-out perplexity rises again
