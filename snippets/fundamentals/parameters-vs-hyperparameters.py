"""Parameters are learned by fit; hyper-parameters are chosen before it, on other data.

A ridge regression with 50 features and only 60 training rows: its 51 weights are parameters
that `fit` sets by minimising the training loss; its penalty strength `alpha` is a
hyper-parameter. Choosing `alpha` by the training loss always picks the weakest penalty, so it
has to be chosen on held-out data (or by the marginal likelihood, which BayesianRidge does).
"""

# %%
# Data: 50 features, 20 of them informative, 60 training rows. Separate validation and
# test sets of 470 rows each: validation picks the hyper-parameter, test judges the result.
import os
import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import make_regression
from sklearn.linear_model import BayesianRidge, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_regression(n_samples=1000, n_features=50, n_informative=20, noise=50.0,
                       random_state=SEED)
X_tr, X_rest, y_tr, y_rest = train_test_split(X, y, train_size=60, random_state=SEED)
X_val, X_te, y_val, y_te = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)

# %%
# What scikit-learn calls each: constructor arguments (get_params) are hyper-parameters;
# attributes ending in "_" exist only after fit and are the learned parameters.
model = Ridge(alpha=1.0).fit(X_tr, y_tr)
hyper = model.get_params()
learned = {k: v for k, v in vars(model).items() if k.endswith("_") and not k.startswith("_")}
n_params = model.coef_.size + 1  # weights + intercept
print("hyper-parameters :", ", ".join(sorted(hyper)))
print("learned by fit   :", ", ".join(sorted(learned)), f"({n_params} numbers)")
assert "alpha" in hyper
assert set(learned) == {"coef_", "intercept_", "n_iter_", "solver_", "n_features_in_"}
assert n_params == 51

# %%
# Sweep alpha. For each value, fit sets the parameters on the training set; we record the
# training and validation error. Training error can only grow with alpha (a stronger penalty
# means a worse fit to the training data), so "minimise training loss" picks the smallest alpha.
alphas = np.logspace(-3, 4, 36)
train_mse, val_mse, test_mse = [], [], []
for a in alphas:
    m = Ridge(alpha=a).fit(X_tr, y_tr)
    train_mse.append(mean_squared_error(y_tr, m.predict(X_tr)))
    val_mse.append(mean_squared_error(y_val, m.predict(X_val)))
    test_mse.append(mean_squared_error(y_te, m.predict(X_te)))
train_mse, val_mse, test_mse = map(np.array, (train_mse, val_mse, test_mse))
i_train, i_val = np.argmin(train_mse), np.argmin(val_mse)
assert np.all(np.diff(train_mse) >= -1e-9)  # monotone in alpha
assert i_train == 0  # the training loss wants no penalty at all
assert 0 < i_val < alphas.size - 1  # the validation optimum is interior

# %%
# The evidence route: BayesianRidge treats the penalty as the ratio of two precisions and
# learns them from the training data alone by maximising the marginal likelihood (type-II
# maximum likelihood). Its implied ridge alpha is lambda_ / alpha_.
bayes = BayesianRidge().fit(X_tr, y_tr)
alpha_ev = bayes.lambda_ / bayes.alpha_
bayes_test = mean_squared_error(y_te, bayes.predict(X_te))

print(f"\n{'how alpha was chosen':<28} {'alpha':>9} {'train MSE':>10} {'test MSE':>9}")
print(f"{'minimise training MSE':<28} {alphas[i_train]:>9.3g} {train_mse[i_train]:>10.0f}"
      f" {test_mse[i_train]:>9.0f}")
print(f"{'minimise validation MSE':<28} {alphas[i_val]:>9.3g} {train_mse[i_val]:>10.0f}"
      f" {test_mse[i_val]:>9.0f}")
print(f"{'marginal likelihood (Bayes)':<28} {alpha_ev:>9.3g} "
      f"{mean_squared_error(y_tr, bayes.predict(X_tr)):>10.0f} {bayes_test:>9.0f}")
# The training-optimal choice is worse on new data than the validation-chosen one.
assert test_mse[i_train] > 1.3 * test_mse[i_val]
# The evidence lands on a penalty of similar effect without touching validation data.
assert abs(np.log10(alpha_ev) - np.log10(alphas[i_val])) < 1.5
assert bayes_test < 1.3 * test_mse[i_val]

# %%
# Figure: training and validation error against alpha, with the three choices marked.
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Training error of ridge regression rises steadily as the penalty alpha grows, while "
        "validation error falls to a minimum at an intermediate alpha and then rises; the "
        "training optimum sits at the smallest alpha tried, and the marginal-likelihood "
        "choice lies near the validation minimum.")
ax.loglog(alphas, train_mse, "o-", ms=3, label="training MSE")
ax.loglog(alphas, val_mse, "s-", ms=3, label="validation MSE")
ax.axvline(alphas[i_train], color="C0", ls=":", label="best for training loss")
ax.axvline(alphas[i_val], color="C1", ls="--", label="best for validation")
ax.axvline(alpha_ev, color="k", ls="-.", lw=1, label="marginal likelihood")
ax.set(xlabel="hyper-parameter alpha (penalty strength)", ylabel="MSE",
       title="Parameters fit on training data; alpha cannot be")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
