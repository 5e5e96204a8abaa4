// SPDX-License-Identifier: MIT
/* neural.c — players driven by a small feed-forward neural network.
 *
 * One general player (ann_move) evaluates any network of neural_network.h on 17
 * features of the match so far; each strategy is only its weights, kept in
 * data/neural_weights.h.  Behaviour follows Axelrod-Python 4.13
 * (axelrod/strategies/ann.py): hidden = relu(W x + b), output = v . hidden,
 * cooperate exactly when output > 0, with the reference's integer truncation of
 * the hidden layer (see ann_output).  The sums over the one-hot inputs are made once
 * per network, at the first match's init (ann_head_build). */
#include <pthread.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* AVX (four doubles a register) where the machine running has it, asked at run time: the build
 * targets every x86-64, so only ann_value_avx is compiled for it.  GCC and clang on x86 only. */
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define ANN_AVX 1
#include <immintrin.h>
#endif

#include "strategies/strategy_def.h"
#include "strategies/neural_network.h"
#include "strategies/data/neural_weights.h"

/* The 17 inputs, in order: opponent's first move is C, is D; its second move is C,
 * is D; my last move is C, is D; my move before is C, is D; opponent's last move
 * is C, is D; its move before is C, is D (each 0 until that move exists); then the
 * opponent's cooperations and defections, mine, and the number of turns played.
 *
 * The first twelve are one-hot pairs fixed by at most six moves, so they take 73 values
 * (none on the first turn, three moves' worth on the second, six from the third on): a
 * network's sums over them (ann_head) are made once per network and read by that index,
 * and only the five counts are multiplied each turn.  The sums are the reference's in its
 * order, so the values are bit for bit those of the whole 17-term sum (see ann_output). */
#define ANN_HEAD 12
#define ANN_HEADS (1 + 8 + 64)

/* The one-hot inputs of head index c (0: the first turn; 1 + b: the second, b the three bits
 * o0 | m1 << 1 | o1 << 2; 9 + b: later, b adding o2nd << 3 | m2 << 4 | o2 << 5). */
static void ann_head_inputs(int c, double x[ANN_HEAD])
{
    for (int i = 0; i < ANN_HEAD; i++) x[i] = 0;
    if (c == 0) return;
    int b = c < 9 ? c - 1 : c - 9;
    x[0 + (b & 1)] = 1;
    x[4 + ((b >> 1) & 1)] = 1;
    x[8 + ((b >> 2) & 1)] = 1;
    if (c >= 9) {
        x[2 + ((b >> 3) & 1)] = 1;
        x[6 + ((b >> 4) & 1)] = 1;
        x[10 + ((b >> 5) & 1)] = 1;
    }
}

/* The head index of this turn and the five counts.  Both histories hold v->turn turns, so the
 * last two actions of each are read at one position (one word, or two when turn t - 2 ends a
 * word) rather than through four separate lookups. */
static inline int ann_features(const pl_view *v, double x[PL_ANN_FEATURES - ANN_HEAD])
{
    const pl_history *me = v->me, *op = v->opp;
    int t = v->turn, c = 0;
    if (t >= 2) {
        int k = t - 2, b = k & 63;
        const uint64_t *mw = me->w + (k >> 6), *ow = op->w + (k >> 6);
        /* bit 0: the turn before last, bit 1: the last */
        uint64_t m = mw[0] >> b, o = ow[0] >> b;
        if (b == 63) m |= mw[1] << 1, o |= ow[1] << 1;
        unsigned first2 = (unsigned)op->w[0] & 3u; /* its first and second moves */
        c = 9 + (int)((first2 & 1u) | ((unsigned)m & 2u) | ((unsigned)o & 2u) << 1 | (first2 & 2u) << 2 |
                      ((unsigned)m & 1u) << 4 | ((unsigned)o & 1u) << 5);
    } else if (t == 1)
        c = 1 + (pl_hist_at(op, 0) | pl_hist_at(me, 0) << 1 | pl_hist_at(op, 0) << 2);
    x[0] = pl_hist_coops(op);
    x[1] = op->n_defect;
    x[2] = pl_hist_coops(me);
    x[3] = me->n_defect;
    x[4] = t;
    return c;
}

