"""Why long agent runs fail, what verification buys, and a minimal tool-calling loop.

Computes exactly, and checks by simulation, the chance that an agent completes n steps when each
step succeeds with probability p, then the same with a verifier that triggers retries: the
verifier's miss rate, not the number of retries, sets the ceiling. Compares pass@k with pass^k
(all k runs succeed). Finally, runs a small deterministic agent loop: a scripted policy stands in
for the LLM and emits JSON tool calls, which are validated against JSON schemas, executed, and
fed back as observations, under a step budget and a repeated-call guard.
"""

# %%
# Error compounding. If every step must be right and steps fail independently with probability
# 1 - p, an n-step task succeeds with probability p^n. Checked against 200,000 simulated runs.
import json
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

steps = (1, 5, 10, 20, 50)
print("per-step p " + "".join(f"{f'n = {n}':>9}" for n in steps))
for p in (0.90, 0.95, 0.99):
    print(f"{p:10.2f} " + "".join(f"{p ** n:9.3f}" for n in steps))
for p, n in ((0.95, 20), (0.99, 50)):
    runs = (rng.random((200_000, n)) < p).all(axis=1)
    se = np.sqrt(p ** n * (1 - p ** n) / runs.size)
    print(f"simulated p = {p}, n = {n}: {runs.mean():.4f} (exact {p ** n:.4f})")
    assert abs(runs.mean() - p ** n) < 4 * se
p_needed = 0.9 ** (1 / 20)
print(f"per-step reliability needed for 90 % success over 20 steps: {p_needed:.4f}")
p_implied = 0.6 ** (1 / 20)
print(f"a 20-step agent that succeeds 60 % of the time is right on {p_implied:.3f} of its steps")
assert round(0.95 ** 20, 2) == 0.36 and round(0.99 ** 50, 2) == 0.61 and p_needed > 0.994
assert round(p_implied, 3) == 0.975

# Cost compounds too: each step re-sends the whole history. With 2,000 new tokens per step,
# 30 steps send 2,000 * (1 + 2 + ... + 30) input tokens, not 30 * 2,000 (caching makes the
# repeated prefix cheaper, not shorter).
per_step, n_steps = 2_000, 30
total_read = sum(per_step * t for t in range(1, n_steps + 1))
print(f"{n_steps} steps of {per_step} tokens: final context {per_step * n_steps:,} tokens, "
      f"input tokens processed {total_read:,} ({total_read / (per_step * n_steps):.1f} times)")
assert total_read == 930_000

# %%
# Verification and retries. Each attempt at a step is right with probability p. A verifier
# (tests, a schema check, a critic model) rejects a wrong attempt with probability `recall` and a
# right one with probability `false_reject`; a rejected attempt is retried, up to `retries` times,
# after which the step is escalated (to a human, say). An accepted wrong attempt fails the run.
#   accept right a = p (1 - false_reject), accept wrong w = (1 - p)(1 - recall), retry r = 1 - a - w
#   P(step right) = a (1 - r^(R+1)) / (1 - r)  ->  a / (a + w) as R grows.
def step_outcomes(p, recall, false_reject, retries):
    a, w = p * (1 - false_reject), (1 - p) * (1 - recall)
    r = 1 - a - w
    geometric = (1 - r ** (retries + 1)) / (1 - r)   # expected attempts = sum of r^i, i <= R
    return a * geometric, w * geometric, r ** (retries + 1), geometric


p, n = 0.90, 20
print(f"\np = {p}, n = {n} steps      retries   P(step right)   P(run succeeds)   escalated run"
      f"   attempts per step")
table = {}
for recall in (0.0, 0.8, 0.95):
    for retries in (0, 2, 10):
        right, wrong, escalate, attempts = step_outcomes(p, recall, 0.05 * (recall > 0), retries)
        run_ok = right ** n
        run_escalated = 1 - (1 - escalate) ** n
        table[recall, retries] = right, run_ok, attempts
        print(f"verifier recall {recall:4.2f} {retries:10d} {right:15.4f} {run_ok:17.3f} "
              f"{run_escalated:15.3f} {attempts:19.2f}")
ceiling_08 = (0.9 * 0.95) / (0.9 * 0.95 + 0.1 * 0.2)
print(f"ceiling with recall 0.8: P(step right) = a / (a + w) = {ceiling_08:.4f}, "
      f"run {ceiling_08 ** n:.3f}")
assert table[0.8, 0][1] < 0.9 ** n                        # without retries it only escalates
assert table[0.8, 2][1] > 4 * 0.9 ** n                    # 0.12 -> about 0.6
assert table[0.8, 10][1] < ceiling_08 ** n + 1e-9 and table[0.8, 10][1] > ceiling_08 ** n - 0.01
assert [round(table[0.8, 2][1], 2), round(table[0.8, 2][2], 2), round(ceiling_08 ** n, 2)] == \
    [0.61, 1.14, 0.63]
assert round(table[0.95, 2][1], 2) == 0.84 and round(table[0.95, 10][1], 2) == 0.89

# Monte Carlo check of the recall-0.8, two-retry row: 100,000 runs of 20 steps.
m = 100_000
u = rng.random((m, n, 3))
right_att, reject = u < 0.9, np.empty((m, n, 3), dtype=bool)
v = rng.random((m, n, 3))
reject = np.where(right_att, v < 0.05, v < 0.8)
first_accept = np.argmax(~reject, axis=2)                 # index of the first accepted attempt
accepted_any = (~reject).any(axis=2)
step_right = accepted_any & np.take_along_axis(right_att, first_accept[..., None], 2)[..., 0]
sim_run = step_right.all(axis=1).mean()
print(f"simulated run success (recall 0.8, 2 retries): {sim_run:.4f} "
      f"(exact {table[0.8, 2][1]:.4f})")
