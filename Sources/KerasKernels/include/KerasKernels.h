#ifndef KERAS_KERNELS_H
#define KERAS_KERNELS_H
/// 1 when the CPU runs AVX2 and FMA instructions.
int kk_has_avx2_fma(void);
#endif