/* A network with its head sums: head[c][j] is hidden unit j's sum over the first twelve
 * inputs of head index c, added in the reference's order from 0.  count_w[k][j] is unit j's
 * weight of count k (input 12 + k): the weights by count rather than by unit, so that a count's
 * terms for all the units are one run of memory, added to the units' sums side by side (each
 * unit's own sum still in the reference's order; see ann_output). */
typedef struct ann_net {
    const pl_ann *n;
    pthread_once_t once;
    int avx; /* 1: the machine has AVX (ann_value_avx) */
    _Alignas(32) double head[ANN_HEADS][PL_ANN_MAX_HIDDEN];
    _Alignas(32) double count_w[PL_ANN_FEATURES - ANN_HEAD][PL_ANN_MAX_HIDDEN];
    _Alignas(32) double bias[PL_ANN_MAX_HIDDEN]; /* the units' biases, 0 past n_hidden */
    _Alignas(32) double out[PL_ANN_MAX_HIDDEN];  /* the output weights, 0 past n_hidden */
} ann_net;

static void ann_head_build(ann_net *a)
{
    const pl_ann *n = a->n;
    for (int c = 0; c < ANN_HEADS; c++) {
        double x[ANN_HEAD];
        ann_head_inputs(c, x);
        for (int j = 0; j < n->n_hidden; j++) {
            double s = 0;
            for (int k = 0; k < ANN_HEAD; k++) s += n->w[j * n->n_features + k] * x[k];
            a->head[c][j] = s;
        }
    }
    for (int k = 0; k < PL_ANN_FEATURES - ANN_HEAD; k++)
        for (int j = 0; j < n->n_hidden; j++) a->count_w[k][j] = n->w[j * n->n_features + ANN_HEAD + k];
    for (int j = 0; j < n->n_hidden; j++) a->bias[j] = n->w[n->n_hidden * n->n_features + n->n_hidden + j];
    for (int j = 0; j < n->n_hidden; j++) a->out[j] = n->w[n->n_hidden * n->n_features + j];
#if ANN_AVX
    a->avx = __builtin_cpu_supports("avx") != 0;
#endif
}

/* Evaluates the network: each hidden unit sums its weighted inputs, then adds its
 * bias (in that order, as numpy's bias + dot(W, x)), and is clipped at 0; the
 * output is the weighted sum of the hidden units.  The sum goes on from the head's
 * (the first twelve terms, in order) with the five counts, so it is the same sum.
 *
 * One detail is the reference's, reproduced on purpose: Axelrod-Python 4.13 clips
 * with np.vectorize(lambda x: max(x, 0)) (axelrod/strategies/ann.py, `relu`).
 * np.vectorize fixes the type of its result from the first element's: when the
 * first hidden value is negative, max returns the integer 0, the result array is
 * an integer one, and every hidden value of that turn is truncated toward zero
 * (2.7 becomes 2).  When the first is 0 or more, all stay exact.  Without this the
 * reference's moves are not reproduced (3 of its 150 Evolved ANN matches differ). */
/* (With SSE2 the player uses ann_output_sse2 below, the same in pairs; this one is kept compiled.) */
static inline __attribute__((always_inline, unused)) double ann_output(const ann_net *a, const double *head,
                                                                       const double *x, int units)
{
    const pl_ann *n = a->n;
    const double *out = n->w + n->n_hidden * n->n_features;
    const double *bias = out + n->n_hidden;
    double h[PL_ANN_MAX_HIDDEN];
    /* count by count, `units` (a constant: n_hidden rounded up to even) at once: unit j's sum is
     * still head, then counts 0 to 4 in order (the same additions, so the same doubles); the
     * compiler pairs the units in vector registers, which it could not while each unit's weights
     * were a row of its own.  The units past n_hidden have zero weights and are not read. */
    for (int j = 0; j < units; j++) h[j] = head[j];
    for (int k = 0; k < PL_ANN_FEATURES - ANN_HEAD; k++)
        for (int j = 0; j < units; j++) h[j] += a->count_w[k][j] * x[k];
    for (int j = 0; j < n->n_hidden; j++) h[j] = bias[j] + h[j];
    double y = 0;
    if (n->n_hidden > 0 && h[0] < 0) { /* max(x, 0) returned the int 0 for the first element: all truncated */
        /* trunc of the positive values through the integers; a zero is +0 here where trunc(-0.0)
         * is -0.0, which changes no sum's value (only perhaps a zero's sign), and the output is
         * only compared with 0.  Below 2^31 (every value of the shipped networks' play) through
         * 32-bit integers; from 2^31 to 2^52 through 64-bit ones, and from there a double is its
         * own integer part.  The units past n_hidden are 0 (zero head and weights) and are not
         * added. */
        double r[PL_ANN_MAX_HIDDEN];
        int big = 0;
        for (int j = 0; j < units; j++) {
            r[j] = h[j] > 0 ? h[j] : 0;
            big |= !(r[j] < 0x1p31);
        }
        if (!big)
            for (int j = 0; j < units; j++) r[j] = (double)(int32_t)r[j];
        if (big)
            for (int j = 0; j < units; j++) r[j] = r[j] < 0x1p52 ? (double)(int64_t)r[j] : r[j];
        for (int j = 0; j < n->n_hidden; j++) y += r[j] * out[j];
    } else
        for (int j = 0; j < n->n_hidden; j++) y += (h[j] < 0 ? 0 : h[j]) * out[j];
    return y;
}

