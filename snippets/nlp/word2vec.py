"""Skip-gram with negative sampling (word2vec), written in NumPy, on a generated corpus.

Words of the same kind (animals, foods, vehicles, places) appear in the same contexts, and
the people words (king, queen, man, woman, boy, girl) carry two independent attributes. The
learned vectors put similar words together and turn the attributes into directions, so
analogies such as man : king :: woman : queen work. A count-based PPMI + SVD model on the
same co-occurrences gives similar neighbours.
"""

# %%
# A corpus generated from templates. Which words fill a slot is random, so the only
# structure is distributional: "cat" and "goat" share contexts ("eats", "runs"...).
import os
import itertools

import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
categories = {
    "animal": ["cat", "dog", "horse", "cow", "goat", "sheep"],
    "food": ["bread", "cheese", "apple", "rice", "soup", "cake"],
    "vehicle": ["car", "bus", "train", "bike", "truck", "van"],
    "place": ["town", "city", "village", "market", "station", "harbour"],
}
templates = [
    "the {animal} eats the {food}", "a hungry {animal} sleeps near the {place}",
    "we bought {food} at the {place}", "the {vehicle} drove to the {place}",
    "my {food} was fresh and warm", "a {vehicle} needs fuel and a driver",
    "the {animal} runs across the field", "the {vehicle} stopped at the {place}",
]
sentences = []
for _ in range(3000):
    s = templates[rng.integers(len(templates))]
    for cat, words in categories.items():
        s = s.replace("{" + cat + "}", words[rng.integers(len(words))])
    sentences.append(s.split())

# People: gender shows in the pronouns, status in the objects near the word.
people = {("male", "royal"): "king", ("female", "royal"): "queen",
          ("male", "adult"): "man", ("female", "adult"): "woman",
          ("male", "young"): "boy", ("female", "young"): "girl"}
pronouns = {"male": ("he", "his"), "female": ("she", "her")}
objects = {"royal": ["crown", "palace", "throne"], "adult": ["job", "house", "wage"],
           "young": ["school", "toys", "parents"]}
for _ in range(3000):
    (gender, status), word = list(people.items())[rng.integers(len(people))]
    subject, possessive = pronouns[gender]
    thing = objects[status][rng.integers(3)]
    sentences.append((f"the {word} loved {possessive} {thing}" if rng.integers(2)
                      else f"{subject} was the {word} with a {thing}").split())

vocab = sorted({w for s in sentences for w in s})
index = {w: i for i, w in enumerate(vocab)}
V = len(vocab)
word_counts = np.bincount([index[w] for s in sentences for w in s], minlength=V)

# (centre, context) pairs within a window of 3 words on each side.
window = 3
pairs = np.array([(index[s[i]], index[s[j]]) for s in sentences for i in range(len(s))
                  for j in range(max(0, i - window), min(len(s), i + window + 1)) if j != i])
print(f"{len(sentences)} sentences, {V} word types, {len(pairs)} (centre, context) pairs")


# %%
# Skip-gram with negative sampling (Mikolov et al., 2013): for each observed pair, push
# sigma(v_centre . u_context) towards 1, and for k words drawn from the unigram
# distribution raised to 0.75, push sigma(v_centre . u_noise) towards 0.
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


dim, k, lr, epochs, batch = 20, 5, 0.025, 5, 256
noise = word_counts ** 0.75 / (word_counts ** 0.75).sum()
W = (rng.random((V, dim)) - 0.5) / dim   # centre ("input") vectors: the embeddings
C = np.zeros((V, dim))                   # context ("output") vectors
losses = []
for epoch in range(epochs):
    order = rng.permutation(len(pairs))
    total = 0.0
    for start in range(0, len(order), batch):
        centre, context = pairs[order[start:start + batch]].T
        negatives = rng.choice(V, size=(len(centre), k), p=noise)
        v, u_pos, u_neg = W[centre], C[context], C[negatives]
        s_pos = sigmoid((v * u_pos).sum(axis=1))
        s_neg = sigmoid(np.einsum("bd,bkd->bk", v, u_neg))
        total -= np.log(s_pos).sum() + np.log1p(-s_neg).sum()
        # Gradients of the loss with respect to the three sets of vectors.
        grad_v = (s_pos - 1)[:, None] * u_pos + np.einsum("bk,bkd->bd", s_neg, u_neg)
        np.add.at(C, context, -lr * (s_pos - 1)[:, None] * v)
        np.add.at(C, negatives, -lr * s_neg[:, :, None] * v[:, None, :])
        np.add.at(W, centre, -lr * grad_v)
    losses.append(total / len(pairs))
print("mean loss per pair by epoch:", " ".join(f"{x:.2f}" for x in losses))
assert losses[-1] < losses[0]

# %%
# Count-based alternative: positive pointwise mutual information of the same (centre,
# context) counts, reduced to 20 dimensions with an SVD. Levy and Goldberg (2014) showed
# that SGNS implicitly factorises a shifted PMI matrix, so the two should agree.
cooc = np.zeros((V, V))
np.add.at(cooc, (pairs[:, 0], pairs[:, 1]), 1)
p_joint = cooc / cooc.sum()
p_word, p_ctx = p_joint.sum(axis=1, keepdims=True), p_joint.sum(axis=0, keepdims=True)
with np.errstate(divide="ignore"):
    ppmi = np.maximum(np.log(p_joint / (p_word * p_ctx)), 0)
