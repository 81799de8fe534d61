"""Three learning signals on small problems.

The same iris measurements are used twice: once with their species labels (supervised
classification) and once without them (k-means clustering, scored afterwards against the
labels it never saw). The third cell has no data set at all: an epsilon-greedy agent pulls the
arms of a simulated slot machine and learns from the rewards its own choices produce.
"""

# %%
# Supervised: the labels are part of the training data, and the model is scored on
# held-out rows by how often it predicts the right species.
import os
from itertools import permutations

import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, adjusted_rand_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=SEED
)
clf = make_pipeline(StandardScaler(), LogisticRegression())
clf.fit(X_train, y_train)
accuracy = accuracy_score(y_test, clf.predict(X_test))
print(f"supervised   logistic regression, test accuracy   {accuracy:.3f}")
assert accuracy > 0.9

# %%
# Unsupervised: k-means sees only X. Its cluster numbers are arbitrary names, so it is
# compared with the species through the adjusted Rand index, which ignores how clusters
# are numbered (0 for random labellings, 1 for a perfect match up to renaming).
kmeans = KMeans(n_clusters=3, n_init=10, random_state=SEED).fit(X)
ari = adjusted_rand_score(y, kmeans.labels_)
print(f"unsupervised k-means (k=3), adjusted Rand index   {ari:.3f}")
assert ari > 0.6

# Renaming the clusters changes every id but not the score.
renamed = np.array([2, 0, 1])[kmeans.labels_]
assert np.isclose(adjusted_rand_score(y, renamed), ari)
# Plain accuracy on raw ids depends on that naming; only the best renaming is meaningful.
raw_acc = accuracy_score(y, kmeans.labels_)
best_acc = max(accuracy_score(y, np.array(p)[kmeans.labels_]) for p in permutations(range(3)))
print(f"             accuracy of raw cluster ids        {raw_acc:.3f}")
print(f"             accuracy after best renaming       {best_acc:.3f}")
assert raw_acc < 0.5
assert best_acc > 0.85

# Cross-table of species (rows) against cluster ids (columns).
table = np.zeros((3, 3), dtype=int)
np.add.at(table, (y, kmeans.labels_), 1)
print("             species x cluster counts:")
for name, row in zip(load_iris().target_names, table):
    print(f"             {name:<11}" + "".join(f"{n:5d}" for n in row))
# Setosa forms a cluster of its own; the other two species share clusters.
setosa_cluster = table[0].argmax()
assert table[0, setosa_cluster] == 50 and table[:, setosa_cluster].sum() == 50

# The objective defines the answer: standardising the features first changes the partition.
X_std = StandardScaler().fit_transform(X)
labels_std = KMeans(n_clusters=3, n_init=10, random_state=SEED).fit_predict(X_std)
agreement = adjusted_rand_score(kmeans.labels_, labels_std)
print(f"             ARI raw vs standardised partitions {agreement:.3f}")
assert agreement < 0.95

# %%
# Reinforcement: an epsilon-greedy agent on a 5-armed bandit. Each pull returns a noisy
# reward whose mean depends on the arm; the agent only sees the rewards of arms it chose,
# so what it learns depends on how it explores.
rng = np.random.default_rng(SEED)
true_means = np.array([0.2, 0.5, 0.8, 0.4, 1.0])
n_arms, n_steps, epsilon = len(true_means), 3000, 0.1

estimates = np.zeros(n_arms)
counts = np.zeros(n_arms, dtype=int)
rewards = np.empty(n_steps)
chosen = np.empty(n_steps, dtype=int)
for t in range(n_steps):
    if rng.random() < epsilon:
        arm = rng.integers(n_arms)           # explore: a random arm
    else:
        arm = int(np.argmax(estimates))      # exploit: the best arm so far
    reward = rng.normal(true_means[arm], 1.0)
    counts[arm] += 1
    estimates[arm] += (reward - estimates[arm]) / counts[arm]   # running mean
    rewards[t] = reward
    chosen[t] = arm

best = int(np.argmax(true_means))
late = rewards[n_steps // 2:].mean()
late_share = np.mean(chosen[n_steps // 2:] == best)
# Expected reward of this policy once it has locked on to the best arm.
ceiling = (1 - epsilon) * true_means[best] + epsilon * true_means.mean()
print("\nbandit  arm  true mean  estimate  pulls")
for a in range(n_arms):
    print(f"        {a:3d}  {true_means[a]:9.2f}  {estimates[a]:8.2f}  {counts[a]:5d}")
print(f"second half: best arm pulled {late_share:.1%} of the time, average reward {late:.3f}")
print(f"              (best arm's mean {true_means[best]:.2f}, "
      f"ceiling with epsilon = {epsilon}: {ceiling:.2f})")
assert int(np.argmax(estimates)) == best
# Early on, greedy choices locked on to a worse arm; exploration is what got it out.
early_favourite = int(np.bincount(chosen[:400], minlength=n_arms).argmax())
print(f"most pulled arm in the first 400 pulls: {early_favourite} "
      f"(true mean {true_means[early_favourite]:.2f})")
assert early_favourite != best
assert late_share > 0.85
assert true_means[best] - 0.15 < late < true_means[best]

# Reward over time: a moving average over 200 pulls and the running average since the
# start, against the best arm's mean.
window = 200
moving = np.convolve(rewards, np.ones(window) / window, mode="valid")
running = np.cumsum(rewards) / np.arange(1, n_steps + 1)
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Reward of an epsilon-greedy bandit agent over 3000 pulls; after a few "
        "hundred pulls on a worse arm, its 200-pull moving average climbs to the "
        "level of the best arm's mean minus the cost of exploring",
)
ax.plot(np.arange(window, n_steps + 1), moving, label=f"moving average ({window} pulls)")
ax.plot(running, label="average since the start")
ax.axhline(true_means[best], color="k", ls="--", label="best arm's mean")
ax.axhline(ceiling, color="gray", ls=":", label="ceiling with 10% exploration")
ax.set_xlabel("pull")
ax.set_ylabel("average reward")
ax.set_ylim(0, 1.2)
ax.legend(loc="lower right")
fig.tight_layout()
plt.show()
