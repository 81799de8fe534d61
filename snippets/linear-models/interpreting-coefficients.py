"""Reading regression coefficients correctly: "holding the others fixed", units, logs, dummies,
interactions, and odds ratios in logistic regression.
"""

# %%
# Simulated house prices (in thousands): price rises with floor area and falls with age; the
# number of rooms adds nothing once area is known, but rooms and area are strongly correlated.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import expit
from sklearn.linear_model import LinearRegression, LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 5000
area = rng.uniform(40, 200, n)                                  # square metres
rooms = np.round(area / 30 + rng.normal(0, 0.7, n)).clip(1)
age = rng.uniform(0, 60, n)                                     # years
price = 50 + 3.0 * area + 0.0 * rooms - 1.5 * age + rng.normal(0, 30, n)

X = np.c_[area, rooms, age]
full = LinearRegression().fit(X, price)
rooms_only = LinearRegression().fit(rooms[:, None], price)
print("price ~ area + rooms + age: coefficients (per m2, per room, per year)",
      np.round(full.coef_, 2))
print(f"price ~ rooms alone:         coefficient per room {rooms_only.coef_[0]:.1f}")
# Multiple regression: rooms ~ 0 at fixed area. Simple regression: rooms carries area's effect.
assert abs(full.coef_[1]) < 2 and rooms_only.coef_[0] > 50

# %%
# Units and standardisation. Measuring area in square feet divides its coefficient by 10.764;
# predictions do not change. A standardised coefficient (beta times the feature's standard
# deviation) is the change in price for a one-standard-deviation change.
ft2 = LinearRegression().fit(np.c_[area * 10.764, rooms, age], price)
assert np.isclose(ft2.coef_[0] * 10.764, full.coef_[0])
assert np.allclose(ft2.predict(np.c_[area * 10.764, rooms, age]), full.predict(X))
per_sd = full.coef_ * X.std(axis=0)
print("change in price per standard deviation (area, rooms, age):", np.round(per_sd, 1))
assert per_sd[0] > 4 * abs(per_sd[2]) > 0      # area dominates: about 5 times age

# %%
# Log outcome: if log(y) = a + b x, one unit of x multiplies y by exp(b), a change of
# 100 (exp(b) - 1) percent; for small b that is roughly 100 b percent.
x = rng.uniform(0, 10, n)
y = np.exp(1.0 + 0.25 * x + rng.normal(0, 0.3, n))
b = LinearRegression().fit(x[:, None], np.log(y)).coef_[0]
print(f"\nlog(y) ~ x: b = {b:.3f}; one unit of x multiplies y by {np.exp(b):.3f} "
      f"(+{100 * (np.exp(b) - 1):.0f} %, not +{100 * b:.0f} %)")
assert abs(b - 0.25) < 0.01 and 27 < 100 * (np.exp(b) - 1) < 30

# %%
# Dummy variables are contrasts with the baseline category. Changing the baseline changes every
# dummy coefficient but not a single prediction.
city = rng.integers(0, 3, n)                                    # 0 = A, 1 = B, 2 = C
price_c = 200 + np.array([0.0, 40.0, -25.0])[city] + rng.normal(0, 10, n)
D = np.eye(3)[city]
base_A = LinearRegression().fit(D[:, [1, 2]], price_c)          # baseline A
base_C = LinearRegression().fit(D[:, [0, 1]], price_c)          # baseline C
print(f"\ncity dummies, baseline A: B {base_A.coef_[0]:+.1f}, C {base_A.coef_[1]:+.1f}; "
      f"baseline C: A {base_C.coef_[0]:+.1f}, B {base_C.coef_[1]:+.1f}")
assert np.allclose(base_A.predict(D[:, [1, 2]]), base_C.predict(D[:, [0, 1]]))
assert abs(base_A.coef_[0] - 40) < 1 and abs(base_C.coef_[1] - 65) < 1

# %%
# Interactions: with an x1 * x2 term, the coefficient of x1 is its slope where x2 = 0. Centring
# x2 makes it the slope at the average x2 instead.
x1, x2 = rng.normal(0, 1, n), rng.normal(5, 1, n)
y_int = 2 * x1 + x2 + 0.5 * x1 * x2 + rng.normal(0, 1, n)
raw = LinearRegression().fit(np.c_[x1, x2, x1 * x2], y_int).coef_
x2c = x2 - x2.mean()
cen = LinearRegression().fit(np.c_[x1, x2c, x1 * x2c], y_int).coef_
print(f"interaction model: slope of x1 at x2 = 0 is {raw[0]:.2f}; "
      f"at mean x2 = {x2.mean():.1f} it is {cen[0]:.2f}")
assert abs(raw[0] - 2) < 0.2 and abs(cen[0] - (2 + 0.5 * x2.mean())) < 0.2

# %%
# Logistic regression: exp(b) is an odds ratio, the same everywhere; the change in probability
# is not, because it depends on where on the sigmoid you start.
z = rng.normal(size=(20_000, 1))
intercept, slope = -1.0, 0.8
clicked = rng.random(20_000) < expit(intercept + slope * z[:, 0])
lr = LogisticRegression(C=np.inf).fit(z, clicked)
b_log = lr.coef_[0, 0]
print(f"\nlogistic: b = {b_log:.3f}, odds ratio exp(b) = {np.exp(b_log):.2f}")
print("  baseline p   p after +1 unit   change in p   odds ratio")
steps = []
for p0 in [0.02, 0.2, 0.5, 0.9]:
    logit0 = np.log(p0 / (1 - p0))
    p1 = expit(logit0 + b_log)
    steps.append(p1 - p0)
    ratio = (p1 / (1 - p1)) / (p0 / (1 - p0))
    print(f"  {p0:10.2f} {p1:17.3f} {p1 - p0:+13.3f} {ratio:12.2f}")
    assert np.isclose(ratio, np.exp(b_log))
assert max(steps) > 4 * min(steps) and abs(b_log - slope) < 0.05

# The average marginal effect: the mean over the data of dp/dz = b p (1 - p).
p_hat = lr.predict_proba(z)[:, 1]
ame = np.mean(b_log * p_hat * (1 - p_hat))
print(f"  average marginal effect dp/dz over the data: {ame:.3f}")
assert 0.1 < ame < 0.2

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="The logistic curve with the same one-unit step in the score drawn at four starting "
        "probabilities: the odds ratio is identical for each step, but the rise in probability "
        "is small near 0 and 1 and largest near 0.5",
)
s = np.linspace(-6, 5, 300)
ax.plot(s, expit(s), color="k", lw=1)
for p0 in [0.02, 0.2, 0.5, 0.9]:
    l0 = np.log(p0 / (1 - p0))
    ax.annotate("", xy=(l0 + b_log, expit(l0 + b_log)), xytext=(l0, p0),
                arrowprops=dict(arrowstyle="->", color="tab:red", lw=2))
    ax.text(l0 + b_log + 0.15, p0, f"{expit(l0 + b_log) - p0:+.3f}", fontsize=8, va="top")
ax.set(xlabel="linear score b0 + b x", ylabel="predicted probability")
fig.tight_layout()
plt.show()
