# Reference values for swift-keras's optimizers and learning-rate schedules, from Keras 3.15.1.
#
# Regenerate (from /tmp, not from inside the keras package, whose `random` module would shadow
# Python's):
#   cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python \
#       /work/wt-optimizers/scripts/pyref/optimizers.py \
#       > /work/wt-optimizers/Tests/Fixtures/training/optimizers.json
#
# The file holds, for each case: the serialized optimizer (what `serialize_keras_object` writes),
# the initial weights, a fixed gradient sequence, and after every `apply` the weights and every
# optimizer variable; schedules' values at several steps; the optimizer variables' paths for a
# small Sequential model; and a 3-step Adam training of a 2-layer Dense model.
import json
import math
import sys

import keras
import numpy as np
from keras import ops
from keras import optimizers as O
from keras.optimizers import schedules as S

assert keras.__version__ == "3.15.1", keras.__version__
assert keras.backend.backend() == "jax"


def flat(x):
    # Shortest text that reads back as the same float32 (or the integer itself).
    a = np.asarray(x)
    if a.dtype.kind in "iu":
        return [int(v) for v in a.ravel()]
    return [float(str(np.float32(v))) for v in a.astype("float32").ravel()]


# Default names first, in a fresh session: each is Keras's automatic name base.
CLASSES = [O.SGD, O.RMSprop, O.Adam, O.AdamW, O.Adamax, O.Nadam, O.Adagrad, O.Adadelta,
           O.Adafactor, O.Ftrl, O.Lion, O.Lamb]
auto_names = {cls.__name__: cls().name for cls in CLASSES}

# ---------------------------------------------------------------- variables and gradients
SHAPES = [("dense", "kernel", (3, 4)), ("dense", "bias", (4,)), ("conv", "kernel", (2, 2, 3))]
STEPS = 5


def initial_values():
    values = []
    for k, (_, _, shape) in enumerate(SHAPES):
        n = int(np.prod(shape))
        i = np.arange(n, dtype="float64")
        values.append((0.8 * np.cos(1.7 * i + 0.9 * k + 0.3) + 0.05 * (k - 1)).reshape(shape).astype("float32"))
    return values


def gradient_sequence(steps=STEPS):
    seq = []
    for s in range(steps):
        grads = []
        for k, (_, _, shape) in enumerate(SHAPES):
            n = int(np.prod(shape))
            i = np.arange(n, dtype="float64")
            scale = [0.5, 2.0, 0.05][k] * (1 + 0.3 * s)
            g = scale * np.sin(1.3 * i + 0.7 * k + 1.1 * s + 0.2) + 0.02 * (s - 2)
            grads.append(g.reshape(shape).astype("float32"))
        seq.append(grads)
    return seq


INITIAL = initial_values()
GRADIENTS = gradient_sequence()


def make_variables(constraints=None):
    variables = []
    for k, (scope, name, _) in enumerate(SHAPES):
        with keras.name_scope(scope):
            v = keras.Variable(INITIAL[k], name=name)
        if constraints and constraints.get(k):
            v.constraint = constraints[k]
        variables.append(v)
    return variables


