"""MAE, MSE, RMSE and R^2: what each rewards, and where each misleads.

1. The metrics of a linear model on scikit-learn's diabetes data, next to a predict-the-mean
   baseline.
2. On skewed data the best constant prediction is the mean under MSE and the median under MAE.
3. MAE and RMSE can rank two models in opposite orders when one of them makes rare large errors.
4. R^2 depends on the spread of the target in the test set, not only on the model's errors.
"""

# %%
# 1. A linear model against the baseline that always predicts the training mean. R^2 of that
# baseline on test data is about 0 (slightly below, because the training mean is not the
# test mean).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import (mean_absolute_error, mean_absolute_percentage_error,
                             mean_squared_error, r2_score, root_mean_squared_error)
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_diabetes(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=SEED)
print("diabetes          MAE    RMSE     R2")
scores = {}
for name, model in [("mean baseline", DummyRegressor()), ("linear model", LinearRegression())]:
    pred = model.fit(X_tr, y_tr).predict(X_te)
    scores[name] = (mean_absolute_error(y_te, pred), root_mean_squared_error(y_te, pred),
                    r2_score(y_te, pred))
    print(f"{name:<15} {scores[name][0]:6.1f}  {scores[name][1]:6.1f}  {scores[name][2]:5.2f}")
base, lin = scores["mean baseline"], scores["linear model"]
assert -0.05 < base[2] <= 0 and lin[2] > 0.3
assert lin[1] >= lin[0] and base[1] >= base[0]        # RMSE >= MAE, always
# R^2 is one minus the ratio of the model's MSE to the variance of the test targets.
pred = LinearRegression().fit(X_tr, y_tr).predict(X_te)
assert np.isclose(r2_score(y_te, pred), 1 - mean_squared_error(y_te, pred) / y_te.var())

# %%
# 2. Best constant prediction on skewed (log-normal) data, found by brute force over a grid.
rng = np.random.default_rng(SEED)
skewed = rng.lognormal(mean=3.0, sigma=0.8, size=2000)
consts = np.linspace(5, 60, 1101)
mse_c = ((skewed[:, None] - consts) ** 2).mean(axis=0)
mae_c = np.abs(skewed[:, None] - consts).mean(axis=0)
best_mse, best_mae = consts[np.argmin(mse_c)], consts[np.argmin(mae_c)]
print(f"\nskewed data: mean {skewed.mean():.1f}, median {np.median(skewed):.1f}; "
      f"best constant under MSE {best_mse:.1f}, under MAE {best_mae:.1f}")
assert abs(best_mse - skewed.mean()) < 0.1 and abs(best_mae - np.median(skewed)) < 0.1

# %%
# 3. Two models on 1,000 cases. A is off by about 5 everywhere; B is nearly exact on 98 % of
# cases and off by 60 on the other 2 %. MAE prefers B, RMSE prefers A.
n = 1000
err_a = rng.normal(0, 5, n)
err_b = rng.normal(0, 1, n)
err_b[rng.choice(n, 20, replace=False)] += 60
truth = np.zeros(n)
mae_a, mae_b = mean_absolute_error(truth, err_a), mean_absolute_error(truth, err_b)
rmse_a, rmse_b = root_mean_squared_error(truth, err_a), root_mean_squared_error(truth, err_b)
print(f"\nmodel A: MAE {mae_a:.2f} RMSE {rmse_a:.2f}   model B: MAE {mae_b:.2f} RMSE {rmse_b:.2f}")
assert mae_b < mae_a and rmse_b > rmse_a
# How much the 2 % of misses of 60 move each metric: MAE by about 0.02 x 60 = 1.2, RMSE from
# about 1 to at least 60 x sqrt(0.02) = 8.5.
err_b_clean = err_b[np.abs(err_b) < 30]
mae_clean, rmse_clean = np.mean(np.abs(err_b_clean)), np.sqrt(np.mean(err_b_clean ** 2))
print(f"model B without its misses: MAE {mae_clean:.2f} RMSE {rmse_clean:.2f}; the misses add "
      f"{mae_b - mae_clean:.2f} to MAE and {rmse_b - rmse_clean:.2f} to RMSE")
assert abs((mae_b - mae_clean) - 0.02 * 60) < 0.1
assert rmse_b >= 60 * np.sqrt(0.02) and abs(rmse_b - 8.5) < 0.2 and abs(rmse_clean - 1) < 0.1

# %%
# 4. Same model, same noise (standard deviation 1), two test sets: one where x spans [-10, 10],
# one where it spans [-1, 1]. RMSE is about 1 on both; R^2 collapses on the narrow one because
# there is little variance left to explain.
for lo, hi in [(-10, 10), (-1, 1)]:
    x = rng.uniform(lo, hi, 5000)
    y_true = x + rng.normal(0, 1, x.size)
    rmse, r2 = root_mean_squared_error(y_true, x), r2_score(y_true, x)
    print(f"x in [{lo:>3}, {hi:>2}]: RMSE {rmse:.2f}, R2 {r2:.2f}")
    assert abs(rmse - 1) < 0.05
    assert (r2 > 0.95) if hi == 10 else (r2 < 0.3)

# MAPE divides by the true value: one target of 0.01 predicted as 1 gives an error of 9,900 %.
mape = mean_absolute_percentage_error([0.01, 100, 200], [1, 101, 198])
print(f"MAPE with one near-zero target: {mape:.0f} (i.e. {mape:.0%})")
assert mape > 30

# %%
# Figure: mean squared and mean absolute error of every constant prediction on the skewed data.
fig, ax1 = plt.subplots(
    figsize=(6.4, 3.6),
    num="Mean squared error and mean absolute error of a constant prediction on right-skewed "
        "data; the squared error is lowest at the mean, the absolute error at the median",
)
ax1.plot(consts, mse_c, color="tab:blue", label="MSE")
ax1.set_xlabel("constant prediction")
ax1.set_ylabel("MSE", color="tab:blue")
ax2 = ax1.twinx()
ax2.plot(consts, mae_c, color="tab:orange", label="MAE")
ax2.set_ylabel("MAE", color="tab:orange")
ax1.axvline(skewed.mean(), color="tab:blue", linestyle=":", label=f"mean {skewed.mean():.1f}")
ax1.axvline(np.median(skewed), color="tab:orange", linestyle=":",
            label=f"median {np.median(skewed):.1f}")
handles = ax1.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
ax1.legend(handles=handles, frameon=False, loc="upper center")
fig.tight_layout()
plt.show()
