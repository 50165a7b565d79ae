//! Finding the bytes that matter to CSV (the delimiter, `"`, `\r`, `\n`) sixteen at a time.
//!
//! A line of a batch file is about 80 bytes with 18 delimiters: searching for each delimiter
//! with its own `memchr` call costs more in set-up than in search. One pass over 16-byte blocks
//! that returns a bit mask of the interesting bytes, read off with `trailing_zeros`, costs about
//! one instruction per byte plus a few per delimiter.

/// What to look for.
#[derive(Clone, Copy)]
pub struct Needles {
    delimiter: u8,
}

impl Needles {
    pub fn new(delimiter: u8) -> Needles {
        Needles { delimiter }
    }

    /// Two masks of the first 16 bytes of `bytes`: bit `i` of the first is set when `bytes[i]`
    /// is the delimiter, of the second when it is `"`, `\r` or `\n`. Kept apart, a field costs
    /// one bit scan and no second look at its byte.
    #[inline]
    pub fn masks(self, bytes: &[u8]) -> (u32, u32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(block) = bytes.first_chunk::<16>() {
            return self.masks16_sse2(block);
        }
        self.masks_scalar(bytes)
    }

    /// [`Needles::masks`] of the first 32 bytes, on a processor with AVX2 (the caller checks,
    /// with [`Needles::avx2`]).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    pub fn masks32(self, bytes: &[u8]) -> (u32, u32) {
        use std::arch::x86_64::{
            _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
            _mm256_set1_epi8,
        };
        let Some(block) = bytes.first_chunk::<32>() else {
            return self.masks_scalar_n(bytes, 32);
        };
        // SAFETY: the load reads exactly the 32 bytes of `block` and has no alignment
        // requirement; AVX2 is enabled on this function.
        unsafe {
            let v = _mm256_loadu_si256(block.as_ptr().cast());
            let hit = |b: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b as i8));
            let specials = _mm256_or_si256(_mm256_or_si256(hit(b'"'), hit(b'\r')), hit(b'\n'));
            (
                _mm256_movemask_epi8(hit(self.delimiter)) as u32,
                _mm256_movemask_epi8(specials) as u32,
            )
        }
    }

    /// Whether this processor has AVX2, for [`Needles::masks32`].
    pub fn avx2() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            std::arch::is_x86_feature_detected!("avx2")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }

    fn masks_scalar(self, bytes: &[u8]) -> (u32, u32) {
        self.masks_scalar_n(bytes, 16)
    }

    /// The masks of the first `n` bytes (at most 32), one byte at a time.
    fn masks_scalar_n(self, bytes: &[u8], n: usize) -> (u32, u32) {
        let (mut delimiters, mut specials) = (0, 0);
        for (i, &b) in bytes.iter().take(n).enumerate() {
            if b == self.delimiter {
                delimiters |= 1 << i;
            } else if b == b'"' || b == b'\r' || b == b'\n' {
                specials |= 1 << i;
            }
        }
        (delimiters, specials)
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn masks16_sse2(self, block: &[u8; 16]) -> (u32, u32) {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86_64 target; the load reads exactly the 16 bytes of
        // `block` and has no alignment requirement.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast());
            let hit = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let specials = _mm_or_si128(_mm_or_si128(hit(b'"'), hit(b'\r')), hit(b'\n'));
            (
                _mm_movemask_epi8(hit(self.delimiter)) as u32 & 0xFFFF,
                _mm_movemask_epi8(specials) as u32 & 0xFFFF,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `len` pseudo-random bytes, one in eight of each byte that matters to CSV.
    fn bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        while out.len() < len {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            out.extend(seed.to_le_bytes().iter().map(|b| match b % 8 {
                0 => b',',
                1 => b'"',
                2 => b'\r',
                3 => b'\n',
                4 => b'\t',
                _ => *b,
            }));
        }
        out.truncate(len);
        out
    }

    #[test]
    fn block_and_scalar_masks_agree() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            let bytes = bytes(&mut seed, 16);
            for d in [b',', b'\t', b';'] {
                let n = Needles::new(d);
                assert_eq!(n.masks(&bytes), n.masks_scalar(&bytes), "{bytes:?}");
            }
        }
        let n = Needles::new(b',');
        assert_eq!(n.masks(b"a,b\"c\rd\ne,"), (0b10_0000_0010, 0b1010_1000));
        assert_eq!(
            n.masks(b"a,b\"c\rd\ne,......."),
            (0b10_0000_0010, 0b1010_1000)
        );
        assert_eq!(n.masks(b""), (0, 0));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_and_scalar_masks_agree() {
        if !Needles::avx2() {
            return; // nothing to compare on this processor
        }
        // whole blocks of 32 and short tails
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for len in (0..20_000).map(|k| k % 41) {
            let bytes = bytes(&mut seed, len);
            for d in [b',', b'\t'] {
                let n = Needles::new(d);
                // SAFETY: AVX2 was detected above.
                let fast = unsafe { n.masks32(&bytes) };
                assert_eq!(fast, n.masks_scalar_n(&bytes, 32), "{bytes:?}");
            }
        }
    }
}
