// Single-precision GEMM micro-kernels: an AVX2/FMA 6x16 kernel for x86_64 and a portable
// kernel written with clang vector extensions (compiles to SSE2 on x86_64, NEON on aarch64).
#include "KerasKernels.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define MR KK_SGEMM_MR
#define NR KK_SGEMM_NR

// ---------------------------------------------------------------------------------------------
// CPU feature detection
// ---------------------------------------------------------------------------------------------

int kk_has_avx2_fma(void) {
#if defined(__x86_64__)
    // __builtin_cpu_supports also checks that the OS saves YMM state (via XGETBV).
    __builtin_cpu_init();
    return (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 1 : 0;
#else
    return 0;
#endif
}

long kk_atomic_fetch_add(long *counter, long value) {
    return __atomic_fetch_add(counter, value, __ATOMIC_ACQ_REL);
}

unsigned long long kk_atomic_load_u64(const unsigned long long *p) {
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

void kk_atomic_store_u64(unsigned long long *p, unsigned long long value) {
    __atomic_store_n(p, value, __ATOMIC_RELEASE);
}

int kk_atomic_cas_u64(unsigned long long *p, unsigned long long expected, unsigned long long desired) {
    return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) ? 1 : 0;
}

long kk_atomic_load_long(const long *p) {
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

void kk_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

// ---------------------------------------------------------------------------------------------
// Portable micro-kernel (clang ext_vector_type)
// ---------------------------------------------------------------------------------------------

typedef float kk_v8 __attribute__((ext_vector_type(8)));

// memcpy-based loads/stores: unaligned-safe, compile to plain vector moves. Macros rather
// than functions: passing 32-byte vectors by value to non-AVX functions changes the x86 ABI.
#define KK_LOAD8(v, p) memcpy(&(v), (p), sizeof(kk_v8))
#define KK_STORE8(p, v) memcpy((p), &(v), sizeof(kk_v8))

static void ukr_generic(long kc, const float *restrict a, const float *restrict b,
                        float *restrict c, long ldc, float beta) {
    kk_v8 acc[MR][2];
    for (int r = 0; r < MR; ++r) { acc[r][0] = 0; acc[r][1] = 0; }
    for (long p = 0; p < kc; ++p) {
        kk_v8 b0, b1;
        KK_LOAD8(b0, b);
        KK_LOAD8(b1, b + 8);
        for (int r = 0; r < MR; ++r) {
            float av = a[r];
            acc[r][0] += av * b0;
            acc[r][1] += av * b1;
        }
        a += MR;
        b += NR;
    }
    for (int r = 0; r < MR; ++r) {
        float *cr = c + r * ldc;
        kk_v8 v0 = acc[r][0], v1 = acc[r][1];
        if (beta != 0.0f) {  // beta == 0 overwrites: never read C (it may hold NaN garbage)
            kk_v8 old0, old1;
            KK_LOAD8(old0, cr);
            KK_LOAD8(old1, cr + 8);
            v0 += beta * old0;
            v1 += beta * old1;
        }
        KK_STORE8(cr, v0);
        KK_STORE8(cr + 8, v1);
    }
}

// ---------------------------------------------------------------------------------------------
// AVX2 + FMA micro-kernel: 6 rows x 16 columns = 12 ymm accumulators, 2 B loads and 6
// broadcasts per k step. 12 independent FMA chains cover Zen 3 / Haswell FMA latency (4-5
// cycles) x 2 pipes.
// ---------------------------------------------------------------------------------------------

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void ukr_avx2(long kc, const float *restrict a, const float *restrict b,
                     float *restrict c, long ldc, float beta) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();

    // Touch the C tile early so its cache misses overlap with the k loop.
    for (int r = 0; r < MR; ++r) {
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + r * ldc + 15), _MM_HINT_T0);
    }