U, S, _ = np.linalg.svd(ppmi)
svd_vectors = U[:, :dim] * np.sqrt(S[:dim])


# %%
# Evaluation. (1) For each category word, is its nearest neighbour (cosine) in the same
# category? (2) Analogies a : b :: c : ?, answered by the word closest to b - a + c.
def unit(M):
    return M / np.linalg.norm(M, axis=1, keepdims=True)


labelled = {w: cat for cat, ws in categories.items() for w in ws}
labelled.update({w: "person" for w in people.values()})


def neighbour_purity(E):
    E = unit(E)
    hits = 0
    for w, cat in labelled.items():
        sims = E @ E[index[w]]
        sims[index[w]] = -np.inf
        hits += labelled.get(vocab[np.argmax(sims)]) == cat
    return hits / len(labelled)


attributes = {w: a for a, w in people.items()}
analogies = []
for a, b, c in itertools.permutations(people.values(), 3):
    (ga, sa), (gb, sb), (gc, sc) = attributes[a], attributes[b], attributes[c]
    if ga == gb and sa != sb and sc == sa and gc != ga:  # b differs from a in status only,
        analogies.append((a, b, c, people[gc, sb]))      # c differs from a in gender only


def analogy_accuracy(E):
    E = unit(E)
    correct = 0
    for a, b, c, d in analogies:
        sims = E @ (E[index[b]] - E[index[a]] + E[index[c]])
        sims[[index[a], index[b], index[c]]] = -np.inf
        correct += vocab[np.argmax(sims)] == d
    return correct / len(analogies)


models = {"random vectors": rng.normal(size=(V, dim)), "SGNS (word2vec)": W,
          "PPMI + SVD": svd_vectors}
scores = {name: (neighbour_purity(E), analogy_accuracy(E)) for name, E in models.items()}
print(f"\n{'model':<16} {'nearest neighbour same kind':>28} {'analogies':>10}")
for name, (purity, acc) in scores.items():
    print(f"{name:<16} {purity:>28.2f} {acc:>10.2f}")
print(f"({len(labelled)} labelled words, {len(analogies)} analogies)")

E = unit(W)
for w in ["cat", "bread", "car", "king"]:
    sims = E @ E[index[w]]
    top = [vocab[i] for i in np.argsort(-sims)[1:4]]
    print(f"  nearest to {w:<6}: {', '.join(top)}")
king_queen = E @ (E[index["king"]] - E[index["man"]] + E[index["woman"]])
king_queen[[index["king"], index["man"], index["woman"]]] = -np.inf
print(f"  king - man + woman = {vocab[np.argmax(king_queen)]}")

# Chance rate for random vectors: each labelled word has 5 others of its kind (person: 5 of 6)
# among the V - 1 other words.
chance = 5 / (V - 1)
print(f"  chance rate of a same-kind nearest neighbour: {chance:.2f}")

assert vocab[np.argmax(king_queen)] == "queen"
assert scores["SGNS (word2vec)"] == (1.0, 1.0)           # every neighbour, every analogy
assert scores["PPMI + SVD"] == scores["SGNS (word2vec)"]  # the count-based model: the same
assert abs(scores["random vectors"][0] - chance) < 0.1 and scores["random vectors"][1] < 0.3

# %%
# Project the SGNS vectors of the labelled words to two dimensions with PCA.
words = list(labelled)
X = unit(W)[[index[w] for w in words]]
X = X - X.mean(axis=0)
_, _, Vt = np.linalg.svd(X, full_matrices=False)
xy = X @ Vt[:2].T
# In the projection, every word is still closer to its own category's centre than to any other.
kinds = ["animal", "food", "vehicle", "place", "person"]
centres = np.array([xy[[labelled[w] == c for w in words]].mean(axis=0) for c in kinds])
nearest = np.linalg.norm(xy[:, None, :] - centres[None], axis=2).argmin(axis=1)
assert all(kinds[j] == labelled[w] for j, w in zip(nearest, words))

fig, ax = plt.subplots(
    figsize=(6.4, 4.4),
    num="Word2vec vectors projected to two dimensions: animals, foods, vehicles, places and "
        "people each form their own cluster")
for cat, colour in zip(kinds, ["C0", "C1", "C2", "C3", "C4"]):
    sel = [i for i, w in enumerate(words) if labelled[w] == cat]
    ax.scatter(xy[sel, 0], xy[sel, 1], color=colour, label=cat, s=18)
    if cat == "person":  # the other clusters are too tight to label word by word
        for n, i in enumerate(sel):  # alternate above / below so overlapping points stay legible
            ax.annotate(words[i], xy[i], fontsize=8, textcoords="offset points",
                        xytext=(3, 4) if n % 2 == 0 else (3, -11))
ax.set_xlabel("first principal component")
ax.set_ylabel("second principal component")
ax.legend(fontsize=8, loc="best")
ax.set_title("Skip-gram embeddings of a generated corpus")
fig.tight_layout()
plt.show()