# ---------------------------------------------------------------- optimizer cases
CASES = [
    ("sgd", O.SGD, dict(learning_rate=0.1)),
    ("sgd_momentum", O.SGD, dict(learning_rate=0.05, momentum=0.9)),
    ("sgd_nesterov", O.SGD, dict(learning_rate=0.05, momentum=0.8, nesterov=True)),
    ("sgd_weight_decay", O.SGD, dict(learning_rate=0.1, momentum=0.5, weight_decay=0.2)),
    ("rmsprop", O.RMSprop, dict(learning_rate=0.01)),
    ("rmsprop_centered_momentum", O.RMSprop, dict(learning_rate=0.01, rho=0.8, momentum=0.5, centered=True)),
    ("adam", O.Adam, dict(learning_rate=0.01)),
    ("adam_amsgrad", O.Adam, dict(learning_rate=0.02, beta_1=0.8, beta_2=0.99, amsgrad=True)),
    ("adamw", O.AdamW, dict(learning_rate=0.01, weight_decay=0.1)),
    ("adamw_exclude_bias", O.AdamW, dict(learning_rate=0.01, weight_decay=0.1), dict(exclude_names=["bias"])),
    ("adamax", O.Adamax, dict(learning_rate=0.02)),
    ("nadam", O.Nadam, dict(learning_rate=0.01)),
    ("adagrad", O.Adagrad, dict(learning_rate=0.1)),
    ("adagrad_initial", O.Adagrad, dict(learning_rate=0.1, initial_accumulator_value=0.5, epsilon=1e-4)),
    ("adadelta", O.Adadelta, dict(learning_rate=1.0)),
    ("adafactor", O.Adafactor, dict(learning_rate=0.05)),
    ("adafactor_options", O.Adafactor, dict(learning_rate=0.5, beta_2_decay=-0.5, epsilon_2=0.01, clip_threshold=0.5, relative_step=False)),
    ("ftrl", O.Ftrl, dict(learning_rate=0.1)),
    ("ftrl_regularized", O.Ftrl, dict(learning_rate=0.1, learning_rate_power=-0.3, initial_accumulator_value=0.2,
                                       l1_regularization_strength=0.01, l2_regularization_strength=0.02,
                                       l2_shrinkage_regularization_strength=0.03, beta=0.5)),
    ("lion", O.Lion, dict(learning_rate=0.01)),
    ("lamb", O.Lamb, dict(learning_rate=0.01)),
    # Gradient processing.
    ("sgd_clipnorm", O.SGD, dict(learning_rate=0.1, clipnorm=1.0)),
    ("adam_clipvalue", O.Adam, dict(learning_rate=0.01, clipvalue=0.3)),
    ("adam_global_clipnorm", O.Adam, dict(learning_rate=0.01, global_clipnorm=1.5)),
    ("adam_loss_scale", O.Adam, dict(learning_rate=0.01, loss_scale_factor=128.0)),
    ("sgd_ema_overwrite", O.SGD, dict(learning_rate=0.1, momentum=0.9, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=3)),
    ("adam_ema_finalize", O.Adam, dict(learning_rate=0.05, use_ema=True, ema_momentum=0.8), dict(finalize=True)),
    ("adam_accumulation", O.Adam, dict(learning_rate=0.01, gradient_accumulation_steps=2)),
    ("sgd_accumulation_ema_clip", O.SGD, dict(learning_rate=0.1, momentum=0.5, gradient_accumulation_steps=3,
                                              use_ema=True, clipnorm=0.5)),
    ("nadam_accumulation", O.Nadam, dict(learning_rate=0.01, gradient_accumulation_steps=2)),
    # Schedules driving optimizers.
    ("sgd_exponential_decay", O.SGD, dict(learning_rate=S.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5, staircase=True))),
    ("adam_piecewise", O.Adam, dict(learning_rate=S.PiecewiseConstantDecay([1, 3], [0.05, 0.02, 0.005]))),
    ("rmsprop_polynomial", O.RMSprop, dict(learning_rate=S.PolynomialDecay(0.01, decay_steps=3, end_learning_rate=0.001, power=0.5, cycle=True))),
    ("adagrad_inverse_time", O.Adagrad, dict(learning_rate=S.InverseTimeDecay(0.2, decay_steps=1, decay_rate=0.5))),
    ("adamw_cosine_warmup", O.AdamW, dict(learning_rate=S.CosineDecay(0.0, decay_steps=4, alpha=0.1, warmup_target=0.02, warmup_steps=2))),
    ("lamb_cosine_restarts", O.Lamb, dict(learning_rate=S.CosineDecayRestarts(0.02, first_decay_steps=2, t_mul=2.0, m_mul=0.5))),
    ("adafactor_schedule", O.Adafactor, dict(learning_rate=S.ExponentialDecay(0.5, decay_steps=1, decay_rate=0.7))),
    # A constraint applied after each update.
    ("sgd_constraint", O.SGD, dict(learning_rate=0.5), dict(constraints={0: "non_neg", 2: "max_norm"})),
]

CONSTRAINTS = {"non_neg": lambda: keras.constraints.NonNeg(), "max_norm": lambda: keras.constraints.MaxNorm(0.5, axis=[0, 1])}


def run_case(key, cls, kwargs, extra=None):
    extra = extra or {}
    constraints = {k: CONSTRAINTS[c]() for k, c in extra.get("constraints", {}).items()}
    variables = make_variables(constraints)
    opt = cls(name=key, **kwargs)
    if "exclude_names" in extra:
        opt.exclude_from_weight_decay(var_names=extra["exclude_names"])
    serialized = keras.saving.serialize_keras_object(opt)
    steps = []
    for grads in GRADIENTS:
        lr_before = float(np.float32(opt.learning_rate))
        opt.apply([ops.convert_to_tensor(g) for g in grads], variables)
        steps.append({
            "learning_rate": lr_before,
            "weights": [flat(v) for v in variables],
            "optimizer_variables": [flat(v) for v in opt.variables],
            "iterations": int(opt.iterations),
        })
    case = {
        "name": key,
        "optimizer": serialized,
        "variable_paths": [v.path for v in opt.variables],
        "variable_shapes": [list(v.shape) for v in opt.variables],
        "variable_dtypes": [str(v.dtype) for v in opt.variables],
        "steps": steps,
    }
    if "exclude_names" in extra:
        case["exclude_names"] = extra["exclude_names"]
    if constraints:
        case["constraints"] = {str(k): c for k, c in extra["constraints"].items()}
    if extra.get("finalize"):
        opt.finalize_variable_values(variables)
        case["finalized_weights"] = [flat(v) for v in variables]
    return case


cases = [run_case(*c) for c in CASES]

