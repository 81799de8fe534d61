"""Building and evaluating a 14-day-ahead forecast of a daily series.

The series has a trend, weekly and yearly seasonality, and autocorrelated noise. Four
forecasters are compared in a rolling-origin backtest over the last year: the naive forecast,
the seasonal naive forecast, a regression on calendar features (trend, weekday, yearly Fourier
terms), and a calendar regression plus a recursive autoregressive model of its residuals.
Errors are reported per horizon and as MASE. Last, shuffled cross-validation is scored on the
same days, with and without lag features, to show what it hides.
"""

# %%
# Three years of daily data.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LinearRegression, Ridge

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 3 * 365
t = np.arange(n)
noise = np.zeros(n)
for i in range(1, n):
    noise[i] = 0.8 * noise[i - 1] + rng.normal(scale=4.0)      # AR(1) disturbances
weekly = np.array([0, 2, 3, 3, 6, 14, 10])[t % 7]
y = 100 + 0.03 * t + weekly + 8 * np.sin(2 * np.pi * t / 365.25) + noise


def calendar(idx):
    """Features known for any future date: trend, weekday dummies, yearly Fourier terms."""
    dow = np.eye(7)[idx % 7][:, 1:]
    w = 2 * np.pi * idx / 365.25
    return np.column_stack([idx, dow, np.sin(w), np.cos(w), np.sin(2 * w), np.cos(2 * w)])


# %%
# Forecasters. Each gets the history up to the origin and returns H values.
H, P = 14, 7


def naive(hist):
    return np.repeat(hist[-1], H)


