import json, keras
from keras import initializers as I, regularizers as R, constraints as C
S = keras.saving.serialize_keras_object
objs = [I.Zeros(), I.Ones(), I.Constant(), I.Constant(0.5), I.Identity(), I.RandomNormal(), I.RandomUniform(), I.TruncatedNormal(seed=42),
 I.VarianceScaling(), I.VarianceScaling(scale=2.0, mode="fan_out", distribution="uniform", seed=7), I.GlorotNormal(), I.GlorotUniform(), I.GlorotUniform(seed=42), I.HeNormal(), I.HeUniform(), I.LecunNormal(), I.LecunUniform(), I.Orthogonal(), I.Orthogonal(gain=2.0, seed=1), I.STFT(),
 R.L1(), R.L2(), R.L1L2(), R.L1L2(l1=0.01, l2=0.02), R.OrthogonalRegularizer(), 
 C.MaxNorm(), C.MaxNorm(3.0, axis=[0,1]), C.MinMaxNorm(), C.NonNeg(), C.UnitNorm()]
for o in objs: print(type(o).__name__, json.dumps(S(o)))
print(json.dumps(S(keras.activations.relu)))
print(json.dumps(keras.activations.serialize(keras.activations.relu)))
print(json.dumps(keras.layers.Dense(2, activation="swish", kernel_initializer="he_normal", kernel_regularizer="l2", kernel_constraint="max_norm").get_config()))
print(keras.activations.get({"module": "keras.activations", "class_name": "function", "config": "relu", "registered_name": None}))
print(keras.activations.deserialize("relu"))
print(keras.activations.deserialize({"class_name": "function", "config": "swish"}))
print(sorted(R.ALL_OBJECTS_DICT)); print(sorted(C.ALL_OBJECTS_DICT)); print(sorted(I.ALL_OBJECTS_DICT))
print(S(R.get("l1l2")))
print(json.dumps(S(keras.layers.Dense(2, kernel_regularizer="l1l2").kernel_regularizer)))
