"""Expected numbers for swift-keras's fit/evaluate parity tests (Keras 3.15.1, JAX backend).

Run from /tmp: KERAS_BACKEND=jax /tmp/kref/bin/python /work/main/scripts/pyref/fit.py
Writes Tests/Fixtures/training/fit.json: inputs, initial weights, and Keras's history, final
weights and evaluate results for a few deterministic runs (shuffle=False).
"""
import json
import os

import numpy as np
import keras

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "training", "fit.json")
rng = np.random.default_rng(7)


def arr(a):
    return {"shape": list(a.shape), "data": [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]}


def mlp(inputs, hidden, outputs, activation=None, name="mlp"):
    keras.utils.set_random_seed(1)
    model = keras.Sequential([
        keras.Input((inputs,)),
        keras.layers.Dense(hidden, activation="tanh", name="hidden"),
        keras.layers.Dense(outputs, activation=activation, name="out"),
    ], name=name)
    return model


cases = {}

# 1. Regression, SGD with momentum, MSE + MAE metric, validation split, batch 4 over 10 samples.
x = rng.normal(size=(10, 3)).astype("float32")
y = rng.normal(size=(10, 2)).astype("float32")
m = mlp(3, 4, 2)
w0 = [w.numpy() for w in m.weights]
m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), loss="mse", metrics=["mae"])
h = m.fit(x, y, batch_size=4, epochs=3, validation_split=0.2, shuffle=False, verbose=0)
ev = m.evaluate(x, y, batch_size=3, verbose=0, return_dict=True)
cases["regression_sgd"] = {
    "x": arr(x), "y": arr(y), "initial_weights": [arr(w) for w in w0],
    "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
    "final_weights": [arr(w.numpy()) for w in m.weights],
    "evaluate": {k: float(v) for k, v in ev.items()},
    "predict": arr(m.predict(x, verbose=0)),
}

# 2. Classification, Adam, sparse CE + accuracy, sample weights, batch 5 over 12 samples.
x = rng.normal(size=(12, 4)).astype("float32")
y = rng.integers(0, 3, size=(12,)).astype("int32")
sw = rng.uniform(0.5, 2.0, size=(12,)).astype("float32")
m = mlp(4, 5, 3, activation="softmax")
w0 = [w.numpy() for w in m.weights]
m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
          metrics=["accuracy"], weighted_metrics=["accuracy"])
h = m.fit(x, y, sample_weight=sw, batch_size=5, epochs=2, shuffle=False, verbose=0)
cases["classification_adam_sample_weight"] = {
    "x": arr(x), "y": arr(y), "sample_weight": arr(sw), "initial_weights": [arr(w) for w in w0],
    "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
    "final_weights": [arr(w.numpy()) for w in m.weights],
}

# 3. Class weights with one-hot targets, RMSprop, categorical CE, L2 regularization.
x = rng.normal(size=(8, 3)).astype("float32")
labels = rng.integers(0, 2, size=(8,))
y = np.eye(2, dtype="float32")[labels]
keras.utils.set_random_seed(1)
m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax", name="out",
                      kernel_regularizer=keras.regularizers.L2(0.01))], name="reg")
w0 = [w.numpy() for w in m.weights]
m.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01), loss="categorical_crossentropy", metrics=["acc"])
h = m.fit(x, y, class_weight={0: 1.0, 1: 3.0}, batch_size=8, epochs=2, shuffle=False, verbose=0)
cases["class_weight_rmsprop_l2"] = {
    "x": arr(x), "y": arr(y), "initial_weights": [arr(w) for w in w0],
    "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
    "final_weights": [arr(w.numpy()) for w in m.weights],
}

# 4. Two outputs: per-output losses, loss weights, metrics by output name.
x = rng.normal(size=(6, 3)).astype("float32")
ya = rng.normal(size=(6, 1)).astype("float32")
yb = rng.integers(0, 2, size=(6, 1)).astype("float32")
keras.utils.set_random_seed(1)
inp = keras.Input((3,), name="features")
hid = keras.layers.Dense(4, activation="relu", name="shared")(inp)
oa = keras.layers.Dense(1, name="price")(hid)
ob = keras.layers.Dense(1, activation="sigmoid", name="buy")(hid)
m = keras.Model(inp, [oa, ob], name="two_heads")
w0 = [w.numpy() for w in m.weights]
m.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss=["mse", "binary_crossentropy"],
          loss_weights=[0.5, 2.0], metrics={"price": ["mae"], "buy": ["accuracy"]})
h = m.fit(x, [ya, yb], batch_size=4, epochs=2, shuffle=False, verbose=0)
ev = m.evaluate(x, [ya, yb], verbose=0)
cases["two_outputs"] = {
    "x": arr(x), "y": [arr(ya), arr(yb)], "initial_weights": [arr(w) for w in w0],
    "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
    "final_weights": [arr(w.numpy()) for w in m.weights],
    "evaluate_list": [float(v) for v in ev],
    "metrics_names": list(h.history.keys()),
}

with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases}, f, indent=1)
print("wrote", OUT)
