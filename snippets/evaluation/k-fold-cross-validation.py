"""How good are hold-out, k-fold and leave-one-out estimates of a model's error?

The data come from a known linear model, so the true error of the model refitted on all n
points can be measured on a large fresh sample. Over many simulated data sets, each estimate is
compared with that true error: its bias (mean gap) and its spread. It also checks the manual
k-fold loop against scikit-learn's cross_val_score and the leave-one-out shortcut for least
squares, and shows that the spread of the fold scores understates the estimate's uncertainty.
"""

# %%
# A known distribution: y = x @ beta + noise, 10 features, noise variance 1, n = 40 points.
import os
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)
n, p, sigma = 40, 10, 1.0
beta = rng.normal(size=p)


def draw(m):
    """m points from the population, with a column of ones for the intercept."""
    X = np.column_stack([np.ones(m), rng.normal(size=(m, p))])
    return X, X[:, 1:] @ beta + sigma * rng.normal(size=m)


def fit(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def mse(w, X, y):
    return np.mean((y - X @ w) ** 2)


# %%
# The manual k-fold loop: shuffle-free contiguous folds, fit on k-1, score on the one left out,
# average the k fold scores. k = n is leave-one-out.
def kfold_scores(X, y, k):
    folds = np.array_split(np.arange(len(y)), k)
    scores = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        scores.append(mse(fit(X[train], y[train]), X[test], y[test]))
    return np.array(scores)


# Check it against scikit-learn (same contiguous folds: KFold without shuffling) ...
X, y = draw(n)
ours = kfold_scores(X, y, 5)
sk = -cross_val_score(LinearRegression(), X[:, 1:], y, cv=KFold(5),
                      scoring="neg_mean_squared_error")
assert np.allclose(ours, sk)
# ... and leave-one-out against the least-squares shortcut e_i / (1 - h_ii): one fit, not n.
H = X @ np.linalg.pinv(X)
loo_shortcut = np.mean(((y - H @ y) / (1 - np.diag(H))) ** 2)
assert np.isclose(kfold_scores(X, y, n).mean(), loo_shortcut)
print("manual 5-fold == cross_val_score; LOOCV == hat-matrix shortcut")

# %%
# Many data sets of size n. For each: the true error of the model refitted on all n points
# (on 10,000 fresh points), and the four estimates. Hold-out trains on 28 points, tests on 12.
X_big, y_big = draw(10_000)
methods = {"hold-out 70/30": None, "5-fold": 5, "10-fold": 10, "LOOCV": n}
R = 200
true_err = np.empty(R)
est = {m: np.empty(R) for m in methods}
naive_se = np.empty(R)
for r in range(R):
    X, y = draw(n)
    true_err[r] = mse(fit(X, y), X_big, y_big)
    est["hold-out 70/30"][r] = mse(fit(X[:28], y[:28]), X[28:], y[28:])
    for m, k in methods.items():
        if k:
            s = kfold_scores(X, y, k)
            est[m][r] = s.mean()
            if k == 10:
                naive_se[r] = s.std(ddof=1) / np.sqrt(k)

print(f"\ntrue error of the refitted model: mean {true_err.mean():.2f} "
      f"(noise floor {sigma**2:.1f}), over {R} data sets of n = {n}")
print(f"{'estimate':<16}{'fits':>5}{'mean':>7}{'bias':>7}{'sd(est)':>9}{'sd(est-true)':>14}"
      f"{'corr':>6}")
stats = {}
for m, k in methods.items():
    gap = est[m] - true_err
    stats[m] = (gap.mean(), est[m].std(), gap.std(), np.corrcoef(est[m], true_err)[0, 1])
    print(f"{m:<16}{k or 1:>5}{est[m].mean():>7.2f}{stats[m][0]:>+7.2f}{stats[m][1]:>9.2f}"
          f"{stats[m][2]:>14.2f}{stats[m][3]:>6.2f}")

# %%
# Naive standard error of 10-fold CV (fold sd / sqrt(k)) vs its real sd over data sets.
print(f"\n10-fold: mean naive SE {naive_se.mean():.3f}, real sd of the estimate "
      f"{est['10-fold'].std():.3f}")
bias = {m: s[0] for m, s in stats.items()}
sd = {m: s[1] for m, s in stats.items()}
# Pessimistic bias shrinks as the training folds grow towards n (paired, so robust).
assert bias["5-fold"] > bias["10-fold"] + 0.04 > bias["LOOCV"] + 0.06
assert bias["5-fold"] > 0.05 and abs(bias["LOOCV"]) < 0.1 and bias["hold-out 70/30"] > 0
# One 12-point test set is far noisier than any k-fold estimate ...
assert sd["hold-out 70/30"] > 1.4 * sd["5-fold"]
# ... and for this stable learner, LOOCV's spread is no larger than 10-fold's.
assert sd["LOOCV"] < sd["10-fold"] < sd["5-fold"] < 1.4 * sd["LOOCV"]
# No estimate tracks the error of the particular refitted model.
assert all(abs(s[3]) < 0.2 for s in stats.values())
# Folds share training points, so the naive SE understates the real spread by ~20-30 %.
assert 0.65 < naive_se.mean() / est["10-fold"].std() < 0.85