#define KK_STEP(off_a, off_b)                                            \
    {                                                                    \
        __m256 b0 = _mm256_load_ps(b + (off_b));                         \
        __m256 b1 = _mm256_load_ps(b + (off_b) + 8);                     \
        __m256 av;                                                       \
        av = _mm256_broadcast_ss(a + (off_a) + 0);                       \
        c00 = _mm256_fmadd_ps(av, b0, c00); c01 = _mm256_fmadd_ps(av, b1, c01); \
        av = _mm256_broadcast_ss(a + (off_a) + 1);                       \
        c10 = _mm256_fmadd_ps(av, b0, c10); c11 = _mm256_fmadd_ps(av, b1, c11); \
        av = _mm256_broadcast_ss(a + (off_a) + 2);                       \
        c20 = _mm256_fmadd_ps(av, b0, c20); c21 = _mm256_fmadd_ps(av, b1, c21); \
        av = _mm256_broadcast_ss(a + (off_a) + 3);                       \
        c30 = _mm256_fmadd_ps(av, b0, c30); c31 = _mm256_fmadd_ps(av, b1, c31); \
        av = _mm256_broadcast_ss(a + (off_a) + 4);                       \
        c40 = _mm256_fmadd_ps(av, b0, c40); c41 = _mm256_fmadd_ps(av, b1, c41); \
        av = _mm256_broadcast_ss(a + (off_a) + 5);                       \
        c50 = _mm256_fmadd_ps(av, b0, c50); c51 = _mm256_fmadd_ps(av, b1, c51); \
    }

    long p = 0;
    // Unrolled by 4 to amortise loop overhead; prefetch the B stream a few lines ahead.
    for (; p + 4 <= kc; p += 4) {
        _mm_prefetch((const char *)(b + 8 * NR), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 16), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 32), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * NR + 48), _MM_HINT_T0);
        KK_STEP(0, 0)
        KK_STEP(MR, NR)
        KK_STEP(2 * MR, 2 * NR)
        KK_STEP(3 * MR, 3 * NR)
        a += 4 * MR;
        b += 4 * NR;
    }
    for (; p < kc; ++p) {
        KK_STEP(0, 0)
        a += MR;
        b += NR;
    }
#undef KK_STEP

#define KK_STORE(row, v0, v1)                                                        \
    {                                                                                \
        float *cr = c + (row) * ldc;                                                 \
        if (beta == 0.0f) {                                                          \
            _mm256_storeu_ps(cr, v0);                                                \
            _mm256_storeu_ps(cr + 8, v1);                                            \
        } else if (beta == 1.0f) {                                                   \
            _mm256_storeu_ps(cr, _mm256_add_ps(_mm256_loadu_ps(cr), v0));            \
            _mm256_storeu_ps(cr + 8, _mm256_add_ps(_mm256_loadu_ps(cr + 8), v1));    \
        } else {                                                                     \
            __m256 bv = _mm256_set1_ps(beta);                                        \
            _mm256_storeu_ps(cr, _mm256_fmadd_ps(bv, _mm256_loadu_ps(cr), v0));      \
            _mm256_storeu_ps(cr + 8, _mm256_fmadd_ps(bv, _mm256_loadu_ps(cr + 8), v1)); \
        }                                                                            \
    }
    KK_STORE(0, c00, c01)
    KK_STORE(1, c10, c11)
    KK_STORE(2, c20, c21)
    KK_STORE(3, c30, c31)
    KK_STORE(4, c40, c41)
    KK_STORE(5, c50, c51)
#undef KK_STORE
}
#endif

// ---------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------

typedef void (*kk_ukr_fn)(long, const float *, const float *, float *, long, float);

// Resolved once; the race between threads is benign (all store the same value).
static kk_ukr_fn kk_selected_ukr = 0;

static kk_ukr_fn kk_select_ukr(void) {
    kk_ukr_fn f = __atomic_load_n(&kk_selected_ukr, __ATOMIC_RELAXED);
    if (f) return f;
#if defined(__x86_64__)
    f = kk_has_avx2_fma() ? ukr_avx2 : ukr_generic;
#else
    f = ukr_generic;
#endif
    __atomic_store_n(&kk_selected_ukr, f, __ATOMIC_RELAXED);
    return f;
}

void kk_sgemm_ukr(long kc, const float *ap, const float *bp, float *c, long ldc, float beta) {
    kk_select_ukr()(kc, ap, bp, c, ldc, beta);
}

void kk_sgemm_ukr_portable(long kc, const float *ap, const float *bp, float *c, long ldc, float beta) {
    ukr_generic(kc, ap, bp, c, ldc, beta);
}

// ---------------------------------------------------------------------------------------------
// Transposed B packing
// ---------------------------------------------------------------------------------------------