#if defined(__SSE2__)
/* ann_output two units at a time in registers: the same operations on each unit in the same order
 * (head, then + weight x count for counts 0 to 4, then bias +, each rounded; no fused multiply-add
 * without -mfma), the clip and the truncation as above, and the output summed unit by unit in
 * order.  The units past n_hidden are 0 (zero head, weights and bias) and are not added. */
static inline __attribute__((always_inline)) double ann_output_sse2(const ann_net *a, const double *head,
                                                                    const double *x, int units)
{
    const pl_ann *n = a->n;
    const double *out = n->w + n->n_hidden * n->n_features;
    int pairs = units / 2;
    __m128d h[PL_ANN_MAX_HIDDEN / 2], r[PL_ANN_MAX_HIDDEN / 2];
    for (int j = 0; j < pairs; j++) h[j] = _mm_load_pd(head + 2 * j);
    for (int k = 0; k < PL_ANN_FEATURES - ANN_HEAD; k++) {
        __m128d xk = _mm_set1_pd(x[k]);
        for (int j = 0; j < pairs; j++) h[j] = _mm_add_pd(h[j], _mm_mul_pd(_mm_load_pd(a->count_w[k] + 2 * j), xk));
    }
    for (int j = 0; j < pairs; j++) h[j] = _mm_add_pd(_mm_load_pd(a->bias + 2 * j), h[j]);
    if (n->n_hidden > 0 && _mm_cvtsd_f64(h[0]) < 0) { /* the reference's integer layer: truncated */
        int big = 0;
        for (int j = 0; j < pairs; j++) {
            r[j] = _mm_and_pd(h[j], _mm_cmpgt_pd(h[j], _mm_setzero_pd())); /* h > 0 ? h : +0 */
            big |= _mm_movemask_pd(_mm_cmpnlt_pd(r[j], _mm_set1_pd(0x1p31)));
        }
        if (__builtin_expect(!big, 1))
            for (int j = 0; j < pairs; j++) r[j] = _mm_cvtepi32_pd(_mm_cvttpd_epi32(r[j]));
        else
            for (int j = 0; j < pairs; j++) {
                _Alignas(16) double v[2];
                _mm_store_pd(v, r[j]);
                for (int i = 0; i < 2; i++) v[i] = v[i] < 0x1p52 ? (double)(int64_t)v[i] : v[i];
                r[j] = _mm_load_pd(v);
            }
    } else
        for (int j = 0; j < pairs; j++) r[j] = _mm_andnot_pd(_mm_cmplt_pd(h[j], _mm_setzero_pd()), h[j]); /* h < 0 ? 0 : h */
    double y = 0;
    for (int j = 0; j < pairs; j++) {
        int two = 2 * j + 1 < n->n_hidden;
        __m128d p = _mm_mul_pd(r[j], two ? _mm_loadu_pd(out + 2 * j) : _mm_load_sd(out + 2 * j));
        if (2 * j < n->n_hidden) y += _mm_cvtsd_f64(p);
        if (two) y += _mm_cvtsd_f64(_mm_unpackhi_pd(p, p));
    }
    return y;
}
#define ANN_OUTPUT ann_output_sse2
#else
#define ANN_OUTPUT ann_output
#endif

