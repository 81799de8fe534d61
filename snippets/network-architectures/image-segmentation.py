"""Segmentation metrics under class imbalance, what a coarse bottleneck loses, and transposed conv.

1. A 128 x 128 image with one small object (under 3 % of pixels): pixel accuracy, IoU and Dice
   for an empty prediction, an over-segmented one and a shifted one.
2. Even a perfect prediction made at stride f and upsampled loses thin structures: the reason
   U-Net passes high-resolution encoder features to the decoder through skip connections.
3. Transposed convolution is the adjoint of strided convolution, and with kernel 3 and stride 2
   it covers output pixels unevenly (checkerboard artefacts).
"""

# %%
# Metrics from the confusion counts of a binary mask (foreground = 1).
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
yy, xx = np.mgrid[:128, :128]


def disc(cx, cy, r):
    return (xx - cx) ** 2 + (yy - cy) ** 2 <= r ** 2


def scores(true, pred):
    tp, fp, fn = (true & pred).sum(), (~true & pred).sum(), (true & ~pred).sum()
    tn = true.size - tp - fp - fn
    iou_fg = tp / (tp + fp + fn) if tp + fp + fn else 1.0
    iou_bg = tn / (tn + fp + fn)
    dice = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return (tp + tn) / true.size, iou_fg, (iou_fg + iou_bg) / 2, dice


cx, cy = rng.integers(30, 98, 2)
truth = disc(cx, cy, 12)
preds = {
    "all background": np.zeros_like(truth),
    "radius 18 (over)": disc(cx, cy, 18),
    "shifted 6 px": disc(cx + 6, cy, 12),
    "exact": truth,
}
print(f"foreground share {truth.mean():.3f}\n")
print(f"{'prediction':<18}{'pixel acc':>10}{'IoU fg':>8}{'mIoU':>7}{'Dice':>7}")
res = {}
for name, p in preds.items():
    res[name] = scores(truth, p)
    print(f"{name:<18}" + "".join(f"{v:>{w}.3f}" for v, w in zip(res[name], (10, 8, 7, 7))))
acc0, iou0, miou0, dice0 = res["all background"]
assert truth.mean() < 0.03 and acc0 > 0.97 and iou0 == 0 and dice0 == 0 and 0.48 < miou0 < 0.5
# Pixel accuracy prefers predicting nothing to finding the object with a loose boundary.
assert res["radius 18 (over)"][0] < acc0 and res["radius 18 (over)"][3] > 0.6
for name in ("radius 18 (over)", "shifted 6 px"):
    assert res[name][3] > res[name][1] + 0.1    # Dice is more lenient than IoU on partial overlap

# %%
# What the bottleneck loses. A scene with a disc and a 2-pixel-wide curved vessel. Predict the
# mask perfectly at stride f (majority vote per f x f block), then upsample by repetition.
vessel = np.abs(yy - (64 + 30 * np.sin(xx / 20 + rng.uniform(0, 6)))) < 1
blob = disc(*rng.integers(30, 98, 2), 20) & ~vessel


def coarse(mask, f):
    votes = mask.reshape(128 // f, f, 128 // f, f).mean(axis=(1, 3)) > 0.5
    return np.repeat(np.repeat(votes, f, 0), f, 1)


print(f"\n{'stride':>6}{'IoU disc':>10}{'IoU vessel':>12}")
out = {}
for f in (1, 2, 4, 8, 16):
    out[f] = scores(blob, coarse(blob, f))[1], scores(vessel, coarse(vessel, f))[1]
    print(f"{f:>6}{out[f][0]:>10.3f}{out[f][1]:>12.3f}")
assert out[16][0] > 0.6 and out[2][1] < 0.7 and max(out[4][1], out[8][1], out[16][1]) == 0


# %%
# Transposed convolution (1-D, stride 2, kernel 3): each input scatters a copy of the kernel.
# It is the adjoint of the strided convolution: <conv(x), y> == <x, conv_t(y)>.
def conv(x, w, s=2):
    n = (len(x) - len(w)) // s + 1
    return np.array([x[i * s: i * s + len(w)] @ w for i in range(n)])


def conv_t(y, w, s=2):
    out = np.zeros((len(y) - 1) * s + len(w))
    for i, v in enumerate(y):
        out[i * s: i * s + len(w)] += v * w
    return out


w, x = rng.normal(size=3), rng.normal(size=17)
y = rng.normal(size=len(conv(x, w)))
print(f"\n<conv x, y> = {conv(x, w) @ y:.6f}, <x, conv_t y> = {x @ conv_t(y, w):.6f}")
assert np.isclose(conv(x, w) @ y, x @ conv_t(y, w)) and len(conv_t(y, w)) == len(x)
# A constant input and unit kernel: interior outputs alternate 1, 2, 1, 2 (uneven overlap).
flat = conv_t(np.ones(8), np.ones(3))
print("transposed conv of a constant:", flat.astype(int))
assert set(flat[1:-1]) == {1.0, 2.0}
