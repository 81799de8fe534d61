"""Validating forecasts: shuffled k-fold against forward-chaining splits.

A daily series with a wandering level and a weekly cycle. A random forest on the time index can
only interpolate between neighbouring days, which shuffled k-fold rewards and the future does
not. Forward-chaining splits (TimeSeriesSplit) do not flatter it, and they rank a lag-feature
model and the naive baselines correctly.
"""

# %%
# The series: a random-walk level, a weekly pattern and noise; 700 days.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, TimeSeriesSplit, cross_val_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 700
t = np.arange(n)
level = np.cumsum(rng.normal(0, 1.0, n))
weekly = 3 * np.sin(2 * np.pi * t / 7)
y = level + weekly + rng.normal(0, 1.0, n)

# Two feature sets. "Time index": the day number and day of week. "Lags": the values 1 and 7
# days earlier, which a one-step-ahead forecaster knows at prediction time. The first 7 days
# have no lag-7 value and are dropped from every comparison.
X_time = np.c_[t, t % 7][7:]
X_lag = np.c_[y[6:-1], y[:-7]]
y_t = y[7:]
lag1, lag7 = X_lag[:, 0], X_lag[:, 1]

forest = RandomForestRegressor(n_estimators=50, min_samples_leaf=3, random_state=SEED)
ridge = Ridge(alpha=1.0)
mae = "neg_mean_absolute_error"

# %%
# Forest on the time index: shuffled 5-fold, forward-chaining 5-fold, and the truth
# (train on all but the last 100 days, test on those 100).
shuffled = -cross_val_score(forest, X_time, y_t, cv=KFold(5, shuffle=True, random_state=SEED),
                            scoring=mae).mean()
tss = TimeSeriesSplit(n_splits=5, test_size=100)
forward = -cross_val_score(forest, X_time, y_t, cv=tss, scoring=mae).mean()
cut = len(y_t) - 100
holdout = mean_absolute_error(y_t[cut:], forest.fit(X_time[:cut], y_t[:cut]).predict(X_time[cut:]))
print("random forest on (day number, weekday)        MAE")
print(f"  shuffled 5-fold CV                          {shuffled:5.2f}")
print(f"  forward-chaining CV (TimeSeriesSplit)       {forward:5.2f}")
print(f"  true hold-out: last 100 days                {holdout:5.2f}")
assert shuffled < 0.5 * forward          # shuffling lets the model peek at neighbouring days
assert shuffled < holdout                # and undercuts the error on days nobody saw
# One 100-day window of a random walk is itself a noisy sample; in this draw forward chaining
# lands within 20 % of it, and shuffled CV at about a third of it.
if SEED == 0:
    assert abs(holdout / forward - 1) < 0.2 and 0.25 < shuffled / holdout < 0.35


# %%
# Compare three forecasters under the same forward-chaining splits: the forest on the time
# index, ridge regression on the two lags, and the seasonal-naive baseline
# "same as seven days ago" (which needs no fitting).
def forward_mae(predict):
    return np.mean([mean_absolute_error(y_t[te], predict(tr, te)) for tr, te in tss.split(X_lag)])


results = {
    "forest, time index": forward,
    "ridge, lags 1 and 7": -cross_val_score(ridge, X_lag, y_t, cv=tss, scoring=mae).mean(),
    "seasonal naive (t-7)": forward_mae(lambda tr, te: lag7[te]),
    "naive (t-1)": forward_mae(lambda tr, te: lag1[te]),
}
print("\nforward-chaining MAE")
for name, value in results.items():
    print(f"  {name:<22} {value:5.2f}")
assert results["ridge, lags 1 and 7"] < min(results["seasonal naive (t-7)"], results["naive (t-1)"])
assert results["ridge, lags 1 and 7"] < 0.5 * results["forest, time index"]

# %%
# The splits themselves: expanding training windows, each followed by 100 test days. A gap
# leaves days out between training and test, for targets that look several days ahead.
print("\nfold   train days     test days   (gap=7)")
for k, (tr, te) in enumerate(TimeSeriesSplit(n_splits=5, test_size=100, gap=7).split(X_lag)):
    print(f"{k:4d}   {tr[0]:4d}-{tr[-1]:<4d}     {te[0]:4d}-{te[-1]:<4d}")
    assert tr.max() + 7 < te.min()           # the gap holds, and training is always earlier

# %%
# Figure: the forward-chaining folds laid out on the time axis.
fig, ax = plt.subplots(
    figsize=(6.4, 3.0),
    num="Forward-chaining cross-validation: five folds, each with an expanding training window "
        "followed by a seven-day gap and a 100-day test window later in time",
)
for k, (tr, te) in enumerate(TimeSeriesSplit(n_splits=5, test_size=100, gap=7).split(X_lag)):
    ax.barh(k, tr[-1] - tr[0] + 1, left=tr[0], color="tab:blue",
            label="train" if k == 0 else None)
    ax.barh(k, te[-1] - te[0] + 1, left=te[0], color="tab:orange",
            label="test" if k == 0 else None)
ax.set_yticks(range(5), [f"fold {k + 1}" for k in range(5)])
ax.invert_yaxis()
ax.set_xlabel("day")
ax.legend(frameon=False, loc="upper right")
fig.tight_layout()
plt.show()
