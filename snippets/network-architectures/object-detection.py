"""IoU, anchors, non-maximum suppression and average precision on synthetic boxes, in NumPy.

1. Vectorised IoU, checked against counting pixels of rasterised integer boxes.
2. Anchor coverage: share of objects with an anchor at IoU >= 0.5, square anchors vs 3 shapes.
3. A simulated detector fires several jittered boxes per object plus false alarms. Greedy NMS
   removes the duplicates; AP at IoU 0.5 is computed before and after it, and checked against
   scikit-learn's step-wise average precision.
"""

# %%
# Boxes are rows [x1, y1, x2, y2]. IoU = area of intersection / area of union.
import os
import numpy as np
from sklearn.metrics import average_precision_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def area(b):
    return (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])


def iou(a, b):
    """Pairwise IoU between boxes a (n, 4) and b (m, 4): an (n, m) matrix."""
    lo = np.maximum(a[:, None, :2], b[None, :, :2])
    hi = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=2)
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def random_boxes(n, size=64):
    xy = rng.integers(0, size - 8, (n, 2))
    wh = rng.integers(4, 40, (n, 2))
    return np.c_[xy, np.minimum(xy + wh, size)].astype(float)


a, b = random_boxes(300), random_boxes(300)
grid = np.arange(64) + 0.5                      # pixel centres


def raster(box):
    return np.outer((grid > box[1]) & (grid < box[3]), (grid > box[0]) & (grid < box[2]))


pix = [(raster(p) & raster(q)).sum() / (raster(p) | raster(q)).sum() for p, q in zip(a, b)]
print(f"IoU formula vs pixel count, max difference: {np.abs(np.diag(iou(a, b)) - pix).max():.1e}")
assert np.allclose(np.diag(iou(a, b)), pix)

# %%
# Anchors: boxes of 3 sizes (x 3 aspect ratios) centred on a stride-8 grid over a 128 x 128 image.
# Objects have aspect ratios between 1:3 and 3:1. How many have an anchor with IoU >= 0.5?
def anchors(ratios, sizes=(16, 32, 64), stride=8, image=128):
    c = np.arange(stride / 2, image, stride)
    cx, cy = [g.ravel() for g in np.meshgrid(c, c)]
    out = []
    for s in sizes:
        for r in ratios:                        # r = width / height, area s^2
            w, h = s * np.sqrt(r), s / np.sqrt(r)
            out.append(np.c_[cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    return np.vstack(out)


ar = np.exp(rng.uniform(np.log(1 / 3), np.log(3), 500))
sz = rng.uniform(16, 64, 500)
ctr = rng.uniform(32, 96, (500, 2))
objs = np.c_[ctr - np.c_[sz * np.sqrt(ar), sz / np.sqrt(ar)] / 2,
             ctr + np.c_[sz * np.sqrt(ar), sz / np.sqrt(ar)] / 2]
cover1 = (iou(objs, anchors([1.0])).max(axis=1) >= 0.5).mean()
cover3 = (iou(objs, anchors([0.5, 1.0, 2.0])).max(axis=1) >= 0.5).mean()
print(f"objects with an anchor at IoU >= 0.5: square anchors {cover1:.0%}, 3 shapes {cover3:.0%}")
assert 0.55 < cover1 < 0.7 and cover3 > 0.9


# %%
# Greedy NMS: take the best-scoring box, drop boxes overlapping it above the threshold, repeat.
def nms(boxes, scores, thr=0.5):
    order, keep = np.argsort(-scores), []
    while order.size:
        i, order = order[0], order[1:]
        keep.append(i)
        order = order[iou(boxes[[i]], boxes[order])[0] <= thr]
    return np.array(keep)


# %%
# Simulated detector on 200 images: each object is detected with probability 0.9, as 5 jittered
# boxes scored by how well they fit, plus 2 random false alarms per image with lower scores.
images, n_found = [], 0
for _ in range(200):
    gt = random_boxes(rng.integers(1, 5), size=128)
    boxes, scores = [], []
    found = gt[rng.random(len(gt)) < 0.9]
    n_found += len(found)
    for g in found:
        wh = g[2:] - g[:2]
        jit = g + rng.normal(0, 0.08, (5, 4)) * np.r_[wh, wh]
        boxes.append(jit)
        scores.append(iou(jit, g[None])[:, 0] + rng.normal(0, 0.1, 5))
    boxes.append(random_boxes(2, size=128))
    scores.append(rng.uniform(0, 0.7, 2))
    images.append((gt, np.vstack(boxes), np.concatenate(scores)))


def average_precision(dets, thr=0.5):
    """VOC-style AP: match by descending score, each object at most once; all-point interpolation."""
    rows, n_gt = [], 0
    for gt, boxes, scores in dets:
        n_gt += len(gt)
        taken = np.zeros(len(gt), bool)
        for i in np.argsort(-scores):
            o = iou(boxes[[i]], gt)[0]
            o[taken] = -1
            j = o.argmax()
            hit = o[j] >= thr
            taken[j] |= hit
            rows.append((scores[i], hit))
    s, tp = np.array(rows).T
    tp = tp[np.argsort(-s, kind="stable")]
    recall, precision = np.cumsum(tp) / n_gt, np.cumsum(tp) / np.arange(1, len(tp) + 1)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]      # interpolated precision
    ap = np.sum(np.diff(np.r_[0, recall]) * envelope)
    ap_steps = average_precision_score(tp, -np.arange(len(tp))) * tp.sum() / n_gt
    assert np.isclose(ap_steps, np.sum(np.diff(np.r_[0, recall]) * precision))
    return ap, recall[-1]


after = [(g, b[k], s[k]) for g, b, s in images for k in [nms(b, s)]]
kept = [k for g, b, s in images for k in [nms(b, s)]]
for (g, b, s), k in zip(images, kept):
    o = iou(b, b[k])
    assert (np.triu(o[k], 1) <= 0.5).all()                       # survivors do not overlap
    dropped = np.setdiff1d(np.arange(len(b)), k)                 # each loser has a better winner
    assert all(((o[d] > 0.5) & (s[k] > s[d])).any() for d in dropped)

print(f"\n{'':<12}{'boxes':>7}{'AP@0.5':>8}{'AP@0.75':>9}{'recall@0.5':>12}")
res = {}
for name, dets in [("before NMS", images), ("after NMS", after)]:
    ap50, rec = average_precision(dets, 0.5)
    ap75, _ = average_precision(dets, 0.75)
    res[name] = ap50
    n_gt = sum(len(g) for g, _, _ in dets)
    assert 0.85 < rec < n_found / n_gt + 0.01   # ~capped by objects never detected (a random
    #                                             false alarm can, rarely, hit a missed one)
    print(f"{name:<12}{sum(len(b) for _, b, _ in dets):>7}{ap50:>8.3f}{ap75:>9.3f}{rec:>12.3f}")
    if name == "after NMS":
        assert ap75 < ap50 - 0.05                                # stricter IoU, lower AP
assert res["after NMS"] > res["before NMS"] + 0.15 and res["after NMS"] > 0.85
n_kept, n_boxes = sum(len(k) for k in kept), sum(len(b) for _, b, _ in images)
assert 2300 < n_boxes < 2900
print(f"boxes kept by NMS {n_kept}, detected objects + false alarms {n_found + 2 * len(images)}")
assert abs(n_kept / (n_found + 2 * len(images)) - 1) < 0.05
