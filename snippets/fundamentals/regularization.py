"""Regularization: trading a little training fit for a smaller generalization error.

1. L1 (Lasso) sets uninformative coefficients exactly to zero; L2 (Ridge) only shrinks them.
2. Coefficient paths of both penalties as the strength alpha varies.
3. Penalties depend on feature scale: change a feature's units and the Lasso drops it.
4. A degree-15 polynomial: without a penalty the training error is tiny and the validation
   error large; a moderate alpha gives the best validation error.
"""

# %%
# A regression problem with 20 features of which only 5 carry signal. Features are
# standardised first, because the penalty treats all coefficients alike.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_regression
from sklearn.linear_model import Lasso, LinearRegression, Ridge, lasso_path
from sklearn.metrics import mean_squared_error
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y, true_coef = make_regression(n_samples=100, n_features=20, n_informative=5, noise=10.0,
                                  coef=True, random_state=SEED)
X = StandardScaler().fit_transform(X)
informative = true_coef != 0

lasso = Lasso(alpha=5.0).fit(X, y)
ridge = Ridge(alpha=10.0).fit(X, y)
ols = LinearRegression().fit(X, y)
print("                          OLS  Ridge(10)  Lasso(5)")
for label, stat in [("zeros among 15 noise", lambda c: np.sum(c[~informative] == 0)),
                    ("zeros among 5 signal", lambda c: np.sum(c[informative] == 0)),
                    ("L1 norm of coef", lambda c: np.abs(c).sum()),
                    ("L2 norm of coef", lambda c: np.sqrt(np.sum(c**2)))]:
    print(f"{label:22s}" + "".join(f"{stat(m.coef_):{w}.0f}" for m, w in
                                   [(ols, 7), (ridge, 11), (lasso, 10)]))
assert np.all(lasso.coef_[~informative] == 0)  # all 15 noise features dropped
assert np.all(lasso.coef_[informative] != 0)  # all 5 signal features kept
assert np.all(ridge.coef_ != 0)  # Ridge shrinks but zeroes nothing
assert np.linalg.norm(ridge.coef_) < np.linalg.norm(ols.coef_)  # L2 shrinks the L2 norm
assert np.abs(lasso.coef_).sum() < np.abs(ols.coef_).sum()


# %%
# Coefficient paths: refit over a grid of alphas. Lasso coefficients reach zero one by one
# (and stay there at larger alphas); Ridge coefficients approach zero smoothly.
# lasso_path fits no intercept, so centre y (X is already centred).
lasso_alphas, lasso_coefs, _ = lasso_path(X, y - y.mean(), alphas=np.logspace(-2, 2.5, 60))
ridge_alphas = np.logspace(-2, 4, 60)
ridge_coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas]).T
n_nonzero = (lasso_coefs != 0).sum(axis=0)
assert n_nonzero[0] == 0 and n_nonzero[-1] == 20  # lasso_path runs from large alpha to small
assert np.all(np.diff(n_nonzero) >= 0)  # on this problem, features only enter as alpha falls
assert np.all(ridge_coefs != 0)
# Every noise coefficient is already zero before the first signal coefficient reaches zero.
signal_lost = np.any(lasso_coefs[informative] == 0, axis=0)
assert np.all(lasso_coefs[~informative][:, signal_lost] == 0)


# %%
# Scale matters. Express one informative feature in units 1000 times larger (its values shrink by
# 1000, so its coefficient must grow by 1000): the L1 penalty on that large coefficient is now
# prohibitive and the Lasso drops a feature that carries real signal.
strongest = np.argmax(np.abs(true_coef))
X_units = X.copy()
X_units[:, strongest] /= 1000
lasso_units = Lasso(alpha=5.0).fit(X_units, y)
print(f"\nfeature {strongest}: true coef {true_coef[strongest]:.1f}, Lasso coef standardised "
      f"{lasso.coef_[strongest]:.1f}, after unit change {lasso_units.coef_[strongest]:.1f}")
assert lasso.coef_[strongest] != 0 and lasso_units.coef_[strongest] == 0


# %%
# Overfitting a smooth curve. 25 noisy training points of sin(2*pi*x), a degree-15 polynomial,
# and Ridge with alpha from tiny to huge; the validation set has 500 fresh points.
rng = np.random.default_rng(SEED)


def sample(n):
    x = rng.uniform(0, 1, n)
    return x[:, None], np.sin(2 * np.pi * x) + rng.normal(0, 0.3, n)


x_train, y_train = sample(25)
x_val, y_val = sample(500)
poly_alphas = np.logspace(-10, 3, 27)
train_mse, val_mse = [], []
for a in poly_alphas:
    model = make_pipeline(PolynomialFeatures(15, include_bias=False), StandardScaler(),
                          Ridge(alpha=a)).fit(x_train, y_train)
    train_mse.append(mean_squared_error(y_train, model.predict(x_train)))
    val_mse.append(mean_squared_error(y_val, model.predict(x_val)))
train_mse, val_mse = np.array(train_mse), np.array(val_mse)
best = np.argmin(val_mse)
print("\nalpha     train MSE  validation MSE")
for i in sorted({0, 9, best, 22, 26}):
    print(f"{poly_alphas[i]:8.0e}  {train_mse[i]:9.3f}  {val_mse[i]:14.3f}"
          + ("   <- best" if i == best else ""))
assert np.all(np.diff(train_mse) > -1e-9)  # training error only grows with alpha
assert 0 < best < len(poly_alphas) - 1  # the best alpha is in the middle of the grid
assert val_mse[best] < 0.8 * val_mse[0]  # better than (almost) no penalty
assert val_mse[best] < val_mse[-1] / 3  # and far better than a huge penalty (underfitting)
assert train_mse[0] < train_mse[best] < val_mse[best]  # the tiny-alpha fit wins only on train
assert 0.06 < val_mse[best] < 0.15  # close to the noise variance 0.09


# %%
# Figures: coefficient paths, then training and validation error against alpha.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6), sharey=True, num=(
    "Coefficient paths against the penalty strength; as alpha grows the Lasso sets "
    "coefficients exactly to zero one by one, the 15 noise features (grey) before any of the 5 "
    "signal features (blue), while Ridge shrinks all of them smoothly without reaching zero."))
for j in range(20):
    style = dict(color="C0" if informative[j] else "grey", lw=1.5 if informative[j] else 0.8)
    ax1.plot(lasso_alphas, lasso_coefs[j], **style)
    ax2.plot(ridge_alphas, ridge_coefs[j], **style)
ax1.set(xscale="log", xlabel="alpha (Lasso)", ylabel="coefficient", title="Lasso (L1)")
ax2.set(xscale="log", xlabel="alpha (Ridge)", title="Ridge (L2)")
fig.tight_layout()

fig, ax = plt.subplots(figsize=(6.4, 3.6), num=(
    "Training error rises steadily with alpha while validation error is high at tiny "
    "alpha, lowest at a moderate alpha and high again at large alpha."))
ax.plot(poly_alphas, train_mse, "o-", ms=3, label="training MSE")
ax.plot(poly_alphas, val_mse, "o-", ms=3, label="validation MSE")
ax.axvline(poly_alphas[best], color="grey", ls=":", lw=1)
ax.set(xscale="log", yscale="log", xlabel="Ridge alpha", ylabel="mean squared error",
       title="Degree-15 polynomial, 25 training points")
ax.legend()
fig.tight_layout()
plt.show()
