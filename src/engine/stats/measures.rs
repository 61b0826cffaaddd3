//! The formulas, each once (the README writes them out, and the tests
//! check them against values worked out by hand).
//!
//! Collocation of a node (f_n occurrences, window W = left + right tokens)
//! with a collocate (corpus frequency f_c), seen O times in N tokens, with
//! R1 = f_n × W:
//!
//! ```text
//! E        = f_n × f_c × W / N
//! logDice  = 14 + log2(2·O / (f_n + f_c))
//! MI       = log2(O / E)
//! MI3      = log2(O³ / E)
//! t-score  = (O − E) / √O
//! G²       = 2 Σ O_ij ln(O_ij / E_ij) over O11 = O, O12 = R1 − O,
//!            O21 = f_c − O, O22 = N − R1 − f_c + O, E_ij from the margins,
//!            0·ln 0 = 0; negative when O < E
//! LogRatio = log2((O / R1) / ((f_c − O) / (N − R1))), 0.5 for a zero count
//! ```
//!
//! G² and Log Ratio are `None` when the table is not a contingency table (a
//! cell below zero: a collocate counted in the overlapping windows of
//! several nearby nodes more often than it occurs, or windows covering more
//! than the corpus), rather than a number that means nothing.

/// The scores of one collocate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Collocation {
    /// E, the expected co-occurrences.
    pub expected: f64,
    /// logDice.
    pub log_dice: f64,
    /// MI.
    pub mi: f64,
    /// MI3.
    pub mi3: f64,
    /// t-score.
    pub t_score: f64,
    /// G² (log-likelihood), signed.
    pub log_likelihood: Option<f64>,
    /// Log Ratio.
    pub log_ratio: Option<f64>,
}

/// The scores of `o` co-occurrences (see the module documentation).
pub fn collocation(o: u64, f_n: u64, f_c: u64, w: u64, n: u64) -> Collocation {
    let (of, fnf, fcf, wf, nf) = (o as f64, f_n as f64, f_c as f64, w as f64, n as f64);
    let expected = fnf * fcf * wf / nf;
    let r1 = f_n.saturating_mul(w);
    let cells = [
        o as i128,
        r1 as i128 - o as i128,
        f_c as i128 - o as i128,
        n as i128 - r1 as i128 - f_c as i128 + o as i128,
    ];
    let table = cells.iter().all(|&c| c >= 0).then(|| cells.map(|c| c as f64));
    Collocation {
        expected,
        log_dice: 14.0 + (2.0 * of / (fnf + fcf)).log2(),
        mi: (of / expected).log2(),
        mi3: (of.powi(3) / expected).log2(),
        t_score: (of - expected) / of.sqrt(),
        log_likelihood: table.map(|t| g2(t[0], t[1], t[2], t[3])),
        log_ratio: table.and_then(|t| {
            let (r1, rest) = (t[0] + t[1], t[2] + t[3]);
            (r1 > 0.0 && rest > 0.0).then(|| log_ratio(t[0], r1, t[2], rest))
        }),
    }
}

/// G² of the 2×2 table `o11 o12 / o21 o22`, negative when `o11` is below
/// its expected value (all cells non-negative, not all zero).
pub fn g2(o11: f64, o12: f64, o21: f64, o22: f64) -> f64 {
    let n = o11 + o12 + o21 + o22;
    if n <= 0.0 {
        return 0.0;
    }
    let (r1, r2) = (o11 + o12, o21 + o22);
    let (c1, c2) = (o11 + o21, o12 + o22);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let e11 = r1 * c1 / n;
    let sum = term(o11, e11) + term(o12, r1 * c2 / n) + term(o21, r2 * c1 / n) + term(o22, r2 * c2 / n);
    // Rounding can make a zero statistic a tiny negative number.
    let g = (2.0 * sum).max(0.0);
    if o11 < e11 {
        -g
    } else {
        g
    }
}

/// `log2((a / n1) / (b / n2))`, with 0.5 in place of a zero `a` or `b`.
pub fn log_ratio(a: f64, n1: f64, b: f64, n2: f64) -> f64 {
    let (a, b) = (if a == 0.0 { 0.5 } else { a }, if b == 0.0 { 0.5 } else { b });
    ((a / n1) / (b / n2)).log2()
}

/// The critical value of χ² with one degree of freedom at significance
/// `p` (the value exceeded with probability `p`): `z²` with `z` the normal
/// quantile at `p/2` (the lower tail, so that a tiny Bonferroni `p` loses
/// no precision to `1 − p/2`).
pub fn chi_square_critical(p: f64) -> f64 {
    let z = normal_quantile(p / 2.0);
    z * z
}

/// The quantile function of the standard normal distribution: Wichura's
/// algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate to
/// about 1e-16.
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || p.is_nan() {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

fn poly(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

// The coefficients as published (more digits than an f64 holds).
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    3.387_132_872_796_366_5,
    133.141_667_891_784_38,
    1_971.590_950_306_551_3,
    13_731.693_765_509_461,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 8] = [
    1.0,
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_597,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_545,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    1.423_437_110_749_683_5,
    4.630_337_846_156_546,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    7.745_450_142_783_414e-4,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_759,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_08,
    0.015_198_666_563_616_457,
    5.475_938_084_995_345e-4,
    1.050_750_071_644_416_9e-9,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_9,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_2e-7,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 8] = [
    1.0,
    0.599_832_206_555_888,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    7.868_691_311_456_133e-4,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_446e-7,
    2.044_263_103_389_939_7e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn chi_square_critical_values_from_published_tables() {
        // χ²(1) upper quantiles (NIST/SEMATECH e-Handbook, table 1.3.6.7.4,
        // and R's qchisq): 0.05 → 3.841459, 0.01 → 6.634897, 0.001 → 10.828.
        assert!(close(chi_square_critical(0.05), 3.841_458_820_694_124, 1e-14));
        assert!(close(chi_square_critical(0.01), 6.634_896_601_021_214, 1e-14));
        assert!(close(chi_square_critical(0.001), 10.827_566_170_662_733, 1e-13));
        // Tiny p (a Bonferroni threshold), against a bisection on
        // erfc(√(x/2)) = p computed apart (Python's math.erfc).
        assert!(close(chi_square_critical(1e-6), 23.928_126_976_934_823, 1e-12));
        assert!(close(chi_square_critical(5e-7), 25.263_820_725_908_19, 1e-12));
        assert!(close(normal_quantile(0.975), 1.959_963_984_540_054, 1e-15));
        assert!(close(normal_quantile(0.5), 0.0, 1e-15));
        assert!(normal_quantile(2.0).is_nan());
    }

    #[test]
    fn g2_by_hand() {
        // o = [[10, 20], [30, 940]], n = 1000: e11 = 30·40/1000 = 1.2,
        // e12 = 30·960/1000 = 28.8, e21 = 970·40/1000 = 38.8,
        // e22 = 970·960/1000 = 931.2.
        let want = 2.0
            * (10.0 * (10.0f64 / 1.2).ln()
                + 20.0 * (20.0f64 / 28.8).ln()
                + 30.0 * (30.0f64 / 38.8).ln()
                + 940.0 * (940.0f64 / 931.2).ln());
        assert!(close(g2(10.0, 20.0, 30.0, 940.0), want, 1e-12));
        // Below expectation: negative.
        assert!(g2(1.0, 29.0, 39.0, 931.0) < 0.0);
        // 0·ln 0 = 0.
        assert!(g2(0.0, 5.0, 5.0, 0.0).is_finite());
        assert_eq!(log_ratio(0.0, 100.0, 4.0, 100.0), (0.5f64 / 4.0).log2());
    }
}
