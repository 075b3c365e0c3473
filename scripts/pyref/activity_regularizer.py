"""Expected numbers for swift-keras's activity-regularizer tests (Keras 3.15.1, JAX backend).

Run from any directory except Keras's package folder (its `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-actreg/scripts/pyref/activity_regularizer.py

Keras 3.15's `Layer.__call__` (keras/src/layers/layer.py) adds, after every concrete call, in
training and in inference, `activity_regularizer(output) / batch_size` (`divide_no_nan` by
`shape(output)[0]`; not divided for a scalar output) to the layer's losses, once per output
(`tree.flatten(outputs)`: an LSTM with `return_state` is penalized on its output and on each
state). Losses are cleared when the outermost layer call starts (`_get_call_context`), so a layer
shared in a model contributes one loss per call when the model is called.

One backend difference: the JAX trainer computes the loss with `stateless_call`, which runs
`self.call` rather than `self(...)`, so each layer of a functional graph is an outermost call and
clears its own losses: a shared layer keeps only its last call's penalty in JAX's `fit` /
`evaluate` / `*_on_batch`, while the TensorFlow and torch trainers (`y_pred = self(x)`) and an
eager call keep every call's. swift-keras keeps every call's; the "shared" case records both
numbers.

Writes two files:

  * Tests/Fixtures/training/activity_regularizer.json:
      - "model": a two-input functional model with activity regularizers on Conv1D (L2), an LSTM
        (L1L2), Conv2D (L1), two Dense layers (L2, L1) and a kernel regularizer on the head.
        Weights per layer name; "losses" (`model.losses` after an inference call, Keras's order);
        "test_on_batch", "evaluate" (batch 4 over 6 samples), the two "train_on_batch" losses
        with SGD(0.1) and the weights after them, then one epoch of `fit` (batch 4, no shuffle):
        its loss and the final weights.
      - "shared": a Dense (L1) called twice in a functional model: `model.losses` after an eager
        call (two penalties), "eager_total" (mse + sum(losses), what the TensorFlow and torch
        trainers compute) and JAX's "test_on_batch" (the last call's penalty only).
      - "lstm_state": an LSTM with `return_sequences` and `return_state` and an L2 activity
        regularizer, called alone: its three losses.
  * Tests/Fixtures/layers/activity_regularizer_configs.json: serialized layers with (and some
    without) an activity regularizer, in the form `checkKerasConfigFixture` reads.

Tensors are {"shape": [...], "data": [...]} (float32 values written exactly).
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT_TRAINING = os.path.join(ROOT, "Tests", "Fixtures", "training", "activity_regularizer.json")
OUT_CONFIGS = os.path.join(ROOT, "Tests", "Fixtures", "layers", "activity_regularizer_configs.json")

L = keras.layers
R = keras.regularizers
rng = np.random.default_rng(20250601)


def arr(a):
    return {"shape": list(np.shape(a)), "data": [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]}


def layer_weights(model):
    """{layer name: [weights in layer.weights order]} for every layer with weights."""
    return {layer.name: [arr(w.numpy()) for w in layer.weights] for layer in model.layers if layer.weights}


# --- The model ---------------------------------------------------------------------------------

keras.utils.set_random_seed(3)
seq = keras.Input((5, 3), name="seq")
img = keras.Input((4, 4, 2), name="img")
c1 = L.Conv1D(4, 2, activation="tanh", activity_regularizer=R.L2(0.02), name="conv1d")(seq)
h = L.LSTM(3, activity_regularizer=R.L1L2(l1=0.01, l2=0.03), name="lstm")(c1)
c2 = L.Conv2D(2, 2, activity_regularizer=R.L1(0.01), name="conv2d")(img)
g = L.Dense(3, activation="tanh", activity_regularizer=R.L2(0.05), name="dense")(L.Flatten(name="flatten")(c2))
g = L.Dense(3, activation="tanh", activity_regularizer=R.L1(0.02), name="dense_1")(g)
s = L.Add(name="add")([h, g])
out = L.Dense(2, kernel_regularizer=R.L2(0.01), name="out")(s)
model = keras.Model([seq, img], out, name="activity")

# Weights away from Keras's initial values, so every term matters.
for w in model.weights:
    w.assign(rng.uniform(-0.6, 0.6, w.shape).astype("float32"))

n = 6
x_seq = rng.normal(size=(n, 5, 3)).astype("float32")
x_img = rng.normal(size=(n, 4, 4, 2)).astype("float32")
y = rng.normal(size=(n, 2)).astype("float32")

initial = layer_weights(model)
prediction = model([x_seq, x_img])
losses = [float(v) for v in model.losses]

model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
test_loss = float(model.test_on_batch([x_seq[:4], x_img[:4]], y[:4]))
evaluate_loss = float(model.evaluate([x_seq, x_img], y, batch_size=4, verbose=0))
train_losses = [float(model.train_on_batch([x_seq[:4], x_img[:4]], y[:4])) for _ in range(2)]
after_train = layer_weights(model)
history = model.fit([x_seq, x_img], y, batch_size=4, epochs=1, shuffle=False, verbose=0)
after_fit = layer_weights(model)

model_case = {
    "x_seq": arr(x_seq), "x_img": arr(x_img), "y": arr(y),
    "initial_weights": initial,
    "prediction": arr(prediction),
    "losses": losses,
    "test_on_batch": test_loss,
    "evaluate": evaluate_loss,
    "train_on_batch": train_losses,
    "weights_after_train_on_batch": after_train,
    "fit_loss": [float(v) for v in history.history["loss"]],
    "weights_after_fit": after_fit,
}

# --- A shared layer: one penalty per call (eagerly; JAX's trainer keeps the last) ---------------

keras.utils.set_random_seed(4)
inp = keras.Input((3,), name="x")
shared = L.Dense(3, activation="tanh", activity_regularizer=R.L1(0.02), name="shared")
twice = L.Add(name="add")([shared(inp), shared(shared(inp))])
shared_model = keras.Model(inp, L.Dense(1, name="head")(twice), name="shared_model")
for w in shared_model.weights:
    w.assign(rng.uniform(-0.7, 0.7, w.shape).astype("float32"))
xs3 = rng.normal(size=(4, 3)).astype("float32")
ys3 = rng.normal(size=(4, 1)).astype("float32")
p3 = np.asarray(shared_model(xs3))
shared_losses = [float(v) for v in shared_model.losses]
shared_model.compile(optimizer="sgd", loss="mse")
shared_case = {
    "x": arr(xs3), "y": arr(ys3), "initial_weights": layer_weights(shared_model),
    "losses": shared_losses,
    "eager_total": float(np.mean((p3 - ys3) ** 2)) + sum(shared_losses),
    "jax_test_on_batch": float(shared_model.test_on_batch(xs3, ys3)),
}

# --- An LSTM returning its sequence and states: one loss per output -----------------------------

lstm = L.LSTM(2, return_sequences=True, return_state=True, activity_regularizer=R.L2(0.1), name="lstm_state")
xs = rng.normal(size=(3, 4, 2)).astype("float32")
lstm.build((3, 4, 2))
for w in lstm.weights:
    w.assign(rng.uniform(-0.8, 0.8, w.shape).astype("float32"))
outputs = lstm(xs)
lstm_case = {
    "x": arr(xs), "weights": [arr(w.numpy()) for w in lstm.weights],
    "outputs": [arr(o) for o in outputs],
    "losses": [float(v) for v in lstm.losses],
}

with open(OUT_TRAINING, "w") as f:
    json.dump({"keras_version": keras.__version__, "model": model_case, "shared": shared_case,
               "lstm_state": lstm_case}, f, indent=1)
print("wrote", OUT_TRAINING)

# --- Configs ------------------------------------------------------------------------------------

cases = []


def case(label, layer, *shapes):
    """Calls `layer` on Inputs of `shapes` (batch axis included) and records its serialization."""
    inputs = [keras.Input(batch_shape=s) for s in shapes]
    layer(inputs[0] if len(inputs) == 1 else inputs)
    obj = keras.saving.serialize_keras_object(layer)
    cases.append({"case": label, "object": json.loads(json.dumps(obj))})


case("dense_l2", L.Dense(3, activity_regularizer=R.L2(0.02)), (None, 4))
case("dense_string_l1", L.Dense(3, activity_regularizer="l1"), (None, 4))
case("einsum_dense_l1l2", L.EinsumDense("ab,bc->ac", 3, activity_regularizer=R.L1L2(l1=0.1, l2=0.2)), (None, 4))
case("embedding_l2", L.Embedding(5, 2, activity_regularizer=R.L2(0.5)), (None, 3))
case("conv1d_l1l2", L.Conv1D(2, 2, activity_regularizer=R.L1L2(l1=0.01, l2=0.02)), (None, 5, 3))
case("conv2d_l1", L.Conv2D(2, 2, activity_regularizer=R.L1(0.03)), (None, 4, 4, 1))
case("conv3d_l2", L.Conv3D(1, 2, activity_regularizer=R.L2(0.04)), (None, 3, 3, 3, 1))
case("conv2d_transpose_l2", L.Conv2DTranspose(2, 2, activity_regularizer=R.L2(0.01)), (None, 3, 3, 1))
case("separable_conv1d_l1", L.SeparableConv1D(2, 2, activity_regularizer=R.L1(0.01)), (None, 5, 2))
case("depthwise_conv2d_l2", L.DepthwiseConv2D(2, activity_regularizer=R.L2(0.01)), (None, 4, 4, 2))
case("simple_rnn_l2", L.SimpleRNN(2, activity_regularizer=R.L2(0.01)), (None, 4, 3))
case("lstm_l1l2", L.LSTM(2, return_sequences=True, activity_regularizer=R.L1L2(l1=0.01, l2=0.01)), (None, 4, 3))
case("gru_l1", L.GRU(2, activity_regularizer=R.L1(0.01)), (None, 4, 3))
case("conv_lstm2d_l2", L.ConvLSTM2D(2, 2, activity_regularizer=R.L2(0.01)), (None, 2, 4, 4, 1))
case("flatten_l2", L.Flatten(activity_regularizer=R.L2(0.01)), (None, 2, 3))
case("dropout_l1", L.Dropout(0.5, activity_regularizer=R.L1(0.01)), (None, 3))
case("relu_l2", L.ReLU(activity_regularizer=R.L2(0.01)), (None, 3))
case("max_pooling2d_l2", L.MaxPooling2D(activity_regularizer=R.L2(0.01)), (None, 4, 4, 1))
case("add_l1", L.Add(activity_regularizer=R.L1(0.01)), (None, 3), (None, 3))
case("activity_regularization", L.ActivityRegularization(l1=0.01, l2=0.02), (None, 3))
case("dense_none", L.Dense(3), (None, 4))
case("lstm_none", L.LSTM(2), (None, 4, 3))

with open(OUT_CONFIGS, "w") as f:
    json.dump(cases, f, indent=1)
print("wrote", OUT_CONFIGS, len(cases), "cases")
