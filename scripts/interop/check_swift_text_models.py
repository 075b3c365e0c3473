#!/usr/bin/env python3
"""Checks that Python Keras reads the text models swift-keras writes.

Usage: KERAS_BACKEND=jax python check_swift_text_models.py DIR

DIR is what `swift run playground text-export DIR` wrote: for each model NAME in
DIR/manifest.json, NAME.keras (an adapted TextVectorization or StringLookup, then more layers),
the texts NAME.texts.npy, the text layer's output NAME.vectorized.npy, Swift's predictions
NAME.out0.npy, and the vocabulary Swift learned. Keras's text layers need TensorFlow installed
beside Keras (any backend).

Checks, one line each:
  load         keras.saving.load_model(NAME.keras) rebuilds the model
  vocabulary   the text layer's get_vocabulary() (read from the archive's assets) is Swift's
  vectorize    the text layer on the texts gives Swift's output (abs 1e-5)
  predict      the layers after it, on that output, give Swift's predictions (abs 1e-5): JAX
               cannot run a whole model on strings, so the text layer runs first
Exits 1 if any check failed, 2 if DIR is not a usable export.
"""

import json
import os
import sys
import traceback

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

TOLERANCE = 1e-5


def main(directory):
    try:
        with open(os.path.join(directory, "manifest.json")) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"not a swift-keras text export: {e}")
        return 2
    failures = 0
    total = 0

    def report(name, check, ok, detail=""):
        nonlocal failures, total
        total += 1
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'}  {name:16s} {check:11s} {detail}")

    for entry in manifest["models"]:
        name = entry["name"]
        base = os.path.join(directory, name)
        try:
            model = keras.saving.load_model(base + ".keras")
            report(name, "load", True, f"{len(model.layers)} layers")
        except Exception:
            report(name, "load", False, traceback.format_exc(limit=2).strip().splitlines()[-1])
            continue
        text_layer = model.layers[1]
        vocabulary = [str(v) for v in text_layer.get_vocabulary()]
        report(name, "vocabulary", vocabulary == entry["vocabulary"],
               f"{len(vocabulary)} tokens" if vocabulary == entry["vocabulary"] else f"{vocabulary[:8]} vs {entry['vocabulary'][:8]}")
        texts = np.load(base + ".texts.npy")
        vectorized = np.asarray(text_layer(texts))
        expected = np.load(base + ".vectorized.npy")
        diff = float(np.max(np.abs(vectorized.astype(np.float64) - expected))) if vectorized.shape == expected.shape else float("inf")
        report(name, "vectorize", diff <= TOLERANCE, f"shape {vectorized.shape}, max abs diff {diff:.2e}")
        h = vectorized
        for layer in model.layers[2:]:
            h = np.asarray(layer(h))
        expected = np.load(base + ".out0.npy")
        diff = float(np.max(np.abs(h - expected))) if h.shape == expected.shape else float("inf")
        report(name, "predict", diff <= TOLERANCE, f"max abs diff {diff:.2e}")
    print(f"{total - failures}/{total} text checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
