import json, keras
from keras import initializers as I, regularizers as R, constraints as C
import keras.src.regularizers as R2, keras.src.constraints as C2, keras.src.initializers as I2
S = keras.saving.serialize_keras_object
print(sorted(R2.ALL_OBJECTS_DICT)); print(sorted(C2.ALL_OBJECTS_DICT)); print(sorted(I2.ALL_OBJECTS_DICT))
print(json.dumps(S(keras.layers.Dense(2, kernel_regularizer="l1l2").kernel_regularizer)))
print(json.dumps(S(keras.layers.Dense(2, kernel_regularizer="orthogonal_regularizer").kernel_regularizer)))
for s in ["uniform","normal","zero","one","glorot_uniform","GlorotUniform","random_normal","variance_scaling","orthogonal","identity"]:
    print(s, json.dumps(S(I.get(s))))
print(keras.activations.get("hard_swish").__name__)
print(I.get({"class_name": "GlorotUniform", "config": {"seed": None}}))
print(json.dumps(S(I.Constant(value=2))))
print(json.dumps(S(C.get("max_norm"))), json.dumps(S(C.get("min_max_norm"))), json.dumps(S(C.get("non_neg"))), json.dumps(S(C.get("unit_norm"))))