#if ANN_AVX
/* ann_output_sse2 four units at a time: the same operations on each unit in the same order (AVX's
 * additions and multiplications are SSE2's, rounded alike, and no fused multiply-add is made without
 * FMA), the same clip and truncation, the output summed unit by unit in order.  The units past
 * n_hidden (to a multiple of four) are 0 and are not added.  Issue 17's field evaluates Evolved ANN
 * (10 units: three quads for five pairs) and Evolved ANN 5 (5: two for three) 342,400 times. */
static inline __attribute__((always_inline, target("avx"))) double ann_output_avx(const ann_net *a, const double *head,
                                                                                 const double *x, int units)
{
    const pl_ann *n = a->n;
    int quads = units / 4;
    __m256d h[PL_ANN_MAX_HIDDEN / 4], r[PL_ANN_MAX_HIDDEN / 4];
    const __m256d zero = _mm256_setzero_pd();
    for (int j = 0; j < quads; j++) h[j] = _mm256_load_pd(head + 4 * j);
    for (int k = 0; k < PL_ANN_FEATURES - ANN_HEAD; k++) {
        __m256d xk = _mm256_set1_pd(x[k]);
        for (int j = 0; j < quads; j++) h[j] = _mm256_add_pd(h[j], _mm256_mul_pd(_mm256_load_pd(a->count_w[k] + 4 * j), xk));
    }
    for (int j = 0; j < quads; j++) h[j] = _mm256_add_pd(_mm256_load_pd(a->bias + 4 * j), h[j]);
    if (n->n_hidden > 0 && _mm_cvtsd_f64(_mm256_castpd256_pd128(h[0])) < 0) { /* the integer layer: truncated */
        int big = 0;
        for (int j = 0; j < quads; j++) {
            r[j] = _mm256_and_pd(h[j], _mm256_cmp_pd(h[j], zero, _CMP_GT_OS)); /* h > 0 ? h : +0 */
            big |= _mm256_movemask_pd(_mm256_cmp_pd(r[j], _mm256_set1_pd(0x1p31), _CMP_NLT_US));
        }
        if (__builtin_expect(!big, 1))
            for (int j = 0; j < quads; j++) r[j] = _mm256_cvtepi32_pd(_mm256_cvttpd_epi32(r[j]));
        else
            for (int j = 0; j < quads; j++) {
                _Alignas(32) double v[4];
                _mm256_store_pd(v, r[j]);
                for (int i = 0; i < 4; i++) v[i] = v[i] < 0x1p52 ? (double)(int64_t)v[i] : v[i];
                r[j] = _mm256_load_pd(v);
            }
    } else
        for (int j = 0; j < quads; j++) r[j] = _mm256_andnot_pd(_mm256_cmp_pd(h[j], zero, _CMP_LT_OS), h[j]);
    double y = 0;
    for (int j = 0; j < quads; j++) {
        __m256d p = _mm256_mul_pd(r[j], _mm256_load_pd(a->out + 4 * j));
        __m128d lo = _mm256_castpd256_pd128(p), hi = _mm256_extractf128_pd(p, 1);
        if (4 * j < n->n_hidden) y += _mm_cvtsd_f64(lo);
        if (4 * j + 1 < n->n_hidden) y += _mm_cvtsd_f64(_mm_unpackhi_pd(lo, lo));
        if (4 * j + 2 < n->n_hidden) y += _mm_cvtsd_f64(hi);
        if (4 * j + 3 < n->n_hidden) y += _mm_cvtsd_f64(_mm_unpackhi_pd(hi, hi));
    }
    return y;
}

/* The network's output at v evaluated with AVX: the shipped sizes as constants, as in ann_move. */
static __attribute__((noinline, target("avx"))) double ann_value_avx(const ann_net *a, const pl_view *v)
{
    double x[PL_ANN_FEATURES - ANN_HEAD];
    int c = ann_features(v, x);
    return a->n->n_hidden == 10  ? ann_output_avx(a, a->head[c], x, 12)
           : a->n->n_hidden == 5 ? ann_output_avx(a, a->head[c], x, 8)
                                 : ann_output_avx(a, a->head[c], x, (a->n->n_hidden + 3) & ~3);
}
#endif

