import keras, numpy as np
import keras.src.activations as A
x = np.array([-3.5, -1.2, -0.5, -0.25, 0.0, 0.3, 0.5, 1.0, 2.5, 4.0], dtype="float32")
for name in sorted(A.ALL_OBJECTS_DICT):
    f = A.ALL_OBJECTS_DICT[name]
    if name == "threshold":
        y = f(x, 0.3, -1.0)
    else:
        y = f(x)
    y = np.asarray(y).astype("float64")
    print(f'("{name}", [' + ", ".join(repr(float(v)) for v in y) + "]),")
print(np.asarray(A.sparsemax(np.array([[0.5,0.4,-1.0],[2.0, 1.5, 1.4]],dtype="float32"))).tolist())
