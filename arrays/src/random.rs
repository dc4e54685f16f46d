//! numpy's legacy random stream: the global `RandomState` behind
//! `np.random.seed`, `np.random.random`, `np.random.randn`, ... — an
//! MT19937 generator plus numpy's legacy Gaussian cache — reproduced bit for
//! bit (checked against numpy 2.4).
//!
//! What numpy does, and so what this does:
//!
//! * `seed(s)` for a Python int `s` in `0..2**32` is MT19937's
//!   `init_genrand(s)`; numpy raises `ValueError` for any int outside that
//!   range (2**32 and -1 included — it does *not* reduce modulo 2**32), so
//!   the caller checks and hands over a `u32` ([`RandomState::from_seed`]).
//!   `seed([k0, k1, ...])` (a 1-d sequence of ints in `0..2**32`) is
//!   `init_by_array(key)` ([`RandomState::from_key`]); note `seed(1)` and
//!   `seed([1])` give different streams.  Seeding clears the Gaussian cache.
//! * `random_sample` (`random`, `rand`, `random_sample`, `sample`,
//!   `ranf`) takes two 32-bit words `a`, `b` and returns
//!   `((a >> 5) * 2**26 + (b >> 6)) / 2**53`.
//! * `standard_normal` / `randn` is the Marsaglia polar method on two
//!   `random_sample` draws; it returns `f * x2` and caches `f * x1` for the
//!   next call.  The cache is shared with `normal` and survives across array
//!   and scalar calls.
//! * `normal(loc, scale)` is `loc + scale * gauss`; `uniform(low, high)` is
//!   `low + (high - low) * random_sample`.
//! * `randint(low, high)` (int64 default dtype) is masked rejection sampling
//!   on `rng = high - low - 1`: no draw at all when `rng == 0`; one raw 32-bit
//!   word when `rng == 2**32 - 1`; 32-bit words masked to the smallest
//!   all-ones mask `>= rng` when `rng < 2**32`; otherwise 64-bit words (the
//!   first 32-bit word is the high half) masked likewise, or a raw 64-bit
//!   word when `rng == 2**64 - 1`.
//! * `shuffle` / `permutation` are Fisher–Yates from the end: for `i` from
//!   `n - 1` down to 1, swap `i` with `j = random_interval(i)` (masked
//!   rejection, 32-bit words while `i < 2**32`).
//!
//! Arrays versus scalars: `random(n)`, `rand(n)`, `randn(n)`,
//! `standard_normal(n)`, `normal(loc, scale, size=n)`,
//! `uniform(low, high, size=n)` and `randint(low, high, size=n)` (default
//! int64 dtype) all produce exactly the values of `n` scalar calls in order —
//! numpy's int64/uint32-range bounded fill does not buffer 32-bit words
//! (only the 8- and 16-bit dtypes buffer, which this module does not offer).
//! So [`RandomState::randint_fill`] is `randint` repeated.

/// MT19937 state size in 32-bit words.
const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// numpy's legacy `RandomState`: MT19937 words, the read position, and the
/// cached second Gaussian of the polar method.
#[derive(Clone)]
pub struct RandomState {
    mt: [u32; N],
    pos: usize,
    has_gauss: bool,
    gauss: f64,
}

impl std::fmt::Debug for RandomState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RandomState")
            .field("pos", &self.pos)
            .field("has_gauss", &self.has_gauss)
            .field("gauss", &self.gauss)
            .finish_non_exhaustive()
    }
}

/// Smallest `2**k - 1` that is `>= max`.
fn gen_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

impl RandomState {
    fn blank() -> RandomState {
        RandomState {
            mt: [0; N],
            pos: N,
            has_gauss: false,
            gauss: 0.0,
        }
    }

    /// MT19937 `init_genrand`.
    fn init_genrand(&mut self, seed: u32) {
        let mut s = seed;
        for i in 0..N {
            self.mt[i] = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(i as u32 + 1);
        }
        self.pos = N;
    }

