"""Parametric against non-parametric models: size, data efficiency and flexibility.

1. How many numbers each fitted model keeps as the training set grows.
2. A curved truth: linear regression stops improving at its bias, k-nearest neighbours (with k
   growing like the square root of n) keeps approaching the noise floor.
3. A linear truth in ten dimensions with little data: the correct parametric model wins easily.
"""

# %%
# 1. Model size. Linear regression keeps d + 1 numbers whatever n is. k-NN keeps the whole
# training set. An RBF-kernel SVM keeps its support vectors, and a fully grown tree its nodes;
# both grow with n on a noisy problem.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.neighbors import KNeighborsRegressor
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
d = 2
print("     n   linear coefs   k-NN stored rows   SVM support vectors   tree nodes")
sizes = {}
for n in (100, 1000, 5000):
    X = rng.normal(size=(n, d))
    y_cls = (X[:, 0] + 0.8 * rng.normal(size=n) > 0).astype(int)       # noisy labels
    lin = LinearRegression().fit(X, y_cls)
    knn = KNeighborsRegressor().fit(X, y_cls)
    svm = SVC(kernel="rbf").fit(X, y_cls)
    tree = DecisionTreeClassifier(random_state=SEED).fit(X, y_cls)
    sizes[n] = (lin.coef_.size + 1, knn.n_samples_fit_, svm.support_.size, tree.tree_.node_count)
    print(f"{n:6d}   {sizes[n][0]:12d}   {sizes[n][1]:16d}   {sizes[n][2]:19d}   {sizes[n][3]:10d}")
assert sizes[100][0] == sizes[5000][0] == d + 1
assert sizes[5000][1] == 5000
assert sizes[5000][2] > 10 * sizes[100][2] and sizes[5000][3] > 10 * sizes[100][3]


# %%
# 2. Curved truth y = sin(3x) + noise on [-2, 2]. Test MSE for growing n; the noise variance
# (0.09) is the best any model can do.
def truth(x):
    return np.sin(3 * x)


sigma = 0.3
x_test = rng.uniform(-2, 2, 4000)[:, None]
y_test = truth(x_test[:, 0]) + rng.normal(0, sigma, 4000)
ns = np.array([20, 50, 200, 1000, 5000])
mse_lin, mse_knn = [], []
for n in ns:
    x = rng.uniform(-2, 2, n)[:, None]
    y = truth(x[:, 0]) + rng.normal(0, sigma, n)
    mse_lin.append(mean_squared_error(y_test, LinearRegression().fit(x, y).predict(x_test)))
    k = int(np.sqrt(n))
    mse_knn.append(mean_squared_error(y_test, KNeighborsRegressor(k).fit(x, y).predict(x_test)))
mse_lin, mse_knn = np.array(mse_lin), np.array(mse_knn)
print(f"\ncurved truth, noise variance {sigma ** 2:.2f}")
print("     n   linear MSE   k-NN MSE")
for n, a, b in zip(ns, mse_lin, mse_knn):
    print(f"{n:6d}   {a:10.3f}   {b:8.3f}")
assert np.all(mse_lin > 0.4) and abs(mse_lin[-1] - mse_lin[2]) < 0.05   # stuck at its bias
assert np.all(np.diff(mse_knn) < 0)                                  # falls at every step
assert mse_knn[-1] < 0.11 and mse_knn[-1] < mse_knn[0] / 2          # approaches the floor

# %%
# 3. Linear truth in 10 dimensions, 40 training points: the parametric model's assumption is
# right, and it needs far less data than k-NN.
X_tr = rng.normal(size=(40, 10))
X_te = rng.normal(size=(4000, 10))
w = rng.normal(size=10)
y_tr = X_tr @ w + rng.normal(0, sigma, 40)
y_te = X_te @ w + rng.normal(0, sigma, 4000)
lin10 = mean_squared_error(y_te, LinearRegression().fit(X_tr, y_tr).predict(X_te))
knn10 = mean_squared_error(y_te, KNeighborsRegressor(6).fit(X_tr, y_tr).predict(X_te))
print(f"\nlinear truth, d=10, n=40: linear MSE {lin10:.3f}, k-NN MSE {knn10:.3f}, "
      f"variance of y {y_te.var():.2f}")
assert lin10 < 0.2 and knn10 > 10 * lin10 and knn10 > 0.25 * y_te.var()

# %%
# Figure: test error against training-set size on the curved problem.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Test error against training-set size on a curved regression problem: linear "
        "regression levels off far above the noise floor, while k-nearest neighbours keeps "
        "improving towards it",
)
ax.loglog(ns, mse_lin, "o-", label="linear regression (parametric)")
ax.loglog(ns, mse_knn, "s-", label="k-NN, k = sqrt(n) (non-parametric)")
ax.axhline(sigma ** 2, color="grey", linestyle=":", label="noise variance")
ax.set_xlabel("training examples")
ax.set_ylabel("test MSE")
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