def seasonal_naive(hist):
    return np.tile(hist[-P:], H // P + 1)[:H]


def calendar_regression(hist):
    idx = np.arange(len(hist))
    model = LinearRegression().fit(calendar(idx), hist)
    return model.predict(calendar(np.arange(len(hist), len(hist) + H)))


def calendar_plus_ar(hist, lags=7):
    """Calendar regression, then a ridge AR model on its residuals, iterated H steps ahead."""
    idx = np.arange(len(hist))
    base = LinearRegression().fit(calendar(idx), hist)
    resid = hist - base.predict(calendar(idx))
    Z = np.column_stack([resid[lags - k - 1:len(resid) - k - 1] for k in range(lags)])
    ar = Ridge(alpha=1.0).fit(Z, resid[lags:])
    window = list(resid[::-1][:lags])                          # most recent first
    out = []
    for _ in range(H):                                        # recursive: feed forecasts back
        nxt = ar.intercept_ + ar.coef_ @ window[:lags]
        out.append(nxt)
        window.insert(0, nxt)
    return base.predict(calendar(np.arange(len(hist), len(hist) + H))) + np.array(out)


models = {"naive": naive, "seasonal naive": seasonal_naive,
          "calendar regression": calendar_regression, "calendar + AR": calendar_plus_ar}

# %%
# Rolling-origin backtest: an origin every other day through the last year; each model is
# refitted on everything before its origin and forecasts the next 14 days.
origins = np.arange(2 * 365, n - H + 1, 2)
errors = {k: np.zeros((len(origins), H)) for k in models}
for o_i, origin in enumerate(origins):
    hist, future = y[:origin], y[origin:origin + H]
    for k, f in models.items():
        errors[k][o_i] = np.abs(f(hist) - future)
# MASE scale: in-sample MAE of the seasonal naive forecast on the training years.
scale = np.mean(np.abs(y[P:2 * 365] - y[:2 * 365 - P]))
print(f"{len(origins)} forecast origins, horizon {H} days")
print(f"{'model':<20} {'MAE h=1':>8} {'MAE h=14':>9} {'MAE all':>8} {'MASE':>6}")
mae, mase = {}, {}
for k, e in errors.items():
    mae[k], mase[k] = e.mean(), e.mean() / scale
    print(f"{k:<20} {e[:, 0].mean():>8.2f} {e[:, -1].mean():>9.2f} {mae[k]:>8.2f} "
          f"{mase[k]:>6.2f}")

assert mase["seasonal naive"] < mase["naive"]                 # seasonality matters
assert mase["calendar regression"] < 0.9 * mase["seasonal naive"]
assert mase["calendar + AR"] < mase["calendar regression"]
# The AR part helps most at short horizons, where recent noise is still informative.
gain = errors["calendar regression"].mean(axis=0) - errors["calendar + AR"].mean(axis=0)
assert gain[0] > 1.0 and gain[0] > 3 * abs(gain[-1])
assert errors["calendar + AR"][:, 0].mean() < errors["calendar + AR"][:, -1].mean()

# %%
# Why not shuffle? Shuffled 5-fold CV, scored on the same days as the backtest (the last year),
# for the calendar regression and for a regression on calendar features plus lags 1-7 of the
# series. A row-wise split hands every test day its actual lags, including those shorter than
# the horizon, which a 14-day forecast does not have: the score is a one-step error.
L = 7
rows = np.arange(L, n)


def with_lags(idx, series):
    """Calendar features plus the series' values 1 to L days before each day in idx."""
    return np.column_stack([calendar(idx)] + [series[idx - k] for k in range(1, L + 1)])


days = np.isin(rows, np.arange(origins[0], origins[-1] + H))  # the days the backtest scores
pred = {"calendar regression": np.zeros(len(rows)), "calendar + lags": np.zeros(len(rows))}
for test in np.array_split(rng.permutation(len(rows)), 5):
    train = np.setdiff1d(np.arange(len(rows)), test)
    for k, X in (("calendar regression", calendar(rows)), ("calendar + lags", with_lags(rows, y))):
        pred[k][test] = LinearRegression().fit(X[train], y[rows[train]]).predict(X[test])
cv = {k: np.abs(p - y[rows])[days].mean() for k, p in pred.items()}

# The same lag regression in the backtest, refitted at each origin: forecasting 14 days
# recursively, and, for comparison, each of those days one day ahead from the actual values up
# to the day before (which only a one-day forecast has). The calendar model has no lags, so its
# one-day and 14-day forecasts are the same.
lag_14, lag_1 = np.zeros((len(origins), H)), np.zeros((len(origins), H))
for o_i, origin in enumerate(origins):
    fit_rows = rows[rows < origin]
    m = LinearRegression().fit(with_lags(fit_rows, y), y[fit_rows])
    window = np.arange(origin, origin + H)
    lag_1[o_i] = np.abs(m.predict(with_lags(window, y)) - y[window])
    path = y[:origin + H].copy()                  # days from the origin on get overwritten
    for h in range(H):
        path[origin + h] = m.predict(with_lags(np.array([origin + h]), path))[0]
    lag_14[o_i] = np.abs(path[window] - y[window])
one_day = {"calendar regression": mae["calendar regression"], "calendar + lags": lag_1.mean()}
fourteen = {"calendar regression": mae["calendar regression"], "calendar + lags": lag_14.mean()}
print(f"\nMAE on the last year's days {'shuffled CV':>12} {'1 day ahead':>12} "
      f"{'1-14 days ahead':>16}")
for k in pred:
    print(f"{k:<27} {cv[k]:>12.2f} {one_day[k]:>12.2f} {fourteen[k]:>16.2f}")
ratio = {k: cv[k] / fourteen[k] for k in pred}
print("shuffled CV / 14-day backtest: " + ", ".join(f"{k} {r:.2f}" for k, r in ratio.items()))
# Without lags, shuffling hides little: the calendar model forecasts every horizon alike.
assert 0.9 < ratio["calendar regression"] < 1.0
# With lags, shuffled CV reports the one-day error, far below the 14-day one.
assert abs(cv["calendar + lags"] / lag_1.mean() - 1) < 0.05
assert ratio["calendar + lags"] < 0.7

# %%
# Figure: the last origin, with the end of the history and each model's 14-day forecast.
origin = origins[-1]
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="The last eight weeks of a daily series with a weekly pattern, followed by 14 days of "
        "actual values and four forecasts: the naive forecast is flat, the seasonal naive "
        "forecast repeats the last week, and the two calendar models follow the weekly shape "
        "and level.")
ax.plot(t[origin - 56:origin], y[origin - 56:origin], color="0.5", label="history")
ax.plot(t[origin:origin + H], y[origin:origin + H], "k.-", label="actual")
for k, f in models.items():
    ax.plot(t[origin:origin + H], f(y[:origin]), lw=1.5, label=k)
ax.axvline(origin - 0.5, color="grey", ls=":")
ax.set(xlabel="day", ylabel="value")
ax.legend(fontsize=7, ncol=3, loc="upper left")
fig.tight_layout()
plt.show()