# ---------------------------------------------------------------- schedules
SCHEDULE_STEPS = [0, 1, 2, 3, 5, 7, 10, 15, 20, 33, 50, 99, 100, 101, 150, 250, 1000]
SCHEDULES = [
    S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.96),
    S.ExponentialDecay(0.5, decay_steps=7, decay_rate=0.5, staircase=True, name="stairs"),
    S.PiecewiseConstantDecay([10, 100], [1.0, 0.5, 0.1]),
    S.PiecewiseConstantDecay([3, 20, 150], [0.3, 0.2, 0.1, 0.05], name="pieces"),
    S.PolynomialDecay(0.1, decay_steps=100),
    S.PolynomialDecay(0.1, decay_steps=30, end_learning_rate=0.01, power=2.0, cycle=True),
    S.PolynomialDecay(1.0, decay_steps=50, end_learning_rate=0.2, power=0.5),
    S.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5),
    S.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True),
    S.CosineDecay(0.1, decay_steps=100),
    S.CosineDecay(0.1, decay_steps=100, alpha=0.2),
    S.CosineDecay(0.0, decay_steps=90, alpha=0.05, warmup_target=0.3, warmup_steps=10),
    S.CosineDecayRestarts(0.1, first_decay_steps=20),
    S.CosineDecayRestarts(0.1, first_decay_steps=15, t_mul=1.0, m_mul=0.5, alpha=0.1),
    S.CosineDecayRestarts(0.2, first_decay_steps=10, t_mul=1.5, m_mul=0.8, alpha=0.05, name="restarts"),
]
schedules = []
for sch in SCHEDULES:
    schedules.append({
        "schedule": S.serialize(sch),
        "steps": SCHEDULE_STEPS,
        "values": [float(str(np.float32(sch(np.int32(s))))) for s in SCHEDULE_STEPS],
    })

# ---------------------------------------------------------------- variable names for a model
def naming_model():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="dense"),
                             keras.layers.Dense(1, name="dense_1")], name="sequential")


NAMING = [
    ("SGD", O.SGD, dict()),
    ("SGD", O.SGD, dict(momentum=0.9)),
    ("RMSprop", O.RMSprop, dict()),
    ("RMSprop", O.RMSprop, dict(momentum=0.5, centered=True)),
    ("Adam", O.Adam, dict()),
    ("Adam", O.Adam, dict(amsgrad=True)),
    ("Adam", O.Adam, dict(use_ema=True, gradient_accumulation_steps=2)),
    ("AdamW", O.AdamW, dict()),
    ("Adamax", O.Adamax, dict()),
    ("Nadam", O.Nadam, dict()),
    ("Adagrad", O.Adagrad, dict()),
    ("Adadelta", O.Adadelta, dict()),
    ("Adafactor", O.Adafactor, dict()),
    ("Ftrl", O.Ftrl, dict()),
    ("Lion", O.Lion, dict()),
    ("Lamb", O.Lamb, dict()),
    ("SGD", O.SGD, dict(learning_rate=S.ExponentialDecay(0.1, 10, 0.9))),
]
naming = []
for class_name, cls, kwargs in NAMING:
    model = naming_model()
    opt = cls(name=auto_names[class_name], **kwargs)
    grads = [np.ones(v.shape, "float32") for v in model.trainable_variables]
    opt.apply(grads, model.trainable_variables)
    naming.append({
        "optimizer": keras.saving.serialize_keras_object(opt),
        "paths": [v.path for v in opt.variables],
        "shapes": [list(v.shape) for v in opt.variables],
        "dtypes": [str(v.dtype) for v in opt.variables],
    })

# ---------------------------------------------------------------- end to end: Dense model, Adam, MSE
x = (np.sin(np.arange(24, dtype="float64") * 0.37) * 1.5).reshape(6, 4).astype("float32")
y = (np.cos(np.arange(6, dtype="float64") * 0.9) * 0.8).reshape(6, 1).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="tanh"), keras.layers.Dense(1)])
w0 = [(0.4 * np.sin(np.arange(int(np.prod(w.shape)), dtype="float64") * (1.1 + k) + k)).reshape(w.shape).astype("float32")
      for k, w in enumerate(model.weights)]
model.set_weights(w0)
model.compile(optimizer=O.Adam(learning_rate=0.05), loss="mse")
losses = [float(model.train_on_batch(x, y)) for _ in range(3)]
end_to_end = {
    "x": flat(x), "x_shape": list(x.shape), "y": flat(y), "y_shape": list(y.shape),
    "initial_weights": [flat(w) for w in w0], "weight_shapes": [list(w.shape) for w in w0],
    "learning_rate": 0.05, "losses": losses,
    "weights": [flat(w) for w in model.get_weights()],
    "optimizer_variables": [flat(v) for v in model.optimizer.variables],
}

json.dump({
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "auto_names": auto_names,
    "variables": [{"path": f"{scope}/{name}", "name": name, "shape": list(shape), "values": flat(INITIAL[k])}
                  for k, (scope, name, shape) in enumerate(SHAPES)],
    "gradients": [[flat(g) for g in step] for step in GRADIENTS],
    "cases": cases,
    "schedules": schedules,
    "naming": naming,
    "end_to_end": end_to_end,
}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
