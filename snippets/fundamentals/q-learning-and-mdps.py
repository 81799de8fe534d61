"""A Markov decision process solved two ways: value iteration (knows the model) and Q-learning
(learns from experience only), on a small "cliff walk" gridworld.

1. Value iteration on the Bellman optimality equation gives Q* and the optimal policy.
2. Tabular Q-learning with epsilon-greedy exploration learns the optimal route and the values
   along it without ever seeing the transition model; rarely visited states lag behind.
3. SARSA, the on-policy twin, learns the value of the exploring policy and walks a safer path.
"""

# %%
# The MDP: a 4 x 6 grid. Start bottom-left, goal bottom-right, the cells between them on the
# bottom row are a cliff (reward -100, back to start). Every other move costs -1.
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
ROWS, COLS, GAMMA = 4, 6, 1.0
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]          # up, right, down, left
START, GOAL = (3, 0), (3, COLS - 1)
CLIFF = {(3, c) for c in range(1, COLS - 1)}
STATES = [(r, c) for r in range(ROWS) for c in range(COLS)]
IDX = {s: i for i, s in enumerate(STATES)}


def step(state, a):
    """Deterministic transition: next state, reward, episode finished?"""
    r = min(max(state[0] + MOVES[a][0], 0), ROWS - 1)
    c = min(max(state[1] + MOVES[a][1], 0), COLS - 1)
    if (r, c) in CLIFF:
        return START, -100.0, False
    return (r, c), -1.0, (r, c) == GOAL


# %%
# 1. Value iteration: apply Q(s,a) <- r + gamma * max_a' Q(s',a') until nothing changes.
Q_star = np.zeros((len(STATES), 4))
for sweep in range(1000):
    new = np.zeros_like(Q_star)
    for s in STATES:
        if s == GOAL or s in CLIFF:
            continue
        for a in range(4):
            s2, rew, done = step(s, a)
            new[IDX[s], a] = rew + (0.0 if done else GAMMA * Q_star[IDX[s2]].max())
    delta = np.abs(new - Q_star).max()
    Q_star = new
    if delta < 1e-12:
        break
print(f"value iteration converged after {sweep + 1} sweeps; "
      f"V*(start) = {Q_star[IDX[START]].max():.0f}")
assert Q_star[IDX[START]].max() == -(COLS + 1)      # up, along the cliff edge, down: 7 moves


# %%
# 2. Q-learning (off-policy) and SARSA (on-policy), both acting epsilon-greedily with
# epsilon = 0.1. The only difference is the target: max over next actions, or the next action
# actually taken.
def eps_greedy(q_row):
    if rng.random() < 0.1:
        return int(rng.integers(4))
    return int(rng.choice(np.flatnonzero(q_row == q_row.max())))   # break ties at random


def learn(on_policy, episodes=3000, alpha=0.5):
    Q = np.zeros((len(STATES), 4))
    for _ in range(episodes):
        s, a, done = START, eps_greedy(Q[IDX[START]]), False
        while not done:
            s2, rew, done = step(s, a)
            a2 = eps_greedy(Q[IDX[s2]])
            nxt = Q[IDX[s2], a2] if on_policy else Q[IDX[s2]].max()
            Q[IDX[s], a] += alpha * (rew + (0.0 if done else GAMMA * nxt) - Q[IDX[s], a])
            s, a = s2, a2
    return Q


def greedy_path(Q):
    s, path = START, [START]
    while s != GOAL and len(path) < 50:
        s = step(s, int(Q[IDX[s]].argmax()))[0]
        path.append(s)
    return path


Q_learn, Q_sarsa = learn(on_policy=False), learn(on_policy=True)
free = [s for s in STATES if s != GOAL and s not in CLIFF]
regret = [Q_star[IDX[s]].max() - Q_star[IDX[s], Q_learn[IDX[s]].argmax()] for s in free]
err = np.array([abs(Q_learn[IDX[s]].max() - Q_star[IDX[s]].max()) for s in free])
on_path = [abs(Q_learn[IDX[s]].max() - Q_star[IDX[s]].max()) for s in greedy_path(Q_star)[:-1]]
print(f"Q-learning: greedy action optimal in {sum(g < 1e-9 for g in regret)}/{len(free)} states; "
      f"|V - V*| max {err.max():.2f} over all states, {max(on_path):.0e} on the optimal path")
n_opt = sum(g < 1e-9 for g in regret)
assert n_opt >= len(free) - 2 and max(on_path) < 1e-6 and err.max() < 1.5
assert greedy_path(Q_learn) == greedy_path(Q_star)

# %%
# The greedy paths: Q-learning learned the optimal route along the edge; SARSA learned the
# value of acting epsilon-greedily, under which the edge is risky, so it keeps away from it.
for name, Q in (("Q-learning", Q_learn), ("SARSA", Q_sarsa)):
    path = greedy_path(Q)
    print(f"{name:<11} greedy path: {len(path) - 1} moves, top row reached "
          f"{min(r for r, _ in path)}, its value at start {Q[IDX[START]].max():.1f}")
path_q, path_s = greedy_path(Q_learn), greedy_path(Q_sarsa)
assert len(path_q) - 1 == COLS + 1 and path_s[-1] == GOAL and len(path_s) > len(path_q)
assert min(r for r, _ in path_s) == 0 < min(r for r, _ in path_q)  # SARSA: far from the cliff
assert Q_sarsa[IDX[START]].max() < Q_learn[IDX[START]].max() - 4   # value of exploring