static void pack_b_transposed_scalar(long p0, long kc, long cols, const float *src, long lds, float *dst) {
    for (long p = p0; p < kc; ++p) {
        float *d = dst + p * NR;
        for (long q = 0; q < cols; ++q) d[q] = src[q * lds + p];
        for (long q = cols; q < NR; ++q) d[q] = 0.0f;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma")))
static void pack_b_transposed_avx2(long kc, const float *src, long lds, float *dst) {
    // Full 16-column panel: two 8x8 blocks per 8 values of p.
    long p = 0;
    for (; p + 8 <= kc; p += 8) {
        for (int half = 0; half < 2; ++half) {
            const float *s = src + (long)half * 8 * lds + p;
            __m256 r0 = _mm256_loadu_ps(s + 0 * lds), r1 = _mm256_loadu_ps(s + 1 * lds);
            __m256 r2 = _mm256_loadu_ps(s + 2 * lds), r3 = _mm256_loadu_ps(s + 3 * lds);
            __m256 r4 = _mm256_loadu_ps(s + 4 * lds), r5 = _mm256_loadu_ps(s + 5 * lds);
            __m256 r6 = _mm256_loadu_ps(s + 6 * lds), r7 = _mm256_loadu_ps(s + 7 * lds);
            // Standard 8x8 transpose: unpack, shuffle, permute lanes.
            __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
            __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
            __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
            __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
            __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
            __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
            __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
            __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
            float *d = dst + p * NR + half * 8;
            _mm256_store_ps(d + 0 * NR, _mm256_permute2f128_ps(u0, u4, 0x20));
            _mm256_store_ps(d + 1 * NR, _mm256_permute2f128_ps(u1, u5, 0x20));
            _mm256_store_ps(d + 2 * NR, _mm256_permute2f128_ps(u2, u6, 0x20));
            _mm256_store_ps(d + 3 * NR, _mm256_permute2f128_ps(u3, u7, 0x20));
            _mm256_store_ps(d + 4 * NR, _mm256_permute2f128_ps(u0, u4, 0x31));
            _mm256_store_ps(d + 5 * NR, _mm256_permute2f128_ps(u1, u5, 0x31));
            _mm256_store_ps(d + 6 * NR, _mm256_permute2f128_ps(u2, u6, 0x31));
            _mm256_store_ps(d + 7 * NR, _mm256_permute2f128_ps(u3, u7, 0x31));
        }
    }
    pack_b_transposed_scalar(p, kc, NR, src, lds, dst);
}
#endif

void kk_sgemm_pack_b_transposed(long kc, long cols, const float *src, long lds, float *dst) {
#if defined(__x86_64__)
    // dst panels are 64-byte aligned (aligned stores above); only full panels take this path.
    if (cols == NR && kk_select_ukr() == ukr_avx2) {
        pack_b_transposed_avx2(kc, src, lds, dst);
        return;
    }
#endif
    if (cols == NR) {
        // Portable: walk p in blocks so each source row segment is read contiguously.
        for (long p0 = 0; p0 < kc; p0 += 64) {
            long p1 = p0 + 64 < kc ? p0 + 64 : kc;
            for (long q = 0; q < NR; ++q) {
                const float *s = src + q * lds;
                for (long p = p0; p < p1; ++p) dst[p * NR + q] = s[p];
            }
        }
        return;
    }
    pack_b_transposed_scalar(0, kc, cols, src, lds, dst);
}

void kk_sgemm_macro(long mc, long nc, long kc, const float *ap, const float *bp,
                    float *c, long ldc, float beta) {
    kk_ukr_fn ukr = kk_select_ukr();
    // Temporary tile for partial (edge) tiles; 32-byte aligned for the vector stores.
    float tile[MR * NR] __attribute__((aligned(64)));
    // jr outer / ir inner: one kc x NR B panel stays in L1 while the A block streams from L2.
    for (long j = 0; j < nc; j += NR) {
        const float *bpanel = bp + (j / NR) * kc * NR;
        long nr = nc - j < NR ? nc - j : NR;
        for (long i = 0; i < mc; i += MR) {
            const float *apanel = ap + (i / MR) * kc * MR;
            long mr = mc - i < MR ? mc - i : MR;
            float *ct = c + i * ldc + j;
            if (mr == MR && nr == NR) {
                ukr(kc, apanel, bpanel, ct, ldc, beta);
            } else {
                ukr(kc, apanel, bpanel, tile, NR, 0.0f);
                for (long r = 0; r < mr; ++r) {
                    for (long q = 0; q < nr; ++q) {
                        float v = tile[r * NR + q];
                        ct[r * ldc + q] = beta == 0.0f ? v : beta * ct[r * ldc + q] + v;
                    }
                }
            }
        }
    }
}
