"""Generative versus discriminative classifiers: two regimes of learning, one decision rule.

1. Learning curves of Bernoulli naive Bayes (generative) and logistic regression
   (discriminative) on binary data whose features are not independent given the class: the
   generative model wins with little data, the discriminative one with a lot (Ng and Jordan's
   two regimes).
2. Linear discriminant analysis (generative) and logistic regression learn the same linear
   log-odds when LDA's Gaussian assumption holds.
3. Only the generative model can tell that a point lies far from all the training data.
"""

# %%
# Data: 100 binary features, each slightly more often 1 in class 1 (10 strong, 90 weak).
# The 10 strong features are then copied 3 more times, so the copies are perfectly dependent:
# naive Bayes counts that evidence four times over, a bias that more data cannot remove.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import multivariate_normal
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import BernoulliNB

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
shift = np.r_[np.full(10, 0.12), np.full(90, 0.04)]


def sample(n):
    y = rng.integers(0, 2, size=n)
    p_one = 0.5 + np.where(y[:, None] == 1, 1, -1) * shift
    X = (rng.random((n, shift.size)) < p_one).astype(float)
    return np.c_[X, np.repeat(X[:, :10], 3, axis=1)], y


X_test, y_test = sample(3000)
sizes = [10, 30, 100, 300, 1000, 3000]
curves = {"naive Bayes (generative)": [], "logistic regression (discriminative)": []}
for n in sizes:
    errors = {name: [] for name in curves}
    for _ in range(15):
        X, y = sample(n)
        while y.min() == y.max():                      # need both classes
            X, y = sample(n)
        for name, model in [("naive Bayes (generative)", BernoulliNB()),
                            ("logistic regression (discriminative)", LogisticRegression())]:
            errors[name].append(np.mean(model.fit(X, y).predict(X_test) != y_test))
    for name in curves:
        curves[name].append(np.mean(errors[name]))

nb, lr = (np.array(c) for c in curves.values())
print("test error, mean of 15 training sets per size")
print(f"{'n train':>8} {'naive Bayes':>12} {'logistic':>9}")
for n, a, b in zip(sizes, nb, lr):
    print(f"{n:>8} {a:12.3f} {b:9.3f}")
assert (nb[:4] < lr[:4]).all()               # little data: the generative model is ahead
assert lr[-1] < nb[-1] - 0.01                # lots of data: the discriminative model wins
gain_nb, gain_lr = nb[2] - nb[-1], lr[2] - lr[-1]
print(f"error gained from n = 100 to 3000: naive Bayes {gain_nb:.3f}, logistic {gain_lr:.3f}")
assert 0.015 < gain_nb < 0.045 and 0.06 < gain_lr < 0.1   # about 3 points against about 8

# %%
# When the generative assumptions hold (two Gaussians, shared covariance) LDA's log-odds are
# linear, exactly the form logistic regression assumes. Fitted on plenty of data, the two
# weight vectors point the same way.
cov = np.array([[1.0, 0.6], [0.6, 2.0]])
means = np.array([[0.0, 0.0], [1.5, 1.0]])
yg = rng.integers(0, 2, size=20_000)
Xg = means[yg] + rng.multivariate_normal([0, 0], cov, size=yg.size)
lda = LinearDiscriminantAnalysis(store_covariance=True).fit(Xg, yg)
logit = LogisticRegression().fit(Xg, yg)
w_true = np.linalg.solve(cov, means[1] - means[0])       # Bayes-optimal direction


def cos(a, b):
    return a @ b / np.linalg.norm(a) / np.linalg.norm(b)


print(f"\nGaussian data: cosine(LDA, true) = {cos(lda.coef_[0], w_true):.4f}, "
      f"cosine(logistic, true) = {cos(logit.coef_[0], w_true):.4f}")
assert cos(lda.coef_[0], w_true) > 0.999 and cos(logit.coef_[0], w_true) > 0.999

# %%
# A point far from every training example. Logistic regression only models p(y | x), so it
# reports near-certainty. LDA also models p(x): the point's density is far below that of any
# training point, which flags it as out of distribution.
far = np.array([[12.0, -9.0]])


def density(X):
    """p(x) under the fitted LDA model: a mixture of the two class Gaussians."""
    return sum(w * multivariate_normal(m, lda.covariance_).pdf(X)
               for w, m in zip(lda.priors_, lda.means_))


log_px_train = np.log(density(Xg))
log_px_far = np.log(density(far))[()]
p_far = logit.predict_proba(far)[0].max()
print(f"far point: logistic max p(y | x) = {p_far:.4f}; LDA log p(x) = {log_px_far:.1f}, "
      f"lowest over training data = {log_px_train.min():.1f}")
assert p_far > 0.99 and log_px_far < log_px_train.min() - 10

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Test error against training-set size on a log scale: naive Bayes has lower error up to "
        "a few hundred examples, then levels off, while logistic regression keeps improving "
        "and ends with the lower error",
)
for name, c in curves.items():
    ax.semilogx(sizes, c, "o-", label=name)
ax.set(xlabel="training examples", ylabel="test error")
ax.legend()
fig.tight_layout()
plt.show()
