"""LLM serving arithmetic: roofline of prefill and decode, continuous batching, paged KV memory.

Stated hardware: one accelerator with 80 GB of HBM at 3.35 TB/s and 989 TFLOP/s of dense BF16
(about the datasheet peaks of an H100 SXM); real kernels reach a fraction of both. Model:
Llama 3 8B in BF16 (about 8.0e9 parameters; 32 layers, width 4,096, 8 KV heads of dimension 128,
so 128 KiB of KV cache per token, from the Llama 3 paper, arXiv 2407.21783). The program
estimates decode throughput against batch size, compares static and continuous (iteration-level)
batching in a discrete simulation of 512 requests of varied lengths, measures the KV memory
wasted by contiguous and paged allocation, and shows how chunked prefill bounds the time
between tokens.
"""

# %%
# Cost of one iteration of the model: weights are read once per iteration whatever the batch;
# each decoding sequence also reads its KV cache; FLOPs are 2 per weight per token plus the
# attention term. The iteration takes max(bytes / bandwidth, FLOPs / peak): the roofline.
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

BW, PEAK, HBM = 3.35e12, 989e12, 80e9            # bytes/s, FLOP/s, bytes
N_PARAMS, LAYERS, WIDTH = 8.0e9, 32, 4_096
WEIGHT_BYTES = 2 * N_PARAMS                       # BF16
KV_PER_TOKEN = 2 * LAYERS * 8 * 128 * 2           # K and V, 8 KV heads x 128 dims, 2 bytes


def iteration_time(decode_contexts=(), prefill_tokens=0, prefill_past=0):
    """Seconds for one iteration: decode one token for each context length in decode_contexts,
    plus a prefill chunk of prefill_tokens that follows prefill_past already-cached tokens."""
    ctx = np.asarray(decode_contexts, dtype=float)
    bytes_moved = WEIGHT_BYTES + KV_PER_TOKEN * (ctx.sum() + prefill_past)
    flops = (2 * N_PARAMS * (len(ctx) + prefill_tokens) + 4 * LAYERS * WIDTH * ctx.sum()
             + 4 * LAYERS * WIDTH * prefill_tokens * (prefill_past + prefill_tokens / 2))
    return max(bytes_moved / BW, flops / PEAK)


ridge = PEAK / BW
print(f"ridge point of the roofline: {ridge:.0f} FLOP per byte")
assert 290 < ridge < 300

# %%
# Prefill is compute-bound: a 2,000-token prompt does about 2,000 FLOPs per weight byte read.
# Decode is bandwidth-bound: one token per sequence does 1 FLOP per byte at batch 1.
prompt = 2_000
t_prefill = iteration_time(prefill_tokens=prompt)
intensity_prefill = 2 * N_PARAMS * prompt / WEIGHT_BYTES
t_decode1 = iteration_time([prompt])
print(f"prefill of {prompt} tokens: {t_prefill * 1e3:.1f} ms (compute-bound, {intensity_prefill:.0f} FLOP/byte);"
      f" decode at batch 1: {t_decode1 * 1e3:.2f} ms per token, at most {1 / t_decode1:.0f} tokens/s")
assert t_prefill > 5 * WEIGHT_BYTES / BW                   # far above the memory time
assert round(t_prefill * 1e3) == 33 and round(WEIGHT_BYTES / BW * 1e3, 1) == 4.8
assert 190 < 1 / t_decode1 < 210                           # about 200 tokens/s at batch 1

