"""Three learning signals on small problems.

The same iris measurements are used twice: once with their species labels (supervised
classification) and once without them (k-means clustering, scored afterwards against the
labels it never saw). The third cell has no data set at all: 500 epsilon-greedy agents pull the
arms of a simulated slot machine and learn from the rewards their own choices produce.
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
assert accuracy > 0.85

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
# Plain accuracy on raw ids depends on that naming: over the 6 possible numberings of the
# same partition it ranges widely; only the best renaming is meaningful.
raw_acc = accuracy_score(y, kmeans.labels_)
accs = [accuracy_score(y, np.array(p)[kmeans.labels_]) for p in permutations(range(3))]
best_acc = max(accs)
print(f"             accuracy of raw cluster ids        {raw_acc:.3f}")
print(f"             ... over all 6 numberings          {min(accs):.3f} to {best_acc:.3f}")
assert raw_acc in accs and best_acc - min(accs) > 0.5
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

# 500 independent agents run side by side (one row each), so the claims below are about what
# typically happens, not about one lucky or unlucky run.
runs = 500
estimates = np.zeros((runs, n_arms))
counts = np.zeros((runs, n_arms), dtype=int)
rewards = np.empty((runs, n_steps))
chosen = np.empty((runs, n_steps), dtype=int)
rows = np.arange(runs)
for t in range(n_steps):
    explore = rng.random(runs) < epsilon
    arm = np.where(explore, rng.integers(n_arms, size=runs),   # explore: a random arm
                   estimates.argmax(axis=1))                    # exploit: the best arm so far
    reward = rng.normal(true_means[arm], 1.0)
    counts[rows, arm] += 1
    estimates[rows, arm] += (reward - estimates[rows, arm]) / counts[rows, arm]   # running mean
    rewards[:, t] = reward
    chosen[:, t] = arm

best = int(np.argmax(true_means))
late = rewards[:, n_steps // 2:].mean()
late_share = np.mean(chosen[:, n_steps // 2:] == best)
found = np.mean(estimates.argmax(axis=1) == best)
# Expected reward of this policy once it has locked on to the best arm.
ceiling = (1 - epsilon) * true_means[best] + epsilon * true_means.mean()
print(f"\nbandit, {runs} runs  arm  true mean  mean estimate  mean pulls")
for a in range(n_arms):
    print(f"{'':>19}{a:3d}  {true_means[a]:9.2f}  {estimates[:, a].mean():13.2f}  "
          f"{counts[:, a].mean():10.0f}")
# Early on, greedy choices often lock on to a worse arm: the one pulled most in the first
# 400 pulls is not the best arm in about a third of the runs.
early_favourite = np.array([np.bincount(c[:400], minlength=n_arms).argmax() for c in chosen])
early_worse = np.mean(early_favourite != best)
print(f"runs whose most-pulled arm in the first 400 pulls is a worse arm: {early_worse:.1%}")
print(f"runs that end ranking the best arm first: {found:.1%}")
print(f"second half: best arm pulled {late_share:.1%} of the time, average reward {late:.3f}")
print(f"              (best arm's mean {true_means[best]:.2f}, "
      f"ceiling with epsilon = {epsilon}: {ceiling:.3f})")
assert 0.2 < early_worse < 0.45
assert found > 0.95 and late_share > 0.8
assert ceiling - 0.03 < late < ceiling < true_means[best]

# Reward over time: the average over the runs at each pull, smoothed over 50 pulls, against
# the best arm's mean.
window = 50
moving = np.convolve(rewards.mean(axis=0), np.ones(window) / window, mode="valid")
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Average reward of 500 epsilon-greedy bandit agents over 3000 pulls: it climbs "
        "quickly at first, then slowly as the runs that locked on to a worse arm find the "
        "best one, and levels off just below the best arm's mean, at the ceiling set by "
        "exploring one pull in ten",
)
ax.plot(np.arange(window, n_steps + 1), moving, label=f"mean over runs ({window}-pull average)")
ax.axhline(true_means[best], color="k", ls="--", label="best arm's mean")
ax.axhline(ceiling, color="gray", ls=":", label="ceiling with 10% exploration")
ax.set_xlabel("pull")
ax.set_ylabel("average reward")
ax.set_ylim(0, 1.2)
ax.legend(loc="lower right")
fig.tight_layout()
plt.show()