assert abs(sim_run - table[0.8, 2][1]) < 4 * np.sqrt(0.25 / m)

# %%
# pass@k versus pass^k over a task suite. Each task has its own success rate q (Beta-distributed,
# some easy, some hard). pass@k = E[1 - (1 - q)^k] (one of k runs succeeds) rises with k;
# pass^k = E[q^k] (all k runs succeed, tau-bench's reliability metric) falls.
q = rng.beta(2.0, 1.0, 200_000)
print("\n  k   pass@k   pass^k")
pass_at, pass_hat = {}, {}
for k in (1, 2, 4, 8):
    pass_at[k], pass_hat[k] = np.mean(1 - (1 - q) ** k), np.mean(q ** k)
    print(f"{k:3d} {pass_at[k]:8.3f} {pass_hat[k]:8.3f}")
assert abs(pass_at[1] - 2 / 3) < 0.005 and abs(pass_hat[8] - 0.2) < 0.005  # exact: 2/3 and 2/10
assert abs(pass_at[8] - (1 - 2 / 90)) < 0.005             # exact: 1 - E[(1 - q)^8] = 1 - 2/90

# %%
# A minimal agent loop. Tools are declared with JSON schemas; the model answers with a JSON tool
# call or a final answer. Here a scripted policy stands in for the LLM, so the loop is
# deterministic. The loop validates each call, runs the tool, appends the observation, and stops
# on a final answer, after a step budget, or when the same call repeats three times.
WEATHER = {"Lisbon": 21.0, "Oslo": 4.0}
TOOLS = {
    "get_weather": {
        "schema": {"type": "object", "properties": {"city": {"type": "string"}},
                   "required": ["city"], "additionalProperties": False},
        "run": lambda args: {"celsius": WEATHER[args["city"]]},
    },
    "to_fahrenheit": {
        "schema": {"type": "object", "properties": {"celsius": {"type": "number"}},
                   "required": ["celsius"], "additionalProperties": False},
        "run": lambda args: {"fahrenheit": round(args["celsius"] * 9 / 5 + 32, 1)},
    },
}
JSON_TYPES = {"string": str, "number": (int, float), "integer": int, "object": dict}


def validate(args, schema):
    """The subset of JSON Schema used above: types, required keys, no extra keys."""
    errors = [f"missing required '{k}'" for k in schema["required"] if k not in args]
    for key, value in args.items():
        if key not in schema["properties"]:
            errors.append(f"unexpected '{key}'")
        elif not isinstance(value, JSON_TYPES[schema["properties"][key]["type"]]):
            errors.append(f"'{key}' must be {schema['properties'][key]['type']}")
    return errors


def run_agent(policy, budget=6):
    transcript, calls = [], []
    for step in range(1, budget + 1):
        message = json.loads(policy(transcript))
        if "final" in message:
            return "answered", step, message["final"], transcript
        name, args = message["tool"], message["arguments"]
        calls.append(json.dumps(message, sort_keys=True))
        if calls[-3:].count(calls[-1]) == 3:
            return "stopped: repeated call", step, None, transcript
        if name not in TOOLS:
            observation = {"error": f"unknown tool '{name}'"}
        elif errors := validate(args, TOOLS[name]["schema"]):
            observation = {"error": "; ".join(errors)}
        else:
            observation = TOOLS[name]["run"](args)
        transcript.append((message, observation))
    return "stopped: step budget", budget, None, transcript


def careful(transcript):
    """Fetch the weather, convert it, answer."""
    if not transcript:
        return json.dumps({"tool": "get_weather", "arguments": {"city": "Lisbon"}})
    last = transcript[-1][1]
    if "celsius" in last:
        return json.dumps({"tool": "to_fahrenheit", "arguments": {"celsius": last["celsius"]}})
    return json.dumps({"final": f"It is {last['fahrenheit']} F in Lisbon."})


def sloppy_then_fixes(transcript):
    """First call uses a wrong argument name; the error message lets it correct itself."""
    if not transcript:
        return json.dumps({"tool": "get_weather", "arguments": {"town": "Lisbon"}})
    if "error" in transcript[-1][1]:
        return json.dumps({"tool": "get_weather", "arguments": {"city": "Lisbon"}})
    return careful(transcript)


def stuck(transcript):
    """Keeps asking for the same thing."""
    return json.dumps({"tool": "get_weather", "arguments": {"city": "Oslo"}})


def wanders(transcript):
    """Alternates between two calls and never answers."""
    city = ["Oslo", "Lisbon"][len(transcript) % 2]
    return json.dumps({"tool": "get_weather", "arguments": {"city": city}})


print()
results = {}
for policy in (careful, sloppy_then_fixes, stuck, wanders):
    status, used, answer, transcript = run_agent(policy)
    results[policy.__name__] = status, used, answer
    print(f"{policy.__name__:<18} {status:<24} steps {used}   answer: {answer}")
    for message, observation in transcript:
        call = f"{message['tool']}({json.dumps(message['arguments'])})"
        print(f"{'':20}{call} -> {json.dumps(observation)}")
assert results["careful"] == ("answered", 3, "It is 69.8 F in Lisbon.")
assert results["sloppy_then_fixes"] == ("answered", 4, "It is 69.8 F in Lisbon.")
assert results["stuck"][:2] == ("stopped: repeated call", 3)
assert results["wanders"][:2] == ("stopped: step budget", 6)
