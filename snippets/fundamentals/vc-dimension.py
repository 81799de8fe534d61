"""Shattering, the VC dimension of linear classifiers, and how loose the VC bound is.

Checks by linear programming which labellings of a point set a linear classifier can produce:
3 points in the plane in general position are shattered, no 4 points are, and d + 1 points are
shattered in d dimensions. Counts the labellings of n points and compares them with Cover's
formula and the Sauer-Shelah bound, shows that one parameter can give an infinite VC dimension,
and compares the VC generalisation bound with the gap measured on a real fit.
"""

# %%
# A labelling y in {-1, +1}^n is linearly separable if some (w, b) has y_i (w . x_i + b) >= 1
# for all i: a linear-programming feasibility problem.
import itertools
import os
from math import comb, log, sqrt
import numpy as np
from scipy.optimize import brentq, linprog
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def separable(P, y):
    A = -y[:, None] * np.hstack([P, np.ones((len(P), 1))])  # -y (w . x + b) <= -1
    res = linprog(np.zeros(P.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(P)),
                  bounds=[(None, None)] * (P.shape[1] + 1), method="highs")
    return res.status == 0


def n_dichotomies(P):
    return sum(separable(P, np.array(y)) for y in itertools.product([-1, 1], repeat=len(P)))


def shattered(P):
    return n_dichotomies(P) == 2 ** len(P)


# %%
# In the plane: 3 points in general position are shattered; 3 collinear points are not
# (middle point labelled differently from both ends); no set of 4 points is (Radon's theorem:
# any 4 points split into two groups whose convex hulls intersect). Checked on random sets.
tri = rng.normal(size=(3, 2))
line = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
fours = [rng.normal(size=(4, 2)) for _ in range(20)] + [np.array([[0, 0], [1, 1], [0, 1], [1, 0.0]])]
print(f"3 random points shattered: {shattered(tri)};  3 collinear points: {shattered(line)}")
print(f"4-point sets shattered: {sum(shattered(P) for P in fours)} of {len(fours)}")
assert shattered(tri) and not shattered(line) and not any(shattered(P) for P in fours)

# %%
# In d dimensions, the origin and the d unit vectors (d + 1 points) are shattered, and random
# sets of d + 2 points are not: the VC dimension of affine half-spaces is d + 1.
print("\n d   d+1 points shattered   d+2 random points shattered")
for d in (1, 2, 3, 4):
    simplex = np.vstack([np.zeros(d), np.eye(d)])
    extra = rng.normal(size=(d + 2, d))
    print(f" {d}          {shattered(simplex)}                    {shattered(extra)}")
    assert shattered(simplex) and not shattered(extra)

# %%
# Growth: the number of labellings of n points in general position in the plane equals Cover's
# count 2 * sum_{k<3} C(n-1, k), below the Sauer-Shelah bound sum_{i<=3} C(n, i), and far
# below 2^n: polynomial, not exponential, growth is what makes generalisation possible.
print("\n n   separable labellings   Cover   Sauer bound    2^n")
for n in (4, 5, 6, 7):
    count = n_dichotomies(rng.normal(size=(n, 2)))
    cover = 2 * sum(comb(n - 1, k) for k in range(3))
    sauer = sum(comb(n, i) for i in range(4))
    print(f" {n}        {count:4d}             {cover:4d}     {sauer:4d}        {2 ** n:4d}")
    assert count == cover < sauer < 2 ** n

# %%
# Parameters are not capacity: h(x) = [sin(omega x) > 0] has one parameter, yet it realises
# every labelling of x_i = 10^-i (i = 1..n) with omega = pi (1 + sum_i (1 - y_i) 10^i).
n = 5
xs = 10.0 ** -np.arange(1, n + 1)
ok = all(np.array_equal((np.sin(np.pi * (1 + sum((1 - yi) * 10 ** (i + 1) for i, yi in
                                                 enumerate(y))) * xs) > 0).astype(int), y)
         for y in itertools.product([0, 1], repeat=n))
print(f"\nsin(omega x) realises all {2 ** n} labellings of {n} points: {ok}")
assert ok

# %%
# The VC bound (Vapnik's form): with probability 1 - delta, for every classifier in a class
# of VC dimension h, test error <= training error + sqrt((h (ln(2n/h) + 1) + ln(4/delta)) / n).
# Compare it with the gap of a logistic regression in 50 dimensions (h = 51) trained on 10,000.
def vc_gap(h, n, delta=0.05):
    return sqrt((h * (log(2 * n / h) + 1) + log(4 / delta)) / n)


d, n_train = 50, 10_000
w = rng.normal(size=d)
Xall = rng.normal(size=(n_train + 50_000, d))
yall = (Xall @ w + rng.normal(scale=3.0, size=len(Xall)) > 0).astype(int)
clf = LogisticRegression(max_iter=1000).fit(Xall[:n_train], yall[:n_train])
gap = (1 - clf.score(Xall[n_train:], yall[n_train:])) - (1 - clf.score(Xall[:n_train], yall[:n_train]))
bound = vc_gap(d + 1, n_train)
n_for_005 = brentq(lambda m: vc_gap(d + 1, m) - 0.05, 1e3, 1e8)
print(f"measured gap (test - train error) {gap:.4f};  VC bound on the gap {bound:.3f}")
print(f"training size for the bound to reach 0.05: {n_for_005:,.0f}")
assert abs(bound - 0.19) < 0.005 and abs(gap) < 0.02 and bound > 8 * max(abs(gap), 0.01)
assert 2.0e5 < n_for_005 < 2.1e5
