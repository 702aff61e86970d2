#!/usr/bin/python3
"""Reference values for the engine's sampler tests, computed with numpy straight from the published formulas.

Run:  /usr/bin/python3 tools/sampler_fixtures/make_sampler_fixtures.py
Writes engine/src/test/resources/sampler/fixtures.json (committed; the Java tests never need Python).

Written independently of the Java code, in the shape of the reference implementations:
DDIM (Song et al. 2021, eq. 12, eta=0), k-diffusion's sample_euler_ancestral and sample_dpmpp_2m
(Karras et al. 2022; Lu et al. 2022), diffusers' LCMScheduler (Luo et al. 2023). The "model" is a fixed smooth
function of its input and timestep, so the whole loop (input scaling, x0 prediction, update) is exercised.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "engine/src/test/resources/sampler/fixtures.json")
T, BETA_START, BETA_END, STEPS, SIZE = 1000, 0.00085, 0.012, 6, 8


def alphas_cumprod(schedule):
    if schedule == "scaled_linear":
        betas = np.linspace(BETA_START ** 0.5, BETA_END ** 0.5, T, dtype=np.float64) ** 2
    else:
        betas = np.linspace(BETA_START, BETA_END, T, dtype=np.float64)
    return np.cumprod(1.0 - betas)


def trailing(steps):
    return (np.round(np.arange(T, 0, -T / steps)) - 1).astype(np.int64)


def fake_model(x_in, t):
    k = np.arange(x_in.shape[0])
    return 0.3 * x_in + 0.2 * np.cos(k + t / 100.0)


def x0_from(x_vp, out, a, prediction):
    if prediction == "epsilon":
        return (x_vp - np.sqrt(1 - a) * out) / np.sqrt(a)
    return np.sqrt(a) * x_vp - np.sqrt(1 - a) * out


def run_ddim(ac, ts, x, prediction):
    trace = []
    for i, t in enumerate(ts):
        a = ac[t]
        a_prev = ac[ts[i + 1]] if i + 1 < len(ts) else 1.0
        x0 = x0_from(x, fake_model(x, t), a, prediction)
        eps = (x - np.sqrt(a) * x0) / np.sqrt(1 - a)
        x = np.sqrt(a_prev) * x0 + np.sqrt(1 - a_prev) * eps
        trace.append(x.tolist())
    return trace


def sigmas_of(ac, ts):
    return np.append(np.sqrt((1 - ac[ts]) / ac[ts]), 0.0)


def model_x0_sigma(x, sigma, t, prediction):
    a = 1.0 / (sigma ** 2 + 1.0)
    x_vp = x / np.sqrt(sigma ** 2 + 1.0)
    return x0_from(x_vp, fake_model(x_vp, t), a, prediction)


def run_euler_ancestral(ac, ts, x, noises):
    sigmas = sigmas_of(ac, ts)
    trace = []
    for i, t in enumerate(ts):
        denoised = model_x0_sigma(x, sigmas[i], t, "epsilon")
        sigma_up = min(sigmas[i + 1], (sigmas[i + 1] ** 2 * (sigmas[i] ** 2 - sigmas[i + 1] ** 2) / sigmas[i] ** 2) ** 0.5)
        sigma_down = (sigmas[i + 1] ** 2 - sigma_up ** 2) ** 0.5
        d = (x - denoised) / sigmas[i]
        x = x + d * (sigma_down - sigmas[i])
        if sigmas[i + 1] > 0:
            x = x + noises[i] * sigma_up
        trace.append(x.tolist())
    return trace


def run_dpmpp_2m(ac, ts, x):
    sigmas = sigmas_of(ac, ts)
    t_fn = lambda s: -np.log(s)  # noqa: E731
    old_denoised = None
    trace = []
    for i, t in enumerate(ts):
        denoised = model_x0_sigma(x, sigmas[i], t, "epsilon")
        if sigmas[i + 1] == 0:
            x = denoised
        else:
            t_cur, t_next = t_fn(sigmas[i]), t_fn(sigmas[i + 1])
            h = t_next - t_cur
            if old_denoised is None:
                x = (sigmas[i + 1] / sigmas[i]) * x - np.expm1(-h) * denoised
            else:
                r = (t_cur - t_fn(sigmas[i - 1])) / h
                denoised_d = (1 + 1 / (2 * r)) * denoised - (1 / (2 * r)) * old_denoised
                x = (sigmas[i + 1] / sigmas[i]) * x - np.expm1(-h) * denoised_d
        old_denoised = denoised
        trace.append(x.tolist())
    return trace


def run_lcm(ac, ts, x, noises):
    trace = []
    for i, t in enumerate(ts):
        a = ac[t]
        a_prev = ac[ts[i + 1]] if i + 1 < len(ts) else 1.0
        x0 = x0_from(x, fake_model(x, t), a, "epsilon")
        s = t * 10.0
        c_skip = 0.25 / (s ** 2 + 0.25)
        c_out = s / (s ** 2 + 0.25) ** 0.5
        denoised = c_out * x0 + c_skip * x
        x = np.sqrt(a_prev) * denoised
        if i + 1 < len(ts):
            x = x + np.sqrt(1 - a_prev) * noises[i]
        trace.append(x.tolist())
    return trace


def main():
    rng = np.random.default_rng(7)
    ac = alphas_cumprod("scaled_linear")
    ts = trailing(STEPS)
    start_noise = rng.standard_normal(SIZE)
    step_noises = rng.standard_normal((STEPS, SIZE))
    sigma0 = sigmas_of(ac, ts)[0]
    vp_start = np.sqrt(ac[ts[0]]) * 0.0 + np.sqrt(1 - ac[ts[0]]) * start_noise
    fixtures = {
        "trainTimesteps": T, "betaStart": BETA_START, "betaEnd": BETA_END, "steps": STEPS,
        "alphasCumprod": {"scaled_linear": {str(t): ac[t] for t in [0, 1, 499, 999]},
                          "linear": {str(t): alphas_cumprod("linear")[t] for t in [0, 1, 499, 999]}},
        "trailingTimesteps": {str(n): trailing(n).tolist() for n in [1, 4, 6, 20, 50]},
        "startNoise": start_noise.tolist(), "stepNoises": step_noises.tolist(),
        "model": "output = 0.3 * input + 0.2 * cos(k + t / 100)",
        "ddim": run_ddim(ac, ts, vp_start, "epsilon"),
        "ddimVPrediction": run_ddim(ac, ts, vp_start, "v_prediction"),
        "eulerAncestral": run_euler_ancestral(ac, ts, start_noise * sigma0, step_noises),
        "dpmpp2m": run_dpmpp_2m(ac, ts, start_noise * sigma0),
        "lcm": run_lcm(ac, ts, vp_start, step_noises),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    print("wrote", os.path.abspath(OUT))


if __name__ == "__main__":
    main()
