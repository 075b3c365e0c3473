// KerasKernels: small C SIMD kernels used by KerasCore's CPU backend.
//
// Nothing here needs special compiler flags: the AVX2/FMA code is compiled per function with
// __attribute__((target("avx2,fma"))) and selected at run time, so the package builds with
// the default (baseline x86-64 / aarch64) target and still runs at full speed on AVX2 CPUs.
#ifndef KERAS_KERNELS_H
#define KERAS_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Rows of one single-precision GEMM micro-tile (rows of a packed A panel).
#define KK_SGEMM_MR 6
/// Columns of one single-precision GEMM micro-tile (columns of a packed B panel).
#define KK_SGEMM_NR 16

/// Returns 1 when the CPU (and OS) support AVX2 and FMA, so the fast micro-kernel is used; else 0.
/// Always 0 on non-x86_64 architectures (they use the portable vector kernel).
int kk_has_avx2_fma(void);

/// Single-precision GEMM macro-kernel over packed operands:
/// C[0..<mc, 0..<nc] = beta * C + Ap * Bp (row-major C with leading dimension ldc).
///
/// - ap: ceil(mc / KK_SGEMM_MR) panels, each kc x KK_SGEMM_MR floats (k-major, MR values per k),
///   rows beyond mc zero-padded. Must be 32-byte aligned.
/// - bp: ceil(nc / KK_SGEMM_NR) panels, each kc x KK_SGEMM_NR floats (k-major, NR values per k),
///   columns beyond nc zero-padded. Must be 32-byte aligned.
/// - beta == 0 overwrites C without reading it (so NaN garbage in C is discarded).
/// Edge tiles are computed into a temporary tile and only the valid part is written.
void kk_sgemm_macro(long mc, long nc, long kc, const float *ap, const float *bp,
                    float *c, long ldc, float beta);

/// One full KK_SGEMM_MR x KK_SGEMM_NR micro-tile: C = beta * C + Ap * Bp for kc steps
/// (kc >= 0; beta == 0 overwrites). Exposed for testing and for callers with their own loops.
void kk_sgemm_ukr(long kc, const float *ap, const float *bp, float *c, long ldc, float beta);

/// Packs one B panel from a transposed source: dst[p * KK_SGEMM_NR + q] = src[q * lds + p]
/// for p < kc, q < cols (cols <= KK_SGEMM_NR); columns q >= cols are zero-filled.
/// This is the strided (transpose) case of B packing, done with 8x8 SIMD transposes because
/// a scalar loop costs about a third of the micro-kernel time for 128-row products.
void kk_sgemm_pack_b_transposed(long kc, long cols, const float *src, long lds, float *dst);

/// The portable (non-AVX2) micro-kernel, same contract as kk_sgemm_ukr. Exposed so that tests
/// can check it on machines where run-time dispatch would pick the AVX2 kernel.
void kk_sgemm_ukr_portable(long kc, const float *ap, const float *bp, float *c, long ldc, float beta);

// Small atomics for the thread pool and work counters, so that KerasCore does not depend on
// the Synchronization module (which needs macOS 15 / iOS 18 on Apple platforms).

/// Atomically adds `value` to `*counter` and returns the previous value (acquire-release).
long kk_atomic_fetch_add(long *counter, long value);
/// Atomic load with acquire ordering.
unsigned long long kk_atomic_load_u64(const unsigned long long *p);
/// Atomic store with release ordering.
void kk_atomic_store_u64(unsigned long long *p, unsigned long long value);
/// Strong compare-and-swap (acquire-release on success); returns 1 on success, else 0.
int kk_atomic_cas_u64(unsigned long long *p, unsigned long long expected, unsigned long long desired);
/// Atomic load of a long with acquire ordering.
long kk_atomic_load_long(const long *p);
/// A spin-wait hint (x86 PAUSE / arm YIELD): lets the sibling hyper-thread run and saves power.
void kk_cpu_relax(void);

#ifdef __cplusplus
}
#endif

#endif
