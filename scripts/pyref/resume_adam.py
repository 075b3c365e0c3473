"""Writes Tests/Fixtures/training/resume_adam.json: Python Keras 3.15.1 resumes training of the
fixture `trained_adam.keras` (compiled with Adam + mse, trained 4 steps, optimizer state saved)
for 3 more steps on fixed data, and records the weights and optimizer variables after them. The
Swift test loads the same file, trains the same steps, and must match (it only can if the Adam
moments and the iteration count were restored).

Run from outside Keras's package folder (its `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/main/scripts/pyref/resume_adam.py
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "keras3", "files", "trained_adam.keras")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "training", "resume_adam.json")

x = (np.arange(8 * 6, dtype=np.float32).reshape(8, 6) % 7) / 7.0 - 0.4
y = (np.arange(8 * 3, dtype=np.float32).reshape(8, 3) % 5) / 5.0

model = keras.saving.load_model(FIXTURE)
assert int(model.optimizer.iterations) == 4
model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)  # 2 steps
model.fit(x[:4], y[:4], batch_size=4, epochs=1, shuffle=False, verbose=0)  # 1 step

json.dump({
    "x": {"shape": list(x.shape), "values": x.ravel().tolist()},
    "y": {"shape": list(y.shape), "values": y.ravel().tolist()},
    "weights": [np.asarray(w).ravel().tolist() for w in model.get_weights()],
    "optimizer_variables": [np.asarray(v).ravel().astype(np.float64).tolist() for v in model.optimizer.variables],
    "iterations": int(model.optimizer.iterations),
}, open(OUT, "w"))
print("wrote", OUT)