/* The network's output at v evaluated by pairs (SSE2) or the portable loop. */
static double ann_value(const ann_net *a, const pl_view *v)
{
    double x[PL_ANN_FEATURES - ANN_HEAD];
    int c = ann_features(v, x);
    /* the shipped networks' sizes as constants (unrolled loops), any other through the general one */
    return a->n->n_hidden == 10  ? ANN_OUTPUT(a, a->head[c], x, 10)
           : a->n->n_hidden == 5 ? ANN_OUTPUT(a, a->head[c], x, 6)
                                 : ANN_OUTPUT(a, a->head[c], x, (a->n->n_hidden + 1) & ~1);
}

/* A neural-network player: cooperates when the network's output is positive. */
static int ann_move(const ann_net *a, const pl_view *v)
{
#if ANN_AVX
    if (a->avx) return ann_value_avx(a, v) > 0 ? PL_C : PL_D;
#endif
    return ann_value(a, v) > 0 ? PL_C : PL_D;
}

#define ANN_PLAYER(ID)                                                        \
    static ann_net net_##ID = {.n = &ann_##ID, .once = PTHREAD_ONCE_INIT};   \
    static void ID##_build(void) { ann_head_build(&net_##ID); }              \
    static void ID##_init(void *s, const pl_params *p)                        \
    {                                                                         \
        (void)s, (void)p;                                                     \
        pthread_once(&net_##ID.once, ID##_build);                            \
    }                                                                         \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)s, (void)p;                                                     \
        return ann_move(&net_##ID, v);                                        \
    }

/* Evolved ANN: network by Martin Jones, retrained in Axelrod-Python (Harper et al. 2017, PLOS ONE). */
ANN_PLAYER(evolved_ann)
/* Evolved ANN 5: Harper et al. (2017), PLOS ONE (network trained by evolution). */
ANN_PLAYER(evolved_ann_5)
/* Evolved ANN 5 Noise 05: the same shape, trained under 5 % noise (Harper et al. 2017). */
ANN_PLAYER(evolved_ann_5_noise_05)

/* For the tests (neural_network.h): the three networks' outputs by each evaluation this machine has. */
void pl_ann_outputs(int which, const pl_view *v, double out[3])
{
    static void (*const inits[3])(void *, const pl_params *) = {evolved_ann_init, evolved_ann_5_init,
                                                                 evolved_ann_5_noise_05_init};
    ann_net *const nets[3] = {&net_evolved_ann, &net_evolved_ann_5, &net_evolved_ann_5_noise_05};
    inits[which](NULL, NULL);
    const ann_net *a = nets[which];
    double x[PL_ANN_FEATURES - ANN_HEAD];
    int c = ann_features(v, x), u = (a->n->n_hidden + 1) & ~1;
    out[0] = ann_output(a, a->head[c], x, u);
    out[1] = ann_value(a, v);
    out[2] = out[1];
#if ANN_AVX
    if (a->avx) out[2] = ann_value_avx(a, v);
#endif
}

#define HARPER17 "Harper et al. (2017), Reinforcement learning produces dominant strategies for the IPD, PLOS ONE"

const pl_strategy_def pl_family_neural[] = {
    {.id = "evolved_ann", .name = "Evolved ANN", .axelrod_name = "Evolved ANN",
     .reference = "M. Jones's evolved neural network, retrained in Axelrod-Python (pull request #1182, 2018); " HARPER17,
     .memory_depth = -1, .init = evolved_ann_init, .move = evolved_ann_move},
    {.id = "evolved_ann_5", .name = "Evolved ANN 5", .axelrod_name = "Evolved ANN 5", .reference = HARPER17,
     .memory_depth = -1, .init = evolved_ann_5_init, .move = evolved_ann_5_move},
    {.id = "evolved_ann_5_noise_05", .name = "Evolved ANN 5 Noise 05", .axelrod_name = "Evolved ANN 5 Noise 05",
     .reference = HARPER17, .memory_depth = -1, .init = evolved_ann_5_noise_05_init, .move = evolved_ann_5_noise_05_move},
    {0}
};
