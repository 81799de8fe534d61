"""k-nearest neighbours: the algorithm in a few lines, and choosing k by cross-validation.

1. A hand-written kNN classifier agrees with KNeighborsClassifier.
2. k = 1 fits the training set perfectly; k = n predicts the majority class everywhere.
3. Cross-validated accuracy against k on the breast-cancer data, with and without scaling.
4. Decision boundaries on two moons for a small and a large k.
"""

# %%
# kNN by hand: distances to every training point, the k smallest, a majority vote.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer, make_moons
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def knn_predict(X_train, y_train, X_query, k):
    dist = ((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(dist, axis=1, kind="stable")[:, :k]
    votes = y_train[nearest]
    return (votes.mean(axis=1) > 0.5).astype(int)    # odd k and two classes: no ties


X_m, y_m = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X_mtr, X_mte, y_mtr, y_mte = train_test_split(X_m, y_m, test_size=0.5, random_state=SEED)
for k in (1, 5, 25):
    mine = knn_predict(X_mtr, y_mtr, X_mte, k)
    theirs = KNeighborsClassifier(n_neighbors=k).fit(X_mtr, y_mtr).predict(X_mte)
    assert np.array_equal(mine, theirs)

# %%
# The two extremes. k = 1: each training point is its own nearest neighbour.
# k = n: every query sees the whole training set, so the prediction is the majority class.
data = load_breast_cancer()
X, y = data.data, data.target
one_nn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1)).fit(X, y)
all_nn = KNeighborsClassifier(n_neighbors=len(y)).fit(X, y)
majority = np.bincount(y).argmax()
print(f"breast cancer: {len(y)} rows, {X.shape[1]} features, "
      f"majority class share {np.mean(y == majority):.3f}")
print(f"k = 1  : training accuracy {one_nn.score(X, y):.3f}")
print(f"k = {len(y)}: predicts class {all_nn.predict(X[:1])[0]} for every row "
      f"(accuracy {all_nn.score(X, y):.3f})")
assert one_nn.score(X, y) == 1.0
assert np.all(all_nn.predict(X) == majority)

# %%
# Choosing k: 10-fold cross-validated accuracy for odd k, with the scaler inside the pipeline
# so that each fold is scaled with its own training statistics.
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=SEED)
ks = np.array([1, 3, 5, 7, 9, 13, 17, 21, 29, 37, 49, 65, 81, 101])
cv_scaled, cv_raw, train_scaled = [], [], []
for k in ks:
    scaled = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
    cv_scaled.append(cross_val_score(scaled, X, y, cv=cv).mean())
    cv_raw.append(cross_val_score(KNeighborsClassifier(n_neighbors=k), X, y, cv=cv).mean())
    train_scaled.append(scaled.fit(X, y).score(X, y))
cv_scaled, cv_raw = np.array(cv_scaled), np.array(cv_raw)
best = ks[np.argmax(cv_scaled)]
print(f"\n{'k':>4} {'train acc':>10} {'CV acc (scaled)':>16} {'CV acc (raw)':>13}")
for k in (1, 5, 9, 21, 49, 101):
    i = np.flatnonzero(ks == k)[0]
    print(f"{k:4d} {train_scaled[i]:10.3f} {cv_scaled[i]:16.3f} {cv_raw[i]:13.3f}")
print(f"best k by CV (scaled): {best}, accuracy {cv_scaled.max():.3f}")
assert 1 < best < 60
assert cv_scaled.max() > cv_scaled[0] + 0.01           # k = 1 overfits
assert cv_scaled.max() > cv_scaled[-1]                 # very large k underfits
assert cv_scaled.max() > cv_raw.max() + 0.02           # scaling matters ...
assert np.all(cv_raw < cv_scaled)                      # ... at every k

# %%
# Figure: boundaries for k = 1 and k = 25 on the moons, and the validation curve.
fig, axes = plt.subplots(
    1, 3, figsize=(11.0, 3.4),
    num="Left and middle, k-nearest-neighbour decision regions on two noisy moons: with k equal "
        "to 1 the boundary is jagged with islands around single points, with k equal to 25 it "
        "is smooth; right, training accuracy falls from 1 as k grows while cross-validated "
        "accuracy rises, peaks at a moderate k and then slowly declines",
)
xx, yy = np.meshgrid(np.linspace(-2, 3, 200), np.linspace(-1.5, 2, 200))
grid = np.c_[xx.ravel(), yy.ravel()]
for ax, k in zip(axes[:2], (1, 25)):
    model = KNeighborsClassifier(n_neighbors=k).fit(X_mtr, y_mtr)
    ax.contourf(xx, yy, model.predict(grid).reshape(xx.shape), alpha=0.3, cmap="coolwarm")
    ax.scatter(*X_mtr.T, c=y_mtr, cmap="coolwarm", s=8)
    ax.set_title(f"k = {k}: test accuracy {model.score(X_mte, y_mte):.2f}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
axes[2].plot(ks, train_scaled, label="training accuracy")
axes[2].plot(ks, cv_scaled, label="10-fold CV accuracy")
axes[2].axvline(best, color="gray", ls=":", label=f"best k = {best}")
axes[2].set_xlabel("k")
axes[2].legend(fontsize=8)
fig.tight_layout()
plt.show()
