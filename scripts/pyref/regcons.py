import keras, numpy as np, json
from keras import regularizers as R, constraints as C, initializers as I
w = keras.ops.convert_to_tensor(np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 0.0, 1.0], [0.3, -0.6, 0.9]], dtype="float32"))
def f(t): return [float(v) for v in np.asarray(t, dtype="float64").ravel()]
print("l1", float(R.L1()(w)), float(R.L1(0.3)(w)))
print("l2", float(R.L2()(w)), float(R.L2(0.3)(w)))
print("l1l2", float(R.L1L2()(w)), float(R.L1L2(0.01, 0.02)(w)))
print("orth rows", float(R.OrthogonalRegularizer()(w)), "cols", float(R.OrthogonalRegularizer(0.1, "columns")(w)))
print("maxnorm", f(C.MaxNorm()(w)))
print("maxnorm1ax1", f(C.MaxNorm(1.0, axis=1)(w)))
print("minmax", f(C.MinMaxNorm()(w)))
print("minmax2", f(C.MinMaxNorm(0.5, 2.0, 0.5, axis=1)(w)))
print("nonneg", f(C.NonNeg()(w)))
print("unitnorm", f(C.UnitNorm()(w)))
print("unitnorm01", f(C.UnitNorm(axis=[0,1])(w)))
print("stft", f(I.STFT()((4,1,3))))
print("stftimag", f(I.STFT(side="imag", window="hamming", scaling="spectrum", periodic=True)((4,1,3))))
print(json.dumps(keras.saving.serialize_keras_object(R.L1(0.02))))
