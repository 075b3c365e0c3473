#!/usr/bin/env python3
"""Exports the weights of some Keras fixtures as .npy files, for tests that rebuild the models in
Swift before the .keras reader exists.

Usage (needs keras + jax, e.g. the reference environment of ../shared/bench/ref/setup.sh):
    KERAS_BACKEND=jax /tmp/kref/bin/python scripts/export_fixture_weights.py

For each model NAME it writes Tests/Fixtures/keras3/NAME/ with one file per weight, named after
the weight's Keras path with "/" replaced by "__" (e.g. hidden__kernel.npy), plus copies of the
fixture's inputs and expected outputs (in0.npy, out0.npy, ...).
"""
import os
import shutil
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "..", "shared", "fixtures", "keras3")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "keras3")
MODELS = sys.argv[1:] or ["tiny_sequential", "tiny_shared", "functional_shared", "mlp", "nested", "cnn", "text_conv1d"]

for name in MODELS:
    model = keras.saving.load_model(os.path.join(FIXTURES, f"{name}.keras"))
    target = os.path.join(OUT, name)
    os.makedirs(target, exist_ok=True)
    for w in model.weights:
        np.save(os.path.join(target, w.path.replace("/", "__") + ".npy"), np.asarray(w))
    for f in sorted(os.listdir(FIXTURES)):
        if f.startswith(name + ".") and f.endswith(".npy"):
            shutil.copy(os.path.join(FIXTURES, f), os.path.join(target, f[len(name) + 1:]))
    print(name, [w.path for w in model.weights])
