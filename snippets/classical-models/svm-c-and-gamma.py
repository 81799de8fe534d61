"""C and gamma in an RBF-kernel SVM, on two noisy moons.

1. gamma sets the reach of each support vector: exp(-gamma ||x - z||^2) falls to 1/e at a
   distance 1 / sqrt(gamma).
2. A grid of cross-validated accuracy over (C, gamma): too small a gamma underfits, too large
   a gamma memorises; small C smooths, large C chases every point.
3. The number of support vectors and the training accuracy along each axis.
"""

# %%
# Reach of one support vector: the kernel value at distance r is exp(-gamma r^2).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

for gamma in (0.1, 1.0, 100.0):
    r = 1 / np.sqrt(gamma)
    assert np.isclose(np.exp(-gamma * r**2), np.exp(-1))
print("gamma   distance at which a support vector's influence falls to 1/e")
for gamma in (0.01, 0.1, 1.0, 10.0, 100.0):
    print(f"{gamma:6g}   {1 / np.sqrt(gamma):.2f}")

# %%
# Data: two moons with noise, standardised inside the pipeline (gamma is a scale in the
# units of the features, so scaling matters).
X, y = make_moons(n_samples=400, noise=0.3, random_state=SEED)
Cs = 10.0 ** np.arange(-2, 3)
gammas = 10.0 ** np.arange(-2, 3)
pipe = make_pipeline(StandardScaler(), SVC(kernel="rbf"))
search = GridSearchCV(pipe, {"svc__C": Cs, "svc__gamma": gammas},
                      cv=StratifiedKFold(5, shuffle=True, random_state=SEED),
                      return_train_score=True).fit(X, y)
# Rows of the result grid follow the parameter grid order: C outer, gamma inner.
cv_acc = search.cv_results_["mean_test_score"].reshape(len(Cs), len(gammas))
train_acc = search.cv_results_["mean_train_score"].reshape(len(Cs), len(gammas))
best_C, best_gamma = search.best_params_["svc__C"], search.best_params_["svc__gamma"]
print(f"\nbest: C = {best_C:g}, gamma = {best_gamma:g}, CV accuracy {search.best_score_:.3f}")
print("\nCV accuracy (rows C, columns gamma)")
print("   C \\ gamma " + "".join(f"{g:>8g}" for g in gammas))
for i, C in enumerate(Cs):
    print(f"{C:11g} " + "".join(f"{a:8.3f}" for a in cv_acc[i]))

gi_big, ci_small = len(gammas) - 1, 0
assert train_acc[:, gi_big].max() > 0.98                   # huge gamma memorises ...
assert cv_acc[:, gi_big].max() < search.best_score_ - 0.04  # ... and generalises worse
assert cv_acc[ci_small, 0] < search.best_score_ - 0.03     # small C and small gamma underfit
assert 1e-2 < best_gamma < 1e2
# The good cells form a diagonal band: a smoother kernel (gamma 0.1) wants a larger C than a
# very local one (gamma 10).
col = {g: i for i, g in enumerate(gammas)}
assert cv_acc[:, col[0.1]].argmax() > cv_acc[:, col[10.0]].argmax()

# %%
# Along each axis with the other fixed at its best value: support vectors and accuracies.
def fit_stats(C, gamma):
    model = make_pipeline(StandardScaler(), SVC(kernel="rbf", C=C, gamma=gamma)).fit(X, y)
    return len(model[-1].support_), model.score(X, y)


print("\nvarying gamma at the best C       varying C at the best gamma")
print(" gamma  SVs  train acc               C  SVs  train acc")
sv_g, sv_c = [], []
for gamma, C in zip(gammas, Cs):
    n_g, acc_g = fit_stats(best_C, gamma)
    n_c, acc_c = fit_stats(C, best_gamma)
    sv_g.append(n_g)
    sv_c.append(n_c)
    print(f"{gamma:6g} {n_g:4d} {acc_g:10.3f}          {C:6g} {n_c:4d} {acc_c:10.3f}")
assert sv_c[0] == len(y) > sv_c[-1]  # smallest C: every point is inside the wide margin
best_gi = list(gammas).index(best_gamma)
assert sv_g[-1] > 0.85 * len(y) and sv_g[-1] > sv_g[best_gi]   # huge gamma: nearly all are SVs

# %%
# Figure: the CV heat map, and boundaries for small, best and large gamma at the best C.
fig, axes = plt.subplots(
    1, 4, figsize=(13.0, 3.3),
    num="Left, a heat map of cross-validated accuracy over C and gamma, high along a diagonal "
        "band and low for very small or very large gamma; right, RBF SVM boundaries on two "
        "moons: nearly straight for small gamma, a smooth curve at the best gamma, and tight "
        "islands around individual points for very large gamma",
)
im = axes[0].imshow(cv_acc, cmap="viridis", origin="lower")
axes[0].set_xticks(range(len(gammas)), [f"{g:g}" for g in gammas], fontsize=7)
axes[0].set_yticks(range(len(Cs)), [f"{c:g}" for c in Cs], fontsize=7)
axes[0].set_xlabel("gamma")
axes[0].set_ylabel("C")
axes[0].set_title("CV accuracy", fontsize=9)
fig.colorbar(im, ax=axes[0], fraction=0.046)
xx, yy = np.meshgrid(np.linspace(-2.2, 3.2, 100), np.linspace(-1.8, 2.3, 100))
for ax, gamma in zip(axes[1:], (0.01, best_gamma, 100.0)):
    model = make_pipeline(StandardScaler(), SVC(kernel="rbf", C=best_C, gamma=gamma)).fit(X, y)
    zz = model.decision_function(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
    ax.contourf(xx, yy, zz > 0, alpha=0.3, cmap="coolwarm")
    ax.scatter(*X.T, c=y, cmap="coolwarm", s=6)
    ax.set_title(f"gamma = {gamma:g}, C = {best_C:g}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
plt.show()
