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

    /// Bit `i` is set when `bytes[i]` is the delimiter, `"`, `\r` or `\n`; only the first 16
    /// bytes are looked at.
    #[inline]
    pub fn mask(self, bytes: &[u8]) -> u32 {
        #[cfg(target_arch = "x86_64")]
        if let Some(block) = bytes.first_chunk::<16>() {
            return self.mask16_sse2(block);
        }
        self.mask_scalar(bytes)
    }

    fn mask_scalar(self, bytes: &[u8]) -> u32 {
        let mut m = 0;
        for (i, &b) in bytes.iter().take(16).enumerate() {
            if b == self.delimiter || b == b'"' || b == b'\r' || b == b'\n' {
                m |= 1 << i;
            }
        }
        m
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn mask16_sse2(self, block: &[u8; 16]) -> u32 {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86_64 target; the load reads exactly the 16 bytes of
        // `block` and has no alignment requirement.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast());
            let hit = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let any = _mm_or_si128(
                _mm_or_si128(hit(self.delimiter), hit(b'"')),
                _mm_or_si128(hit(b'\r'), hit(b'\n')),
            );
            _mm_movemask_epi8(any) as u32 & 0xFFFF
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_scalar_masks_agree() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let bytes: Vec<u8> = seed
                .to_le_bytes()
                .iter()
                .chain(seed.rotate_left(29).to_le_bytes().iter())
                .map(|b| match b % 8 {
                    0 => b',',
                    1 => b'"',
                    2 => b'\r',
                    3 => b'\n',
                    4 => b'\t',
                    _ => *b,
                })
                .collect();
            for d in [b',', b'\t', b';'] {
                let n = Needles::new(d);
                assert_eq!(n.mask(&bytes), n.mask_scalar(&bytes), "{bytes:?}");
            }
        }
        let n = Needles::new(b',');
        assert_eq!(n.mask(b"a,b\"c\rd\ne"), 0b1010_1010);
        assert_eq!(n.mask(b""), 0);
    }
}