# %%
# Decode throughput against batch size, every sequence at 2,048 tokens of context. Weight reads
# are shared by the batch, KV reads are not; memory caps the batch at what fits beside the weights.
ctx = 2_048
max_batch = int((HBM - WEIGHT_BYTES) // (KV_PER_TOKEN * ctx))
print(f"\ncontext {ctx}: KV cache fits {max_batch} sequences beside the weights")
print(f"{'batch':>6} {'step ms':>8} {'tokens/s':>9} {'FLOP/byte':>10} {'bound':>9}")
thr = {}
for b in (1, 8, 32, 64, 128, max_batch):
    t = iteration_time([ctx] * b)
    thr[b] = b / t
    flops = 2 * N_PARAMS * b + 4 * LAYERS * WIDTH * ctx * b
    bytes_moved = WEIGHT_BYTES + KV_PER_TOKEN * ctx * b
    bound = "memory" if bytes_moved / BW > flops / PEAK else "compute"
    print(f"{b:6d} {t * 1e3:8.2f} {thr[b]:9.0f} {flops / bytes_moved:10.1f} {bound:>9}")
    assert bound == "memory"                                # decode never reaches the ridge here
assert thr[32] > 20 * thr[1] and thr[max_batch] < 5 * thr[32]      # batching pays, then saturates
assert max_batch == 238
sessions_8k = int((HBM - WEIGHT_BYTES) // (KV_PER_TOKEN * 8_192))
print(f"at 8,192 tokens of context: {sessions_8k} sequences fit")
assert sessions_8k == 59

# %%
# Static vs continuous batching, simulated. 512 requests, all waiting at time 0; prompt and
# output lengths are log-normal (median 300 and 150 tokens, capped). At most 32 sequences run
# at once. Static: take 32 requests, prefill them, decode until the longest one is done; finished
# rows stay in the batch as padding and nobody returns before the batch ends. Continuous
# (iteration-level, as in Orca): after every iteration, finished requests leave and waiting ones
# join, their prefill running in the same iteration as the others' decode.
N_REQ, SLOTS = 512, 32
prompts = np.clip(rng.lognormal(np.log(300), 0.8, N_REQ), 16, 2_048).astype(int)
outputs = np.clip(rng.lognormal(np.log(150), 1.0, N_REQ), 4, 2_048).astype(int)


def static_batching():
    t, done = 0.0, np.zeros(N_REQ)
    busy_slot_steps = useful_slot_steps = 0
    for start in range(0, N_REQ, SLOTS):
        idx = np.arange(start, min(start + SLOTS, N_REQ))
        t += iteration_time(prefill_tokens=prompts[idx].sum())        # first token of each
        for step in range(1, outputs[idx].max()):
            t += iteration_time(prompts[idx] + step)                  # padded rows still run
            busy_slot_steps += len(idx)
            useful_slot_steps += (outputs[idx] > step).sum()
        done[idx] = t
    return t, done, useful_slot_steps / busy_slot_steps


def continuous_batching():
    t, done = 0.0, np.zeros(N_REQ)
    waiting, active = list(range(N_REQ)), {}                          # request -> tokens made
    while waiting or active:
        joining = [waiting.pop(0) for _ in range(min(SLOTS - len(active), len(waiting)))]
        decoding = list(active)
        t += iteration_time([prompts[r] + active[r] for r in decoding],
                            prefill_tokens=prompts[joining].sum())
        for r in decoding:
            active[r] += 1
        for r in joining:
            active[r] = 1                                             # prefill gives token 1
        for r in [r for r, n in active.items() if n >= outputs[r]]:
            done[r] = t
            del active[r]
    return t, done


t_static, done_static, utilisation = static_batching()
t_cont, done_cont = continuous_batching()
tokens = outputs.sum()
print(f"\n{N_REQ} requests, {tokens:,} output tokens, {SLOTS} slots")
print(f"{'':<12} {'makespan s':>10} {'tokens/s':>9} {'mean latency s':>15}")
for name, t, done in [("static", t_static, done_static), ("continuous", t_cont, done_cont)]:
    print(f"{name:<12} {t:10.1f} {tokens / t:9.0f} {done.mean():15.1f}")
print(f"static batching: {utilisation:.0%} of slot-steps produce a token")
assert 3.8 < t_static / t_cont < 5.5 and done_static.mean() > 5 * done_cont.mean()
assert utilisation < 0.25

# %%
# KV memory: contiguous allocation reserves the maximum length (4,096 tokens) per request;
# paged allocation hands out blocks of 16 tokens as the sequence grows. Waste = reserved but
# unused, at the moment each request finishes (its largest size).
MAX_LEN, BLOCK = 4_096, 16
used = prompts + outputs
paged = np.ceil(used / BLOCK) * BLOCK
waste_contig = 1 - used.sum() / (MAX_LEN * N_REQ)
waste_paged = 1 - used.sum() / paged.sum()
kv_budget = HBM - WEIGHT_BYTES
fit_contig = kv_budget // (MAX_LEN * KV_PER_TOKEN)
fit_paged = kv_budget // (paged.mean() * KV_PER_TOKEN)
print(f"\nKV memory wasted: contiguous (reserve {MAX_LEN}) {waste_contig:.0%}, "
      f"paged (blocks of {BLOCK}) {waste_paged:.1%}")
print(f"sequences that fit in {kv_budget / 1e9:.0f} GB: contiguous {fit_contig:.0f}, "
      f"paged about {fit_paged:.0f} (at the average finished length)")
assert 0.8 < waste_contig < 0.9 and waste_paged < 0.02 and 5.5 < fit_paged / fit_contig < 7

# Prefix caching: 100 concurrent requests share a 1,000-token system prompt. Sharing its blocks
# stores it once and skips its prefill for every request after the first.
shared, n_share = 1_000, 100
print(f"shared 1,000-token prefix for {n_share} requests: KV {n_share * shared * KV_PER_TOKEN / 1e9:.1f} GB "
      f"-> {shared * KV_PER_TOKEN / 1e9:.2f} GB; prefill saved per request "
      f"{iteration_time(prefill_tokens=shared) * 1e3:.0f} ms of compute at peak")
assert abs(n_share * shared * KV_PER_TOKEN / 1e9 - 13.1) < 0.05

# %%
# Chunked prefill. 64 sequences are decoding at 2,048 tokens of context when a 16,000-token
# prompt arrives. Prefilling it in one iteration stalls all 64 for that iteration; splitting it
# into chunks of 512 tokens, each run together with a decode step, keeps every iteration short.
# A chunk this size even rides almost free: the decode step is memory-bound, so its idle
# compute absorbs the chunk's FLOPs.
decoders, long_prompt = [2_048] * 64, 16_000
t_plain = iteration_time(decoders)
t_whole = iteration_time(decoders, prefill_tokens=long_prompt)
chunk_times = [iteration_time(decoders, prefill_tokens=min(512, long_prompt - s), prefill_past=s)
               for s in range(0, long_prompt, 512)]
print(f"\ndecode step for 64 sequences: {t_plain * 1e3:.1f} ms")
print(f"with the whole 16k prefill in the same iteration: {t_whole * 1e3:.0f} ms gap between tokens")
print(f"with 512-token chunks: first chunk {chunk_times[0] * 1e3:.1f} ms, "
      f"worst {max(chunk_times) * 1e3:.1f} ms, {len(chunk_times)} iterations until the first token")
assert t_whole > 0.3 and chunk_times[0] < 1.05 * t_plain and max(chunk_times) < 3 * t_plain
assert round(t_plain * 1e3, 1) == 9.9
