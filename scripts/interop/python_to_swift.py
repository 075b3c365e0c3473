#!/usr/bin/env python3
"""The reverse direction: swift-keras reads what Python Keras writes.

Usage:
  KERAS_BACKEND=jax python python_to_swift.py make DIR
      Python Keras trains a small seeded Functional model (Dense, BatchNormalization,
      LayerNormalization; Adam) and writes DIR/py_model.keras (with its optimizer state), its
      training data DIR/x.npy, DIR/y.npy, inputs DIR/in0.npy and predictions DIR/out0.npy, and
      DIR/py_fit.weights.npz: the weights after Python trains the saved model one more epoch.
  (then swift-keras, through its CLI:
      keras predict DIR/py_model.keras DIR/in0.npy --output-dir DIR/swift_predict
      keras fit DIR/py_model.keras --x DIR/x.npy --y DIR/y.npy --epochs 1 --batch-size 8 \
          --no-shuffle --verbose 0 --output DIR/swift_fit.keras)
  KERAS_BACKEND=jax python python_to_swift.py check DIR
      predict: Swift's DIR/swift_predict/out0.npy equals Python's predictions (abs 1e-5);
      fit: DIR/swift_fit.keras (trained one epoch in Swift from Python's optimizer state) loads
      in Python with iterations advanced by exactly one epoch of steps, and its weights equal
      those Python reaches with the same epoch (abs 1e-5), which needs the restored Adam moments.
Prints one line per check and a summary; exits 1 on any failure.
"""

import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
import keras  # noqa: E402

TOLERANCE = 1e-5
SAMPLES, BATCH = 40, 8


def data():
    i = np.arange(SAMPLES, dtype=np.float64)[:, None]
    j = np.arange(5, dtype=np.float64)[None, :]
    x = np.sin(i * 0.41 + j * 1.7).astype("float32")
    y = np.stack([x.sum(axis=1), (x[:, :2] * x[:, 2:4]).sum(axis=1)], axis=1).astype("float32")
    return x, y


def fit_one_epoch(model, x, y):
    model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)


def make(directory):
    os.makedirs(directory, exist_ok=True)
    inputs = keras.Input((5,), name="features")
    h = keras.layers.Dense(12, activation="relu", kernel_initializer=keras.initializers.GlorotUniform(seed=1))(inputs)
    h = keras.layers.BatchNormalization()(h)
    h = keras.layers.Dense(6, activation="tanh", kernel_initializer=keras.initializers.GlorotUniform(seed=2))(h)
    h = keras.layers.LayerNormalization()(h)
    outputs = keras.layers.Dense(2, kernel_initializer=keras.initializers.GlorotUniform(seed=3), name="targets")(h)
    model = keras.Model(inputs, outputs, name="py_model")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mean_squared_error", metrics=["mae"])
    x, y = data()
    model.fit(x, y, batch_size=BATCH, epochs=3, shuffle=False, verbose=0)
    model.save(os.path.join(directory, "py_model.keras"))
    np.save(os.path.join(directory, "x.npy"), x)
    np.save(os.path.join(directory, "y.npy"), y)
    probe = np.cos(np.arange(30, dtype=np.float64).reshape(6, 5) * 0.3).astype("float32")
    np.save(os.path.join(directory, "in0.npy"), probe)
    np.save(os.path.join(directory, "out0.npy"), model.predict(probe, verbose=0))
    # What the same extra epoch gives in Python, from the saved file.
    again = keras.saving.load_model(os.path.join(directory, "py_model.keras"))
    fit_one_epoch(again, x, y)
    np.savez(os.path.join(directory, "py_fit.weights.npz"), *again.get_weights(),
             iterations=np.asarray(keras.ops.convert_to_numpy(again.optimizer.iterations)))
    print(f"Python Keras {keras.__version__} wrote py_model.keras (Adam after "
          f"{int(keras.ops.convert_to_numpy(model.optimizer.iterations))} steps) to {directory}")
    return 0


def check(directory):
    failures = []

    def report(ok, label, detail):
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {detail}", flush=True)
        if not ok:
            failures.append(f"{label}: {detail}")

    expected = np.load(os.path.join(directory, "out0.npy"))
    try:
        got = np.load(os.path.join(directory, "swift_predict", "out0.npy"))
        if got.shape != expected.shape:
            report(False, "py_model predict", f"Swift's output has shape {got.shape}, Python's {expected.shape}")
        else:
            diff = float(np.max(np.abs(got.astype(np.float64) - expected)))
            report(diff <= TOLERANCE, "py_model predict",
                   f"swift-keras `keras predict` reproduces Python's predictions, max abs diff {diff:.2e}")
    except Exception as error:
        report(False, "py_model predict", f"{type(error).__name__}: {error}")

    try:
        reference = np.load(os.path.join(directory, "py_fit.weights.npz"))
        want = [reference[f"arr_{i}"] for i in range(len(reference.files) - 1)]
        model = keras.saving.load_model(os.path.join(directory, "swift_fit.keras"))
        iterations = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
        weights = model.get_weights()
        if iterations != int(reference["iterations"]):
            report(False, "py_model fit", f"after Swift's epoch iterations is {iterations}, Python's {int(reference['iterations'])}")
        elif len(weights) != len(want):
            report(False, "py_model fit", f"{len(weights)} weights after Swift's epoch, Python has {len(want)}")
        else:
            diff = max(float(np.max(np.abs(np.asarray(g, np.float64) - w))) for g, w in zip(weights, want))
            report(diff <= TOLERANCE, "py_model fit",
                   f"`keras fit` resumed Python's Adam state: iterations {iterations}, weights equal Python's "
                   f"same epoch, max abs diff {diff:.2e}")
    except Exception as error:
        report(False, "py_model fit", f"{type(error).__name__}: {error}")

    print(f"Summary (Python -> Swift): {2 - len(failures)}/2 checks passed")
    for failure in failures:
        print(f"  FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "check"):
        print(__doc__)
        sys.exit(2)
    sys.exit(make(sys.argv[2]) if sys.argv[1] == "make" else check(sys.argv[2]))
