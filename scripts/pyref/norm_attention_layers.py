"""Writes Tests/Fixtures/layers/norm_attention_layers.json: inputs, weights and outputs of Keras 3
normalization and attention layers for the Swift tests.

Run from any directory except Keras's package folder (its `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-attn/scripts/pyref/norm_attention_layers.py

Each case names a layer built with the arguments the Swift test repeats, and holds:
  * "inputs": the call's tensors in order (query, value, key, attention mask for attention);
  * "masks": the Keras masks of the inputs (null where none). MultiHeadAttention reads the query's
    mask only from the query tensor itself (`backend.get_keras_mask(query)`), which a JAX array
    cannot carry, so the generator answers `get_keras_mask` from a table of the arrays it passes;
    that is what a model graph does when a masking layer feeds the query;
  * "weights": the layer's weights after `set_weights` with random values, in `layer.weights`
    order, with their paths;
  * "outputs": the outputs (the attention scores second when asked for);
  * "after": for training-mode BatchNormalization, the weights after the call (moving statistics)
    or after one `train_on_batch` step of SGD.
Every float is float32; the Swift tests compare within 1e-5.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402
from keras.src import backend  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

rng = np.random.RandomState(20250611)

# Keras masks for arrays that cannot carry one (see the docstring).
MASKS = {}
_KEEP = []
_original_get_keras_mask = backend.get_keras_mask


def _get_keras_mask(x):
    mask = MASKS.get(id(x))
    return mask if mask is not None else _original_get_keras_mask(x)


backend.get_keras_mask = _get_keras_mask


def uniform(*shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, shape).astype("float32")


def encode(x):
    x = np.asarray(x)
    dtype = "bool" if x.dtype == np.bool_ else "float32"
    values = x.ravel().tolist() if dtype == "bool" else x.astype("float32").ravel().tolist()
    return {"shape": list(x.shape), "dtype": dtype, "values": values}


def randomize(layer, lo=-1.0, hi=1.0):
    """Sets every weight to random values (positive ones for variances)."""
    values = []
    for w in layer.weights:
        if "variance" in w.path or "stddev" in w.path:
            values.append(uniform(*w.shape, lo=0.2, hi=2.0))
        else:
            values.append(uniform(*w.shape, lo=lo, hi=hi))
    layer.set_weights(values)


def weights_of(layer):
    return [{"path": w.path, **encode(np.asarray(w))} for w in layer.weights]


cases = []


def add_case(name, layer, inputs, outputs, masks=None, after=None, **extra):
    entry = {
        "name": name,
        "class": type(layer).__name__,
        "layer_name": layer.name,
        "inputs": [encode(x) for x in inputs],
        "masks": [None if m is None else encode(m) for m in (masks or [None] * len(inputs))],
        "weights": weights_of(layer) if after is None else extra.pop("weights_before"),
        "outputs": [None if y is None else encode(y) for y in outputs],
    }
    if after is not None:
        entry["after"] = after
    entry.update(extra)
    cases.append(entry)


def run_single(name, layer, x, randomize_weights=True, **call):
    layer.build(x.shape)
    if randomize_weights:
        randomize(layer)
    y = layer(x, **call)
    add_case(name, layer, [x], [y])


# ---------------------------------------------------------------- normalization
run_single("ln_default", layers.LayerNormalization(name="ln_default"), uniform(2, 3, 5, lo=-2, hi=3))
run_single("ln_axes_12", layers.LayerNormalization(axis=[1, 2], name="ln_axes_12"), uniform(2, 3, 4, lo=-2, hi=2))
run_single("ln_axes_mixed", layers.LayerNormalization(axis=[-1, 1], name="ln_axes_mixed"), uniform(2, 3, 2, 4))
run_single("ln_axis1_no_center", layers.LayerNormalization(axis=1, center=False, epsilon=1e-5, name="ln_axis1_no_center"),
           uniform(2, 3, 4))
run_single("ln_rms_scaling", layers.LayerNormalization(rms_scaling=True, name="ln_rms_scaling"), uniform(3, 4, lo=-1, hi=2))
run_single("gn_two_groups", layers.GroupNormalization(groups=2, name="gn_two_groups"), uniform(2, 3, 4, lo=-1, hi=2))
run_single("gn_instance_channels_first", layers.GroupNormalization(groups=-1, axis=1, name="gn_instance_channels_first"),
           uniform(2, 3, 2, 2))
run_single("gn_one_group_no_scale", layers.GroupNormalization(groups=1, scale=False, epsilon=1e-4, name="gn_one_group_no_scale"),
           uniform(2, 6))
run_single("rms_default", layers.RMSNormalization(name="rms_default"), uniform(2, 3, 4))
run_single("rms_two_axes", layers.RMSNormalization(axis=[-2, -1], epsilon=1e-3, name="rms_two_axes"), uniform(2, 3, 4))
run_single("unit_default", layers.UnitNormalization(name="unit_default"), uniform(3, 4))
run_single("unit_two_axes", layers.UnitNormalization(axis=[1, 2], name="unit_two_axes"), uniform(2, 3, 2))
run_single("bn_inference", layers.BatchNormalization(name="bn_inference"), uniform(4, 3, lo=-2, hi=2))


def bn_training(name, layer, x, mask=None):
    layer.build(x.shape)
    randomize(layer)
    before = weights_of(layer)
    y = layer(x, training=True, mask=mask)
    after = {w["path"]: {k: w[k] for k in ("shape", "dtype", "values")} for w in weights_of(layer)}
    add_case(name, layer, [x], [y], masks=[mask], after=after, weights_before=before)


bn_training("bn_training", layers.BatchNormalization(momentum=0.9, name="bn_training"), uniform(4, 3, lo=-2, hi=3))
bn_training("bn_training_axis1_no_center",
            layers.BatchNormalization(axis=1, center=False, name="bn_training_axis1_no_center"), uniform(3, 2, 4))
bn_mask = np.array([[True, True, False, True], [False, True, True, False]])
bn_training("bn_training_masked", layers.BatchNormalization(momentum=0.8, epsilon=1e-2, name="bn_training_masked"),
            uniform(2, 4, 3, lo=-2, hi=2), mask=bn_mask)

bn_training("bn_renorm", layers.BatchNormalization(momentum=0.9, renorm=True, renorm_momentum=0.7,
                                                   renorm_clipping={"rmax": 1.5, "rmin": 0.8, "dmax": 0.3},
                                                   name="bn_renorm"), uniform(5, 3, lo=-2, hi=3))
bn_training("bn_renorm_no_scale", layers.BatchNormalization(renorm=True, scale=False, name="bn_renorm_no_scale"),
            uniform(2, 3, 2))
run_single("bn_renorm_inference", layers.BatchNormalization(renorm=True, name="bn_renorm_inference"), uniform(4, 3))

# One optimizer step of a model holding BatchNormalization: the moving statistics follow the batch
# statistics with Keras's momentum, gamma and beta follow SGD.
bn_step = layers.BatchNormalization(momentum=0.8, name="bn_step")
bn_model = keras.Sequential([keras.Input((3,)), bn_step])
randomize(bn_step)
bn_before = weights_of(bn_step)
bn_x, bn_y = uniform(5, 3, lo=-1, hi=2), uniform(5, 3)
bn_model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
bn_loss = bn_model.train_on_batch(bn_x, bn_y)
add_case("bn_train_step", bn_step, [bn_x, bn_y], [np.asarray(bn_loss, dtype="float32").reshape(())],
         after={w["path"]: {k: w[k] for k in ("shape", "dtype", "values")} for w in weights_of(bn_step)},
         weights_before=bn_before)


# ---------------------------------------------------------------- attention
def masked(x, mask):
    """A JAX copy of `x` whose Keras mask is `mask` (answered by the patched get_keras_mask)."""
    t = jnp.asarray(x)
    _KEEP.append(t)
    if mask is not None:
        MASKS[id(t)] = jnp.asarray(mask)
    return t


def attention_case(name, layer, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
                   attention_mask=None, use_causal_mask=False, plain=True):
    """Both Keras paths: outputs are [output without scores (the fused kernel where Keras uses
    it; null when Keras fails there), output with scores, scores]."""
    q, v = masked(query, query_mask), masked(value, value_mask)
    k = None if key is None else masked(key, key_mask)
    kwargs = {"use_causal_mask": use_causal_mask}
    if attention_mask is not None:
        kwargs["attention_mask"] = jnp.asarray(attention_mask)
    layer.build(query.shape, value.shape, None if key is None else key.shape)
    randomize(layer, lo=-0.8, hi=0.8)
    out = layer(q, v, key=k, **kwargs) if plain else None
    out2, s = layer(q, v, key=k, return_attention_scores=True, **kwargs)
    outputs = [out, out2, s]
    inputs = [query, value] + ([] if key is None else [key]) + ([] if attention_mask is None else [attention_mask])
    masks = [query_mask, value_mask] + ([] if key is None else [key_mask]) + ([] if attention_mask is None else [None])
    add_case(name, layer, inputs, outputs, masks=masks, use_causal_mask=use_causal_mask)


qmask = np.array([[True, True, False, True], [True, False, False, False]])
vmask = np.array([[True, True, True, False, False], [True, False, True, True, True]])
amask = rng.uniform(size=(2, 4, 5)) > 0.3
amask[1, 2] = False  # a fully masked row

x_self = uniform(2, 4, 6)
attention_case("mha_self", layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha_self"), x_self, x_self)
attention_case("mha_cross_key", layers.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4, output_shape=(5,),
                                                          name="mha_cross_key"),
               uniform(2, 4, 6), uniform(2, 5, 3), key=uniform(2, 5, 7),
               plain=False)  # Keras 3.15.1's JAX fused kernel fails when value_dim != key_dim
attention_case("mha_masks", layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha_masks"),
               uniform(2, 4, 6), uniform(2, 5, 6), query_mask=qmask, value_mask=vmask, attention_mask=amask)
attention_case("mha_key_mask", layers.MultiHeadAttention(num_heads=2, key_dim=2, use_bias=False, name="mha_key_mask"),
               uniform(2, 4, 6), uniform(2, 5, 6), key=uniform(2, 5, 6), key_mask=vmask)
attention_case("mha_causal", layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha_causal"),
               x_self, x_self, use_causal_mask=True)
attention_case("mha_causal_value_mask", layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha_causal_value_mask"),
               uniform(2, 4, 6), uniform(2, 5, 6), value_mask=vmask, use_causal_mask=True)
attention_case("mha_gate_window", layers.MultiHeadAttention(num_heads=2, key_dim=3, use_gate=True, sliding_window=2,
                                                            name="mha_gate_window"),
               uniform(2, 5, 6), uniform(2, 5, 6), use_causal_mask=True)
attention_case("mha_2d_all_axes", layers.MultiHeadAttention(num_heads=2, key_dim=2, name="mha_2d_all_axes"),
               uniform(2, 2, 3, 4), uniform(2, 2, 3, 4))
attention_case("mha_2d_axis2", layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=(2,), output_shape=(2, 3),
                                                         name="mha_2d_axis2"),
               uniform(2, 2, 3, 4), uniform(2, 2, 3, 4))
attention_case("mha_2d_negative_axis", layers.MultiHeadAttention(num_heads=1, key_dim=2, attention_axes=-3,
                                                                 name="mha_2d_negative_axis"),
               uniform(2, 2, 3, 4), uniform(2, 2, 3, 4))

gqa_x = uniform(2, 4, 8)
attention_case("gqa_self", layers.GroupQueryAttention(head_dim=2, num_query_heads=4, num_key_value_heads=2, name="gqa_self"),
               gqa_x, gqa_x)
attention_case("gqa_masks_causal", layers.GroupQueryAttention(head_dim=3, num_query_heads=2, num_key_value_heads=1,
                                                              name="gqa_masks_causal"),
               uniform(2, 4, 6), uniform(2, 5, 6), query_mask=qmask, value_mask=vmask, use_causal_mask=True)
attention_case("gqa_key_gate_window", layers.GroupQueryAttention(head_dim=2, num_query_heads=4, num_key_value_heads=4,
                                                                 use_gate=True, sliding_window=2, use_bias=False,
                                                                 name="gqa_key_gate_window"),
               uniform(2, 4, 6), uniform(2, 5, 6), key=uniform(2, 5, 6), attention_mask=amask)


def luong_case(name, layer, query, value, key=None, query_mask=None, value_mask=None, use_causal_mask=False):
    inputs = [query, value] + ([] if key is None else [key])
    layer.build([x.shape for x in inputs])
    randomize(layer, lo=0.5, hi=1.5)
    mask = None if query_mask is None and value_mask is None else [query_mask, value_mask] + ([None] if key is not None else [])
    out, s = layer(inputs, mask=mask, return_attention_scores=True, use_causal_mask=use_causal_mask)
    masks = [query_mask, value_mask] + ([] if key is None else [None])
    add_case(name, layer, inputs, [out, s], masks=masks, use_causal_mask=use_causal_mask)


luong_case("attention_dot", layers.Attention(name="attention_dot"), uniform(2, 3, 4), uniform(2, 5, 4))
luong_case("attention_scale_key_masks", layers.Attention(use_scale=True, name="attention_scale_key_masks"),
           uniform(2, 4, 4), uniform(2, 5, 3), key=uniform(2, 5, 4), query_mask=qmask, value_mask=vmask)
luong_case("attention_concat_causal", layers.Attention(use_scale=True, score_mode="concat", name="attention_concat_causal"),
           uniform(2, 4, 4), uniform(2, 4, 4), value_mask=vmask[:, :4], use_causal_mask=True)
luong_case("attention_fully_masked_value", layers.Attention(name="attention_fully_masked_value"),
           uniform(2, 3, 4), uniform(2, 5, 4), value_mask=np.array([[False] * 5, [True, True, False, False, True]]))
luong_case("additive", layers.AdditiveAttention(name="additive"), uniform(2, 3, 4), uniform(2, 5, 4),
           key=uniform(2, 5, 4), query_mask=qmask[:, :3], value_mask=vmask)
luong_case("additive_no_scale_causal", layers.AdditiveAttention(use_scale=False, name="additive_no_scale_causal"),
           uniform(2, 4, 3), uniform(2, 4, 3), use_causal_mask=True)

fixture = {
    "generator": "scripts/pyref/norm_attention_layers.py",
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "cases": cases,
}

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "Tests", "Fixtures", "layers", "norm_attention_layers.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(fixture, f)
    f.write("\n")
print(f"wrote {path}: {len(cases)} cases")