    /// MT19937 `init_by_array`.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let len = key.len();
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(len);
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(if len == 0 { 0 } else { key[j] })
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        self.pos = N;
    }

    /// Seeded as `np.random.seed(seed)` seeds it for a Python int seed in
    /// `0..2**32` (numpy raises `ValueError` outside that range; the caller
    /// checks).
    pub fn from_seed(seed: u32) -> RandomState {
        let mut rs = RandomState::blank();
        rs.seed(seed);
        rs
    }

    /// As `np.random.seed(array_of_u32)`: MT19937 `init_by_array`. numpy
    /// rejects an empty key with `ValueError` (the caller checks); an empty
    /// key here seeds as `init_by_array` with a zero key word.
    pub fn from_key(key: &[u32]) -> RandomState {
        let mut rs = RandomState::blank();
        rs.seed_key(key);
        rs
    }

    /// Unseeded start (numpy draws its seed from OS entropy): the std
    /// library's per-process random SipHash keys, the clock, the pid and an
    /// address, mixed into an `init_by_array` key.
    pub fn from_entropy() -> RandomState {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        h.write_u32(std::process::id());
        let local = 0u8;
        h.write_usize(&local as *const u8 as usize);
        let a = h.finish();
        h.write_u64(0x9e37_79b9_7f4a_7c15);
        let b = h.finish();
        let key = [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32];
        RandomState::from_key(&key)
    }

    /// Re-seeds in place as `np.random.seed(seed)` does (clears the Gaussian
    /// cache).
    pub fn seed(&mut self, seed: u32) {
        self.init_genrand(seed);
        self.has_gauss = false;
        self.gauss = 0.0;
    }

    /// Re-seeds in place as `np.random.seed(key_array)` does (clears the
    /// Gaussian cache).
    pub fn seed_key(&mut self, key: &[u32]) {
        self.init_by_array(key);
        self.has_gauss = false;
        self.gauss = 0.0;
    }

    /// Regenerates all 624 words (MT19937 `genrand` refill).
    fn generate(&mut self) {
        let mt = &mut self.mt;
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ (if y & 1 != 0 { MATRIX_A } else { 0 });
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ (if y & 1 != 0 { MATRIX_A } else { 0 });
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ (if y & 1 != 0 { MATRIX_A } else { 0 });
        self.pos = 0;
    }

    /// The next raw tempered 32-bit MT19937 word.
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let mut y = self.mt[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// Two 32-bit words, the first one the high half (numpy's
    /// `mt19937_next64`).
    pub fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        let lo = self.next_u32() as u64;
        (hi << 32) | lo
    }

    /// `np.random.random()`, `rand()`, `random_sample()`: a 53-bit double in
    /// `[0, 1)` from two words.
    pub fn random_sample(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// Legacy gauss (`randn()`, `standard_normal()`): Marsaglia's polar
    /// method, the second value cached for the next call.
    pub fn standard_normal(&mut self) -> f64 {
        if self.has_gauss {
            let t = self.gauss;
            self.has_gauss = false;
            self.gauss = 0.0;
            return t;
        }
        loop {
            let x1 = 2.0 * self.random_sample() - 1.0;
            let x2 = 2.0 * self.random_sample() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 >= 1.0 || r2 == 0.0 {
                continue;
            }
            let f = (-2.0 * r2.ln() / r2).sqrt();
            self.gauss = f * x1;
            self.has_gauss = true;
            return f * x2;
        }
    }

    /// `np.random.normal(loc, scale)`: `loc + scale * gauss` (one Gaussian
    /// consumed even when `scale == 0`).
    pub fn normal(&mut self, loc: f64, scale: f64) -> f64 {
        loc + scale * self.standard_normal()
    }

    /// `np.random.uniform(low, high)`: `low + (high - low) * random_sample`.
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        let range = high - low;
        low + range * self.random_sample()
    }

    /// One bounded draw in `[off, off + rng]` as numpy's
    /// `random_bounded_uint64_fill` with `use_masked` makes it.
    fn bounded_u64(&mut self, off: u64, rng: u64) -> u64 {
        if rng == 0 {
            off
        } else if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                off.wrapping_add(self.next_u32() as u64)
            } else {
                let mask = gen_mask(rng) as u32;
                let rng = rng as u32;
                loop {
                    let v = self.next_u32() & mask;
                    if v <= rng {
                        return off.wrapping_add(v as u64);
                    }
                }
            }
        } else if rng == u64::MAX {
            off.wrapping_add(self.next_u64())
        } else {
            let mask = gen_mask(rng);
            loop {
                let v = self.next_u64() & mask;
                if v <= rng {
                    return off.wrapping_add(v);
                }
            }
        }
    }

    /// `randint(low, high)` for the default int64 dtype: one draw in
    /// `[low, high)`; the caller ensures `low < high`.
    pub fn randint(&mut self, low: i64, high: i64) -> i64 {
        debug_assert!(low < high);
        let rng = (high as u64).wrapping_sub(1).wrapping_sub(low as u64);
        self.bounded_u64(low as u64, rng) as i64
    }

    /// Fills `out` as `np.random.randint(low, high, size=out.len())` does.
    /// For the int64 dtype numpy's array fill draws exactly as repeated
    /// scalar calls (no buffering of 32-bit words), so this is `randint`
    /// repeated; no words are drawn when `high - low == 1`.
    pub fn randint_fill(&mut self, low: i64, high: i64, out: &mut [i64]) {
        debug_assert!(low < high);
        let rng = (high as u64).wrapping_sub(1).wrapping_sub(low as u64);
        for o in out.iter_mut() {
            *o = self.bounded_u64(low as u64, rng) as i64;
        }
    }

    /// numpy's `random_interval(max)`: uniform in `[0, max]` by masked
    /// rejection, 32-bit words while `max < 2**32`.
    pub fn random_interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = gen_mask(max);
        if max <= 0xffff_ffff {
            loop {
                let v = (self.next_u32() as u64) & mask;
                if v <= max {
                    return v;
                }
            }
        } else {
            loop {
                let v = self.next_u64() & mask;
                if v <= max {
                    return v;
                }
            }
        }
    }

    /// Shuffles in place as `np.random.shuffle` does on a 1-d array (or a
    /// list) of length `n`: for `i` from `n - 1` down to 1, swap `v[i]` with
    /// `v[random_interval(i)]`.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        let n = v.len();
        for i in (1..n).rev() {
            let j = self.random_interval(i as u64) as usize;
            v.swap(i, j);
        }
    }

    /// `np.random.permutation(n)`: `arange(n)` shuffled.
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        let mut v: Vec<i64> = (0..n as i64).collect();
        self.shuffle(&mut v);
        v
    }

    /// `np.random.choice(n, size, replace)` with no `p`: with replacement
    /// it is `randint(0, n, size)`; without, the first `size` entries of
    /// `permutation(n)`. The caller checks `n > 0` (and `size <= n` when not
    /// replacing), as numpy raises `ValueError` otherwise.
    pub fn choice(&mut self, n: usize, size: usize, replace: bool) -> Vec<i64> {
        if replace {
            let mut out = vec![0i64; size];
            self.randint_fill(0, n as i64, &mut out);
            out
        } else {
            let mut p = self.permutation(n);
            p.truncate(size);
            p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_u32_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let got: Vec<u32> = (0..6).map(|_| rs.next_u32()).collect();
        assert_eq!(
            got,
            vec![
                2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379
            ]
        );
    }

    #[test]
    fn next_u32_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let got: Vec<u32> = (0..6).map(|_| rs.next_u32()).collect();
        assert_eq!(
            got,
            vec![
                1791095845, 4282876139, 3093770124, 4005303368, 491263, 550290313
            ]
        );
    }

    #[test]
    fn next_u32_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let got: Vec<u32> = (0..6).map(|_| rs.next_u32()).collect();
        assert_eq!(
            got,
            vec![
                1608637542, 3421126067, 4083286876, 787846414, 3143890026, 3348747335
            ]
        );
    }

    #[test]
    fn next_u32_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        let got: Vec<u32> = (0..6).map(|_| rs.next_u32()).collect();
        assert_eq!(
            got,
            vec![
                3992670690, 3823185381, 1358822685, 561383553, 789925284, 170765737
            ]
        );
    }

    #[test]
    fn next_u32_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        let got: Vec<u32> = (0..6).map(|_| rs.next_u32()).collect();
        assert_eq!(
            got,
            vec![
                419326371, 479346978, 3918654476, 2416749639, 3388880820, 2260532800
            ]
        );
    }

    #[test]
    fn random_sample_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want = [
            0.5488135039273248,
            0.7151893663724195,
            0.6027633760716439,
            0.5448831829968969,
            0.4236547993389047,
            0.6458941130666561,
            0.4375872112626925,
            0.8917730007820798,
            0.9636627605010293,
            0.3834415188257777,
        ];
        for w in want {
            assert_eq!(rs.random_sample().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn random_sample_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let want = [
            0.417022004702574,
            0.7203244934421581,
            0.00011437481734488664,
            0.30233257263183977,
            0.14675589081711304,
            0.0923385947687978,
            0.1862602113776709,
            0.34556072704304774,
            0.39676747423066994,
            0.538816734003357,
        ];
        for w in want {
            assert_eq!(rs.random_sample().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn random_sample_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want = [
            0.3745401188473625,
            0.9507143064099162,
            0.7319939418114051,
            0.5986584841970366,
            0.15601864044243652,
            0.15599452033620265,
            0.05808361216819946,
            0.8661761457749352,
            0.6011150117432088,
            0.7080725777960455,
        ];
        for w in want {
            assert_eq!(rs.random_sample().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn random_sample_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        let want = [
            0.9296160928171479,
            0.3163755545817859,
            0.18391881167709445,
            0.2045602785530397,
            0.5677250290816866,
            0.5955447029792516,
            0.9645145197356216,
            0.6531770968715709,
            0.7489066375339118,
            0.6535698708517353,
        ];
        for w in want {
            assert_eq!(rs.random_sample().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn random_sample_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        let want = [
            0.0976320289940138,
            0.9123828453026218,
            0.78903530185164,
            0.7800035981134678,
            0.01793967398674523,
            0.9695059322147525,
            0.5931753493510109,
            0.14611715599393837,
            0.9093750727977705,
            0.5537363115925001,
        ];
        for w in want {
            assert_eq!(rs.random_sample().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn standard_normal_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want = [
            1.764052345967664,
            0.4001572083672233,
            0.9787379841057392,
            2.240893199201458,
            1.8675579901499675,
            -0.977277879876411,
            0.9500884175255894,
            -0.1513572082976979,
            -0.10321885179355784,
            0.41059850193837233,
        ];
        for w in want {
            assert_eq!(rs.standard_normal().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn standard_normal_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let want = [
            1.6243453636632417,
            -0.6117564136500754,
            -0.5281717522634557,
            -1.0729686221561705,
            0.8654076293246785,
            -2.3015386968802827,
            1.74481176421648,
            -0.7612069008951028,
            0.31903909605709857,
            -0.2493703754774101,
        ];
        for w in want {
            assert_eq!(rs.standard_normal().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn standard_normal_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want = [
            0.4967141530112327,
            -0.13826430117118466,
            0.6476885381006925,
            1.5230298564080254,
            -0.23415337472333597,
            -0.23413695694918055,
            1.5792128155073915,
            0.7674347291529088,
            -0.4694743859349521,
            0.5425600435859647,
        ];
        for w in want {
            assert_eq!(rs.standard_normal().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn standard_normal_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        let want = [
            -0.20470765948471295,
            0.47894333805754824,
            -0.5194387150567381,
            -0.55573030434749,
            1.9657805725027142,
            1.3934058329729904,
            0.09290787674371767,
            0.2817461528302025,
            0.7690225676118387,
            1.2464347363862822,
        ];
        for w in want {
            assert_eq!(rs.standard_normal().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn standard_normal_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        let want = [
            0.6484086742306527,
            0.6693235306338161,
            -1.0805437227474493,
            0.2845010447986309,
            0.11388773652167104,
            0.8676218937929382,
            -0.044026015448043285,
            0.24877161740907913,
            -0.9882301508639844,
            -0.5459227140515623,
        ];
        for w in want {
            assert_eq!(rs.standard_normal().to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn gauss_cache_reset_by_seed() {
        let mut rs = RandomState::from_seed(0);
        assert_eq!(rs.standard_normal(), 1.764052345967664);
        assert!(rs.has_gauss);
        rs.seed(0);
        assert!(!rs.has_gauss);
        assert_eq!(rs.standard_normal(), 1.764052345967664);
        assert_eq!(rs.standard_normal(), 0.4001572083672233);
        rs.seed_key(&[0]);
        assert!(!rs.has_gauss);
    }

    #[test]
    fn gauss_cache_survives_uniform_draws() {
        let mut rs = RandomState::from_seed(42);
        assert_eq!(rs.standard_normal(), 0.4967141530112327);
        assert_eq!(rs.random_sample(), 0.7319939418114051);
        assert_eq!(rs.standard_normal(), -0.13826430117118466);
        assert_eq!(rs.standard_normal(), -1.1118801180469204);
    }

    #[test]
    fn normal_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want = [
            1.764052345967664,
            0.4001572083672233,
            0.9787379841057392,
            2.240893199201458,
            1.8675579901499675,
            -0.977277879876411,
        ];
        for w in want {
            assert_eq!(rs.normal(0.0, 1.0).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn normal_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let want = [
            7.373036090989725,
            0.6647307590497737,
            0.9154847432096329,
            -0.7189058664685115,
            5.096222887974036,
            -4.4046160906408485,
        ];
        for w in want {
            assert_eq!(rs.normal(2.5, 3.0).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn normal_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want = [
            -0.7516429234943837,
            -1.0691321505855924,
            -0.6761557309496538,
            -0.23848507179598732,
            -1.117076687361668,
            -1.1170684784745903,
        ];
        for w in want {
            assert_eq!(rs.normal(-1.0, 0.5).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn normal_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        let want = [10.0, 10.0, 10.0, 10.0, 10.0, 10.0];
        for w in want {
            assert_eq!(rs.normal(10.0, 0.0).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn normal_scale_zero_consumes() {
        let mut rs = RandomState::from_seed(7);
        assert_eq!(rs.normal(1.0, 0.0), 1.0);
        assert_eq!(rs.normal(0.0, 1.0), -0.4659373705408328);
    }

    #[test]
    fn uniform_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want = [
            0.5488135039273248,
            0.7151893663724195,
            0.6027633760716439,
            0.5448831829968969,
            0.4236547993389047,
            0.6458941130666561,
        ];
        for w in want {
            assert_eq!(rs.uniform(0.0, 1.0).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn uniform_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let want = [
            1.378731049377027,
            4.56340718114266,
            -2.9987990644178786,
            0.17449201263431746,
            -1.459063146420313,
            -2.030444754927623,
        ];
        for w in want {
            assert_eq!(rs.uniform(-3.0, 7.5).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn uniform_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want = [
            25.091976230527507,
            -90.14286128198324,
            -46.39878836228101,
            -19.73169683940732,
            68.79627191151269,
            68.80109593275947,
        ];
        for w in want {
            assert_eq!(rs.uniform(100.0, -100.0).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn uniform_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        let want = [
            0.0010976320289940139,
            0.001912382845302622,
            0.00178903530185164,
            0.0017800035981134677,
            0.0010179396739867451,
            0.0019695059322147523,
        ];
        for w in want {
            assert_eq!(rs.uniform(0.001, 0.002).to_bits(), f64::to_bits(w));
        }
    }

    #[test]
    fn randint_small_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [5, 0, 3, 3, 7, 9, 3, 5, 2, 4];
        for w in want {
            assert_eq!(rs.randint(0i64, 10i64), w);
        }
        assert_eq!(rs.random_sample(), 0.2975346065444723);
    }

    #[test]
    fn randint_neg_low_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [0, -5, -2, -2, 2, 4, -2, 0, -3, -1];
        for w in want {
            assert_eq!(rs.randint(-5i64, 5i64), w);
        }
        assert_eq!(rs.random_sample(), 0.2975346065444723);
    }

    #[test]
    fn randint_two_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [0, 1, 1, 0, 1, 1, 1, 1, 1, 1];
        for w in want {
            assert_eq!(rs.randint(0i64, 2i64), w);
        }
        assert_eq!(rs.random_sample(), 0.6458941130666561);
    }

    #[test]
    fn randint_one_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
        for w in want {
            assert_eq!(rs.randint(3i64, 4i64), w);
        }
        assert_eq!(rs.random_sample(), 0.5488135039273248);
    }

    #[test]
    fn randint_p2_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [12, 15, 5, 0, 3, 11, 3, 7, 9, 3];
        for w in want {
            assert_eq!(rs.randint(0i64, 16i64), w);
        }
        assert_eq!(rs.random_sample(), 0.6458941130666561);
    }

    #[test]
    fn randint_p2_plus1_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [12, 15, 0, 3, 3, 7, 9, 4, 6, 12];
        for w in want {
            assert_eq!(rs.randint(0i64, 17i64), w);
        }
        assert_eq!(rs.random_sample(), 0.3834415188257777);
    }

    #[test]
    fn randint_big31_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            1819583497, 1650906866, 1879422756, 1277901399, 243580376, 1171049868, 1646868794,
            2051556033, 2061486254, 1686997841,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 2147483653i64), w);
        }
        assert_eq!(rs.random_sample(), 0.925596638292661);
    }

    #[test]
    fn randint_u32_full_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379, 2340255427,
            3638918503, 1819583497, 2678185683,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 4294967296i64), w);
        }
        assert_eq!(rs.random_sample(), 0.6458941130666561);
    }

    #[test]
    fn randint_u32_plus1_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            2546248239, 1277901399, 243580376, 1171049868, 2051556033, 3488238119, 1686997841,
            602801999, 2034131043, 3439885489,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 4294967297i64), w);
        }
        assert_eq!(rs.random_sample(), 0.46147936225293185);
    }

    #[test]
    fn randint_b40_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            741280623151,
            506137267392,
            291447657211,
            841157541223,
            41332891347,
            91845220082,
            155896724055,
            300891291096,
            379128171916,
            251159659201,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 1099511627776i64), w);
        }
        assert_eq!(rs.random_sample(), 0.7917250380826646);
    }

    #[test]
    fn randint_neg40_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            -358231004625,
            -593374360384,
            291447657211,
            -258354086553,
            -1058178736429,
            91845220082,
            155896724055,
            -798620336680,
            -720383455860,
            251159659201,
        ];
        for w in want {
            assert_eq!(rs.randint(-1099511627776i64, 1099511627776i64), w);
        }
        assert_eq!(rs.random_sample(), 0.7917250380826646);
    }

    #[test]
    fn randint_near63_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            900450186894289455,
            3969543146641149120,
            1895649597198586619,
            827948490035658087,
            7815051614634499795,
            2691271404617651954,
            8072059273656089175,
            7226936298635050456,
            8553068346248842636,
            7073247613084517057,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 9223372036854775807i64), w);
        }
        assert_eq!(rs.random_sample(), 0.7917250380826646);
    }

    #[test]
    fn randint_full_i64_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            900450186894289455,
            3969543146641149120,
            1895649597198586619,
            827948490035658087,
            -1408320422220276013,
            2691271404617651954,
            -1151312763198686633,
            7226936298635050456,
            8553068346248842636,
            -2150124423770258751,
        ];
        for w in want {
            assert_eq!(
                rs.randint(-9223372036854775808i64, 9223372036854775807i64),
                w
            );
        }
        assert_eq!(rs.random_sample(), 0.7917250380826646);
    }

    #[test]
    fn randint_neg_half_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            -8322921849960486353,
            -5253828890213626688,
            -7327722439656189189,
            -8395423546819117721,
            -1408320422220276013,
            -6532100632237123854,
            -1151312763198686633,
            -1996435738219725352,
            -670303690605933172,
            -2150124423770258751,
        ];
        for w in want {
            assert_eq!(rs.randint(-9223372036854775808i64, 0i64), w);
        }
        assert_eq!(rs.random_sample(), 0.7917250380826646);
    }

    #[test]
    fn randint_top_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let want: [i64; 10] = [
            9223372036854775492,
            9223372036854775367,
            9223372036854775437,
            9223372036854775000,
            9223372036854775643,
            9223372036854775571,
            9223372036854775515,
            9223372036854775167,
            9223372036854774817,
            9223372036854775531,
        ];
        for w in want {
            assert_eq!(
                rs.randint(9223372036854774808i64, 9223372036854775807i64),
                w
            );
        }
        assert_eq!(rs.random_sample(), 0.6458941130666561);
    }

    #[test]
    fn randint_small_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [6, 3, 7, 4, 6, 9, 2, 6, 7, 4];
        for w in want {
            assert_eq!(rs.randint(0i64, 10i64), w);
        }
        assert_eq!(rs.random_sample(), 0.6011150117432088);
    }

    #[test]
    fn randint_neg_low_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [1, -2, 2, -1, 1, 4, -3, 1, 2, -1];
        for w in want {
            assert_eq!(rs.randint(-5i64, 5i64), w);
        }
        assert_eq!(rs.random_sample(), 0.6011150117432088);
    }

    #[test]
    fn randint_two_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        for w in want {
            assert_eq!(rs.randint(0i64, 2i64), w);
        }
        assert_eq!(rs.random_sample(), 0.15599452033620265);
    }

    #[test]
    fn randint_one_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
        for w in want {
            assert_eq!(rs.randint(3i64, 4i64), w);
        }
        assert_eq!(rs.random_sample(), 0.3745401188473625);
    }

    #[test]
    fn randint_p2_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [6, 3, 12, 14, 10, 7, 12, 4, 6, 9];
        for w in want {
            assert_eq!(rs.randint(0i64, 16i64), w);
        }
        assert_eq!(rs.random_sample(), 0.15599452033620265);
    }

    #[test]
    fn randint_p2_plus1_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [6, 14, 10, 7, 6, 10, 10, 3, 7, 2];
        for w in want {
            assert_eq!(rs.randint(0i64, 17i64), w);
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_big31_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            1608637542, 787846414, 670094950, 1914837113, 669991378, 429389014, 249467210,
            1972458954, 1433267572, 613608295,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 2147483653i64), w);
        }
        assert_eq!(rs.random_sample(), 0.7080725777960455);
    }

    #[test]
    fn randint_u32_full_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            1608637542, 3421126067, 4083286876, 787846414, 3143890026, 3348747335, 2571218620,
            2563451924, 670094950, 1914837113,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 4294967296i64), w);
        }
        assert_eq!(rs.random_sample(), 0.15599452033620265);
    }

    #[test]
    fn randint_u32_plus1_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            3421126067, 787846414, 3348747335, 2563451924, 1914837113, 429389014, 1972458954,
            2652062880, 2253890010, 1717389822,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 4294967297i64), w);
        }
        assert_eq!(rs.random_sample(), 0.13949386065204183);
    }

    #[test]
    fn randint_b40_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            441507790259,
            395924837646,
            458615280711,
            810017303572,
            440001501305,
            902372521174,
            319800038858,
            375095422324,
            425815370599,
            651335606402,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 1099511627776i64), w);
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_neg40_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            -658003837517,
            395924837646,
            -640896347065,
            -289494324204,
            -659510126471,
            902372521174,
            319800038858,
            -724416205452,
            -673696257177,
            -448176021374,
        ];
        for w in want {
            assert_eq!(rs.randint(-1099511627776i64, 1099511627776i64), w);
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_near63_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            6909045637428952499,
            8314211556539077902,
            4279532810384561223,
            1819927849474927636,
            2878035897379592313,
            2877591057541362902,
            1071453510346823114,
            6754757701360545140,
            1865242737500154727,
            3838261603483033730,
        ];
        for w in want {
            assert_eq!(rs.randint(0i64, 9223372036854775807i64), w);
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_full_i64_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            -2314326399425823309,
            8314211556539077902,
            4279532810384561223,
            1819927849474927636,
            -6345336139475183495,
            -6345780979313412906,
            -8151918526507952694,
            6754757701360545140,
            1865242737500154727,
            3838261603483033730,
        ];
        for w in want {
            assert_eq!(
                rs.randint(-9223372036854775808i64, 9223372036854775807i64),
                w
            );
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_neg_half_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            -2314326399425823309,
            -909160480315697906,
            -4943839226470214585,
            -7403444187379848172,
            -6345336139475183495,
            -6345780979313412906,
            -8151918526507952694,
            -2468614335494230668,
            -7358129299354621081,
            -5385110433371742078,
        ];
        for w in want {
            assert_eq!(rs.randint(-9223372036854775808i64, 0i64), w);
        }
        assert_eq!(rs.random_sample(), 0.020584494295802447);
    }

    #[test]
    fn randint_top_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let want: [i64; 10] = [
            9223372036854774910,
            9223372036854775243,
            9223372036854775668,
            9223372036854775078,
            9223372036854774914,
            9223372036854774879,
            9223372036854775508,
            9223372036854774828,
            9223372036854775422,
            9223372036854774929,
        ];
        for w in want {
            assert_eq!(
                rs.randint(9223372036854774808i64, 9223372036854775807i64),
                w
            );
        }
        assert_eq!(rs.random_sample(), 0.15599452033620265);
    }

    #[test]
    fn randint_fill_seed_1() {
        let mut rs = RandomState::from_seed(1);
        let mut out = [0i64; 12];
        rs.randint_fill(0i64, 10i64, &mut out);
        assert_eq!(out, [5, 8, 9, 5, 0, 0, 1, 7, 6, 9, 2, 4]);
        assert_eq!(rs.random_sample(), 0.4191945144032948);
    }

    #[test]
    fn randint_fill_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        let mut out = [0i64; 12];
        rs.randint_fill(-5i64, 5i64, &mut out);
        assert_eq!(out, [-3, 0, -4, -1, 4, 0, -3, -4, 1, -4, 4, 2]);
        assert_eq!(rs.random_sample(), 0.1549733560362071);
    }

    #[test]
    fn randint_fill_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        let mut out = [0i64; 12];
        rs.randint_fill(0i64, 1099511627776i64, &mut out);
        assert_eq!(
            out,
            [
                700559016226,
                53956357191,
                775354646080,
                922432766458,
                933225791264,
                547627168379,
                1042369230955,
                50248231114,
                116697488525,
                784488856663,
                239748944598,
                63468191141
            ]
        );
        assert_eq!(rs.random_sample(), 0.32420043998445336);
    }

    #[test]
    fn randint_fill_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let mut out = [0i64; 12];
        rs.randint_fill(-9223372036854775808i64, 9223372036854775807i64, &mut out);
        assert_eq!(
            out,
            [
                -2314326399425823309,
                8314211556539077902,
                4279532810384561223,
                1819927849474927636,
                -6345336139475183495,
                -6345780979313412906,
                -8151918526507952694,
                6754757701360545140,
                1865242737500154727,
                3838261603483033730,
                -8843655056009921228,
                8668306688712173911
            ]
        );
        assert_eq!(rs.random_sample(), 0.8324426408004217);
    }

    #[test]
    fn randint_fill_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let mut out = [0i64; 12];
        rs.randint_fill(7i64, 8i64, &mut out);
        assert_eq!(out, [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
        assert_eq!(rs.random_sample(), 0.5488135039273248);
    }

    #[test]
    fn permutation_seed_0() {
        let mut rs = RandomState::from_seed(0);
        assert_eq!(rs.permutation(10), vec![2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    }

    #[test]
    fn permutation_seed_1() {
        let mut rs = RandomState::from_seed(1);
        assert_eq!(rs.permutation(10), vec![2, 9, 6, 4, 0, 3, 1, 7, 8, 5]);
    }

    #[test]
    fn permutation_seed_42() {
        let mut rs = RandomState::from_seed(42);
        assert_eq!(rs.permutation(10), vec![8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
    }

    #[test]
    fn permutation_seed_12345() {
        let mut rs = RandomState::from_seed(12345);
        assert_eq!(rs.permutation(10), vec![0, 7, 3, 9, 6, 4, 1, 8, 5, 2]);
    }

    #[test]
    fn permutation_seed_4294967295() {
        let mut rs = RandomState::from_seed(4294967295);
        assert_eq!(rs.permutation(10), vec![6, 9, 5, 1, 8, 0, 7, 4, 2, 3]);
    }

    #[test]
    fn permutation_1000_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let p = rs.permutation(1000);
        assert_eq!(&p[..10], &[993, 859, 298, 553, 672, 971, 27, 231, 306, 706]);
        assert_eq!(&p[990..], &[723, 9, 359, 707, 763, 835, 192, 629, 559, 684]);
    }

    #[test]
    fn permutation_trivial() {
        let mut rs = RandomState::from_seed(3);
        assert!(rs.permutation(0).is_empty());
        assert_eq!(rs.permutation(1), vec![0]);
        assert_eq!(rs.random_sample(), 0.5507979025745755);
    }

    #[test]
    fn shuffle_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let mut v = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        rs.shuffle(&mut v);
        assert_eq!(v, ["c", "i", "e", "j", "b", "g", "h", "d", "a", "f"]);
    }

    #[test]
    fn shuffle_seed_42() {
        let mut rs = RandomState::from_seed(42);
        let mut v = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        rs.shuffle(&mut v);
        assert_eq!(v, ["i", "b", "f", "a", "h", "c", "j", "e", "d", "g"]);
    }

    #[test]
    fn shuffle_floats_seed_9() {
        let mut rs = RandomState::from_seed(9);
        let mut v: Vec<f64> = (0..10).map(|i| i as f64 * 1.5).collect();
        rs.shuffle(&mut v);
        assert_eq!(v, vec![12.0, 6.0, 10.5, 3.0, 1.5, 13.5, 4.5, 0.0, 9.0, 7.5]);
    }

    #[test]
    fn from_key_0() {
        let key: Vec<u32> = [0].to_vec();
        let mut rs = RandomState::from_key(&key);
        for w in [
            0.8444218515250481,
            0.7579544029403025,
            0.420571580830845,
            0.25891675029296335,
        ] {
            assert_eq!(rs.random_sample(), w);
        }
        assert_eq!(rs.standard_normal(), -2.5535272694015236);
        assert_eq!(rs.standard_normal(), 0.3028459185822786);
    }

    #[test]
    fn from_key_1() {
        let key: Vec<u32> = [1].to_vec();
        let mut rs = RandomState::from_key(&key);
        for w in [
            0.13436424411240122,
            0.8474337369372327,
            0.763774618976614,
            0.2550690257394217,
        ] {
            assert_eq!(rs.random_sample(), w);
        }
        assert_eq!(rs.standard_normal(), -3.013204030356897);
        assert_eq!(rs.standard_normal(), -0.27232832993329115);
    }

    #[test]
    fn from_key_1_2_3() {
        let key: Vec<u32> = [1, 2, 3].to_vec();
        let mut rs = RandomState::from_key(&key);
        for w in [
            0.6098612722867289,
            0.8866970434146851,
            0.47633673750662764,
            0.8976583215326422,
        ] {
            assert_eq!(rs.random_sample(), w);
        }
        assert_eq!(rs.standard_normal(), 0.5472155512682099);
        assert_eq!(rs.standard_normal(), 0.11512384687071087);
    }

    #[test]
    fn from_key_4294967295_0_12345() {
        let key: Vec<u32> = [4294967295, 0, 12345].to_vec();
        let mut rs = RandomState::from_key(&key);
        for w in [
            0.5222111461526461,
            0.5401072498386634,
            0.023274641135067164,
            0.7870284133575856,
        ] {
            assert_eq!(rs.random_sample(), w);
        }
        assert_eq!(rs.standard_normal(), -0.48849551733295926);
        assert_eq!(rs.standard_normal(), 3.0188785893729886);
    }

    #[test]
    fn from_key_long() {
        let key: Vec<u32> = (0..700).collect::<Vec<u32>>().to_vec();
        let mut rs = RandomState::from_key(&key);
        for w in [
            0.867898393018711,
            0.9148838731573538,
            0.42691324373540374,
            0.7719688154431992,
        ] {
            assert_eq!(rs.random_sample(), w);
        }
        assert_eq!(rs.standard_normal(), 0.2988687377931924);
        assert_eq!(rs.standard_normal(), 0.15539825214009262);
    }

    #[test]
    fn random_sample_past_refill_seed_0() {
        let mut rs = RandomState::from_seed(0);
        let v: Vec<f64> = (0..2000).map(|_| rs.random_sample()).collect();
        assert_eq!(v[311], 0.14694664540037505);
        assert_eq!(v[312], 0.07952208258675575);
        assert_eq!(v[1999], 0.5017731306999452);
    }

    #[test]
    fn choice_seed_5() {
        let mut rs = RandomState::from_seed(5);
        assert_eq!(rs.choice(10, 6, true), vec![3, 6, 6, 0, 9, 8]);
        assert_eq!(rs.choice(10, 3, false), vec![2, 1, 9]);
    }

    #[test]
    fn from_entropy_streams_differ_and_are_in_range() {
        let mut a = RandomState::from_entropy();
        let mut b = RandomState::from_entropy();
        let va: Vec<u32> = (0..4).map(|_| a.next_u32()).collect();
        let vb: Vec<u32> = (0..4).map(|_| b.next_u32()).collect();
        assert_ne!(va, vb);
        for _ in 0..100 {
            let x = a.random_sample();
            assert!((0.0..1.0).contains(&x));
            let k = a.randint(-3, 3);
            assert!((-3..3).contains(&k));
        }
    }

    #[test]
    fn int_seed_and_key_seed_differ() {
        let mut a = RandomState::from_seed(1);
        let mut b = RandomState::from_key(&[1]);
        assert_eq!(a.random_sample(), 0.417022004702574);
        assert_eq!(b.random_sample(), 0.13436424411240122);
    }

    #[test]
    fn next_u64_is_high_word_first() {
        let mut a = RandomState::from_seed(0);
        let mut b = RandomState::from_seed(0);
        let hi = b.next_u32() as u64;
        let lo = b.next_u32() as u64;
        assert_eq!(a.next_u64(), (hi << 32) | lo);
        assert_eq!(hi, 2357136044);
        assert_eq!(lo, 2546248239);
    }

    #[test]
    fn random_interval_bounds() {
        let mut rs = RandomState::from_seed(11);
        assert_eq!(rs.random_interval(0), 0);
        for max in [1u64, 2, 7, 8, 1000, 1 << 33, u64::MAX] {
            for _ in 0..50 {
                assert!(rs.random_interval(max) <= max);
            }
        }
    }
}
